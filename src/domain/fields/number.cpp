#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/definition_reader.h"
#include "domain/fields/lookup_definition.h"

namespace domain {
namespace {

// NUMBER: an exact decimal kept as canonical text (§4.4), rounded by the app's
// numberPrecision; display settings never change the value.
class NumberBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kNumber; }
  bool AllowedInTable() const override { return true; }
  bool SupportsUnique() const override { return true; }
  bool SupportsLookup() const override { return true; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    if (NormalizeLookup(r)) return;
    r.Bool("required", false);
    r.Unique();
    r.DecimalString("defaultValue");
    std::string min = r.DecimalString("minValue");
    std::string max = r.DecimalString("maxValue");
    if (!min.empty() && !max.empty() && CompareDecimal(min, max) > 0) {
      r.Error("minValue", common::Text::kMinGreaterThanMax);
    }
    r.Bool("digit", false);
    r.IntegerString("displayScale", 0, 10);
    r.String("unit", "");
    r.Enum("unitPosition", {"BEFORE", "AFTER"}, "BEFORE");
  }

  boost::json::value Coerce(const boost::json::value& sent, WriteArgs& args) const override {
    std::optional<std::string> number;
    std::string_view text;
    if (const boost::json::string* s = sent.if_string()) {
      text = Sv(*s);
    } else if (!sent.is_null()) {
      number = JsonNumberText(sent);
      text = number ? std::string_view(*number) : std::string_view("?");
    }
    size_t first = text.find_first_not_of(" \t\r\n\f\v");
    if (first == std::string_view::npos) return boost::json::string();
    std::string canonical;
    switch (CanonicalDecimal(text, args.context.precision, canonical)) {
      case DecimalStatus::kOk:
        return JsonString(canonical);
      case DecimalStatus::kNotANumber:
        // Inside a table kintone silently stores "" (§4.6); at the top level it reports the
        // bracket key together with a required message on the plain key (§3.2).
        if (!args.in_table) {
          args.Fail(args.key.Bracket(), common::Text::kNotANumber);
          args.Fail(args.key.With(".value"), common::Text::kRequired);
        }
        return boost::json::string();
      case DecimalStatus::kTooManyDigits:
        args.Fail(args.key.With(".value"), common::Text::kTooManyDigits);
        return boost::json::string();
    }
    return boost::json::string();
  }

  boost::json::value DefaultValue(WriteArgs& args) const override {
    const boost::json::string* s = args.def.default_value.if_string();
    std::string canonical;
    if (s == nullptr || s->empty() ||
        CanonicalDecimal(Sv(*s), args.context.precision, canonical) != DecimalStatus::kOk) {
      return boost::json::string();
    }
    return JsonString(canonical);
  }

  void Validate(const boost::json::value& value, WriteArgs& args) const override {
    const boost::json::string* s = value.if_string();
    if (s == nullptr || s->empty()) return;
    const FieldDef& def = args.def;
    if (!def.max_value.empty() && CompareDecimal(Sv(*s), def.max_value) > 0) {
      args.Fail(args.key.With(".value"), common::Text::kMaxValue, {def.max_value});
    }
    if (!def.min_value.empty() && CompareDecimal(Sv(*s), def.min_value) < 0) {
      args.Fail(args.key.With(".value"), common::Text::kMinValue, {def.min_value});
    }
  }

  void AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const override {
    AppendNumberColumns(def.id, out);
  }
  void AppendSqlValues(const FieldDef&, const boost::json::value& value, const EntityDirectory&,
                       std::vector<common::SqlValue>& out) const override {
    AppendNumberSqlValues(value, out);
  }
  boost::json::value FromSql(const FieldDef&, std::span<const common::SqlValue> columns,
                             const EntityDirectory&) const override {
    return NumberFromSql(columns);
  }
  void AppendJsonFromSql(const FieldDef&, std::span<const common::SqlValue> columns,
                         const EntityDirectory&, std::string& out) const override {
    AppendSqlTextJson(columns, out);
  }
};

}  // namespace

std::unique_ptr<FieldTypeBehavior> MakeNumberBehavior() {
  return std::make_unique<NumberBehavior>();
}

}  // namespace domain
