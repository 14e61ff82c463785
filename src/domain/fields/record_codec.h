// Storage mapping of records (record_layout.h): the f{id} columns a form's fields occupy,
// a record in read form as column values and back, the multi-value index entries, and the
// fields with a full-text index. Storage calls it and never looks at field types itself.
// Immutable; shareable between threads (keeps references to the registry and the form).
#pragma once

#include <boost/json/object.hpp>
#include <cstdint>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "common/sql_value.h"
#include "domain/fields/field_cursor.h"
#include "domain/fields/field_set.h"
#include "domain/fields/field_type_behavior.h"
#include "domain/fields/field_type_registry.h"

namespace domain {

// One row of r{A}_mv: (field_id, value, record_id, row_id); storage adds the ids.
struct MultiValueEntry {
  int64_t field_id = 0;
  common::SqlValue value;
};

// A record's columns (RecordValues) and multi-value entries (RecordMultiValues), encoded ahead of
// the write that stores them.
struct EncodedRecord {
  std::vector<common::SqlValue> columns;
  std::vector<MultiValueEntry> multi;
};

class RecordCodec {
 public:
  RecordCodec(const FieldTypeRegistry& registry, const FieldSet& form);

  // f{id} columns of r{A} for the top-level fields, in form order (id, revision, creator, …
  // are storage's own columns).
  const std::vector<ColumnSpec>& RecordColumns() const { return record_columns_; }
  // f{id} columns of r{A}_t{K}, the rows of `table`, in inner-field order.
  std::vector<ColumnSpec> RowColumns(const FieldDef& table) const;
  // One field's columns (for DDL on deploy: ADD COLUMN).
  std::vector<ColumnSpec> FieldColumns(const FieldDef& def) const;
  // Top-level SUBTABLE fields.
  std::vector<const FieldDef*> Tables() const;
  // Fields with an FTS index (SINGLE_LINE_TEXT, LINK, MULTI_LINE_TEXT, RICH_TEXT), top level
  // and inner; TableOf tells which table an inner one belongs to.
  std::vector<const FieldDef*> FullTextFields() const;
  // Top-level fields with `unique` (unique indexes at deploy; table fields never are).
  std::vector<const FieldDef*> UniqueFields() const;
  // Fields indexed in r{A}_mv (CHECK_BOX, MULTI_SELECT, USER/ORGANIZATION/GROUP_SELECT).
  bool HasMultiValueIndex(const FieldDef& def) const;

  // Write: column values of `record` (read form, e.g. CoercedRecord::record) in
  // RecordColumns() order; fields missing from `record` get their empty value.
  std::vector<common::SqlValue> RecordValues(const boost::json::object& record,
                                             const EntityDirectory& directory) const;
  // Column values of one field (partial UPDATE of CoercedRecord::changed).
  std::vector<common::SqlValue> FieldValues(const FieldDef& def, const boost::json::value& value,
                                            const EntityDirectory& directory) const;
  // Column values of one table row's `value` object, in RowColumns(table) order.
  std::vector<common::SqlValue> RowValues(const FieldDef& table,
                                          const boost::json::object& row_value,
                                          const EntityDirectory& directory) const;
  // r{A}_mv entries of the top-level fields, and of one row's inner fields.
  std::vector<MultiValueEntry> RecordMultiValues(const boost::json::object& record,
                                                 const EntityDirectory& directory) const;
  std::vector<MultiValueEntry> RowMultiValues(const FieldDef& table,
                                              const boost::json::object& row_value,
                                              const EntityDirectory& directory) const;

  // Read: appends {"type","value"} of every top-level field to `record` from `columns`
  // (RecordColumns() order); tables get [] for AppendRow to fill.
  void ReadRecord(std::span<const common::SqlValue> columns, const EntityDirectory& directory,
                  boost::json::object& record) const;
  // Appends one row {"id": "<row_id>", "value": {...}} (columns in RowColumns(table) order)
  // to the table's value in `record`.
  void AppendRow(const FieldDef& table, int64_t row_id, std::span<const common::SqlValue> columns,
                 const EntityDirectory& directory, boost::json::object& record) const;

  // Read as text: the JSON ReadRecord and AppendRow build, written straight into a string
  // (the records read path; record_codec_test checks both give the same bytes).
  // A top-level field with a value, and where its columns sit in RecordColumns().
  struct FieldSlot {
    const FieldDef* def = nullptr;
    size_t start = 0;
    size_t width = 0;
    std::string key;      // "<code>": as JSON text
    std::string opening;  // {"type":"<TYPE>","value":
  };
  // The fixed text of a field's entry: `"<code>":` and `{"type":"<TYPE>","value":`.
  static std::string JsonKey(std::string_view code);
  static std::string JsonOpening(common::FieldType type);
  // The top-level fields ReadRecord reads, in its order.
  const std::vector<FieldSlot>& RecordSlots() const { return record_slots_; }
  // Appends {"type":"<TYPE>","value":<value>} of `slot`'s field read from `columns`; a SUBTABLE's
  // value is its empty value, rows being the caller's (AppendRowJson).
  void AppendFieldJson(const FieldSlot& slot, std::span<const common::SqlValue> columns,
                       const EntityDirectory& directory, std::string& out) const;
  // Appends one row {"id":"<row_id>","value":{...}} of `table` (columns as for AppendRow).
  void AppendRowJson(const FieldDef& table, int64_t row_id,
                     std::span<const common::SqlValue> columns, const EntityDirectory& directory,
                     std::string& out) const;

 private:
  void AppendValues(const FieldDef& def, FieldCursor& values, const EntityDirectory& directory,
                    std::vector<common::SqlValue>& out) const;
  void AppendMultiValues(const FieldDef& def, FieldCursor& values, const EntityDirectory& directory,
                         std::vector<MultiValueEntry>& out) const;
  // Reads `def` from `columns` at `pos` (advanced) into `out`.
  void ReadField(const FieldDef& def, std::span<const common::SqlValue> columns, size_t& pos,
                 const EntityDirectory& directory, boost::json::object& out) const;

  // The fields of `fields` ReadField reads, columns counted from 0.
  std::vector<FieldSlot> Slots(const std::vector<FieldDef>& fields) const;

  const FieldTypeRegistry& registry_;
  const FieldSet& form_;
  std::vector<ColumnSpec> record_columns_;
  std::unordered_map<int64_t, size_t> widths_;  // column count per field id
  std::vector<FieldSlot> record_slots_;
  std::unordered_map<int64_t, std::vector<FieldSlot>> row_slots_;  // per SUBTABLE field id
};

}  // namespace domain
