#include "domain/fields/behaviors.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

// GROUP: a collapsible section of the layout; a definition without a record value.
class GroupBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kGroup; }
  bool HasValue() const override { return false; }
  bool EnforcesRequired() const override { return false; }

  void NormalizeDefinition(DefinitionReader& r) const override { r.Bool("openGroup", false); }

  boost::json::value Coerce(const boost::json::value&, WriteArgs&) const override {
    return nullptr;
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeGroupBehavior() { return std::make_unique<GroupBehavior>(); }

}  // namespace domain
