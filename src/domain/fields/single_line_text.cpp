#include "domain/fields/behaviors.h"
#include "domain/fields/lookup_definition.h"
#include "domain/fields/text_field.h"

namespace domain {
namespace {

// SINGLE_LINE_TEXT: one line of text; may be unique, a lookup, or auto-calculated from an
// `expression` (evaluated by the record writer's CALC stage, not yet implemented).
class SingleLineTextBehavior final : public TextFieldBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kSingleLineText; }
  bool SupportsUnique() const override { return true; }
  bool SupportsLookup() const override { return true; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    if (NormalizeLookup(r)) return;
    r.Bool("required", false);
    r.Unique();
    r.String("defaultValue", "");
    NormalizeLengths(r);
    r.String("expression", "");
    r.Bool("hideExpression", false);
  }

  void Validate(const boost::json::value& value, WriteArgs& args) const override {
    CheckLength(value, args);
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeSingleLineTextBehavior() {
  return std::make_unique<SingleLineTextBehavior>();
}

}  // namespace domain
