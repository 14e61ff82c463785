// What varies by field type, behind one interface (STYLE.md rule 9): definition
// normalisation, record value coercion and validation, read JSON, SQL columns. One
// implementation per type file, listed by FieldTypeRegistry. Implementations are stateless
// and shared by all threads; the per-call state lives in WriteArgs.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "common/error.h"
#include "common/field_type.h"
#include "common/sql_value.h"
#include "domain/fields/decimal.h"
#include "domain/fields/entity_directory.h"
#include "domain/fields/field_def.h"
#include "domain/fields/file_resolver.h"

namespace domain {

class DefinitionReader;

enum class ColumnType { kText, kInteger, kReal };

// One SQL column of a field (record_layout.h); storage turns it into its dialect's DDL.
struct ColumnSpec {
  std::string name;  // f{id} or f{id}_n
  ColumnType type = ColumnType::kText;
  bool not_null = false;
  common::SqlValue default_value;  // SqlNull: no DEFAULT clause
};

// What a record write needs besides the definitions; filled by the records service once per
// request. `today` and `now_time` are in the caller's time zone (defaultNowValue of DATE and
// TIME); `now` is the request instant.
struct WriteContext {
  const EntityDirectory& directory;
  FileResolver& files;
  NumberPrecision precision;
  std::string today;                 // "YYYY-MM-DD"
  std::string now_time;              // "HH:MM"
  int64_t now = 0;                   // unix seconds
  std::string login_user;            // code that LOGINUSER() stands for
  std::string primary_organization;  // code for PRIMARY_ORGANIZATION(); "" = none
  // A field the server fills after validation (the receipt number on add): an empty value
  // there is not "required" yet. "" = none.
  std::string filled_after_validation;
};

// Where a value sits in the request body, for the keys of kintone's `errors` map (§3.2).
// `base` is "record", "records[3]" or, in a table row, "record.<table>.value[<row>].value".
struct ValueKey {
  std::string_view base;
  std::string_view code;

  std::string With(std::string_view suffix) const;  // "<base>.<code><suffix>"
  std::string Bracket() const;                      // "<base>[<code>].value"
};

struct WriteArgs;

// A field in read form: {"type": "<TYPE>", "value": value}, in `value`'s memory resource or
// in `storage`, that of the record it goes into (moving it there then copies nothing).
boost::json::object FieldValueJson(common::FieldType type, boost::json::value value);
boost::json::object FieldValueJson(common::FieldType type, boost::json::value value,
                                   boost::json::storage_ptr storage);

// Coerces the rows of a SUBTABLE value; implemented by the record writer, which knows how to
// write any inner field.
class RowWriter {
 public:
  virtual ~RowWriter() = default;
  // Writes every inner field of `table` into `out` ({code: {type, value}}): values in `sent`
  // are coerced, the others are kept from `current` (an existing row) or get their defaults
  // (`current` null: a new row). `base` is the row's error-key base.
  virtual void WriteRow(const FieldDef& table, const boost::json::object& sent,
                        const boost::json::object* current, std::string_view base,
                        WriteArgs& table_args, boost::json::object& out) = 0;
};

// The state of one field's write.
struct WriteArgs {
  const FieldDef& def;
  ValueKey key;
  WriteContext& context;
  common::Error& errors;
  bool in_table = false;
  const boost::json::value* current = nullptr;  // the stored value (update); null on add
  RowWriter* rows = nullptr;                    // for SUBTABLE
  bool failed = false;                          // an error was reported: skip later checks

  // Reports a CB_VA01 message on `error_key` and marks the field failed.
  void Fail(std::string error_key, common::Text text, std::vector<std::string> args = {});
};

class FieldTypeBehavior {
 public:
  virtual ~FieldTypeBehavior() = default;
  virtual common::FieldType type() const = 0;

  // Capabilities.
  virtual bool IsAddable() const { return true; }  // POST preview/app/form/fields.json
  virtual bool IsSystem() const { return false; }  // record-info / process fields
  virtual bool AllowedInTable() const { return false; }
  virtual bool HasValue() const { return true; }  // records hold a value for it
  virtual bool EnforcesRequired() const { return true; }
  virtual bool SupportsUnique() const { return false; }
  virtual bool SupportsLookup() const { return false; }
  virtual bool HasNoLabel() const { return true; }  // definition carries `noLabel`
  virtual bool CodeRenameable() const { return true; }
  // Key suffix of value errors: ".value", ".values" (arrays), ".values.value" (entities).
  virtual std::string_view ErrorSuffix() const { return ".value"; }

  // Definition: fills the reader's output (which already holds type, code, label, noLabel)
  // with every property of the type, defaults included; reports errors on the reader.
  virtual void NormalizeDefinition(DefinitionReader& reader) const = 0;

  // Write path. Coerce turns a sent `value` into the canonical (read-form) value, reporting
  // shape and format errors; DefaultValue is the value of an unsent field on add; Validate
  // checks a canonical value against the definition (lengths, ranges, options). `required`
  // is checked by the record writer with IsEmpty.
  virtual boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const = 0;
  virtual boost::json::value DefaultValue(WriteArgs& args) const;
  virtual void Validate(const boost::json::value& value, WriteArgs& args) const;
  virtual bool IsEmpty(const boost::json::value& value) const;

  // Read path: the value of a field nobody has written ("" / null / []).
  virtual boost::json::value EmptyValue() const { return boost::json::string(); }

  // Storage (record_layout.h): the field's columns, a canonical value as column values in
  // that order and back, and the values of the multi-value side index.
  virtual void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const;
  virtual void AppendSqlValues(const FieldDef& def, const boost::json::value& value,
                               const EntityDirectory& directory,
                               std::vector<common::SqlValue>& out) const;
  virtual boost::json::value FromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                                     const EntityDirectory& directory) const;
  // FromSql's value as JSON text, appended to `out` (the records read path). Types whose value
  // is one string or null write it without building the value.
  virtual void AppendJsonFromSql(const FieldDef& def, std::span<const common::SqlValue> columns,
                                 const EntityDirectory& directory, std::string& out) const;
  virtual bool HasMultiValueIndex() const { return false; }
  virtual void AppendMultiValues(const FieldDef& def, const boost::json::value& value,
                                 const EntityDirectory& directory,
                                 std::vector<common::SqlValue>& out) const;
  virtual bool HasFullTextIndex() const { return false; }
};

}  // namespace domain
