#include "domain/fields/behaviors.h"
#include "domain/fields/choice_field.h"

namespace domain {
namespace {

// CHECK_BOX: any number of options, laid out horizontally or vertically.
class CheckBoxBehavior final : public MultiChoiceBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kCheckBox; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    std::vector<std::string> names = NormalizeOptions(r);
    NormalizeDefault(r, names);
    r.Enum("align", {"HORIZONTAL", "VERTICAL"}, "HORIZONTAL");
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeCheckBoxBehavior() {
  return std::make_unique<CheckBoxBehavior>();
}

}  // namespace domain
