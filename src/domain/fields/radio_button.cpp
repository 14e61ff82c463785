#include "domain/fields/behaviors.h"
#include "domain/fields/choice_field.h"

namespace domain {
namespace {

// RADIO_BUTTON: exactly one option in the UI. Unlike the other types it is required by
// default, defaults to its first option, and kintone never enforces `required` on writes.
class RadioButtonBehavior final : public SingleChoiceBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kRadioButton; }
  bool EnforcesRequired() const override { return false; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", true);
    std::vector<std::string> names = NormalizeOptions(r);
    NormalizeDefault(r, names, names.empty() ? std::string_view() : std::string_view(names[0]));
    r.Enum("align", {"HORIZONTAL", "VERTICAL"}, "HORIZONTAL");
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeRadioButtonBehavior() {
  return std::make_unique<RadioButtonBehavior>();
}

}  // namespace domain
