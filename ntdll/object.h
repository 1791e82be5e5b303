// Kernel objects: the typed, reference-counted things handles point to.
#pragma once
#include <atomic>
#include <string_view>
#include <cstdint>
#include <utility>

namespace sill::nt {

enum class ObjectType : std::uint8_t {
  File,       // a Unix fd: files, directories, pipes, ttys
  FindFile,   // FindFirstFile search state
  Event,
  Mutex,
  Semaphore,
  Thread,
  Process,
  Section,   // a file mapping (CreateFileMapping)
  Key,       // a registry key (ntdll/registry_key.h)
  IoCompletion,  // an I/O completion port
  Other,
};

class Object;
// The named-object directory (object_namespace.cpp); see there.
bool insert_named_object(Object* obj, std::u16string_view name);

class Object {
 public:
  explicit Object(ObjectType t) : type_(t) {}
  virtual ~Object() = default;
  Object(const Object&) = delete;
  Object& operator=(const Object&) = delete;

  ObjectType type() const { return type_; }
  // Handle bookkeeping (handle_table.cpp): some objects act when their last handle closes, while
  // references held elsewhere (a waiter, pending I/O) keep them alive: a completion port wakes its
  // waiters, a file cancels its pending I/O.
  void handle_opened() { handles_.fetch_add(1, std::memory_order_relaxed); }
  void handle_closed() {
    if (handles_.fetch_sub(1, std::memory_order_acq_rel) == 1) last_handle_closed();
  }
  virtual void last_handle_closed() {}
  void add_ref() { refs_.fetch_add(1, std::memory_order_relaxed); }
  // A reference unless the object is already being destroyed (for the name directory).
  bool try_add_ref() {
    int n = refs_.load(std::memory_order_relaxed);
    while (n > 0)
      if (refs_.compare_exchange_weak(n, n + 1, std::memory_order_acq_rel)) return true;
    return false;
  }
  void release() {
    if (refs_.fetch_sub(1, std::memory_order_acq_rel) == 1) {
      if (named_) forget_name(this);
      delete this;
    }
  }

 private:
  friend bool insert_named_object(Object* obj, std::u16string_view name);
  static void forget_name(Object* obj);
  std::atomic<int> refs_{1};
  std::atomic<int> handles_{0};
  ObjectType type_;
  bool named_ = false;
};

// An owning pointer to an object; T declares `static constexpr ObjectType kType`
// (or is Object itself).
template <class T>
class Ref {
 public:
  Ref() = default;
  // Adopts the reference a `new T` starts with.
  static Ref adopt(T* p) {
    Ref r;
    r.p_ = p;
    return r;
  }
  // Adds a reference to an object already owned elsewhere.
  static Ref share(T* p) {
    if (p) p->add_ref();
    return adopt(p);
  }
  Ref(const Ref& o) : p_(o.p_) {
    if (p_) p_->add_ref();
  }
  Ref(Ref&& o) noexcept : p_(std::exchange(o.p_, nullptr)) {}
  template <class U>
  Ref(Ref<U> o) : p_(o.detach()) {}
  Ref& operator=(Ref o) noexcept {
    std::swap(p_, o.p_);
    return *this;
  }
  ~Ref() {
    if (p_) p_->release();
  }
  T* get() const { return p_; }
  T* operator->() const { return p_; }
  T& operator*() const { return *p_; }
  explicit operator bool() const { return p_ != nullptr; }
  T* detach() { return std::exchange(p_, nullptr); }

 private:
  T* p_ = nullptr;
};

template <class T, class... A>
Ref<T> make_object(A&&... args) {
  return Ref<T>::adopt(new T(std::forward<A>(args)...));
}

}  // namespace sill::nt
