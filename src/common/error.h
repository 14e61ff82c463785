// The one error model. An Error names a registry code (kintone code, HTTP status, localised
// top message), carries field-level messages for kintone's `errors` object, and an internal
// detail that only reaches the log. Only api/error_response.cpp turns it into JSON.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "common/error_code.h"
#include "common/text.h"

namespace common {

// One entry of kintone's `errors` map: "record.title.value" -> {"messages": [...]}.
struct FieldError {
  std::string key;
  std::vector<Message> messages;
};

class Error {
 public:
  explicit Error(ErrorCode code, std::vector<std::string> args = {})
      : code_(code), args_(std::move(args)) {}

  // CB_VA01 with no field errors yet; add them with AddField.
  static Error Validation() { return Error(ErrorCode::kInvalidInput); }
  // CB_VA01 with one field error.
  static Error Invalid(std::string key, Text text, std::vector<std::string> args = {}) {
    Error e = Validation();
    e.AddField(std::move(key), text, std::move(args));
    return e;
  }
  static Error Internal(std::string detail) {
    Error e(ErrorCode::kInternal);
    e.detail_ = std::move(detail);
    return e;
  }

  // Appends a message to `key`, keeping the order in which keys were first added.
  Error& AddField(std::string key, Text text, std::vector<std::string> args = {});
  Error& AddField(std::string key, Message message);
  // Moves every field error of `other` in under `prefix` + its key.
  Error& MergeFields(const Error& other, std::string_view prefix = "");
  Error& WithDetail(std::string detail) {
    detail_ = std::move(detail);
    return *this;
  }

  ErrorCode code() const { return code_; }
  const std::vector<std::string>& args() const { return args_; }
  const std::vector<FieldError>& fields() const { return fields_; }
  bool has_fields() const { return !fields_.empty(); }
  const std::string& detail() const { return detail_; }

  // The top-level message in `lang`.
  std::string Message(Lang lang) const;
  // For logs and test failures: "CB_VA01 record.x.value: 必須です。 (detail)".
  std::string ToString() const;

 private:
  ErrorCode code_;
  std::vector<std::string> args_;
  std::vector<FieldError> fields_;
  std::string detail_;
};

}  // namespace common
