// A small value-or-error type (C++20 has no std::expected).
#pragma once
#include <string>
#include <optional>
#include <utility>
#include <variant>

namespace sill {

// An error that reads as a sentence a person understands.
struct Error {
  std::string message;
};

template <class E>
struct Unexpected {
  E error;
};
template <class E>
Unexpected(E) -> Unexpected<E>;

inline Unexpected<Error> fail(std::string message) { return {Error{std::move(message)}}; }

template <class T, class E = Error>
class Expected {
 public:
  Expected(T value) : v_(std::in_place_index<0>, std::move(value)) {}
  template <class U>
  Expected(Unexpected<U> u) : v_(std::in_place_index<1>, E(std::move(u.error))) {}

  bool has_value() const { return v_.index() == 0; }
  explicit operator bool() const { return has_value(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const E& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, E> v_;
};

// Success without a value, or an error.
template <class E>
class Expected<void, E> {
 public:
  Expected() = default;
  template <class U>
  Expected(Unexpected<U> u) : e_(E(std::move(u.error))) {}

  bool has_value() const { return !e_.has_value(); }
  explicit operator bool() const { return has_value(); }
  const E& error() const { return *e_; }

 private:
  std::optional<E> e_;
};

}  // namespace sill
