#include "domain/fields/behaviors.h"
#include "domain/fields/entity_field.h"

namespace domain {
namespace {

// ORGANIZATION_SELECT: organizations; the default may name PRIMARY_ORGANIZATION().
class OrganizationSelectBehavior final : public EntitySelectBehavior {
 public:
  OrganizationSelectBehavior()
      : EntitySelectBehavior(EntityKind::kOrganization, "ORGANIZATION", "PRIMARY_ORGANIZATION()") {}
  common::FieldType type() const override { return common::FieldType::kOrganizationSelect; }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeOrganizationSelectBehavior() {
  return std::make_unique<OrganizationSelectBehavior>();
}

}  // namespace domain
