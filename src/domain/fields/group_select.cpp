#include "domain/fields/behaviors.h"
#include "domain/fields/entity_field.h"

namespace domain {
namespace {

// GROUP_SELECT: groups (roles).
class GroupSelectBehavior final : public EntitySelectBehavior {
 public:
  GroupSelectBehavior() : EntitySelectBehavior(EntityKind::kGroup, "GROUP", "") {}
  common::FieldType type() const override { return common::FieldType::kGroupSelect; }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeGroupSelectBehavior() {
  return std::make_unique<GroupSelectBehavior>();
}

}  // namespace domain
