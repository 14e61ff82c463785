#include "domain/users/directory_rules.h"

#include "common/utf8.h"

namespace domain {

using common::Error;
using common::Status;
using common::Text;

std::string ItemKey(std::string_view list, size_t index) {
  return std::string(list) + "[" + std::to_string(index) + "]";
}

Status CheckBatchSize(std::string_view list, size_t size) {
  if (size == 0) return Error::Invalid(std::string(list), Text::kRequiredParam);
  if (size > kMaxDirectoryItems) {
    return Error::Invalid(std::string(list), Text::kTooManyItems,
                          {std::to_string(kMaxDirectoryItems)});
  }
  return Status::Ok();
}

namespace {

// Empty, or only ASCII white space and ideographic spaces (U+3000).
bool IsBlank(std::string_view s) {
  for (size_t i = 0; i < s.size();) {
    if (s.substr(i, 3) == "\xE3\x80\x80") {
      i += 3;
    } else if (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n') {
      ++i;
    } else {
      return false;
    }
  }
  return true;
}

void CheckText(std::string_view s, const std::string& key, size_t max, Error& errors) {
  if (IsBlank(s)) {
    errors.AddField(key, Text::kRequired);
  } else if (common::Utf8Length(s) > max) {
    errors.AddField(key, Text::kTooLongParam, {std::to_string(max)});
  }
}

}  // namespace

void CheckCode(std::string_view code, const std::string& key, Error& errors) {
  CheckText(code, key, kMaxCodeLength, errors);
}

void CheckName(std::string_view name, const std::string& key, Error& errors) {
  CheckText(name, key, kMaxNameLength, errors);
}

Status Verdict(Error errors) {
  if (!errors.has_fields()) return Status::Ok();
  return errors;
}

Status WriteDirectory(TransactionRunner& db, const std::function<void()>& on_change,
                      const std::function<Status(Transaction&, Error&)>& work) {
  TK_RETURN_IF_ERROR(db.Write([&](Transaction& tx) -> Status {
    Error errors = Error::Validation();
    TK_RETURN_IF_ERROR(work(tx, errors));
    return Verdict(std::move(errors));
  }));
  if (on_change) on_change();
  return Status::Ok();
}

}  // namespace domain
