#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/date_time.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

// TIME: a zone-less time of day "HH:MM"; seconds are ignored. defaultNowValue means the
// current time in the caller's time zone.
class TimeBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kTime; }
  bool AllowedInTable() const override { return true; }
  boost::json::value EmptyValue() const override { return nullptr; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    std::string value = r.String("defaultValue", "");
    if (!value.empty()) {
      if (std::optional<std::string> time = ParseTime(value)) {
        r.out()["defaultValue"] = *time;
      } else {
        r.Error("defaultValue", common::Text::kBadTime);
      }
    }
    r.Bool("defaultNowValue", false);
  }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override {
    if (sent.is_null()) return nullptr;
    const boost::json::string* s = sent.if_string();
    if (s != nullptr && s->empty()) return nullptr;
    std::optional<std::string> time = s != nullptr ? ParseTime(Sv(*s)) : std::nullopt;
    if (!time) {
      args.Fail(args.key.With(".value"), common::Text::kBadTime);
      return nullptr;
    }
    return JsonString(*time);
  }

  boost::json::value DefaultValue(WriteArgs& args) const override {
    if (args.def.default_now) {
      if (args.context.now_time.empty()) return nullptr;
      return JsonString(args.context.now_time);
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

std::unique_ptr<FieldTypeBehavior> MakeTimeBehavior() { return std::make_unique<TimeBehavior>(); }

}  // namespace domain
