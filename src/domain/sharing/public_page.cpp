#include "domain/sharing/public_page.h"

namespace domain {

std::string_view KindName(PublicPageKind kind) {
  switch (kind) {
    case PublicPageKind::kForm:
      return "form";
    case PublicPageKind::kLookup:
      return "lookup";
    case PublicPageKind::kDashboard:
      break;
  }
  return "dashboard";
}

std::optional<PublicPageKind> ParseKind(std::string_view name) {
  if (name == "form") return PublicPageKind::kForm;
  if (name == "lookup") return PublicPageKind::kLookup;
  if (name == "dashboard") return PublicPageKind::kDashboard;
  return std::nullopt;
}

}  // namespace domain
