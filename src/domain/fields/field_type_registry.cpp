#include "domain/fields/field_type_registry.h"

#include "domain/fields/behaviors.h"

namespace domain {
namespace {

constexpr common::FieldType kAllTypes[] = {
#define TK_FIELD_TYPE(name, text) common::FieldType::k##name,
#include "common/field_type_catalog.inc"
#undef TK_FIELD_TYPE
};

// The one switch on field type (STYLE.md rule 9).
std::unique_ptr<FieldTypeBehavior> MakeBehavior(common::FieldType type) {
  using common::FieldType;
  switch (type) {
    case FieldType::kSingleLineText:
      return MakeSingleLineTextBehavior();
    case FieldType::kMultiLineText:
      return MakeMultiLineTextBehavior();
    case FieldType::kRichText:
      return MakeRichTextBehavior();
    case FieldType::kLink:
      return MakeLinkBehavior();
    case FieldType::kNumber:
      return MakeNumberBehavior();
    case FieldType::kCalc:
      return MakeCalcBehavior();
    case FieldType::kCheckBox:
      return MakeCheckBoxBehavior();
    case FieldType::kRadioButton:
      return MakeRadioButtonBehavior();
    case FieldType::kDropDown:
      return MakeDropDownBehavior();
    case FieldType::kMultiSelect:
      return MakeMultiSelectBehavior();
    case FieldType::kDate:
      return MakeDateBehavior();
    case FieldType::kTime:
      return MakeTimeBehavior();
    case FieldType::kDateTime:
      return MakeDateTimeBehavior();
    case FieldType::kUserSelect:
      return MakeUserSelectBehavior();
    case FieldType::kOrganizationSelect:
      return MakeOrganizationSelectBehavior();
    case FieldType::kGroupSelect:
      return MakeGroupSelectBehavior();
    case FieldType::kFile:
      return MakeFileBehavior();
    case FieldType::kSubtable:
      return MakeSubtableBehavior();
    case FieldType::kReferenceTable:
      return MakeReferenceTableBehavior();
    case FieldType::kGroup:
      return MakeGroupBehavior();
    case FieldType::kId:
    case FieldType::kRevision:
    case FieldType::kRecordNumber:
    case FieldType::kCreator:
    case FieldType::kCreatedTime:
    case FieldType::kModifier:
    case FieldType::kUpdatedTime:
      return MakeSystemFieldBehavior(type, false);
    case FieldType::kStatus:
    case FieldType::kStatusAssignee:
    case FieldType::kCategory:
      return MakeSystemFieldBehavior(type, true);
    case FieldType::kLabel:
    case FieldType::kSpacer:
    case FieldType::kHr:
      return MakeLayoutElementBehavior(type);
  }
  return MakeLayoutElementBehavior(type);
}

}  // namespace

FieldTypeRegistry::FieldTypeRegistry() {
  behaviors_.reserve(std::size(kAllTypes));
  for (common::FieldType type : kAllTypes) behaviors_.push_back(MakeBehavior(type));
}

}  // namespace domain
