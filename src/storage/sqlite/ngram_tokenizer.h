// The `tsumiki` FTS5 tokenizer: normalised code-point bigrams plus the last character, so that the
// query query::SqliteDialect::FullTextPattern makes of a term ("<term>", or "<c>"* for one
// character) finds exactly the rows whose normalised text contains the normalised term, whatever
// its length. No shared mutable state: safe on any number of connections and threads.
#pragma once

#include "common/result.h"

struct sqlite3;

namespace storage::sqlite {

// The name to use in `tokenize='tsumiki'`.
inline constexpr char kNgramTokenizerName[] = "tsumiki";

// The SQL function tsumiki_contains(text, term) registered with it: 1 when NormalizeForSearch(text)
// contains NormalizeForSearch(term) (0 when the term normalises to nothing, or either is NULL),
// which is exactly when the phrase query of `term` matches a document `text` on the index. `like`
// uses it for the records the background indexer has not reached (query/record_layout.h); the
// query layer names it in SqliteDialect::ContainsText.
inline constexpr char kContainsFunctionName[] = "tsumiki_contains";

// Registers the tokenizer and tsumiki_contains on one connection (FTS5 tokenizers are per
// connection); call right after opening it, before touching any FTS table.
//
// Text is folded with common::NormalizeForSearch and split into code points c0 c1 ... cn-1.
//  - Documents: position i < n-1 carries the bigram ci ci+1; the last position carries the
//    unigram cn-1. (Until schema v11 every position also carried its unigram, twice the tokens;
//    the v11 migration re-indexes, see RequeueAllText in fts_indexer.h.)
//  - Queries: a term of one code point is its unigram, asked as a prefix query ("c"*): it
//    matches the bigrams starting with c (every occurrence but the last character) and the
//    last character's unigram (UTF-8 is prefix-free, so a token starting with c's bytes starts
//    with c). A longer term is the bigrams c0c1, c1c2, ... at consecutive positions.
//    Consecutive bigrams overlap by one code point, so the phrase matches at position i exactly
//    when the term occurs at i: phrase match <=> substring.
//  - White space is a character like any other (after collapsing runs to one ' '): "山田 太郎"
//    finds "山田 太郎" and "山田　太郎" but not "山田太郎", as a substring search should.
// Byte offsets reported to FTS5 point into the original text (see common::SearchChar); bad UTF-8
// bytes are skipped. The phrase needs positions, so tables must use detail=full.
common::Status RegisterNgramTokenizer(sqlite3* db);

}  // namespace storage::sqlite
