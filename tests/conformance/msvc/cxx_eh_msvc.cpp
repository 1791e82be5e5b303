// MSVC's C++ exception model (x64 __CxxFrameHandler3 tables, _CxxThrowException),
// as clang emits it for x86_64-pc-windows-msvc: catch by value, reference and
// pointer, base classes (with multiple and virtual inheritance), qualifiers,
// catch(...), rethrow, nested try blocks, exceptions thrown inside catch blocks,
// destructors during unwinding, exceptions crossing msvcrt's qsort. With an
// argument "dtor" it checks std::terminate instead: a destructor throwing during
// unwinding ends in the terminate handler (exit status 7).
#include "msvc_tap.h"

extern "C" bool __uncaught_exception();
extern "C" const char* GetCommandLineA();
using terminate_handler = void (*)();
terminate_handler set_terminate(terminate_handler handler) noexcept;

namespace {

int constructed, copied, destroyed;

struct Counted {
  int value;
  explicit Counted(int v) : value(v) { ++constructed; }
  Counted(const Counted& other) : value(other.value) { ++copied; }
  ~Counted() { ++destroyed; }
};

struct Base {
  int base_value = 1;
  virtual ~Base() {}
};
struct Other {
  int other_value = 2;
  virtual ~Other() {}
};
struct Derived : Base, Other {
  int derived_value = 3;
};

struct VBase {
  int v = 40;
};
struct VLeft : virtual VBase {
  int l = 41;
};
struct VRight : virtual VBase {
  int r = 42;
};
struct Diamond : VLeft, VRight {
  int d = 43;
};

volatile bool destructor_throws = true;  // volatile: the compiler must keep the catches reachable
int unwound;
bool uncaught_during_unwind;
struct Sentinel {
  ~Sentinel() {
    ++unwound;
    if (__uncaught_exception()) uncaught_during_unwind = true;
  }
};

[[gnu::noinline]] void throw_counted(int v) {
  Sentinel s;
  throw Counted(v);
}

[[gnu::noinline]] void deep(int depth) {
  Sentinel s;
  if (depth == 0) throw 99;
  deep(depth - 1);
}

int compare_throwing(const void* a, const void* b) {
  Sentinel s;
  if (*static_cast<const int*>(a) == 13 || *static_cast<const int*>(b) == 13) throw Counted(13);
  return *static_cast<const int*>(a) - *static_cast<const int*>(b);
}

void basic() {
  try {
    throw 42;
  } catch (long) {
    tap_ok(false, "catch(long) does not take an int");
  } catch (int v) {
    tap_int(v, 42, "int caught by value");
  }

  constructed = copied = destroyed = 0;
  try {
    throw_counted(7);
  } catch (Counted c) {
    tap_int(c.value, 7, "class caught by value");
    tap_int(copied, 1, "the catch parameter is copy-constructed");
  }
  tap_int(destroyed, constructed + copied, "thrown object and parameter destroyed after the catch");

  constructed = copied = destroyed = 0;
  const void* address = nullptr;
  try {
    throw_counted(8);
  } catch (const Counted& c) {
    address = &c;
    tap_int(c.value, 8, "class caught by const reference");
    tap_int(copied, 0, "a reference parameter is not a copy");
    tap_int(destroyed, 0, "the object lives while the catch runs");
  }
  tap_ok(address != nullptr, "reference bound");
  tap_int(destroyed, 1, "the object is destroyed once after the catch");
}

void hierarchy() {
  try {
    throw Derived();
  } catch (Other& o) {
    tap_int(o.other_value, 2, "derived caught as second base by reference (adjusted this)");
  }
  try {
    throw Derived();
  } catch (Base b) {
    tap_int(b.base_value, 1, "derived caught as base by value");
  }
  Derived d;
  try {
    throw &d;
  } catch (Other* o) {
    tap_ok(o == static_cast<Other*>(&d), "pointer to derived caught as pointer to second base");
  }
  try {
    throw Diamond();
  } catch (VBase& v) {
    tap_int(v.v, 40, "virtual base caught by reference");
  }
  const Derived* cd = &d;
  int which = 0;
  try {
    throw cd;
  } catch (Derived*) {
    which = 1;
  } catch (...) {
    which = 2;
  }
  tap_int(which, 2, "pointer to const is not caught as pointer to non-const");
  try {
    throw cd;
  } catch (const Base* b) {
    tap_ok(b == cd, "pointer to const derived caught as pointer to const base");
  }
  try {
    throw &d;
  } catch (void* p) {
    tap_ok(p == &d, "any object pointer caught as void*");
  }
  try {
    throw 3.5;
  } catch (...) {
    tap_ok(true, "catch(...) takes a double");
  }
}

void rethrow_and_nesting() {
  constructed = copied = destroyed = 0;
  const void* first = nullptr;
  const void* second = nullptr;
  try {
    try {
      throw_counted(5);
    } catch (Counted& c) {
      first = &c;
      c.value = 6;
      throw;
    }
  } catch (Counted& c) {
    second = &c;
    tap_int(c.value, 6, "rethrow passes the same object on");
  }
  tap_ok(first && first == second, "rethrown object keeps its address");
  tap_int(destroyed, 1, "rethrown object destroyed once");

  int inner = 0, outer = 0;
  try {
    try {
      throw 1;
    } catch (int) {
      try {
        throw 2.0;
      } catch (double) {
        inner = 1;
      }
      throw 'x';
    }
  } catch (char c) {
    outer = c;
  }
  tap_int(inner, 1, "try/catch nested inside a catch block");
  tap_int(outer, 'x', "a new exception thrown inside a catch block reaches the outer try");

  constructed = copied = destroyed = 0;
  try {
    try {
      throw_counted(1);
    } catch (Counted&) {
      throw 5;  // leaves the catch: the Counted object is destroyed
    }
  } catch (int v) {
    tap_int(v, 5, "exception replacing the one being handled");
    tap_int(destroyed, 1, "the replaced exception's object is destroyed");
  }

  int caught = 0;
  try {
    try {
      throw 1;
    } catch (double) {
      caught = -1;
    }
  } catch (int) {
    caught = 1;
  }
  tap_int(caught, 1, "no matching clause: the enclosing try catches");
}

void unwinding() {
  unwound = 0;
  uncaught_during_unwind = false;
  try {
    deep(4);
  } catch (int v) {
    tap_int(v, 99, "exception from five frames down");
  }
  tap_int(unwound, 5, "one destructor per unwound frame");
  tap_ok(uncaught_during_unwind, "__uncaught_exception() is true during unwinding");
  tap_ok(!__uncaught_exception(), "__uncaught_exception() is false after the catch");

  unwound = 0;
  int values[] = {5, 13, 1, 9};
  try {
    qsort(values, 4, sizeof(int), compare_throwing);
  } catch (const Counted& c) {
    tap_int(c.value, 13, "exception thrown in a qsort callback crosses msvcrt");
  }
  tap_int(unwound, 1, "destructor in the callback ran");
}

int caught_in_destructor;
struct CatchingDestructor {
  ~CatchingDestructor() {
    try {
      if (destructor_throws) throw 3;
    } catch (int v) {
      caught_in_destructor = v;
    }
  }
};

void destructor_catching_during_unwind() {
  int outer = 0;
  try {
    CatchingDestructor d;
    throw 1;
  } catch (int v) {
    outer = v;
  }
  tap_int(caught_in_destructor, 3, "a destructor running during unwinding catches its own exception");
  tap_int(outer, 1, "the first exception still reaches its catch");
}

struct ThrowingDestructor {
  ~ThrowingDestructor() noexcept(false) {
    if (destructor_throws) throw 2;
  }
};

void terminating() {
  tap_ok(true, "a destructor throwing during unwinding ends in the terminate handler");
  tap_done();
  exit(7);
}

bool has_argument(const char* word) {
  const char* line = GetCommandLineA();
  for (const char* p = line; *p; ++p) {
    const char* a = p;
    const char* b = word;
    while (*b && *a == *b) ++a, ++b;
    if (!*b && (*a == 0 || *a == ' ')) return true;
  }
  return false;
}

}  // namespace

int main() {
  if (has_argument("dtor")) {
    set_terminate(terminating);
    try {
      ThrowingDestructor t;
      throw 1;
    } catch (...) {
      tap_ok(false, "a destructor throwing during unwinding ends in the terminate handler");
    }
    return tap_done();
  }
  basic();
  hierarchy();
  rethrow_and_nesting();
  unwinding();
  destructor_catching_during_unwind();
  return tap_done();
}

// What a program gets from the CRT's static part (no CRT library is linked here).
extern "C" int mainCRTStartup() { exit(main()); }
extern "C" int _fltused = 0;
[[noreturn]] void terminate() noexcept;  // msvcrt's ?terminate@@YAXXZ
extern "C" void __std_terminate() { terminate(); }
void operator delete(void*) noexcept {}
void operator delete(void*, unsigned long long) noexcept {}
extern "C" const void* const sill_type_info_vftable[1] = {nullptr};
#pragma comment(linker, "/alternatename:??_7type_info@@6B@=sill_type_info_vftable")
