// Compiled records.json queries kept by *shape*: the query text with its string literals taken
// out. A look-up by a unique key (`受付番号 = "R2025-0001234"`) has a new text every time, so a
// cache keyed by the text would never hit; by shape, every look-up after the first reuses the
// compiled SQL and only its parameters change.
//
// Only shapes whose SQL cannot depend on the literals are kept: every predicate compares a text
// field (SINGLE_LINE_TEXT, LINK, …; =, !=, in, not in) with string literals, which the compiler
// passes through unchanged as the parameters of `where`, in order (predicate_compiler.cpp); an
// empty string compiles to other SQL, so emptiness is part of the shape. Everything else — like,
// functions, numbers, dates, choices (option checks), users (codes resolved) — is compiled every
// time, as is anything whose parameters do not turn out to be exactly its literals.
//
// A shape with literals is kept only without a count plan (count_plan.h holds values), so every
// field of a result is what CompileQuery gives for its text. Thread-safe.
#pragma once

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <unordered_map>

#include "common/result.h"
#include "query/compiler.h"
#include "query/schema.h"
#include "query/sql_dialect.h"

namespace query {

class CompiledQueryCache {
 public:
  explicit CompiledQueryCache(size_t capacity = 256) : capacity_(capacity) {}

  // CompileQuery(text, schema, context, dialect), from the cache when a text of the same shape
  // was compiled before against the same `form`. `form` owns the fields `schema` answers with
  // (their addresses stay valid while it lives): an entry is used only while that very object
  // lives, and only while `schema` still answers every field code the shape names with the same
  // field — a field hidden from this caller (nullptr) or a new form (another object) compiles
  // afresh and reports what CompileQuery reports.
  common::Result<CompiledQuery> Compile(std::string_view text, const SchemaLookup& schema,
                                        const QueryContext& context, const SqlDialect& dialect,
                                        const std::shared_ptr<const void>& form);

  struct Stats {
    uint64_t hits = 0;
    uint64_t misses = 0;
    size_t entries = 0;
  };
  Stats stats() const;

 private:
  struct Entry;

  size_t capacity_;
  mutable std::mutex mutex_;
  std::unordered_map<std::string, std::shared_ptr<const Entry>> entries_;
  std::atomic<uint64_t> hits_{0};
  std::atomic<uint64_t> misses_{0};
};

}  // namespace query
