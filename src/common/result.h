// Result<T>: a value or an Error, for every expected failure (STYLE.md rule 4).
// Thread-compatible value type.
#pragma once

#include <cassert>
#include <utility>
#include <variant>

#include "common/error.h"

namespace common {

template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit by design
  Result(Error error) : v_(std::move(error)) {}  // NOLINT

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }

  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  const Error& error() const& { return std::get<1>(v_); }
  Error&& error() && { return std::get<1>(std::move(v_)); }

 private:
  std::variant<T, Error> v_;
};

// Success carries nothing; failure an Error.
class [[nodiscard]] Status {
 public:
  Status() = default;
  Status(Error error) : error_(std::move(error)), failed_(true) {}  // NOLINT
  static Status Ok() { return {}; }

  bool ok() const { return !failed_; }
  explicit operator bool() const { return ok(); }
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_{ErrorCode::kInternal};
  bool failed_ = false;
};

}  // namespace common

#define TK_CONCAT_INNER(a, b) a##b
#define TK_CONCAT(a, b) TK_CONCAT_INNER(a, b)

// Returns the error of a failed Status/Result from the enclosing function.
#define TK_RETURN_IF_ERROR(expr)                          \
  do {                                                    \
    auto&& tk_status_ = (expr);                           \
    if (!tk_status_.ok()) return std::move(tk_status_).error(); \
  } while (0)

// TK_ASSIGN_OR_RETURN(auto x, Foo()); binds x to Foo()'s value or returns its error.
#define TK_ASSIGN_OR_RETURN(lhs, expr) \
  TK_ASSIGN_OR_RETURN_IMPL(TK_CONCAT(tk_result_, __LINE__), lhs, expr)
#define TK_ASSIGN_OR_RETURN_IMPL(tmp, lhs, expr) \
  auto tmp = (expr);                             \
  if (!tmp.ok()) return std::move(tmp).error();  \
  lhs = std::move(tmp).value()
