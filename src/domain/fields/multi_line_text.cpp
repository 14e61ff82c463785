#include "domain/fields/behaviors.h"
#include "domain/fields/text_field.h"

namespace domain {
namespace {

// MULTI_LINE_TEXT: free text with line breaks; no length limits exist for it (§4.3).
class MultiLineTextBehavior final : public TextFieldBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kMultiLineText; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    r.String("defaultValue", "");
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeMultiLineTextBehavior() {
  return std::make_unique<MultiLineTextBehavior>();
}

}  // namespace domain
