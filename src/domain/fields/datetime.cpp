#include "common/json_text.h"
#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/date_time.h"
#include "domain/fields/definition_reader.h"
#include "query/record_layout.h"

namespace domain {
namespace {

// DATETIME: an instant, accepted with `Z` or an offset, stored as UTC unix seconds at minute
// precision and always read back as "YYYY-MM-DDTHH:MM:00Z"; empty reads as "" (§4.1).
class DateTimeBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kDateTime; }
  bool AllowedInTable() const override { return true; }
  bool SupportsUnique() const override { return true; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    r.Unique();
    std::string value = r.String("defaultValue", "");
    if (!value.empty()) {
      if (std::optional<int64_t> t = ParseDateTime(value)) {
        r.out()["defaultValue"] = FormatDateTime(*t);
      } else {
        r.Error("defaultValue", common::Text::kBadDateTime);
      }
    }
    r.Bool("defaultNowValue", false);
  }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override {
    if (sent.is_null()) return boost::json::string();
    const boost::json::string* s = sent.if_string();
    if (s != nullptr && s->empty()) return boost::json::string();
    std::optional<int64_t> t = s != nullptr ? ParseDateTime(Sv(*s)) : std::nullopt;
    if (!t) {
      args.Fail(args.key.With(".value"), common::Text::kBadDateTime);
      return boost::json::string();
    }
    return JsonString(FormatDateTime(*t));
  }

  boost::json::value DefaultValue(WriteArgs& args) const override {
    if (args.def.default_now) {
      int64_t now = args.context.now;
      return JsonString(FormatDateTime(now - ((now % 60) + 60) % 60));
    }
    if (args.def.default_value.is_string()) return args.def.default_value;
    return boost::json::string();
  }

  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override {
    out.push_back(Column(query::FieldColumn(def.id), ColumnType::kInteger));
  }
  void AppendSqlValues(const FieldDef&, const boost::json::value& value, const EntityDirectory&,
                       std::vector<common::SqlValue>& out) const override {
    const boost::json::string* s = value.if_string();
    std::optional<int64_t> t = s != nullptr ? ParseDateTime(Sv(*s)) : std::nullopt;
    if (t) {
      out.emplace_back(*t);
    } else {
      out.emplace_back(common::SqlNull{});
    }
  }
  boost::json::value FromSql(const FieldDef&, std::span<const common::SqlValue> columns,
                             const EntityDirectory&) const override {
    if (columns.empty()) return boost::json::string();
    if (const int64_t* t = std::get_if<int64_t>(&columns[0])) {
      return JsonString(FormatDateTime(*t));
    }
    return boost::json::string();
  }
  void AppendJsonFromSql(const FieldDef&, std::span<const common::SqlValue> columns,
                         const EntityDirectory&, std::string& out) const override {
    const int64_t* t = columns.empty() ? nullptr : std::get_if<int64_t>(&columns[0]);
    if (t != nullptr) {
      AppendDateTimeJson(out, *t);
    } else {
      out += "\"\"";
    }
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeDateTimeBehavior() {
  return std::make_unique<DateTimeBehavior>();
}

}  // namespace domain
