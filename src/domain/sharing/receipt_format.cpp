#include "domain/sharing/receipt_format.h"

#include "domain/fields/field_set.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Result;
using common::Text;

namespace {

constexpr size_t kMaxPrefix = 20;

bool PlainText(std::string_view s) {
  for (unsigned char c : s) {
    if (c < 0x20 || c == 0x7f) return false;
  }
  return true;
}

std::string YearName(ReceiptYear y) {
  switch (y) {
    case ReceiptYear::kNone:
      return "none";
    case ReceiptYear::kCalendar:
      return "calendar";
    case ReceiptYear::kFiscal:
      return "fiscal";
  }
  return "none";
}

}  // namespace

Result<ReceiptFormat> ReceiptFormat::FromJson(const json::object& body, const FieldSet& form) {
  ReceiptFormat f;
  Error errors = Error::Validation();
  const json::value* field = body.if_contains("field");
  if (!field || !field->is_string() || field->as_string().empty()) {
    errors.AddField("field", Text::kRequiredParam);
  } else {
    f.field = std::string(field->as_string());
    const FieldDef* def = form.FindTopLevel(f.field);
    if (!def) {
      errors.AddField("field", Text::kFieldCodeNotFound, {f.field});
    } else if (def->type != common::FieldType::kSingleLineText || !def->unique ||
               !def->expression.empty()) {
      errors.AddField("field", Text::kReceiptFieldUnsuitable);
    }
  }
  if (const json::value* v = body.if_contains("prefix")) {
    if (!v->is_string() || v->as_string().size() > kMaxPrefix || !PlainText(v->as_string())) {
      errors.AddField("prefix", Text::kBadValueShape);
    } else {
      f.prefix = std::string(v->as_string());
    }
  }
  if (const json::value* v = body.if_contains("separator")) {
    if (!v->is_string() || v->as_string().size() > 3 || !PlainText(v->as_string())) {
      errors.AddField("separator", Text::kBadValueShape);
    } else {
      f.separator = std::string(v->as_string());
    }
  }
  if (const json::value* v = body.if_contains("year")) {
    std::string_view y = v->is_string() ? std::string_view(v->as_string()) : "";
    if (y == "none")
      f.year = ReceiptYear::kNone;
    else if (y == "calendar")
      f.year = ReceiptYear::kCalendar;
    else if (y == "fiscal")
      f.year = ReceiptYear::kFiscal;
    else
      errors.AddField("year", Text::kBadValueShape);
  }
  if (const json::value* v = body.if_contains("digits")) {
    int64_t d = v->is_int64() ? v->as_int64() : 0;
    if (d < 1 || d > 12)
      errors.AddField("digits", Text::kBadValueShape);
    else
      f.digits = static_cast<int>(d);
  }
  if (const json::value* v = body.if_contains("checkDigit")) {
    if (!v->is_bool())
      errors.AddField("checkDigit", Text::kBadValueShape);
    else
      f.check_digit = v->as_bool();
  }
  if (errors.has_fields()) return errors;
  return f;
}

json::object ReceiptFormat::ToJson() const {
  return json::object{{"field", field},         {"prefix", prefix}, {"year", YearName(year)},
                      {"separator", separator}, {"digits", digits}, {"checkDigit", check_digit}};
}

std::string ReceiptFormat::Period(std::string_view local_date) const {
  if (year == ReceiptYear::kNone || local_date.size() < 7) return "";
  int y = std::stoi(std::string(local_date.substr(0, 4)));
  int m = std::stoi(std::string(local_date.substr(5, 2)));
  if (year == ReceiptYear::kFiscal && m < 4) --y;
  return std::to_string(y);
}

std::string ReceiptFormat::Format(std::string_view period, int64_t sequence) const {
  std::string number = std::to_string(sequence);
  if (number.size() < static_cast<size_t>(digits)) {
    number.insert(0, static_cast<size_t>(digits) - number.size(), '0');
  }
  std::string out = prefix;
  auto append = [&](std::string_view part) {
    if (!out.empty() && !part.empty()) out += separator;
    out += part;
  };
  append(period);
  append(number);
  if (check_digit) append(std::string(1, LuhnCheckDigit(std::string(period) + number)));
  return out;
}

char LuhnCheckDigit(std::string_view text) {
  // Luhn: from the right, double every second digit of the payload (starting with the one
  // next to the check digit), so any single mistyped digit or swapped neighbours is caught.
  int sum = 0;
  bool double_it = true;
  for (size_t i = text.size(); i-- > 0;) {
    char c = text[i];
    if (c < '0' || c > '9') continue;
    int d = c - '0';
    if (double_it) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double_it = !double_it;
  }
  return static_cast<char>('0' + (10 - sum % 10) % 10);
}

}  // namespace domain
