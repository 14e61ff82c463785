#include "query/field_rules.h"

namespace query {
namespace {

using common::FieldType;

constexpr uint32_t Bit(Op op) { return 1u << static_cast<uint32_t>(op); }

constexpr uint32_t kEquality = Bit(Op::kEq) | Bit(Op::kNe);
constexpr uint32_t kOrdering = Bit(Op::kGt) | Bit(Op::kLt) | Bit(Op::kGe) | Bit(Op::kLe);
constexpr uint32_t kMembership = Bit(Op::kIn) | Bit(Op::kNotIn);
constexpr uint32_t kLikes = Bit(Op::kLike) | Bit(Op::kNotLike);
constexpr uint32_t kEmptiness = Bit(Op::kIsEmpty) | Bit(Op::kIsNotEmpty);

constexpr uint32_t kDates = kDateFunctions;
constexpr uint32_t kInstants = kNowFunction | kDateFunctions;

// Storage, column, operators, functions, sortable, checks options, accepts "", entity.
constexpr FieldRules kRecordIdRules{Storage::kRecordId,
                                    SystemColumn::kId,
                                    kEquality | kOrdering | kMembership,
                                    kNoFunctions,
                                    true,
                                    false,
                                    false,
                                    std::nullopt};
constexpr FieldRules kRevisionRules{Storage::kRevision,
                                    SystemColumn::kRevision,
                                    kEquality | kOrdering | kMembership,
                                    kNoFunctions,
                                    true,
                                    false,
                                    false,
                                    std::nullopt};
constexpr FieldRules kCreatorRules{
    Storage::kUser, SystemColumn::kCreator, kMembership, kLoginUserFunction, true, false,
    false,          EntityKind::kUser};
constexpr FieldRules kModifierRules{
    Storage::kUser, SystemColumn::kModifier, kMembership, kLoginUserFunction, true, false,
    false,          EntityKind::kUser};
constexpr FieldRules kCreatedTimeRules{Storage::kInstant,
                                       SystemColumn::kCreatedAt,
                                       kEquality | kOrdering,
                                       kInstants,
                                       true,
                                       false,
                                       false,
                                       std::nullopt};
constexpr FieldRules kUpdatedTimeRules{Storage::kInstant,
                                       SystemColumn::kUpdatedAt,
                                       kEquality | kOrdering,
                                       kInstants,
                                       true,
                                       false,
                                       false,
                                       std::nullopt};
constexpr FieldRules kDateTimeRules{
    Storage::kInstant, SystemColumn::kNone, kEquality | kOrdering, kInstants, true, false, false,
    std::nullopt};
constexpr FieldRules kLineTextRules{Storage::kText,
                                    SystemColumn::kNone,
                                    kEquality | kMembership | kLikes,
                                    kNoFunctions,
                                    true,
                                    false,
                                    false,
                                    std::nullopt};
constexpr FieldRules kLongTextRules{
    Storage::kText, SystemColumn::kNone, kLikes | kEmptiness, kNoFunctions, false, false,
    false,          std::nullopt};
constexpr FieldRules kNumberRules{Storage::kNumber,
                                  SystemColumn::kNone,
                                  kEquality | kOrdering | kMembership,
                                  kNoFunctions,
                                  true,
                                  false,
                                  false,
                                  std::nullopt};
constexpr FieldRules kDropDownRules{
    Storage::kChoice, SystemColumn::kNone, kMembership, kNoFunctions, true, true, true,
    std::nullopt};
constexpr FieldRules kRadioButtonRules{
    Storage::kChoice, SystemColumn::kNone, kMembership, kNoFunctions, true, true, false,
    std::nullopt};
constexpr FieldRules kStatusRules{Storage::kChoice,
                                  SystemColumn::kStatus,
                                  kEquality | kMembership,
                                  kNoFunctions,
                                  true,
                                  false,
                                  false,
                                  std::nullopt};
constexpr FieldRules kOptionSetRules{
    Storage::kMultiText, SystemColumn::kNone, kMembership, kNoFunctions, false, true, false,
    std::nullopt};
constexpr FieldRules kCategoryRules{
    Storage::kMultiText, SystemColumn::kNone, kMembership, kNoFunctions, false, false, false,
    std::nullopt};
constexpr FieldRules kDateRules{
    Storage::kDate, SystemColumn::kNone, kEquality | kOrdering, kDates, true, false,
    false,          std::nullopt};
constexpr FieldRules kTimeRules{
    Storage::kTime, SystemColumn::kNone, kEquality | kOrdering, kNoFunctions, true, false,
    false,          std::nullopt};
constexpr FieldRules kUserSelectRules{Storage::kMultiEntity,
                                      SystemColumn::kNone,
                                      kMembership,
                                      kLoginUserFunction,
                                      false,
                                      false,
                                      false,
                                      EntityKind::kUser};
constexpr FieldRules kOrganizationSelectRules{Storage::kMultiEntity,
                                              SystemColumn::kNone,
                                              kMembership,
                                              kPrimaryOrganizationFunction,
                                              false,
                                              false,
                                              false,
                                              EntityKind::kOrganization};
constexpr FieldRules kGroupSelectRules{
    Storage::kMultiEntity, SystemColumn::kNone, kMembership, kNoFunctions, false, false, false,
    EntityKind::kGroup};
constexpr FieldRules kAssigneeRules{Storage::kMultiEntity,
                                    SystemColumn::kAssignees,
                                    kMembership,
                                    kLoginUserFunction,
                                    false,
                                    false,
                                    false,
                                    EntityKind::kUser};
constexpr FieldRules kFileRules{
    Storage::kFile, SystemColumn::kNone, kLikes | kEmptiness, kNoFunctions, false, false,
    false,          std::nullopt};

}  // namespace

const FieldRules* RulesFor(FieldType type) {
  switch (type) {
    case FieldType::kId:
    case FieldType::kRecordNumber:
      return &kRecordIdRules;
    case FieldType::kRevision:
      return &kRevisionRules;
    case FieldType::kCreator:
      return &kCreatorRules;
    case FieldType::kModifier:
      return &kModifierRules;
    case FieldType::kCreatedTime:
      return &kCreatedTimeRules;
    case FieldType::kUpdatedTime:
      return &kUpdatedTimeRules;
    case FieldType::kDateTime:
      return &kDateTimeRules;
    case FieldType::kSingleLineText:
    case FieldType::kLink:
      return &kLineTextRules;
    case FieldType::kMultiLineText:
    case FieldType::kRichText:
      return &kLongTextRules;
    case FieldType::kNumber:
    case FieldType::kCalc:
      return &kNumberRules;
    case FieldType::kDropDown:
      return &kDropDownRules;
    case FieldType::kRadioButton:
      return &kRadioButtonRules;
    case FieldType::kStatus:
      return &kStatusRules;
    case FieldType::kCheckBox:
    case FieldType::kMultiSelect:
      return &kOptionSetRules;
    case FieldType::kCategory:
      return &kCategoryRules;
    case FieldType::kDate:
      return &kDateRules;
    case FieldType::kTime:
      return &kTimeRules;
    case FieldType::kUserSelect:
      return &kUserSelectRules;
    case FieldType::kOrganizationSelect:
      return &kOrganizationSelectRules;
    case FieldType::kGroupSelect:
      return &kGroupSelectRules;
    case FieldType::kStatusAssignee:
      return &kAssigneeRules;
    case FieldType::kFile:
      return &kFileRules;
    case FieldType::kSubtable:
    case FieldType::kReferenceTable:
    case FieldType::kGroup:
    case FieldType::kLabel:
    case FieldType::kSpacer:
    case FieldType::kHr:
      return nullptr;
  }
  return nullptr;
}

}  // namespace query
