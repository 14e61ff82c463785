#include "query/printer.h"

namespace query {
namespace {

void AppendString(std::string& out, const std::string& text) {
  out += '"';
  for (char c : text) {
    switch (c) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        out += c;
    }
  }
  out += '"';
}

void AppendValue(std::string& out, const Value& v) {
  switch (v.kind) {
    case Value::Kind::kString:
      AppendString(out, v.text);
      return;
    case Value::Kind::kNumber:
      out += v.text;
      return;
    case Value::Kind::kFunction:
      out += v.function.name;
      out += '(';
      for (size_t i = 0; i < v.function.args.size(); ++i) {
        if (i > 0) out += ", ";
        out += v.function.args[i];
      }
      out += ')';
      return;
  }
}

void AppendPredicate(std::string& out, const Predicate& p) {
  out += p.field.ToString();
  out += ' ';
  out += OpText(p.op);
  switch (p.op) {
    case Op::kIsEmpty:
    case Op::kIsNotEmpty:
      return;
    case Op::kIn:
    case Op::kNotIn:
      out += " (";
      for (size_t i = 0; i < p.values.size(); ++i) {
        if (i > 0) out += ", ";
        AppendValue(out, p.values[i]);
      }
      out += ')';
      return;
    default:
      out += ' ';
      if (!p.values.empty()) AppendValue(out, p.values.front());
      return;
  }
}

void AppendCondition(std::string& out, const Condition& c) {
  if (c.kind == Condition::Kind::kPredicate) {
    AppendPredicate(out, c.predicate);
    return;
  }
  const char* joiner = c.kind == Condition::Kind::kAnd ? " and " : " or ";
  for (size_t i = 0; i < c.children.size(); ++i) {
    if (i > 0) out += joiner;
    const Condition& child = c.children[i];
    // The parser keeps a parenthesised group as its own node: printing it in parentheses
    // gives back the same tree (and keeps `or` under `and` meaning what it meant).
    bool group = child.kind != Condition::Kind::kPredicate;
    if (group) out += '(';
    AppendCondition(out, child);
    if (group) out += ')';
  }
}

}  // namespace

std::string PrintCondition(const Condition& condition) {
  std::string out;
  AppendCondition(out, condition);
  return out;
}

std::string PrintSortKeys(const std::vector<SortKey>& keys) {
  std::string out;
  for (size_t i = 0; i < keys.size(); ++i) {
    if (i > 0) out += ", ";
    out += keys[i].field.ToString();
    out += keys[i].descending ? " desc" : " asc";
  }
  return out;
}

}  // namespace query
