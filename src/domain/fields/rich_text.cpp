#include "domain/fields/behaviors.h"
#include "domain/fields/text_field.h"

namespace domain {
namespace {

// RICH_TEXT: an HTML string, stored as sent (sanitising is the web UI's job on display).
class RichTextBehavior final : public TextFieldBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kRichText; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    r.String("defaultValue", "");
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeRichTextBehavior() {
  return std::make_unique<RichTextBehavior>();
}

}  // namespace domain
