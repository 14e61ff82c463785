#include "domain/fields/local_value_field.h"

#include "domain/fields/behavior_support.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

class LocalValueBehavior final : public FieldTypeBehavior {
 public:
  explicit LocalValueBehavior(const LocalValueKind& kind) : kind_(kind) {}

  common::FieldType type() const override { return kind_.type; }
  bool AllowedInTable() const override { return true; }
  bool SupportsUnique() const override { return kind_.unique; }
  boost::json::value EmptyValue() const override { return nullptr; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    if (kind_.unique) r.Unique();
    std::string value = r.String("defaultValue", "");
    if (!value.empty()) {
      if (std::optional<std::string> parsed = kind_.parse(value)) {
        r.out()["defaultValue"] = *parsed;
      } else {
        r.Error("defaultValue", kind_.bad_format);
      }
    }
    r.Bool("defaultNowValue", false);
  }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override {
    if (sent.is_null()) return nullptr;
    const boost::json::string* s = sent.if_string();
    if (s != nullptr && s->empty()) return nullptr;
    std::optional<std::string> parsed = s != nullptr ? kind_.parse(Sv(*s)) : std::nullopt;
    if (!parsed) {
      args.Fail(args.key.With(".value"), kind_.bad_format);
      return nullptr;
    }
    return JsonString(*parsed);
  }

  boost::json::value DefaultValue(WriteArgs& args) const override {
    if (args.def.default_now) {
      const std::string& now = args.context.*kind_.now;
      if (now.empty()) return nullptr;
      return JsonString(now);
    }
    const boost::json::string* s = args.def.default_value.if_string();
    if (s == nullptr || s->empty()) return nullptr;
    return *s;
  }

  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override {
    out.push_back(TextColumn(def.id, false));
  }
  void AppendSqlValues(const FieldDef&, const boost::json::value& value, const EntityDirectory&,
                       std::vector<common::SqlValue>& out) const override {
    const boost::json::string* s = value.if_string();
    if (s != nullptr && !s->empty()) {
      out.emplace_back(std::string(Sv(*s)));
    } else {
      out.emplace_back(common::SqlNull{});
    }
  }
  boost::json::value FromSql(const FieldDef&, std::span<const common::SqlValue> columns,
                             const EntityDirectory&) const override {
    std::string_view text = columns.empty() ? std::string_view() : SqlText(columns[0]);
    if (text.empty()) return nullptr;
    return JsonString(text);
  }
  void AppendJsonFromSql(const FieldDef&, std::span<const common::SqlValue> columns,
                         const EntityDirectory&, std::string& out) const override {
    AppendSqlTextOrNullJson(columns, out);
  }

 private:
  LocalValueKind kind_;
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeLocalValueBehavior(const LocalValueKind& kind) {
  return std::make_unique<LocalValueBehavior>(kind);
}

}  // namespace domain
