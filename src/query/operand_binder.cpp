#include "query/operand_binder.h"

#include "query/date_functions.h"
#include "query/lexer.h"
#include "query/literals.h"

namespace query {
namespace {

using common::Error;
using common::ErrorCode;

constexpr int64_t kSecondsPerDay = 86400;

int64_t TruncateToMinute(int64_t seconds) {
  const int64_t r = seconds % 60;
  return seconds - (r < 0 ? r + 60 : r);
}

Operand Point(common::SqlValue v) { return {Operand::Kind::kPoint, std::move(v), {}, false}; }

bool IsOrdering(Op op) { return op == Op::kLt || op == Op::kGt || op == Op::kLe || op == Op::kGe; }

Error NotAllowed(const FieldInfo& field, std::string_view what) {
  return Error(ErrorCode::kOperatorNotAllowed, {field.code, std::string(what)});
}

}  // namespace

common::Result<std::vector<Operand>> OperandBinder::Bind(const Predicate& predicate,
                                                         const FieldInfo& field,
                                                         const FieldRules& rules, bool& ignored) {
  std::vector<Operand> out;
  out.reserve(predicate.values.size());
  for (const Value& v : predicate.values) {
    if (predicate.op == Op::kLike || predicate.op == Op::kNotLike) {
      out.push_back(Point(v.text));  // the search text, whatever the field type
      continue;
    }
    TK_ASSIGN_OR_RETURN(Operand o, BindValue(v, predicate.op, field, rules, ignored));
    out.push_back(std::move(o));
  }
  return out;
}

common::Result<Operand> OperandBinder::BindValue(const Value& value, Op op, const FieldInfo& field,
                                                 const FieldRules& rules, bool& ignored) {
  if (value.kind == Value::Kind::kFunction) {
    return BindFunction(value.function, field, rules, ignored);
  }
  if (value.kind == Value::Kind::kString && value.text.empty()) {
    if (IsOrdering(op)) return QuerySyntaxError("empty value in a comparison on " + field.code);
    return Operand{Operand::Kind::kEmpty, {}, {}, false};
  }
  return BindLiteral(value.text, rules);
}

common::Result<Operand> OperandBinder::BindLiteral(const std::string& text,
                                                   const FieldRules& rules) {
  switch (rules.storage) {
    case Storage::kRecordId:
    case Storage::kRevision:
      if (const auto v = ParseIntegerLiteral(text)) return Point(*v);
      return QuerySyntaxError("not an integer: " + text);
    case Storage::kUser:
    case Storage::kMultiEntity: {
      std::optional<int64_t> id;
      if (context_.entities != nullptr) id = context_.entities->Find(*rules.entity, text);
      if (!id) return Operand{Operand::Kind::kNothing, {}, {}, false};
      return Point(*id);
    }
    case Storage::kInstant:
      return BindDateTime(text);
    case Storage::kNumber:
      if (const auto v = ParseDecimalLiteral(text)) return Point(*v);
      return QuerySyntaxError("not a number: " + text);
    case Storage::kDate:
      if (const auto d = ParseDateLiteral(text)) return Point(common::FormatDate(*d));
      return QuerySyntaxError("not a date: " + text);
    case Storage::kTime:
      if (auto t = ParseTimeLiteral(text)) return Point(std::move(*t));
      return QuerySyntaxError("not a time: " + text);
    case Storage::kText:
    case Storage::kChoice:
    case Storage::kMultiText:
    case Storage::kFile:
      return Point(text);
  }
  return QuerySyntaxError("unsupported value");
}

common::Result<Operand> OperandBinder::BindDateTime(const std::string& text) {
  const std::optional<DateTimeLiteral> lit = ParseDateTimeLiteral(text);
  if (!lit) return QuerySyntaxError("not a date-time: " + text);
  if (!lit->has_time) {
    // A bare date against an instant means that whole local day.
    TK_ASSIGN_OR_RETURN(const common::TimeZone* zone, Zone());
    const common::CivilDate next =
        common::CivilFromDays(common::DaysFromCivil(lit->local.date) + 1);
    return Operand{Operand::Kind::kRange, zone->ToUtc({lit->local.date}), zone->ToUtc({next}),
                   true};
  }
  int64_t instant = 0;
  if (lit->offset_seconds) {
    const common::LocalDateTime& l = lit->local;
    instant = common::DaysFromCivil(l.date) * kSecondsPerDay + l.hour * 3600 + l.minute * 60 +
              l.second - *lit->offset_seconds;
  } else {
    TK_ASSIGN_OR_RETURN(const common::TimeZone* zone, Zone());
    instant = zone->ToUtc(lit->local);
  }
  return Point(TruncateToMinute(instant));
}

common::Result<Operand> OperandBinder::BindFunction(const FunctionCall& call,
                                                    const FieldInfo& field, const FieldRules& rules,
                                                    bool& ignored) {
  const std::string shown = call.name + "()";
  auto needs = [&](uint32_t bit) -> common::Status {
    if ((rules.functions & bit) == 0) return NotAllowed(field, shown);
    return {};
  };
  auto no_args = [&]() -> common::Status {
    if (!call.args.empty()) return Error(ErrorCode::kWrongArgumentCount);
    return {};
  };
  if (call.name == "LOGINUSER") {
    TK_RETURN_IF_ERROR(needs(kLoginUserFunction));
    TK_RETURN_IF_ERROR(no_args());
    return Point(context_.login_user_id);
  }
  if (call.name == "PRIMARY_ORGANIZATION") {
    TK_RETURN_IF_ERROR(needs(kPrimaryOrganizationFunction));
    TK_RETURN_IF_ERROR(no_args());
    if (!context_.primary_organization_id) {
      ignored = true;
      return Operand{Operand::Kind::kNothing, {}, {}, false};
    }
    return Point(*context_.primary_organization_id);
  }
  if (call.name == "NOW") {
    TK_RETURN_IF_ERROR(needs(kNowFunction));
    TK_RETURN_IF_ERROR(no_args());
    return Point(TruncateToMinute(context_.now_seconds));
  }
  if (!IsDateFunction(call.name)) return QuerySyntaxError("unknown function " + call.name);
  TK_RETURN_IF_ERROR(needs(kDateFunctions));
  TK_ASSIGN_OR_RETURN(const common::TimeZone* zone, Zone());
  const common::CivilDate today = zone->ToLocal(context_.now_seconds).date;
  TK_ASSIGN_OR_RETURN(DateRange range, EvaluateDateFunction(call, today));
  if (rules.storage == Storage::kDate) {
    return Operand{Operand::Kind::kRange, common::FormatDate(range.first),
                   common::FormatDate(range.last), false};
  }
  const common::CivilDate after = common::CivilFromDays(common::DaysFromCivil(range.last) + 1);
  return Operand{Operand::Kind::kRange, zone->ToUtc({range.first}), zone->ToUtc({after}), true};
}

common::Result<const common::TimeZone*> OperandBinder::Zone() {
  if (!zone_) {
    zone_ = common::TimeZone::Find(context_.time_zone);
    if (!zone_) return Error::Internal("unknown time zone " + context_.time_zone);
  }
  return &*zone_;
}

}  // namespace query
