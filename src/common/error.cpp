#include "common/error.h"

namespace common {

Error& Error::AddField(std::string key, Text text, std::vector<std::string> args) {
  return AddField(std::move(key), common::Message{text, std::move(args)});
}

Error& Error::AddField(std::string key, common::Message message) {
  for (FieldError& f : fields_) {
    if (f.key == key) {
      f.messages.push_back(std::move(message));
      return *this;
    }
  }
  fields_.push_back(FieldError{std::move(key), {std::move(message)}});
  return *this;
}

Error& Error::MergeFields(const Error& other, std::string_view prefix) {
  for (const FieldError& f : other.fields_) {
    for (const common::Message& m : f.messages) AddField(std::string(prefix) + f.key, m);
  }
  return *this;
}

std::string Error::Message(Lang lang) const { return Render(TopMessage(code_), lang, args_); }

std::string Error::ToString() const {
  std::string s(KintoneCode(code_));
  s += ' ';
  s += Message(Lang::kEn);
  for (const FieldError& f : fields_) {
    s += " [" + f.key + ":";
    for (const common::Message& m : f.messages) s += " " + Render(m, Lang::kEn);
    s += "]";
  }
  if (!detail_.empty()) s += " (" + detail_ + ")";
  return s;
}

}  // namespace common
