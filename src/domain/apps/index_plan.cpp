#include "domain/apps/index_plan.h"

#include <algorithm>
#include <set>

#include "domain/fields/field_set.h"
#include "query/parser.h"

namespace domain {

namespace json = boost::json;
using common::FieldType;

namespace {

// Types whose value lives in one orderable column (query/record_layout.h).
bool Indexable(FieldType t) {
  switch (t) {
    case FieldType::kSingleLineText:
    case FieldType::kLink:
    case FieldType::kDate:
    case FieldType::kTime:
    case FieldType::kDateTime:
    case FieldType::kDropDown:
    case FieldType::kRadioButton:
    case FieldType::kNumber:
    case FieldType::kCalc:
      return true;
    default:
      return false;
  }
}

const FieldDef* IndexableField(const FieldSet& form, const query::FieldRef& ref) {
  if (!ref.related.empty()) return nullptr;
  const FieldDef* f = form.FindTopLevel(ref.code);
  return f && Indexable(f->type) ? f : nullptr;
}

struct ViewFields {
  std::vector<int64_t> equal;  // in the order written, without duplicates
  std::vector<int64_t> other;
};

void Collect(const query::Condition& c, bool top_level_and, const FieldSet& form, ViewFields& out) {
  if (c.kind != query::Condition::Kind::kPredicate) {
    bool and_chain = top_level_and && c.kind == query::Condition::Kind::kAnd;
    for (const query::Condition& child : c.children) Collect(child, and_chain, form, out);
    return;
  }
  const FieldDef* f = IndexableField(form, c.predicate.field);
  if (!f) return;
  switch (c.predicate.op) {
    case query::Op::kEq:
    case query::Op::kIn:
      if (top_level_and) {
        if (std::find(out.equal.begin(), out.equal.end(), f->id) == out.equal.end()) {
          out.equal.push_back(f->id);
        }
      } else {
        out.other.push_back(f->id);
      }
      return;
    case query::Op::kGt:
    case query::Op::kLt:
    case query::Op::kGe:
    case query::Op::kLe:
    case query::Op::kIsEmpty:
    case query::Op::kIsNotEmpty:
      out.other.push_back(f->id);
      return;
    default:  // !=, not in, like (the search index), not like: an index does not help
      return;
  }
}

bool IsPrefix(const IndexSpec& a, const IndexSpec& b) {
  return a.field_ids.size() < b.field_ids.size() &&
         std::equal(a.field_ids.begin(), a.field_ids.end(), b.field_ids.begin());
}

}  // namespace

std::vector<IndexSpec> PlanIndexes(const FieldSet& form, const json::object* views) {
  std::set<IndexSpec> specs;
  for (const FieldDef& f : form.fields()) {
    if (f.unique && Indexable(f.type)) specs.insert(IndexSpec{{f.id}});
  }
  const json::value* all = views ? views->if_contains("views") : nullptr;
  if (all && all->is_object()) {
    for (const auto& [name, view] : all->as_object()) {
      if (!view.is_object()) continue;
      ViewFields fields;
      if (const json::value* cond = view.as_object().if_contains("filterCond");
          cond && cond->is_string()) {
        auto parsed = query::ParseCondition(cond->as_string());
        if (parsed.ok() && *parsed) Collect(**parsed, true, form, fields);
      }
      const FieldDef* first_sort = nullptr;
      if (const json::value* sort = view.as_object().if_contains("sort");
          sort && sort->is_string()) {
        auto keys = query::ParseSortKeys(sort->as_string());
        if (keys.ok()) {
          for (size_t i = 0; i < keys->size(); ++i) {
            const FieldDef* f = IndexableField(form, (*keys)[i].field);
            if (i == 0) first_sort = f;  // $id or a system field: the rowid order or its own index
            if (f) fields.other.push_back(f->id);
          }
        }
      }
      if (!fields.equal.empty()) {
        IndexSpec composite{fields.equal};
        if (first_sort && std::find(fields.equal.begin(), fields.equal.end(), first_sort->id) ==
                              fields.equal.end()) {
          composite.field_ids.push_back(first_sort->id);
        }
        specs.insert(std::move(composite));
      }
      for (int64_t id : fields.other) specs.insert(IndexSpec{{id}});
    }
  }
  std::vector<IndexSpec> out;
  for (const IndexSpec& s : specs) {
    bool covered = std::any_of(specs.begin(), specs.end(),
                               [&](const IndexSpec& other) { return IsPrefix(s, other); });
    if (!covered) out.push_back(s);
  }
  return out;
}

}  // namespace domain
