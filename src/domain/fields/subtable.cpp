#include <string>
#include <vector>

#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

std::string RowIdText(const boost::json::object& row) {
  const boost::json::value* id = row.if_contains("id");
  if (id == nullptr) return {};
  if (const boost::json::string* s = id->if_string()) return std::string(Sv(*s));
  if (id->is_int64()) return std::to_string(id->get_int64());
  if (id->is_uint64()) return std::to_string(id->get_uint64());
  return {};
}

// SUBTABLE: rows of inner fields (§4.6). A sent table replaces the row list: rows whose id
// matches an existing row keep it and merge their inner fields, others are new rows (id
// "0" until storage assigns one); rows not listed are deleted. Its inner definitions are
// the form editor's business; its rows live in their own SQL table.
class SubtableBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kSubtable; }
  bool EnforcesRequired() const override { return false; }
  boost::json::value EmptyValue() const override { return boost::json::array(); }

  void NormalizeDefinition(DefinitionReader&) const override {}

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override {
    boost::json::array out;
    if (sent.is_null()) return out;
    const boost::json::array* rows = sent.if_array();
    if (rows == nullptr || args.rows == nullptr) {
      args.Fail(args.key.With(".value"), common::Text::kBadValueShape);
      return out;
    }
    // Existing rows by id; each may be claimed once.
    struct Existing {
      std::string id;
      const boost::json::object* value;
      bool used;
    };
    std::vector<Existing> existing;
    if (const boost::json::array* current = args.current ? args.current->if_array() : nullptr) {
      existing.reserve(current->size());
      for (const boost::json::value& r : *current) {
        const boost::json::object* row = r.if_object();
        const boost::json::value* v = row != nullptr ? row->if_contains("value") : nullptr;
        if (v != nullptr && v->is_object())
          existing.push_back({RowIdText(*row), &v->get_object(), false});
      }
    }
    out.reserve(rows->size());
    const boost::json::object nothing_sent;
    for (size_t i = 0; i < rows->size(); ++i) {
      std::string row_base = args.key.With(".value[" + std::to_string(i) + "].value");
      const boost::json::object* row = (*rows)[i].if_object();
      const boost::json::value* value = row != nullptr ? row->if_contains("value") : nullptr;
      if (row == nullptr || (value != nullptr && !value->is_object() && !value->is_null())) {
        args.Fail(row_base, common::Text::kBadValueShape);
        continue;
      }
      std::string id = RowIdText(*row);
      const boost::json::object* current_row = nullptr;
      if (!id.empty()) {
        for (Existing& e : existing) {
          if (!e.used && e.id == id) {
            e.used = true;
            current_row = e.value;
            break;
          }
        }
      }
      const boost::json::object& sent_value =
          value != nullptr && value->is_object() ? value->get_object() : nothing_sent;
      boost::json::object inner;
      args.rows->WriteRow(args.def, sent_value, current_row, row_base, args, inner);
      out.push_back(boost::json::object{{"id", current_row != nullptr ? id : std::string("0")},
                                        {"value", std::move(inner)}});
    }
    return out;
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeSubtableBehavior() {
  return std::make_unique<SubtableBehavior>();
}

}  // namespace domain
