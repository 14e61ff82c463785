#include "query/compiled_query_cache.h"

#include <algorithm>
#include <typeinfo>
#include <utility>
#include <vector>

#include "query/field_rules.h"
#include "query/lexer.h"
#include "query/parser.h"

namespace query {
namespace {

// Every field the binder asked for, with the answer: replayed against a later caller's schema
// to see that it answers the same (visibility is per caller).
class RecordingLookup final : public SchemaLookup {
 public:
  explicit RecordingLookup(const SchemaLookup& inner) : inner_(inner) {}
  const FieldInfo* Find(std::string_view code) const override {
    const FieldInfo* f = inner_.Find(code);
    auto same = [&](const auto& seen) { return seen.first == code; };
    if (std::find_if(asked_.begin(), asked_.end(), same) == asked_.end()) {
      asked_.emplace_back(std::string(code), f);
    }
    return f;
  }
  int64_t app_id() const override { return inner_.app_id(); }
  std::vector<std::pair<std::string, const FieldInfo*>> Take() { return std::move(asked_); }

 private:
  const SchemaLookup& inner_;
  mutable std::vector<std::pair<std::string, const FieldInfo*>> asked_;
};

void AppendSized(std::string& key, std::string_view s) {
  key += std::to_string(s.size());
  key += ':';
  key += s;
}

// The shape's key: what the compiled SQL may depend on besides the literals' contents.
std::string ShapeKey(const std::vector<Token>& tokens, const SchemaLookup& schema,
                     const QueryContext& context, const SqlDialect& dialect, const void* form) {
  std::string key;
  key.reserve(64);
  AppendSized(key, std::to_string(reinterpret_cast<uintptr_t>(form)));
  AppendSized(key, std::to_string(reinterpret_cast<uintptr_t>(&typeid(dialect))));
  AppendSized(key, std::to_string(schema.app_id()));
  AppendSized(key, std::to_string(context.max_limit));
  AppendSized(key, std::to_string(context.max_offset));
  for (const Token& t : tokens) {
    key += static_cast<char>('A' + static_cast<int>(t.kind));
    if (t.kind == TokenKind::kString) {
      key += t.text.empty() ? 'e' : 's';
    } else {
      AppendSized(key, t.text);
    }
  }
  return key;
}

// The literal values of `c` in the order written; false when `c` holds anything but text-field
// comparisons (=, !=, in, not in) with string values, i.e. anything the SQL of which may depend
// on a value (see the header).
bool TextComparisons(const Condition& c, const SchemaLookup& schema,
                     std::vector<std::string>& literals) {
  if (c.kind != Condition::Kind::kPredicate) {
    for (const Condition& child : c.children) {
      if (!TextComparisons(child, schema, literals)) return false;
    }
    return true;
  }
  const Predicate& p = c.predicate;
  if (p.op != Op::kEq && p.op != Op::kNe && p.op != Op::kIn && p.op != Op::kNotIn) return false;
  if (!p.field.related.empty() || p.field.code.empty() || p.field.code[0] == '$') return false;
  const FieldInfo* field = schema.Find(p.field.code);
  if (field == nullptr) return false;
  const FieldRules* rules = RulesFor(field->type);
  if (rules == nullptr || rules->storage != Storage::kText || rules->checks_options ||
      rules->entity || rules->column != SystemColumn::kNone) {
    return false;
  }
  for (const Value& v : p.values) {
    if (v.kind != Value::Kind::kString) return false;
    literals.push_back(v.text);
  }
  return true;
}

}  // namespace

struct CompiledQueryCache::Entry {
  std::weak_ptr<const void> form;
  std::vector<std::pair<std::string, const FieldInfo*>> fields;
  CompiledQuery compiled;  // where.params: the non-empty literals, in order
};

common::Result<CompiledQuery> CompiledQueryCache::Compile(std::string_view text,
                                                          const SchemaLookup& schema,
                                                          const QueryContext& context,
                                                          const SqlDialect& dialect,
                                                          const std::shared_ptr<const void>& form) {
  auto tokens = Tokenize(text);
  if (!form || !tokens.ok()) return CompileQuery(text, schema, context, dialect);
  std::string key = ShapeKey(*tokens, schema, context, dialect, form.get());

  std::shared_ptr<const Entry> entry;
  {
    std::lock_guard lock(mutex_);
    if (auto it = entries_.find(key); it != entries_.end()) {
      if (it->second->form.lock() == form) {
        entry = it->second;
      } else {
        entries_.erase(it);  // its form is gone; this address now belongs to another
      }
    }
  }
  if (entry) {
    bool same = true;
    for (const auto& [code, field] : entry->fields) {
      if (schema.Find(code) != field) {
        same = false;
        break;
      }
    }
    if (same) {
      hits_.fetch_add(1, std::memory_order_relaxed);
      CompiledQuery out = entry->compiled;
      size_t k = 0;
      for (const Token& t : *tokens) {
        if (t.kind == TokenKind::kString && !t.text.empty()) out.where.params[k++] = t.text;
      }
      return out;
    }
  }

  misses_.fetch_add(1, std::memory_order_relaxed);
  RecordingLookup recording(schema);
  TK_ASSIGN_OR_RETURN(CompiledQuery compiled, CompileQuery(text, recording, context, dialect));
  // Kept only when the shape is one whose SQL ignores the literals and the compiled parameters
  // are exactly the non-empty literals in the order written, each distinct (so no position can
  // be mistaken for another).
  auto parsed = ParseQuery(text);
  if (!parsed.ok()) return compiled;
  std::vector<std::string> literals;
  if (parsed->condition && !TextComparisons(*parsed->condition, recording, literals)) {
    return compiled;
  }
  std::vector<std::string> written;
  for (const Token& t : *tokens) {
    if (t.kind == TokenKind::kString) written.push_back(t.text);
  }
  // A count plan holds values; one built from this text's literals would be wrong for the next.
  const bool plan_has_values = compiled.count_plan != nullptr && !literals.empty();
  if (written != literals || plan_has_values || compiled.driven_by_full_text ||
      !compiled.pending_from.empty()) {
    return compiled;
  }
  std::erase(literals, std::string());
  if (compiled.where.params.size() != literals.size()) return compiled;
  for (size_t i = 0; i < literals.size(); ++i) {
    const auto* p = std::get_if<std::string>(&compiled.where.params[i]);
    if (p == nullptr || *p != literals[i]) return compiled;
    for (size_t j = 0; j < i; ++j) {
      if (literals[j] == literals[i]) return compiled;
    }
  }
  auto fresh = std::make_shared<Entry>(Entry{form, recording.Take(), compiled});
  std::lock_guard lock(mutex_);
  if (entries_.size() >= capacity_) entries_.clear();
  entries_[std::move(key)] = std::move(fresh);
  return compiled;
}

CompiledQueryCache::Stats CompiledQueryCache::stats() const {
  std::lock_guard lock(mutex_);
  return Stats{hits_.load(), misses_.load(), entries_.size()};
}

}  // namespace query
