#include "domain/fields/behaviors.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

// The record-info fields (RECORD_NUMBER, CREATOR, CREATED_TIME, MODIFIER, UPDATED_TIME), the
// process fields (STATUS, STATUS_ASSIGNEE, CATEGORY) and the $id / $revision pseudo-fields:
// always present, never added through the API, values in storage's fixed columns. Only
// label, noLabel and (record-info fields) the code can be changed. One class for all of
// them because nothing else about them varies.
class SystemFieldBehavior final : public FieldTypeBehavior {
 public:
  SystemFieldBehavior(common::FieldType type, bool process_field)
      : type_(type), process_field_(process_field) {}

  common::FieldType type() const override { return type_; }
  bool IsAddable() const override { return false; }
  bool IsSystem() const override { return true; }
  bool HasValue() const override { return false; }
  bool EnforcesRequired() const override { return false; }
  bool HasNoLabel() const override { return !process_field_; }
  bool CodeRenameable() const override { return !process_field_; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    if (process_field_) r.Bool("enabled", false);
  }

  boost::json::value Coerce(const boost::json::value&, WriteArgs&) const override {
    return nullptr;
  }

 private:
  common::FieldType type_;
  bool process_field_;
};

// LABEL, SPACER, HR: layout elements only, never in fields.json.
class LayoutElementBehavior final : public FieldTypeBehavior {
 public:
  explicit LayoutElementBehavior(common::FieldType type) : type_(type) {}

  common::FieldType type() const override { return type_; }
  bool IsAddable() const override { return false; }
  bool HasValue() const override { return false; }
  bool EnforcesRequired() const override { return false; }

  void NormalizeDefinition(DefinitionReader&) const override {}
  boost::json::value Coerce(const boost::json::value&, WriteArgs&) const override {
    return nullptr;
  }

 private:
  common::FieldType type_;
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeSystemFieldBehavior(common::FieldType type,
                                                           bool process_field) {
  return std::make_unique<SystemFieldBehavior>(type, process_field);
}

std::unique_ptr<FieldTypeBehavior> MakeLayoutElementBehavior(common::FieldType type) {
  return std::make_unique<LayoutElementBehavior>(type);
}

}  // namespace domain
