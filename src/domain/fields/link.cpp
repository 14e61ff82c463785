#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/lookup_definition.h"
#include "domain/fields/text_field.h"

namespace domain {
namespace {

bool IsAsciiSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

bool HasSpace(std::string_view s) {
  for (char c : s) {
    if (IsAsciiSpace(c)) return true;
  }
  return false;
}

bool StartsWithNoCase(std::string_view s, std::string_view prefix) {
  if (s.size() < prefix.size()) return false;
  for (size_t i = 0; i < prefix.size(); ++i) {
    char c = s[i];
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    if (c != prefix[i]) return false;
  }
  return true;
}

bool IsWebUrl(std::string_view s) {
  size_t rest = 0;
  if (StartsWithNoCase(s, "http://")) rest = 7;
  if (StartsWithNoCase(s, "https://")) rest = 8;
  if (rest == 0 || rest == s.size() || HasSpace(s)) return false;
  char host_start = s[rest];
  return host_start != '/' && host_start != '?' && host_start != '#';
}

bool IsPhoneNumber(std::string_view s) {
  bool digit = false;
  for (char c : s) {
    if (c >= '0' && c <= '9') {
      digit = true;
    } else if (c != '+' && c != '-' && c != '(' && c != ')' && c != ' ' && c != '.' && c != '#' &&
               c != '*') {
      return false;
    }
  }
  return digit;
}

bool IsMailAddress(std::string_view s) {
  size_t at = s.find('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= s.size()) return false;
  return s.find('@', at + 1) == std::string_view::npos && !HasSpace(s);
}

// LINK: a URL, phone number or e-mail address per `protocol`, checked on write.
class LinkBehavior final : public TextFieldBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kLink; }
  bool SupportsUnique() const override { return true; }
  bool SupportsLookup() const override { return true; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    if (NormalizeLookup(r)) return;
    r.Bool("required", false);
    r.Unique();
    r.String("defaultValue", "");
    NormalizeLengths(r);
    r.Enum("protocol", {"WEB", "CALL", "MAIL"}, "WEB");
  }

  void Validate(const boost::json::value& value, WriteArgs& args) const override {
    CheckLength(value, args);
    const boost::json::string* s = value.if_string();
    if (s == nullptr || s->empty()) return;
    switch (args.def.protocol) {
      case LinkProtocol::kWeb:
        if (!IsWebUrl(Sv(*s))) args.Fail(args.key.With(".value"), common::Text::kBadUrl);
        break;
      case LinkProtocol::kCall:
        if (!IsPhoneNumber(Sv(*s))) {
          args.Fail(args.key.With(".value"), common::Text::kBadPhoneNumber);
        }
        break;
      case LinkProtocol::kMail:
        if (!IsMailAddress(Sv(*s))) {
          args.Fail(args.key.With(".value"), common::Text::kBadMailAddress);
        }
        break;
    }
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeLinkBehavior() { return std::make_unique<LinkBehavior>(); }

}  // namespace domain
