// Search benchmarks: NormalizeForSearch throughput, FTS insert rate through the r{A}_f{K}_fts
// triggers, and `like` latency (p50/p95 per query) over generated names in an on-disk database.
// The large corpus is built once per run (TSUMIKI_BENCH_SEARCH_ROWS, default 1,000,000 rows).
#include <benchmark/benchmark.h>
#include <sqlite3.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <vector>

#include "common/normalize.h"
#include "japanese_names.h"
#include "storage/sqlite/fts_schema.h"
#include "storage/sqlite/ngram_tokenizer.h"

namespace {

using Clock = std::chrono::steady_clock;

// A database file in the temp directory with the tokenizer and an indexed r1.f3; deleted with
// the object.
class BenchDb {
 public:
  explicit BenchDb(const std::string& tag) {
    path_ = (std::filesystem::temp_directory_path() /
             ("tsumiki-search-bench-" + tag + "-" + std::to_string(getpid()) + ".db"))
                .string();
    Remove();
    if (sqlite3_open(path_.c_str(), &db_) != SQLITE_OK ||
        !storage::sqlite::RegisterNgramTokenizer(db_).ok()) {
      throw std::runtime_error("cannot open " + path_);
    }
    Exec("PRAGMA journal_mode=WAL");
    Exec("PRAGMA synchronous=NORMAL");
    Exec("PRAGMA cache_size=-65536");
    Exec("CREATE TABLE r1 (id INTEGER PRIMARY KEY, f3 TEXT NOT NULL DEFAULT '')");
    for (const std::string& sql : storage::sqlite::FtsDdl(1, 3, "r1")) Exec(sql);
    insert_ = Prepare("INSERT INTO r1 (id, f3) VALUES (?1, ?2)");
    std::string batch = "INSERT INTO r1 (id, f3) VALUES (?, ?)";
    for (int i = 1; i < kBatchRows; ++i) batch += ", (?, ?)";
    insert_batch_ = Prepare(batch);
  }
  ~BenchDb() {
    sqlite3_finalize(insert_);
    sqlite3_finalize(insert_batch_);
    sqlite3_close(db_);
    Remove();
  }
  BenchDb(const BenchDb&) = delete;
  BenchDb& operator=(const BenchDb&) = delete;

