#include "domain/fields/behavior_support.h"
#include "domain/fields/behaviors.h"
#include "domain/fields/definition_reader.h"

namespace domain {
namespace {

// CALC: a value computed from `expression` on every write (§4.8). The definition is stored
// faithfully (the formula is checked at deploy); written values are ignored. Evaluation is
// not implemented yet, so the record writer refuses writes to apps that have one.
class CalcBehavior final : public FieldTypeBehavior {
 public:
  common::FieldType type() const override { return common::FieldType::kCalc; }
  bool AllowedInTable() const override { return true; }
  bool EnforcesRequired() const override { return false; }

  void NormalizeDefinition(DefinitionReader& r) const override {
    r.Bool("required", false);
    if (r.String("expression", "").empty()) r.Error("expression", common::Text::kRequiredParam);
    r.Enum("format",
           {"NUMBER", "NUMBER_DIGIT", "DATETIME", "DATE", "TIME", "HOUR_MINUTE", "DAY_HOUR_MINUTE"},
           "NUMBER");
    r.IntegerString("displayScale", 0, 10);
    r.Bool("hideExpression", false);
    r.String("unit", "");
    r.Enum("unitPosition", {"BEFORE", "AFTER"}, "BEFORE");
  }

  boost::json::value Coerce(const boost::json::value&, WriteArgs& args) const override {
    return args.current != nullptr ? *args.current : EmptyValue();
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

std::unique_ptr<FieldTypeBehavior> MakeCalcBehavior() { return std::make_unique<CalcBehavior>(); }

}  // namespace domain
