// C++ exceptions as mingw-w64's g++ implements them on x64 Windows: throw
// raises an SEH exception, _GCC_specific_handler (libgcc, linked into the
// program) finds the catch with RtlVirtualUnwind/RtlLookupFunctionEntry and
// gets there with RtlUnwindEx, running destructors on the way. These checks
// pass on Windows; they are the contract for Sill's unwinder.
#include <cstring>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include "tap.h"

namespace {

int constructed = 0;
int destroyed = 0;
std::string order;

struct Counter {
    char tag;
    explicit Counter(char t) : tag(t) { ++constructed; }
    ~Counter() {
        ++destroyed;
        order += tag;
    }
};

[[gnu::noinline]] void level3(int v) {
    Counter c('3');
    if (v) throw v;
}
[[gnu::noinline]] void level2(int v) {
    Counter c('2');
    level3(v);
    order += 'x';  // never reached when level3 throws
}
[[gnu::noinline]] int level1(int v) {
    Counter c('1');
    level2(v);
    return 0;
}

struct Base {
    virtual ~Base() = default;
    virtual int id() const { return 1; }
};
struct Derived : Base {
    int id() const override { return 2; }
};
struct Custom {
    int a, b;
};

[[gnu::noinline]] void throw_derived() { throw Derived(); }
[[gnu::noinline]] void throw_custom() { throw Custom{7, 9}; }
[[gnu::noinline]] void throw_string() { throw std::string("a string"); }
[[gnu::noinline]] void throw_double() { throw 2.5; }

[[gnu::noinline]] int recurse(int depth) {
    Counter c('r');
    if (depth == 0) throw std::runtime_error("bottom");
    return recurse(depth - 1) + 1;
}

struct Member {
    static int alive;
    Member() { ++alive; }
    ~Member() { --alive; }
};
int Member::alive = 0;
struct ThrowsInConstructor {
    Member m1, m2;
    ThrowsInConstructor() { throw std::logic_error("ctor"); }
};

}  // namespace

int main() {
    // 1-4: across three functions, destructors innermost first, value preserved.
    int caught = 0;
    try {
        level1(42);
    } catch (int v) {
        caught = v;
    }
    tap_int(caught, 42, "an int thrown three frames down is caught by value");
    tap_int(destroyed, 3, "the three frames' destructors ran during unwinding");
    tap_str(order.c_str(), "321", "destructors ran innermost first, and code after the throw did not run");
    tap_int(constructed, 3, "no extra objects were constructed");

    // 5: no throw: normal path untouched.
    order.clear();
    tap_int(level1(0), 0, "the same functions return normally when nothing is thrown");

    // 6-7: rethrow with throw; and with std::rethrow_exception.
    int rethrown = 0;
    try {
        try {
            level3(5);
        } catch (int) {
            throw;
        }
    } catch (int v) {
        rethrown = v;
    }
    tap_int(rethrown, 5, "throw; rethrows the exception being handled");
    std::exception_ptr saved;
    try {
        throw std::runtime_error("saved");
    } catch (...) {
        saved = std::current_exception();
    }
    std::string what;
    try {
        std::rethrow_exception(saved);
    } catch (const std::runtime_error& e) {
        what = e.what();
    }
    tap_str(what.c_str(), "saved", "std::rethrow_exception rethrows a saved exception");

    // 8-11: handler selection by type.
    int id = 0;
    try {
        throw_derived();
    } catch (const Base& b) {
        id = b.id();
    }
    tap_int(id, 2, "a derived class is caught by a base-class reference");
    int sum = 0;
    try {
        throw_custom();
    } catch (...) {
        sum = -1;
    }
    tap_int(sum, -1, "catch (...) catches a class type");
    try {
        throw_custom();
    } catch (const Custom& c) {
        sum = c.a + c.b;
    }
    tap_int(sum, 16, "a custom class is caught with its contents");
    int which = 0;
    try {
        throw_double();
    } catch (int) {
        which = 1;
    } catch (const std::string&) {
        which = 2;
    } catch (double d) {
        which = d == 2.5 ? 3 : 4;
    }
    tap_int(which, 3, "the first matching catch clause is chosen (double skips int and string)");
    try {
        throw_string();
    } catch (const std::string& s) {
        what = s;
    }
    tap_str(what.c_str(), "a string", "a std::string is thrown and caught by reference");

    // 12-13: exceptions from the standard library.
    std::vector<int> v(3);
    bool out_of_range = false;
    try {
        v.at(10) = 1;
    } catch (const std::out_of_range& e) {
        out_of_range = std::strlen(e.what()) > 0;
    }
    tap_ok(out_of_range, "vector::at out of range throws std::out_of_range with a message");
    bool logic = false;
    try {
        std::string s("abc");
        s.substr(10);
    } catch (const std::logic_error&) {
        logic = true;
    }
    tap_ok(logic, "string::substr past the end throws a std::logic_error");

    // 14: an exception thrown and caught inside a catch block.
    int inner = 0, outer = 0;
    try {
        throw 1;
    } catch (int a) {
        try {
            throw 2;
        } catch (int b) {
            inner = b;
        }
        outer = a;
    }
    tap_ok(inner == 2 && outer == 1, "a nested throw inside a catch block leaves the outer exception intact");

    // 15: through std::function and a lambda.
    std::function<void()> f = [] { level3(9); };
    caught = 0;
    try {
        f();
    } catch (int x) {
        caught = x;
    }
    tap_int(caught, 9, "an exception crosses std::function and a lambda");

    // 16-17: deep recursion.
    destroyed = 0;
    order.clear();
    bool bottom = false;
    try {
        recurse(200);
    } catch (const std::runtime_error& e) {
        bottom = std::strcmp(e.what(), "bottom") == 0;
    }
    tap_ok(bottom, "an exception thrown 200 frames down reaches main");
    tap_int(destroyed, 201, "every frame's destructor ran");

    // 18: members of a partly constructed object are destroyed.
    try {
        ThrowsInConstructor t;
    } catch (const std::logic_error&) {
    }
    tap_int(Member::alive, 0, "members of an object whose constructor threw are destroyed");

    // 19: many throws in a row (no leak of unwinder state).
    int count = 0;
    for (int i = 0; i < 2000; ++i) {
        try {
            level3(i + 1);
        } catch (int x) {
            if (x == i + 1) ++count;
        }
    }
    tap_int(count, 2000, "2000 consecutive throws are all caught");

    return tap_done();
}