  void Exec(const std::string& sql) {
    if (sqlite3_exec(db_, sql.c_str(), nullptr, nullptr, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    }
  }
  sqlite3_stmt* Prepare(const std::string& sql) {
    sqlite3_stmt* stmt = nullptr;
    if (sqlite3_prepare_v2(db_, sql.c_str(), -1, &stmt, nullptr) != SQLITE_OK) {
      throw std::runtime_error(sql + ": " + sqlite3_errmsg(db_));
    }
    return stmt;
  }
  void Insert(int64_t id, const std::string& text) {
    sqlite3_bind_int64(insert_, 1, id);
    sqlite3_bind_text(insert_, 2, text.data(), static_cast<int>(text.size()), SQLITE_STATIC);
    if (sqlite3_step(insert_) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    sqlite3_reset(insert_);
  }
  // Rows first_id .. first_id + kBatchRows - 1 in one statement.
  void InsertBatch(int64_t first_id, const std::vector<std::string>& texts) {
    for (int i = 0; i < kBatchRows; ++i) {
      const std::string& text = texts[static_cast<size_t>(i)];
      sqlite3_bind_int64(insert_batch_, 2 * i + 1, first_id + i);
      sqlite3_bind_text(insert_batch_, 2 * i + 2, text.data(), static_cast<int>(text.size()),
                        SQLITE_STATIC);
    }
    if (sqlite3_step(insert_batch_) != SQLITE_DONE) throw std::runtime_error(sqlite3_errmsg(db_));
    sqlite3_reset(insert_batch_);
  }

  static constexpr int kBatchRows = 100;

 private:
  void Remove() {
    for (const char* suffix : {"", "-wal", "-shm"}) std::filesystem::remove(path_ + suffix);
  }
  std::string path_;
  sqlite3* db_ = nullptr;
  sqlite3_stmt* insert_ = nullptr;
  sqlite3_stmt* insert_batch_ = nullptr;
};

int64_t CorpusRows() {
  const char* env = std::getenv("TSUMIKI_BENCH_SEARCH_ROWS");
  return env ? std::max<int64_t>(1000, std::atoll(env)) : 1000000;
}

// The shared corpus: CorpusRows() (rounded up to 100) names loaded 100 rows per INSERT statement
// and 10,000 per transaction, then checkpointed.
struct Corpus {
  Corpus() : db("corpus"), rows((CorpusRows() + 99) / 100 * 100) {
    auto start = Clock::now();
    std::vector<std::string> names(BenchDb::kBatchRows);
    for (int64_t first = 1; first <= rows; first += BenchDb::kBatchRows) {
      if (first % 10000 == 1) db.Exec("BEGIN");
      for (int i = 0; i < BenchDb::kBatchRows; ++i) {
        names[static_cast<size_t>(i)] = bench::NameFor(static_cast<uint32_t>(first - 1 + i));
      }
      db.InsertBatch(first, names);
      if ((first - 1 + BenchDb::kBatchRows) % 10000 == 0 || first + BenchDb::kBatchRows > rows) {
        db.Exec("COMMIT");
      }
    }
    load_seconds = std::chrono::duration<double>(Clock::now() - start).count();
    db.Exec("PRAGMA wal_checkpoint(TRUNCATE)");
  }
  BenchDb db;
  int64_t rows;
  double load_seconds = 0;
};

Corpus& SharedCorpus() {
  static Corpus corpus;  // built on first use, once per process
  return corpus;
}

void BM_NormalizeForSearch(benchmark::State& state, std::vector<std::string> texts) {
  size_t bytes = 0;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& text = texts[i++ % texts.size()];
    benchmark::DoNotOptimize(common::NormalizeForSearch(text));
    bytes += text.size();
  }
  state.SetBytesProcessed(static_cast<int64_t>(bytes));
  state.SetItemsProcessed(state.iterations());
}

std::vector<std::string> Names(size_t n) {
  std::vector<std::string> names;
  for (uint32_t i = 0; i < n; ++i) names.push_back(bench::NameFor(i));
  return names;
}

BENCHMARK_CAPTURE(BM_NormalizeForSearch, ascii,
                  std::vector<std::string>{"R2026-0000123", "yamada.taro@example.jp",
                                           "Tokyo Chiyoda 1-2-3 Room 405"});
BENCHMARK_CAPTURE(BM_NormalizeForSearch, kanji_names, Names(1000));
BENCHMARK_CAPTURE(BM_NormalizeForSearch, mixed_width,
                  std::vector<std::string>{"東京都千代田区霞ヶ関１丁目２番３号 コーポ桜１０１号室",
                                           "ﾔﾏﾀﾞ ﾀﾛｳ", "ＡＢＣ商事株式会社　営業部"});

// Rows per second into r1 through the FTS triggers, 100 rows per transaction (a full kintone
// batch), written as 100 single-row INSERTs (arg 1) or one 100-row INSERT (arg 100). Each
// statement that fires a trigger opens a statement savepoint, and FTS5 (3.40) flushes its pending
// terms to a new segment at every savepoint: fewer statements, fewer segments.
void BM_FtsInsert(benchmark::State& state) {
  BenchDb db("insert");
  const bool batched = state.range(0) > 1;
  std::vector<std::string> names = Names(BenchDb::kBatchRows);
  int64_t id = 1;
  for (auto _ : state) {
    db.Exec("BEGIN");
    if (batched) {
      db.InsertBatch(id, names);
    } else {
      for (int i = 0; i < BenchDb::kBatchRows; ++i) db.Insert(id + i, names[i]);
    }
    db.Exec("COMMIT");
    id += BenchDb::kBatchRows;
  }
  state.SetItemsProcessed(state.iterations() * BenchDb::kBatchRows);
}
BENCHMARK(BM_FtsInsert)
    ->Arg(1)
    ->Arg(100)
    ->MinTime(2.0)
    ->UseRealTime()
    ->Unit(benchmark::kMillisecond);

// Loading the shared corpus (reported once; the time is the whole load).
void BM_FtsBulkLoad(benchmark::State& state) {
  Corpus& corpus = SharedCorpus();
  for (auto _ : state) state.SetIterationTime(corpus.load_seconds);
  state.counters["rows"] = static_cast<double>(corpus.rows);
  state.counters["rows_per_s"] = static_cast<double>(corpus.rows) / corpus.load_seconds;
}
BENCHMARK(BM_FtsBulkLoad)->UseManualTime()->Iterations(1)->Unit(benchmark::kSecond);

// What `氏名 like "term"` costs: the first page as records.json returns it (newest first, 100
// rows) and the total count (totalCount=true). kPage uses the composable form a query compiler
// emits (`id IN (SELECT rowid ... MATCH ?)`), kJoinPage drives the page from the index instead
// (FTS5 yields rowids in descending order, so LIMIT stops early); kIndexCount counts in the index
// alone. Each iteration runs the next term of the set.
enum class Shape { kPage, kJoinPage, kCount, kIndexCount };

std::string LikeSql(Shape shape) {
  const std::string matches = storage::sqlite::FtsMatchSql(1, 3);
  switch (shape) {
    case Shape::kPage:
      return "SELECT id, f3 FROM r1 WHERE id IN (" + matches + ") ORDER BY id DESC LIMIT 100";
    case Shape::kJoinPage:
      return "SELECT r1.id, r1.f3 FROM r1_f3_fts JOIN r1 ON r1.id = r1_f3_fts.rowid WHERE "
             "r1_f3_fts MATCH ?1 ORDER BY r1_f3_fts.rowid DESC LIMIT 100";
    case Shape::kCount:
      return "SELECT count(*) FROM r1 WHERE id IN (" + matches + ")";
    case Shape::kIndexCount:
      return "SELECT count(*) FROM r1_f3_fts WHERE r1_f3_fts MATCH ?1";
  }
  return {};
}

void BM_Like(benchmark::State& state, Shape shape, std::vector<std::string> terms) {
  Corpus& corpus = SharedCorpus();
  sqlite3_stmt* stmt = corpus.db.Prepare(LikeSql(shape));
  std::vector<std::string> phrases;
  for (const std::string& term : terms) phrases.push_back(*storage::sqlite::FtsPhrase(term));
  std::vector<double> millis;
  double rows = 0;
  size_t i = 0;
  for (auto _ : state) {
    const std::string& phrase = phrases[i++ % phrases.size()];
    auto start = Clock::now();
    sqlite3_bind_text(stmt, 1, phrase.data(), static_cast<int>(phrase.size()), SQLITE_STATIC);
    while (sqlite3_step(stmt) == SQLITE_ROW) {
      bool count = shape == Shape::kCount || shape == Shape::kIndexCount;
      rows += count ? sqlite3_column_double(stmt, 0) : 1;
    }
    sqlite3_reset(stmt);
    millis.push_back(std::chrono::duration<double, std::milli>(Clock::now() - start).count());
  }
  sqlite3_finalize(stmt);
  std::sort(millis.begin(), millis.end());
  state.counters["p50_ms"] = millis[millis.size() / 2];
  state.counters["p95_ms"] = millis[millis.size() * 95 / 100];
  state.counters["rows_per_query"] = rows / static_cast<double>(millis.size());
}

// Terms of 1, 2 and 3+ characters, common and rare, including misses (鈴木 一郎 is drawn, 木村
// 由美子 likely, 小林 陽翔 perhaps).
std::vector<std::string> Terms(int length) {
  switch (length) {
    case 1:
      return {"田", "子", "藤", "美", "郎", "翔", "川", "恵"};
    case 2:
      return {"田中", "太郎", "美咲", "山本", "健一", "佐藤", "花子", "藤原"};
    default:
      return {"佐々木",  "長谷川",    "山田 太",     "中村 美咲",
              "藤原 健", "小林 陽翔", "木村 由美子", "鈴木 一郎"};
  }
}

#define TK_LIKE_BENCHMARK(name, shape, length)           \
  BENCHMARK_CAPTURE(BM_Like, name, shape, Terms(length)) \
      ->MinTime(1.0)                                     \
      ->UseRealTime()                                    \
      ->Unit(benchmark::kMillisecond)

TK_LIKE_BENCHMARK(page_1char, Shape::kPage, 1);
TK_LIKE_BENCHMARK(page_2char, Shape::kPage, 2);
TK_LIKE_BENCHMARK(page_3plus, Shape::kPage, 3);
TK_LIKE_BENCHMARK(join_page_1char, Shape::kJoinPage, 1);
TK_LIKE_BENCHMARK(join_page_2char, Shape::kJoinPage, 2);
TK_LIKE_BENCHMARK(join_page_3plus, Shape::kJoinPage, 3);
TK_LIKE_BENCHMARK(count_1char, Shape::kCount, 1);
TK_LIKE_BENCHMARK(count_2char, Shape::kCount, 2);
TK_LIKE_BENCHMARK(count_3plus, Shape::kCount, 3);
TK_LIKE_BENCHMARK(index_count_1char, Shape::kIndexCount, 1);
TK_LIKE_BENCHMARK(index_count_2char, Shape::kIndexCount, 2);
TK_LIKE_BENCHMARK(index_count_3plus, Shape::kIndexCount, 3);

}  // namespace
