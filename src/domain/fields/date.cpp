#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/date_time.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

// DATE: a zone-less calendar date "YYYY-MM-DD"; short forms are completed (§4.4);
// defaultNowValue means today in the caller's time zone.
class DateBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kDate; }
  bool AllowedInTable() const override { return true; }
  bool SupportsUnique() const override { return true; }
  boost::json::value EmptyValue() const override { return nullptr; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    r.Unique();
    std::string value = r.String("defaultValue", "");
    if (!value.empty()) {
      if (std::optional<std::string> date = ParseDate(value)) {
        r.out()["defaultValue"] = *date;
      } else {
        r.Error("defaultValue", common::Text::kBadDate);
      }
    }
    r.Bool("defaultNowValue", false);
  }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override {
    if (sent.is_null()) return nullptr;
    const boost::json::string* s = sent.if_string();
    if (s != nullptr && s->empty()) return nullptr;
    std::optional<std::string> date = s != nullptr ? ParseDate(Sv(*s)) : std::nullopt;
    if (!date) {
      args.Fail(args.key.With(".value"), common::Text::kBadDate);
      return nullptr;
    }
    return JsonString(*date);
  }

  boost::json::value DefaultValue(WriteArgs& args) const override {
    if (args.def.default_now) {
      if (args.context.today.empty()) return nullptr;
      return JsonString(args.context.today);
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
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeDateBehavior() { return std::make_unique<DateBehavior>(); }

}  // namespace domain
