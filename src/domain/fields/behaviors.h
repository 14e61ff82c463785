// Factories of the field-type behaviours, one per type file; only FieldTypeRegistry calls
// them. Internal to domain/fields.
#pragma once

#include <memory>

#include "common/field_type.h"
#include "domain/fields/field_type_behavior.h"

namespace domain {

std::unique_ptr<FieldTypeBehavior> MakeSingleLineTextBehavior();
std::unique_ptr<FieldTypeBehavior> MakeMultiLineTextBehavior();
std::unique_ptr<FieldTypeBehavior> MakeRichTextBehavior();
std::unique_ptr<FieldTypeBehavior> MakeLinkBehavior();
std::unique_ptr<FieldTypeBehavior> MakeNumberBehavior();
std::unique_ptr<FieldTypeBehavior> MakeCalcBehavior();
std::unique_ptr<FieldTypeBehavior> MakeCheckBoxBehavior();
std::unique_ptr<FieldTypeBehavior> MakeRadioButtonBehavior();
std::unique_ptr<FieldTypeBehavior> MakeDropDownBehavior();
std::unique_ptr<FieldTypeBehavior> MakeMultiSelectBehavior();
std::unique_ptr<FieldTypeBehavior> MakeDateBehavior();
std::unique_ptr<FieldTypeBehavior> MakeTimeBehavior();
std::unique_ptr<FieldTypeBehavior> MakeDateTimeBehavior();
std::unique_ptr<FieldTypeBehavior> MakeUserSelectBehavior();
std::unique_ptr<FieldTypeBehavior> MakeOrganizationSelectBehavior();
std::unique_ptr<FieldTypeBehavior> MakeGroupSelectBehavior();
std::unique_ptr<FieldTypeBehavior> MakeFileBehavior();
std::unique_ptr<FieldTypeBehavior> MakeSubtableBehavior();
std::unique_ptr<FieldTypeBehavior> MakeReferenceTableBehavior();
std::unique_ptr<FieldTypeBehavior> MakeGroupBehavior();
std::unique_ptr<FieldTypeBehavior> MakeSystemFieldBehavior(common::FieldType type,
                                                           bool process_field);
std::unique_ptr<FieldTypeBehavior> MakeLayoutElementBehavior(common::FieldType type);

}  // namespace domain
