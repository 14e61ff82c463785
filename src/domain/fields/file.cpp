#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

boost::json::object FileJson(const StoredFile& f) {
  return boost::json::object{{"contentType", JsonString(f.content_type)},
                             {"fileKey", JsonString(f.file_key)},
                             {"name", JsonString(f.name)},
                             {"size", std::to_string(f.size)}};
}

const boost::json::value* FindByKey(const boost::json::value* current, std::string_view key) {
  const boost::json::array* files = current != nullptr ? current->if_array() : nullptr;
  if (files == nullptr) return nullptr;
  for (const boost::json::value& f : *files) {
    const boost::json::object* o = f.if_object();
    const boost::json::value* k = o != nullptr ? o->if_contains("fileKey") : nullptr;
    if (k != nullptr && k->is_string() && k->get_string() == key) return &f;
  }
  return nullptr;
}

// FILE: attachments. A write lists the files to keep (their download keys) and new ones
// (upload keys); the FileResolver port attaches new ones. Files not listed are dropped.
class FileBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kFile; }
  bool AllowedInTable() const override { return true; }
  std::string_view ErrorSuffix() const override { return ".values"; }
  boost::json::value EmptyValue() const override { return boost::json::array(); }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    r.Enum("thumbnailSize", {"50", "150", "250", "500"}, "50");
  }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override {
    if (sent.is_null()) return boost::json::array();
    const boost::json::array* in = sent.if_array();
    if (in == nullptr) {
      args.Fail(args.key.With(".values"), common::Text::kBadValueShape);
      return boost::json::array();
    }
    boost::json::array out;
    out.reserve(in->size());
    for (const boost::json::value& item : *in) {
      const boost::json::object* o = item.if_object();
      const boost::json::value* key = o != nullptr ? o->if_contains("fileKey") : nullptr;
      if (key == nullptr || !key->is_string() || key->get_string().empty()) {
        args.Fail(args.key.With(".values"), common::Text::kBadValueShape);
        continue;
      }
      std::string_view k = Sv(key->get_string());
      if (const boost::json::value* kept = FindByKey(args.current, k)) {
        out.push_back(*kept);
      } else if (std::optional<StoredFile> f = args.context.files.Resolve(k)) {
        out.push_back(FileJson(*f));
      } else {
        args.Fail(args.key.With(".values"), common::Text::kBadFileKey, {std::string(k)});
      }
    }
    return out;
  }

  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override {
    out.push_back(TextColumn(def.id, true, "[]"));
  }
  void AppendSqlValues(const FieldDef&, const boost::json::value& value, const EntityDirectory&,
                       std::vector<common::SqlValue>& out) const override {
    out.push_back(value.is_array() ? SqlJson(value) : common::SqlValue(std::string("[]")));
  }
  boost::json::value FromSql(const FieldDef&, std::span<const common::SqlValue> columns,
                             const EntityDirectory&) const override {
    return SqlJsonArray(columns);
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeFileBehavior() { return std::make_unique<FileBehavior>(); }

}  // namespace domain
