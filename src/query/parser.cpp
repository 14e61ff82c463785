#include "query/parser.h"

#include <charconv>
#include <limits>

#include "query/lexer.h"

namespace query {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (size_t i = 0; i < a.size(); ++i) {
    char x = a[i];
    char y = b[i];
    if (x >= 'A' && x <= 'Z') x = static_cast<char>(x - 'A' + 'a');
    if (y >= 'A' && y <= 'Z') y = static_cast<char>(y - 'A' + 'a');
    if (x != y) return false;
  }
  return true;
}

std::string ToUpper(std::string_view s) {
  std::string out(s);
  for (char& c : out) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  return out;
}

class Parser {
 public:
  explicit Parser(std::vector<Token> tokens) : tokens_(std::move(tokens)) {}

  common::Result<Query> ParseWholeQuery() {
    Query query;
    if (!AtEnd() && !AtClauseStart()) {
      TK_ASSIGN_OR_RETURN(query.condition, ParseOr());
    }
    if (IsKeyword(0, "order")) {
      ++pos_;
      if (!IsKeyword(0, "by")) return Fail("expected 'by'");
      ++pos_;
      TK_ASSIGN_OR_RETURN(query.order_by, ParseSortList());
    }
    if (IsKeyword(0, "limit")) {
      ++pos_;
      TK_ASSIGN_OR_RETURN(query.limit, ParseInteger());
    }
    if (IsKeyword(0, "offset")) {
      ++pos_;
      TK_ASSIGN_OR_RETURN(query.offset, ParseInteger());
    }
    if (!AtEnd()) return Fail("unexpected token");
    return query;
  }

  common::Result<std::optional<Condition>> ParseOnlyCondition() {
    if (AtEnd()) return std::optional<Condition>();
    TK_ASSIGN_OR_RETURN(Condition c, ParseOr());
    if (!AtEnd()) return Fail("unexpected token after condition");
    return std::optional<Condition>(std::move(c));
  }

  common::Result<std::vector<SortKey>> ParseOnlySortKeys() {
    if (AtEnd()) return std::vector<SortKey>();
    TK_ASSIGN_OR_RETURN(std::vector<SortKey> keys, ParseSortList());
    if (!AtEnd()) return Fail("unexpected token after sort keys");
    return keys;
  }

 private:
  const Token& Peek(size_t ahead = 0) const {
    const size_t i = pos_ + ahead;
    return i < tokens_.size() ? tokens_[i] : tokens_.back();
  }
  bool AtEnd() const { return Peek().kind == TokenKind::kEnd; }
  bool Is(TokenKind kind, size_t ahead = 0) const { return Peek(ahead).kind == kind; }
  bool IsKeyword(size_t ahead, std::string_view keyword) const {
    return Is(TokenKind::kWord, ahead) && EqualsIgnoreCase(Peek(ahead).text, keyword);
  }
  // "order by", "limit <n>" or "offset <n>" (a field may be called "limit": `limit = 5`).
  bool AtClauseStart() const {
    return (IsKeyword(0, "order") && IsKeyword(1, "by")) ||
           ((IsKeyword(0, "limit") || IsKeyword(0, "offset")) && Is(TokenKind::kNumber, 1));
  }

  common::Error Fail(std::string_view what) const {
    return QuerySyntaxError(std::string(what) + " at offset " + std::to_string(Peek().offset));
  }

  common::Result<Condition> ParseOr() {
    TK_ASSIGN_OR_RETURN(Condition first, ParseAnd());
    if (!IsKeyword(0, "or")) return first;
    Condition node;
    node.kind = Condition::Kind::kOr;
    node.children.push_back(std::move(first));
    while (IsKeyword(0, "or")) {
      ++pos_;
      TK_ASSIGN_OR_RETURN(Condition next, ParseAnd());
      node.children.push_back(std::move(next));
    }
    return node;
  }

  common::Result<Condition> ParseAnd() {
    TK_ASSIGN_OR_RETURN(Condition first, ParsePrimary());
    if (!IsKeyword(0, "and")) return first;
    Condition node;
    node.kind = Condition::Kind::kAnd;
    node.children.push_back(std::move(first));
    while (IsKeyword(0, "and")) {
      ++pos_;
      TK_ASSIGN_OR_RETURN(Condition next, ParsePrimary());
      node.children.push_back(std::move(next));
    }
    return node;
  }

  common::Result<Condition> ParsePrimary() {
    if (Is(TokenKind::kLParen)) {
      ++pos_;
      TK_ASSIGN_OR_RETURN(Condition inner, ParseOr());
      if (!Is(TokenKind::kRParen)) return Fail("expected ')'");
      ++pos_;
      return inner;
    }
    Condition leaf;
    TK_ASSIGN_OR_RETURN(leaf.predicate, ParsePredicate());
    return leaf;
  }

  common::Result<FieldRef> ParseFieldRef() {
    if (!Is(TokenKind::kWord)) return Fail("expected a field code");
    std::string_view word = Peek().text;
    const size_t dot = word.find('.');
    FieldRef ref;
    if (dot == std::string_view::npos) {
      ref.code = std::string(word);
    } else {
      ref.related = std::string(word.substr(0, dot));
      ref.code = std::string(word.substr(dot + 1));
      if (ref.related.empty() || ref.code.empty() || ref.code.find('.') != std::string::npos) {
        return Fail("malformed field reference");
      }
    }
    ++pos_;
    return ref;
  }

