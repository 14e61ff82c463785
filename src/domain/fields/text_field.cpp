#include "domain/fields/text_field.h"

#include "domain/fields/behavior_support.h"

namespace domain {

boost::json::value TextFieldBehavior::Coerce(const boost::json::value& sent,
                                             WriteArgs& args) const {
  if (sent.is_null()) return boost::json::string();
  if (sent.is_string()) return sent;
  if (std::optional<std::string> number = ScalarText(sent)) return JsonString(*number);
  args.Fail(args.key.With(".value"), common::Text::kBadValueShape);
  return boost::json::string();
}

boost::json::value TextFieldBehavior::DefaultValue(WriteArgs& args) const {
  if (args.def.default_value.is_string()) return args.def.default_value;
  return boost::json::string();
}

void TextFieldBehavior::AppendColumns(const FieldDef& def, std::vector<ColumnSpec>& out) const {
  out.push_back(TextColumn(def.id, true, ""));
}

void TextFieldBehavior::AppendSqlValues(const FieldDef&, const boost::json::value& value,
                                        const EntityDirectory&,
                                        std::vector<common::SqlValue>& out) const {
  const boost::json::string* s = value.if_string();
  out.emplace_back(s != nullptr ? std::string(Sv(*s)) : std::string());
}

boost::json::value TextFieldBehavior::FromSql(const FieldDef&,
                                              std::span<const common::SqlValue> columns,
                                              const EntityDirectory&) const {
  return JsonString(columns.empty() ? std::string_view() : SqlText(columns[0]));
}

void TextFieldBehavior::AppendJsonFromSql(const FieldDef&,
                                          std::span<const common::SqlValue> columns,
                                          const EntityDirectory&, std::string& out) const {
  AppendSqlTextJson(columns, out);
}

void TextFieldBehavior::NormalizeLengths(DefinitionReader& r) {
  constexpr int64_t kMax = 64000;
  std::optional<int64_t> min = r.IntegerString("minLength", 0, kMax);
  std::optional<int64_t> max = r.IntegerString("maxLength", 1, kMax);
  if (min && max && *min > *max) r.Error("minLength", common::Text::kMinGreaterThanMax);
}

void TextFieldBehavior::CheckLength(const boost::json::value& value, WriteArgs& args) {
  const boost::json::string* s = value.if_string();
  if (s == nullptr) return;
  const FieldDef& def = args.def;
  if (!def.max_length && !def.min_length) return;
  int64_t n = CharacterCount(Sv(*s));
  if (def.max_length && n > *def.max_length) {
    args.Fail(args.key.With(".value"), common::Text::kMaxLength,
              {std::to_string(*def.max_length + 1)});
  }
  if (def.min_length && n < *def.min_length) {
    args.Fail(args.key.With(".value"), common::Text::kMinLength,
              {std::to_string(*def.min_length - 1)});
  }
}

}  // namespace domain
