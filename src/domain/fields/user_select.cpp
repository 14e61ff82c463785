#include "domain/fields/behaviors.h"
#include "domain/fields/entity_field.h"

namespace domain {
namespace {

// USER_SELECT: users; the default may name LOGINUSER(), the writing user.
class UserSelectBehavior final : public EntitySelectBehavior {
 public:
  UserSelectBehavior() : EntitySelectBehavior(EntityKind::kUser, "USER", "LOGINUSER()") {}
  common::FieldType type() const override { return common::FieldType::kUserSelect; }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeUserSelectBehavior() {
  return std::make_unique<UserSelectBehavior>();
}

}  // namespace domain
