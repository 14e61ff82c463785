#include "domain/fields/behaviors.h"
#include "domain/fields/choice_field.h"

namespace domain {
namespace {

// DROP_DOWN: at most one option; "" is stored as null (§4.1).
class DropDownBehavior final : public SingleChoiceBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kDropDown; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    std::vector<std::string> names = NormalizeOptions(r);
    NormalizeDefault(r, names, "");
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeDropDownBehavior() {
  return std::make_unique<DropDownBehavior>();
}

}  // namespace domain
