// The query behaviour of each field type in one registry (§6.2, §6.5 and record_layout.h):
// how it is stored, which operators and functions it accepts, whether it sorts. Stateless.
#pragma once

#include <cstdint>
#include <optional>

#include "common/field_type.h"
#include "query/ast.h"
#include "query/schema.h"

namespace query {

// How values of a field type are stored and so compared.
enum class Storage {
  kRecordId,     // $id, RECORD_NUMBER: r.id
  kRevision,     // $revision: r.revision
  kUser,         // CREATOR, MODIFIER: one user id column
  kInstant,      // CREATED_TIME, UPDATED_TIME, DATETIME: unix seconds, NULL when empty
  kText,         // SINGLE_LINE_TEXT, LINK, MULTI_LINE_TEXT, RICH_TEXT: TEXT NOT NULL ''
  kNumber,       // NUMBER, CALC: canonical text f{K} and REAL f{K}_n (NULL when empty)
  kChoice,       // DROP_DOWN, RADIO_BUTTON, STATUS: TEXT, NULL when nothing selected
  kDate,         // 'YYYY-MM-DD' or NULL
  kTime,         // 'HH:MM' or NULL
  kMultiText,    // CHECK_BOX, MULTI_SELECT, CATEGORY: option names in r{A}_mv
  kMultiEntity,  // USER/ORGANIZATION/GROUP_SELECT, STATUS_ASSIGNEE: entity ids in r{A}_mv
  kFile,         // FILE: JSON array, '[]' when empty
};

// A fixed column of r{A} that a system field maps to; kNone: the field's own f{K}.
enum class SystemColumn {
  kNone,
  kId,
  kRevision,
  kCreator,
  kModifier,
  kCreatedAt,
  kUpdatedAt,
  kStatus,
  kAssignees,
};

// Value functions a field type accepts (bit set).
enum FunctionSet : uint32_t {
  kNoFunctions = 0,
  kLoginUserFunction = 1u << 0,
  kPrimaryOrganizationFunction = 1u << 1,
  kNowFunction = 1u << 2,
  kDateFunctions = 1u << 3,  // TODAY() … NEXT_YEAR(), FROM_TODAY()
};

struct FieldRules {
  Storage storage;
  SystemColumn column;
  uint32_t operators;  // bit (1 << Op) per allowed operator at the top level
  uint32_t functions;  // FunctionSet bits
  bool sortable;
  bool checks_options;               // values must be defined options (GAIA_IQ10)
  bool accepts_empty_option;         // "" passes the option check (DROP_DOWN)
  std::optional<EntityKind> entity;  // kind of entity codes its values name
};

// nullptr for types that cannot appear in a condition or sort (SUBTABLE, GROUP, LABEL, …).
const FieldRules* RulesFor(common::FieldType type);

inline bool Allows(const FieldRules& rules, Op op) {
  return (rules.operators >> static_cast<uint32_t>(op)) & 1u;
}

}  // namespace query
