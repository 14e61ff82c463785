#include "query/lexer.h"

#include <cstdint>

namespace query {
namespace {

constexpr char32_t kIdeographicSpace = 0x3000;

// Decodes the UTF-8 sequence at text[i]; length 0 on malformed input.
struct CodePoint {
  char32_t value = 0;
  size_t length = 0;
};

CodePoint Decode(std::string_view text, size_t i) {
  const auto b0 = static_cast<unsigned char>(text[i]);
  if (b0 < 0x80) return {b0, 1};
  size_t length = 0;
  char32_t value = 0;
  if ((b0 & 0xE0) == 0xC0) {
    length = 2;
    value = b0 & 0x1F;
  } else if ((b0 & 0xF0) == 0xE0) {
    length = 3;
    value = b0 & 0x0F;
  } else if ((b0 & 0xF8) == 0xF0) {
    length = 4;
    value = b0 & 0x07;
  } else {
    return {};
  }
  if (i + length > text.size()) return {};
  for (size_t k = 1; k < length; ++k) {
    const auto b = static_cast<unsigned char>(text[i + k]);
    if ((b & 0xC0) != 0x80) return {};
    value = (value << 6) | (b & 0x3F);
  }
  static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (value < kMin[length] || value > 0x10FFFF || (value >= 0xD800 && value <= 0xDFFF)) return {};
  return {value, length};
}

bool IsSpace(char32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == kIdeographicSpace;
}

bool IsAsciiDigit(char32_t c) { return c >= '0' && c <= '9'; }

// Field codes: ASCII letters, digits and `_`, any non-ASCII character but the full-width
// space (kana, kanji, full-width alphanumerics and symbols); `$` for `$id`; `.` for `a.b`.
bool IsWordChar(char32_t c) {
  if (c >= 0x80) return c != kIdeographicSpace;
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || IsAsciiDigit(c) || c == '_' ||
         c == '$' || c == '.';
}

class Lexer {
 public:
  explicit Lexer(std::string_view text) : text_(text) {}

  common::Result<std::vector<Token>> Run() {
    while (true) {
      TK_RETURN_IF_ERROR(SkipSpace());
      if (pos_ >= text_.size()) break;
      const size_t start = pos_;
      const char c = text_[pos_];
      if (c == '"') {
        TK_ASSIGN_OR_RETURN(std::string s, ReadString());
        Push(TokenKind::kString, std::move(s), start);
      } else if (IsAsciiDigit(static_cast<unsigned char>(c)) ||
                 (c == '-' && pos_ + 1 < text_.size() &&
                  IsAsciiDigit(static_cast<unsigned char>(text_[pos_ + 1])))) {
        TK_RETURN_IF_ERROR(ReadNumber());
      } else if (c == '(') {
        Punct(TokenKind::kLParen, 1);
      } else if (c == ')') {
        Punct(TokenKind::kRParen, 1);
      } else if (c == ',') {
        Punct(TokenKind::kComma, 1);
      } else if (c == '=') {
        Punct(TokenKind::kEq, 1);
      } else if (c == '!' && Next() == '=') {
        Punct(TokenKind::kNe, 2);
      } else if (c == '<') {
        Next() == '=' ? Punct(TokenKind::kLe, 2) : Punct(TokenKind::kLt, 1);
      } else if (c == '>') {
        Next() == '=' ? Punct(TokenKind::kGe, 2) : Punct(TokenKind::kGt, 1);
      } else {
        TK_RETURN_IF_ERROR(ReadWord());
      }
    }
    Push(TokenKind::kEnd, "", text_.size());
    return std::move(tokens_);
  }

 private:
  char Next() const { return pos_ + 1 < text_.size() ? text_[pos_ + 1] : '\0'; }

  void Push(TokenKind kind, std::string text, size_t offset) {
    tokens_.push_back({kind, std::move(text), offset});
  }

  void Punct(TokenKind kind, size_t length) {
    Push(kind, std::string(text_.substr(pos_, length)), pos_);
    pos_ += length;
  }

  common::Status SkipSpace() {
    while (pos_ < text_.size()) {
      const CodePoint cp = Decode(text_, pos_);
      if (cp.length == 0) return QuerySyntaxError(At("invalid UTF-8"));
      if (!IsSpace(cp.value)) break;
      pos_ += cp.length;
    }
    return {};
  }

  common::Result<std::string> ReadString() {
    std::string out;
    ++pos_;  // opening quote
    while (pos_ < text_.size()) {
      const char c = text_[pos_];
      if (c == '"') {
        ++pos_;
        return out;
      }
      if (c == '\t' || c == '\n' || c == '\r') {
        return QuerySyntaxError(At("raw control character in a string"));
      }
      if (c == '\\') {
        const char e = Next();
        switch (e) {
          case '"':
            out += '"';
            break;
          case '\\':
            out += '\\';
            break;
          case 't':
            out += '\t';
            break;
          case 'n':
            out += '\n';
            break;
          case 'r':
            out += '\r';
            break;
          default:
            return QuerySyntaxError(At("unknown escape"));
        }
        pos_ += 2;
        continue;
      }
      const CodePoint cp = Decode(text_, pos_);
      if (cp.length == 0) return QuerySyntaxError(At("invalid UTF-8"));
      out.append(text_.substr(pos_, cp.length));
      pos_ += cp.length;
    }
    return QuerySyntaxError(At("unterminated string"));
  }

  common::Status ReadNumber() {
    const size_t start = pos_;
    if (text_[pos_] == '-') ++pos_;
    auto digits = [&] {
      while (pos_ < text_.size() && IsAsciiDigit(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    };
    digits();
    if (pos_ + 1 < text_.size() && text_[pos_] == '.' &&
        IsAsciiDigit(static_cast<unsigned char>(text_[pos_ + 1]))) {
      ++pos_;
      digits();
    }
    if (pos_ < text_.size()) {
      const CodePoint cp = Decode(text_, pos_);
      if (cp.length == 0 || IsWordChar(cp.value)) return QuerySyntaxError(At("bad number"));
    }
    Push(TokenKind::kNumber, std::string(text_.substr(start, pos_ - start)), start);
    return {};
  }

  common::Status ReadWord() {
    const size_t start = pos_;
    while (pos_ < text_.size()) {
      const CodePoint cp = Decode(text_, pos_);
      if (cp.length == 0) return QuerySyntaxError(At("invalid UTF-8"));
      if (!IsWordChar(cp.value)) break;
      pos_ += cp.length;
    }
    if (pos_ == start) return QuerySyntaxError(At("unexpected character"));
    Push(TokenKind::kWord, std::string(text_.substr(start, pos_ - start)), start);
    return {};
  }

  std::string At(std::string_view what) const {
    return std::string(what) + " at offset " + std::to_string(pos_);
  }

  std::string_view text_;
  size_t pos_ = 0;
  std::vector<Token> tokens_;
};

}  // namespace

common::Error QuerySyntaxError(std::string detail) {
  common::Error e = common::Error::Invalid("query", common::Text::kQuerySyntax);
  e.WithDetail(std::move(detail));
  return e;
}

common::Result<std::vector<Token>> Tokenize(std::string_view text) { return Lexer(text).Run(); }

}  // namespace query
