#include "domain/sharing/public_page.h"

namespace domain {

std::string_view KindName(PublicPageKind kind) {
  return kind == PublicPageKind::kForm ? "form" : "lookup";
}

std::optional<PublicPageKind> ParseKind(std::string_view name) {
  if (name == "form") return PublicPageKind::kForm;
  if (name == "lookup") return PublicPageKind::kLookup;
  return std::nullopt;
}

}  // namespace domain
