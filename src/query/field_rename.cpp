#include "query/field_rename.h"

namespace query {
namespace {

// The code of ours a reference names: the related-records field for `related.code`.
std::string& OwnCode(FieldRef& ref) { return ref.related.empty() ? ref.code : ref.related; }

// False when the reference names a removed field; renames it otherwise.
bool Follow(FieldRef& ref, const FieldChanges& changes, bool& changed) {
  std::string& code = OwnCode(ref);
  if (changes.removed.contains(code)) {
    changed = true;
    return false;
  }
  if (auto it = changes.renamed.find(code); it != changes.renamed.end()) {
    code = it->second;
    changed = true;
  }
  return true;
}

}  // namespace

std::optional<Condition> ApplyFieldChanges(const Condition& condition, const FieldChanges& changes,
                                           bool& changed) {
  if (condition.kind == Condition::Kind::kPredicate) {
    Condition out = condition;
    if (!Follow(out.predicate.field, changes, changed)) return std::nullopt;
    return out;
  }
  std::vector<Condition> kept;
  for (const Condition& child : condition.children) {
    if (auto c = ApplyFieldChanges(child, changes, changed)) kept.push_back(std::move(*c));
  }
  if (kept.empty()) return std::nullopt;
  if (kept.size() == 1) return std::move(kept.front());
  Condition out;
  out.kind = condition.kind;
  out.children = std::move(kept);
  return out;
}

std::vector<SortKey> ApplyFieldChanges(const std::vector<SortKey>& keys,
                                       const FieldChanges& changes, bool& changed) {
  std::vector<SortKey> out;
  for (SortKey key : keys) {
    if (Follow(key.field, changes, changed)) out.push_back(std::move(key));
  }
  return out;
}

}  // namespace query
