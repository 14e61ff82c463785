#include "storage/sqlite/ngram_tokenizer.h"

#include <sqlite3.h>

#include <memory>
#include <new>
#include <string>
#include <vector>

#include "common/normalize.h"

namespace storage::sqlite {
namespace {

using TokenCallback = int (*)(void* ctx, int tflags, const char* token, int n_token, int start,
                              int end);

// FTS5 wants an Fts5Tokenizer object per table; ours has no state, so any non-null pointer
// would do. A real (empty) object keeps xCreate/xDelete honest.
struct NgramTokenizer {};

int AppendUtf8(char32_t c, char* out) {
  if (c < 0x80) {
    out[0] = static_cast<char>(c);
    return 1;
  }
  if (c < 0x800) {
    out[0] = static_cast<char>(0xC0 | (c >> 6));
    out[1] = static_cast<char>(0x80 | (c & 0x3F));
    return 2;
  }
  if (c < 0x10000) {
    out[0] = static_cast<char>(0xE0 | (c >> 12));
    out[1] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
    out[2] = static_cast<char>(0x80 | (c & 0x3F));
    return 3;
  }
  out[0] = static_cast<char>(0xF0 | (c >> 18));
  out[1] = static_cast<char>(0x80 | ((c >> 12) & 0x3F));
  out[2] = static_cast<char>(0x80 | ((c >> 6) & 0x3F));
  out[3] = static_cast<char>(0x80 | (c & 0x3F));
  return 4;
}

int EmitUnigram(void* ctx, TokenCallback emit, int tflags, const common::SearchChar& c) {
  char buf[4];
  int n = AppendUtf8(c.code_point, buf);
  return emit(ctx, tflags, buf, n, static_cast<int>(c.begin), static_cast<int>(c.end));
}

int EmitBigram(void* ctx, TokenCallback emit, const common::SearchChar& a,
               const common::SearchChar& b) {
  char buf[8];
  int n = AppendUtf8(a.code_point, buf);
  n += AppendUtf8(b.code_point, buf + n);
  return emit(ctx, 0, buf, n, static_cast<int>(a.begin), static_cast<int>(b.end));
}

int Tokenize(const std::vector<common::SearchChar>& chars, void* ctx, bool query,
             TokenCallback emit) {
  const size_t n = chars.size();
  if (n == 0) return SQLITE_OK;
  if (query) {
    if (n == 1) return EmitUnigram(ctx, emit, 0, chars[0]);
    for (size_t i = 0; i + 1 < n; ++i) {
      if (int rc = EmitBigram(ctx, emit, chars[i], chars[i + 1]); rc != SQLITE_OK) return rc;
    }
    return SQLITE_OK;
  }
  // Bigrams, and the last character alone: a one-character term is a prefix query (the header),
  // so the character at i < n-1 is found as the first half of bigram i. Half the tokens of a
  // unigram per position, and FTS5's cost is per token.
  for (size_t i = 0; i + 1 < n; ++i) {
    if (int rc = EmitBigram(ctx, emit, chars[i], chars[i + 1]); rc != SQLITE_OK) return rc;
  }
  return EmitUnigram(ctx, emit, 0, chars[n - 1]);
}

int XCreate(void*, const char**, int n_args, Fts5Tokenizer** out) {
  *out = nullptr;
  if (n_args != 0) return SQLITE_ERROR;  // the tokenizer takes no options
  auto* tokenizer = new (std::nothrow) NgramTokenizer;
  if (tokenizer == nullptr) return SQLITE_NOMEM;
  *out = reinterpret_cast<Fts5Tokenizer*>(tokenizer);
  return SQLITE_OK;
}

void XDelete(Fts5Tokenizer* tokenizer) { delete reinterpret_cast<NgramTokenizer*>(tokenizer); }

int XTokenize(Fts5Tokenizer*, void* ctx, int flags, const char* text, int n_text,
              TokenCallback emit) {
  if (text == nullptr || n_text <= 0) return SQLITE_OK;
  // Exceptions must not cross SQLite's C frames.
  try {
    std::vector<common::SearchChar> chars =
        common::NormalizeForSearchMapped(std::string_view(text, static_cast<size_t>(n_text)));
    return Tokenize(chars, ctx, (flags & FTS5_TOKENIZE_QUERY) != 0, emit);
  } catch (const std::bad_alloc&) {
    return SQLITE_NOMEM;
  } catch (...) {
    return SQLITE_ERROR;
  }
}

// tsumiki_contains(text, term): 1 when the normalised text contains the normalised term, the
// very condition the phrase query of `term` tests on the index (see the header); 0 for a term
// that normalises to nothing (an empty phrase matches nothing) and for NULL. The term's
// normalisation is kept with the statement (auxdata) while the term stays the same.
void Contains(sqlite3_context* ctx, int, sqlite3_value** argv) {
  try {
    if (sqlite3_value_type(argv[0]) == SQLITE_NULL || sqlite3_value_type(argv[1]) == SQLITE_NULL) {
      sqlite3_result_int(ctx, 0);
      return;
    }
    auto* term = static_cast<std::string*>(sqlite3_get_auxdata(ctx, 1));
    if (term == nullptr) {
      const auto* t = reinterpret_cast<const char*>(sqlite3_value_text(argv[1]));
      auto owned = std::make_unique<std::string>(common::NormalizeForSearch(
          std::string_view(t ? t : "", static_cast<size_t>(sqlite3_value_bytes(argv[1])))));
      term = owned.get();
      sqlite3_set_auxdata(ctx, 1, owned.release(),
                          [](void* p) { delete static_cast<std::string*>(p); });
      // SQLite may have freed it at once (out of memory): ask again, or work uncached.
      if (sqlite3_get_auxdata(ctx, 1) != term) {
        sqlite3_result_error_nomem(ctx);
        return;
      }
    }
    if (term->empty()) {
      sqlite3_result_int(ctx, 0);
      return;
    }
    const auto* text = reinterpret_cast<const char*>(sqlite3_value_text(argv[0]));
    const std::string folded = common::NormalizeForSearch(
        std::string_view(text ? text : "", static_cast<size_t>(sqlite3_value_bytes(argv[0]))));
    // Valid UTF-8 on both sides: a byte substring is a code-point substring.
    sqlite3_result_int(ctx, folded.find(*term) != std::string::npos ? 1 : 0);
  } catch (const std::bad_alloc&) {
    sqlite3_result_error_nomem(ctx);
  } catch (...) {
    sqlite3_result_error(ctx, "tsumiki_contains failed", -1);
  }
}

}  // namespace

common::Status RegisterNgramTokenizer(sqlite3* db) {
  if (int rc = sqlite3_create_function_v2(db, kContainsFunctionName, 2,
                                          SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                                          nullptr, &Contains, nullptr, nullptr, nullptr);
      rc != SQLITE_OK) {
    return common::Error::Internal(std::string("cannot register tsumiki_contains: ") +
                                   sqlite3_errstr(rc));
  }
  sqlite3_stmt* stmt = nullptr;
  if (sqlite3_prepare_v2(db, "SELECT fts5(?1)", -1, &stmt, nullptr) != SQLITE_OK) {
    return common::Error::Internal(std::string("FTS5 is not available: ") + sqlite3_errmsg(db));
  }
  fts5_api* api = nullptr;
  sqlite3_bind_pointer(stmt, 1, &api, "fts5_api_ptr", nullptr);
  sqlite3_step(stmt);
  sqlite3_finalize(stmt);
  if (api == nullptr || api->iVersion < 2) {
    return common::Error::Internal("FTS5 API v2 is not available");
  }
  fts5_tokenizer tokenizer{&XCreate, &XDelete, &XTokenize};
  int rc = api->xCreateTokenizer(api, kNgramTokenizerName, nullptr, &tokenizer, nullptr);
  if (rc != SQLITE_OK) {
    return common::Error::Internal(std::string("cannot register the FTS5 tokenizer: ") +
                                   sqlite3_errstr(rc));
  }
  return common::Status::Ok();
}

}  // namespace storage::sqlite