  common::Result<Predicate> ParsePredicate() {
    Predicate p;
    TK_ASSIGN_OR_RETURN(p.field, ParseFieldRef());
    switch (Peek().kind) {
      case TokenKind::kEq:
        return ParseComparison(std::move(p), Op::kEq);
      case TokenKind::kNe:
        return ParseComparison(std::move(p), Op::kNe);
      case TokenKind::kLt:
        return ParseComparison(std::move(p), Op::kLt);
      case TokenKind::kGt:
        return ParseComparison(std::move(p), Op::kGt);
      case TokenKind::kLe:
        return ParseComparison(std::move(p), Op::kLe);
      case TokenKind::kGe:
        return ParseComparison(std::move(p), Op::kGe);
      default:
        break;
    }
    bool negated = false;
    if (IsKeyword(0, "not")) {
      negated = true;
      ++pos_;
    }
    if (IsKeyword(0, "in")) {
      ++pos_;
      p.op = negated ? Op::kNotIn : Op::kIn;
      TK_ASSIGN_OR_RETURN(p.values, ParseValueList());
      return p;
    }
    if (IsKeyword(0, "like")) {
      ++pos_;
      p.op = negated ? Op::kNotLike : Op::kLike;
      if (!Is(TokenKind::kString)) return Fail("like needs a string");
      p.values.push_back({Value::Kind::kString, Peek().text, {}});
      ++pos_;
      return p;
    }
    if (!negated && IsKeyword(0, "is")) {
      ++pos_;
      p.op = Op::kIsEmpty;
      if (IsKeyword(0, "not")) {
        p.op = Op::kIsNotEmpty;
        ++pos_;
      }
      if (!IsKeyword(0, "empty")) return Fail("expected 'empty'");
      ++pos_;
      return p;
    }
    return Fail("expected an operator");
  }

  common::Result<Predicate> ParseComparison(Predicate p, Op op) {
    ++pos_;
    p.op = op;
    TK_ASSIGN_OR_RETURN(Value v, ParseValue());
    p.values.push_back(std::move(v));
    return p;
  }

  common::Result<std::vector<Value>> ParseValueList() {
    if (!Is(TokenKind::kLParen)) return Fail("expected '('");
    ++pos_;
    std::vector<Value> values;
    while (true) {
      TK_ASSIGN_OR_RETURN(Value v, ParseValue());
      values.push_back(std::move(v));
      if (Is(TokenKind::kComma)) {
        ++pos_;
        continue;
      }
      if (Is(TokenKind::kRParen)) {
        ++pos_;
        return values;
      }
      return Fail("expected ',' or ')'");
    }
  }

  common::Result<Value> ParseValue() {
    const Token& t = Peek();
    if (t.kind == TokenKind::kString || t.kind == TokenKind::kNumber) {
      Value v{
          t.kind == TokenKind::kString ? Value::Kind::kString : Value::Kind::kNumber, t.text, {}};
      ++pos_;
      return v;
    }
    if (t.kind == TokenKind::kWord && Is(TokenKind::kLParen, 1)) {
      Value v;
      v.kind = Value::Kind::kFunction;
      v.function.name = ToUpper(t.text);
      pos_ += 2;
      if (Is(TokenKind::kRParen)) {
        ++pos_;
        return v;
      }
      while (true) {
        if (Is(TokenKind::kNumber)) {
          v.function.args.push_back(Peek().text);
        } else if (Is(TokenKind::kWord)) {
          v.function.args.push_back(ToUpper(Peek().text));
        } else {
          return Fail("bad function argument");
        }
        ++pos_;
        if (Is(TokenKind::kComma)) {
          ++pos_;
          continue;
        }
        if (Is(TokenKind::kRParen)) {
          ++pos_;
          return v;
        }
        return Fail("expected ',' or ')' in function call");
      }
    }
    return Fail("expected a value");
  }

  common::Result<std::vector<SortKey>> ParseSortList() {
    std::vector<SortKey> keys;
    while (true) {
      SortKey key;
      TK_ASSIGN_OR_RETURN(key.field, ParseFieldRef());
      if (IsKeyword(0, "desc")) {
        key.descending = true;
        ++pos_;
      } else if (IsKeyword(0, "asc")) {
        ++pos_;
      }
      keys.push_back(std::move(key));
      if (!Is(TokenKind::kComma)) return keys;
      ++pos_;
    }
  }

  // An integer for limit/offset; values beyond int64 saturate (and then fail the max check).
  common::Result<int64_t> ParseInteger() {
    if (!Is(TokenKind::kNumber)) return Fail("expected an integer");
    std::string_view text = Peek().text;
    if (text.find('.') != std::string_view::npos) return Fail("expected an integer");
    int64_t value = 0;
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
    if (ec == std::errc::result_out_of_range) {
      value = text[0] == '-' ? std::numeric_limits<int64_t>::min()
                             : std::numeric_limits<int64_t>::max();
    } else if (ec != std::errc() || end != text.data() + text.size()) {
      return Fail("expected an integer");
    }
    ++pos_;
    return value;
  }

  std::vector<Token> tokens_;
  size_t pos_ = 0;
};

}  // namespace

common::Result<Query> ParseQuery(std::string_view text) {
  TK_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(std::move(tokens)).ParseWholeQuery();
}

common::Result<std::optional<Condition>> ParseCondition(std::string_view text) {
  TK_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(std::move(tokens)).ParseOnlyCondition();
}

common::Result<std::vector<SortKey>> ParseSortKeys(std::string_view text) {
  TK_ASSIGN_OR_RETURN(std::vector<Token> tokens, Tokenize(text));
  return Parser(std::move(tokens)).ParseOnlySortKeys();
}

}  // namespace query
