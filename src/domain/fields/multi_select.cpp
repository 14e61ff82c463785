#include "domain/fields/behaviors.h"
#include "domain/fields/choice_field.h"

namespace domain {
namespace {

// MULTI_SELECT: any number of options from a list box.
class MultiSelectBehavior final : public MultiChoiceBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kMultiSelect; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    std::vector<std::string> names = NormalizeOptions(r);
    NormalizeDefault(r, names);
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeMultiSelectBehavior() {
  return std::make_unique<MultiSelectBehavior>();
}

}  // namespace domain
