#include "query/ast.h"

namespace query {

std::string_view OpText(Op op) {
  switch (op) {
    case Op::kEq:
      return "=";
    case Op::kNe:
      return "!=";
    case Op::kGt:
      return ">";
    case Op::kLt:
      return "<";
    case Op::kGe:
      return ">=";
    case Op::kLe:
      return "<=";
    case Op::kIn:
      return "in";
    case Op::kNotIn:
      return "not in";
    case Op::kLike:
      return "like";
    case Op::kNotLike:
      return "not like";
    case Op::kIsEmpty:
      return "is empty";
    case Op::kIsNotEmpty:
      return "is not empty";
  }
  return "?";
}

}  // namespace query
