#include "storage/count_index.h"

#include <algorithm>
#include <bit>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <boost/json.hpp>

#include "common/log.h"
#include "common/time_zone.h"
#include "query/record_layout.h"

namespace storage {

using common::Error;
using common::Status;
using query::CountColumn;
using query::CountKind;
using query::CountPlan;
using query::kCountNull;

namespace {

constexpr int64_t kGone = -1;  // the live revision of an app that no longer exists

size_t WordsFor(int64_t slots) { return static_cast<size_t>((slots + 63) / 64); }

// "SELECT id, f20, f17 FROM r1" ("id" is the slot itself, never a column of its own).
std::string SelectSql(int64_t app, const std::vector<CountColumn>& columns) {
  std::string sql = "SELECT id";
  for (const CountColumn& c : columns) {
    if (c.name != "id") sql += ", " + c.name;
  }
  return sql + " FROM " + query::RecordTable(app);
}

std::string JsonIds(const std::vector<int64_t>& ids) {
  std::string out = "[";
  for (size_t i = 0; i < ids.size(); ++i) {
    if (i > 0) out += ',';
    out += std::to_string(ids[i]);
  }
  return out + "]";
}

void SortUnique(std::vector<int64_t>& ids) {
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
}

}  // namespace

struct CountIndex::Column {
  explicit Column(CountKind k) : kind(k) {}
  CountKind kind;
  std::vector<int64_t> values;     // by slot (record id - 1); kCountNull: NULL, or no record
  std::vector<std::string> names;  // kChoice: the option name of each code
  std::unordered_map<std::string, int64_t> codes;  // kChoice: name -> code
  std::atomic<uint64_t> used{0};                   // tick of the last count that read it

  // Stores `v` at `slot`; false when the kind cannot encode it exactly.
  bool Set(size_t slot, const common::SqlValue& v) {
    int64_t encoded = kCountNull;
    if (kind == CountKind::kChoice) {
      if (!common::IsNull(v)) {
        const auto* name = std::get_if<std::string>(&v);
        if (!name) return false;
        auto [it, added] = codes.try_emplace(*name, static_cast<int64_t>(names.size()));
        if (added) names.push_back(*name);
        encoded = it->second;
      }
    } else {
      auto e = query::EncodeCountValue(kind, v);
      if (!e) return false;
      encoded = *e;
    }
    values[slot] = encoded;
    return true;
  }
  size_t bytes() const {
    size_t n = values.capacity() * sizeof(int64_t);
    for (const std::string& s : names) n += s.size() + 64;  // the name twice, and the map node
    return n;
  }
};

struct CountIndex::AppColumns {
  int64_t live_revision = 0;
  std::vector<uint64_t> alive;  // bit per slot: a record with id slot + 1 exists
  ColumnMap columns;

  int64_t slots() const { return static_cast<int64_t>(alive.size()) * 64; }
  void Resize(size_t words) {
    alive.resize(words, 0);
    for (auto& [key, column] : columns) column->values.resize(words * 64, kCountNull);
  }
  void Grow(int64_t id) {
    if (id <= slots()) return;
    Resize(std::max(WordsFor(id), alive.size() + alive.size() / 4));
  }
  void Remove(int64_t id) {
    if (id < 1 || id > slots()) return;
    const size_t slot = static_cast<size_t>(id - 1);
    alive[slot / 64] &= ~(uint64_t{1} << (slot % 64));
    for (auto& [key, column] : columns) column->values[slot] = kCountNull;
  }
  // Stores one row (id, then the values of `keys` in order; keys no longer among `columns` are
  // skipped); false when a value cannot be encoded, with that column in `bad`.
  bool Put(const std::vector<CountColumn>& keys, const Row& row, CountColumn* bad) {
    const int64_t id = row.Int(0);
    if (id < 1) return true;
    Grow(id);
    const size_t slot = static_cast<size_t>(id - 1);
    alive[slot / 64] |= uint64_t{1} << (slot % 64);
    size_t i = 0;
    for (const CountColumn& key : keys) {
      if (key.name == "id") continue;
      ++i;
      auto column = columns.find(key);
      if (column == columns.end()) continue;
      if (!column->second->Set(slot, row[i])) {
        *bad = key;
        return false;
      }
    }
    return true;
  }
  size_t bytes() const {
    size_t n = alive.capacity() * sizeof(uint64_t);
    for (const auto& [key, column] : columns) n += column->bytes();
    return n;
  }
};

// An app whose columns the loader is reading: the ids of rows committed meanwhile, to read
// again before the columns go live, and the app's live revision if a commit wrote it.
struct CountIndex::Loading {
  std::vector<int64_t> changed;
  std::optional<int64_t> revision;
};

// What the current write transaction touched, and (from BeforeCommit) what those rows hold.
struct CountIndex::Capture {
  std::unordered_map<int64_t, std::vector<int64_t>> rows;  // app -> ids touched
  std::vector<int64_t> apps;                               // apps rows written
  struct Read {
    int64_t app;
    std::vector<CountColumn> columns;
    std::vector<int64_t> ids;  // sorted; the ones missing from `rows` were deleted
    std::vector<Row> rows;     // id, then the columns' values
  };
  std::vector<Read> reads;
  std::vector<std::pair<int64_t, int64_t>> revisions;  // app, live revision (kGone)
  std::vector<int64_t> unreadable;                     // apps whose rows could not be read
};

CountIndex::CountIndex(Database& db, size_t budget_bytes, std::string warm_path)
    : db_(db),
      budget_(budget_bytes),
      warm_path_(std::move(warm_path)),
      capture_(std::make_unique<Capture>()) {
  loader_ = std::thread([this] { Loader(); });
}

void CountIndex::LoadListed() {
  {
    std::lock_guard lock(queue_mu_);
    QueueWarmList();
  }
  queue_cv_.notify_all();
}

// [{"app": 1, "columns": [{"name": "f20", "kind": 4}, ...]}, ...]
void CountIndex::QueueWarmList() {
  if (warm_path_.empty()) return;
  std::ifstream in(warm_path_);
  if (!in) return;
  std::stringstream text;
  text << in.rdbuf();
  boost::system::error_code ec;
  boost::json::value list = boost::json::parse(text.str(), ec);
  if (ec || !list.is_array()) {
    common::LogWarn("count columns: ignoring " + warm_path_ + " (not a list)");
    return;
  }
  for (const boost::json::value& entry : list.as_array()) {
    const auto* app = entry.is_object() ? entry.as_object().if_contains("app") : nullptr;
    const auto* columns = entry.is_object() ? entry.as_object().if_contains("columns") : nullptr;
    if (!app || !app->is_int64() || !columns || !columns->is_array()) continue;
    std::vector<CountColumn> wanted;
    for (const boost::json::value& column : columns->as_array()) {
      const auto* name = column.is_object() ? column.as_object().if_contains("name") : nullptr;
      const auto* kind = column.is_object() ? column.as_object().if_contains("kind") : nullptr;
      if (!name || !name->is_string() || !kind || !kind->is_int64() || kind->as_int64() < 0 ||
          kind->as_int64() > static_cast<int64_t>(CountKind::kChoice)) {
        continue;
      }
      wanted.push_back({std::string(name->as_string()), static_cast<CountKind>(kind->as_int64())});
    }
    if (!wanted.empty()) queue_.emplace_back(app->as_int64(), std::move(wanted));
  }
}

// Written to a temporary file and renamed over the list, so that a crash mid-write leaves the
// old list or none, never half of one.
void CountIndex::SaveWarmList() {
  if (warm_path_.empty()) return;
  // The columns held, and those still queued (a restart before the last start's list loaded
  // keeps it).
  std::map<int64_t, std::set<CountColumn>> held;
  {
    auto lock = Shared();
    for (const auto& [app, a] : apps_) {
      for (const auto& [key, column] : a->columns) held[app].insert(key);
    }
  }
  {
    std::lock_guard lock(queue_mu_);
    for (const auto& [app, columns] : queue_) held[app].insert(columns.begin(), columns.end());
    if (loading_now_)
      held[in_progress_.first].insert(in_progress_.second.begin(), in_progress_.second.end());
  }
  boost::json::array list;
  for (const auto& [app, columns] : held) {
    boost::json::array out;
    for (const CountColumn& c : columns) {
      if (c.name != "id") out.push_back({{"name", c.name}, {"kind", static_cast<int64_t>(c.kind)}});
    }
    if (!out.empty()) list.push_back({{"app", app}, {"columns", std::move(out)}});
  }
  const std::string temp = warm_path_ + ".tmp";
  {
    std::ofstream out(temp, std::ios::trunc);
    out << boost::json::serialize(list);
    if (!out) {
      common::LogWarn("count columns: cannot write " + temp);
      return;
    }
  }
  std::error_code ec;
  std::filesystem::rename(temp, warm_path_, ec);
  if (ec) common::LogWarn("count columns: cannot write " + warm_path_ + ": " + ec.message());
}

CountIndex::~CountIndex() {
  SaveWarmList();
  {
    std::lock_guard lock(queue_mu_);
    stopping_ = true;
  }
  abandon_ = true;  // a load in progress stops at its next row
  queue_cv_.notify_all();
  loader_.join();
}

std::unique_lock<std::shared_mutex> CountIndex::Exclusive() const {
  std::lock_guard gate(gate_);
  return std::unique_lock(mu_);
}

std::shared_lock<std::shared_mutex> CountIndex::Shared() const {
  std::lock_guard gate(gate_);
  return std::shared_lock(mu_);
}

bool CountIndex::Ready(int64_t app, const std::vector<CountColumn>& wanted) {
  bool loaded = true;
  {
    auto lock = Shared();
    auto it = apps_.find(app);
    loaded = it != apps_.end();
    const uint64_t now = ++tick_;
    for (const CountColumn& c : wanted) {
      if (c.name == "id") continue;
      if (refused_.contains({app, c})) return false;
      if (!loaded || !it->second->columns.contains(c)) {
        loaded = false;
      } else {
        it->second->columns.at(c)->used = now;
      }
    }
  }
  if (loaded) return true;
  {
    // The whole query's columns: the ones already in memory stay through the load's eviction.
    std::lock_guard lock(queue_mu_);
    auto queued =
        std::find_if(queue_.begin(), queue_.end(), [&](auto& q) { return q.first == app; });
    if (queued == queue_.end()) {
      queue_.emplace_back(app, wanted);
    } else {
      for (const CountColumn& c : wanted) {
        if (std::find(queued->second.begin(), queued->second.end(), c) == queued->second.end()) {
          queued->second.push_back(c);
        }
      }
    }
  }
  queue_cv_.notify_all();
  return false;
}

std::optional<int64_t> CountIndex::Count(int64_t app, const CountPlan& plan) {
  const std::vector<CountColumn> wanted = plan.Columns();
  if (!Ready(app, wanted)) return std::nullopt;
  int64_t n = 0;
  const bool whole = InChunks(app, wanted, [&](const AppColumns& a, size_t from, size_t to) {
    for (uint64_t word : Evaluate(a, plan, from, to)) n += std::popcount(word);
  });
  if (!whole) return std::nullopt;
  return n;
}

// One term's matches, a bit per slot, masked to existing records. The loops are written so
// that the compiler can keep them branch-free: ~1 ns per record and term.
std::vector<uint64_t> CountIndex::TermBits(const AppColumns& a, const query::CountTerm& t,
                                           size_t from, size_t to) {
  std::vector<uint64_t> out(to - from);
  const size_t slots = out.size() * 64;
  const size_t first = from * 64;  // the slot of match[0]
  std::vector<uint8_t> match(slots);
  if (t.column.name == "id") {
    for (size_t slot = 0; slot < slots; ++slot) {
      const uint64_t v = first + slot + 1;
      uint8_t m = 0;
      for (const auto& [lo, hi] : t.ranges) {
        m |= lo <= hi && v - static_cast<uint64_t>(lo) <= static_cast<uint64_t>(hi - lo);
      }
      match[slot] = m;
    }
  } else {
    const Column& column = *a.columns.at(t.column);
    const int64_t* values = column.values.data() + first;
    if (t.column.kind == CountKind::kChoice) {
      // By code + 1 (0: NULL), whether the term matches it.
      std::vector<uint8_t> table(column.names.size() + 1, 0);
      table[0] = t.null_matches;
      for (const std::string& name : t.choices) {
        if (auto code = column.codes.find(name); code != column.codes.end()) {
          table[static_cast<size_t>(code->second) + 1] = 1;
        }
      }
      const uint8_t* lookup = table.data();
      for (size_t slot = 0; slot < slots; ++slot) {
        const int64_t v = values[slot];
        match[slot] = lookup[v == kCountNull ? 0 : static_cast<size_t>(v) + 1];
      }
    } else {
      for (size_t slot = 0; slot < slots; ++slot) match[slot] = 0;
      // Unsigned distance from lo: one compare per range; NULL (the minimum) is below all.
      for (const auto& [lo, hi] : t.ranges) {
        if (lo > hi) continue;
        const uint64_t base = static_cast<uint64_t>(lo);
        const uint64_t width = static_cast<uint64_t>(hi) - base;
        for (size_t slot = 0; slot < slots; ++slot) {
          match[slot] |= static_cast<uint64_t>(values[slot]) - base <= width;
        }
      }
      if (t.null_matches) {
        for (size_t slot = 0; slot < slots; ++slot) match[slot] |= values[slot] == kCountNull;
      }
    }
  }
  for (size_t w = 0; w < out.size(); ++w) {
    uint64_t word = 0;
    for (size_t b = 0; b < 64; ++b) word |= static_cast<uint64_t>(match[w * 64 + b]) << b;
    out[w] = (t.negated ? ~word : word) & a.alive[from + w];
  }
  return out;
}

std::vector<uint64_t> CountIndex::Evaluate(const AppColumns& a, const CountPlan& plan, size_t from,
                                           size_t to) {
  // Bit per slot of words [from, to), masked to existing records; combined word by word.
  auto bits = [&](auto& self, const CountPlan& p) -> std::vector<uint64_t> {
    switch (p.kind) {
      case CountPlan::Kind::kAll:
        return std::vector<uint64_t>(a.alive.begin() + from, a.alive.begin() + to);
      case CountPlan::Kind::kAnd:
      case CountPlan::Kind::kOr: {
        const bool all = p.kind == CountPlan::Kind::kAnd;
        std::vector<uint64_t> out =
            all ? std::vector<uint64_t>(a.alive.begin() + from, a.alive.begin() + to)
                : std::vector<uint64_t>(to - from, 0);
        for (const CountPlan& child : p.children) {
          std::vector<uint64_t> c = self(self, child);
          for (size_t w = 0; w < out.size(); ++w) out[w] = all ? out[w] & c[w] : out[w] | c[w];
        }
        return out;
      }
      case CountPlan::Kind::kTerm:
        break;
    }
    return TermBits(a, p.term, from, to);
  };
  return bits(bits, plan);
}

template <typename Each>
bool CountIndex::InChunks(int64_t app, const std::vector<CountColumn>& columns, Each&& each) const {
  // The lock is held per chunk of 65,536 records (~0.1 ms per term), not for the whole count:
  // a commit waiting to apply its rows never waits long (the gate lets it in before new
  // counts). Each record is counted once, as it stood when its chunk was read; records created
  // after the count began are not counted.
  constexpr size_t kChunkWords = 1024;
  size_t words = 0;
  int64_t revision = 0;
  for (size_t from = 0; from == 0 || from < words; from += kChunkWords) {
    auto lock = Shared();
    auto it = apps_.find(app);
    if (it == apps_.end()) return false;
    const AppColumns& a = *it->second;
    if (from == 0) {
      words = a.alive.size();
      revision = a.live_revision;
    } else if (a.live_revision != revision) {
      return false;
    }
    for (const CountColumn& c : columns) {
      if (c.name != "id" && !a.columns.contains(c)) return false;
    }
    if (words == 0) break;
    each(a, from, std::min(words, from + kChunkWords));
  }
  return true;
}

std::optional<std::vector<CountIndex::GroupRow>> CountIndex::CountGroups(
    int64_t app, const CountPlan& filter, const std::vector<query::CountGroup>& groups) {
  std::vector<CountColumn> wanted = filter.Columns();
  for (const query::CountGroup& g : groups) {
    if (std::find(wanted.begin(), wanted.end(), g.column) == wanted.end()) {
      wanted.push_back(g.column);
    }
  }
  if (groups.size() > 2 || !Ready(app, wanted)) return std::nullopt;
  // A group's key as 32 bits (choice codes and YYYYMMDD-style buckets fit; NULL is all ones),
  // two of them side by side.
  constexpr uint64_t kEmpty = 0xFFFFFFFF;
  std::unordered_map<int64_t, int64_t> weeks;  // date -> the Sunday on or before it
  bool calendar_ok = true;
  auto bucket = [&](const query::CountGroup& g, int64_t v) -> uint64_t {
    if (v == kCountNull) return kEmpty;
    if (g.column.kind == CountKind::kChoice) return static_cast<uint64_t>(v);
    switch (g.bucket) {
      case query::TimeBucket::kYear:
        return static_cast<uint64_t>(v / 10000);
      case query::TimeBucket::kMonth:
        return static_cast<uint64_t>(v / 100);
      case query::TimeBucket::kWeek: {
        auto [it, added] = weeks.try_emplace(v, 0);
        if (added) {
          const common::CivilDate day{static_cast<int>(v / 10000), static_cast<int>(v / 100 % 100),
                                      static_cast<int>(v % 100)};
          const int64_t days = common::DaysFromCivil(day);
          calendar_ok = calendar_ok && common::CivilFromDays(days) == day;
          const common::CivilDate sunday = common::CivilFromDays(days - common::Weekday(day));
          it->second = sunday.year * 10000 + sunday.month * 100 + sunday.day;
        }
        return static_cast<uint64_t>(it->second);
      }
      case query::TimeBucket::kDay:
      case query::TimeBucket::kNone:
        break;
    }
    return static_cast<uint64_t>(v);
  };
  std::unordered_map<uint64_t, int64_t> counts;
  // Choices only (the usual chart: per status, per category): a table by code + 1 (0: empty)
  // instead of a hash per record, ~×4 faster; it grows if a write adds an option meanwhile.
  const bool choices = std::all_of(groups.begin(), groups.end(), [](const query::CountGroup& g) {
    return g.column.kind == CountKind::kChoice;
  });
  std::vector<std::vector<int64_t>> table;
  const bool whole = InChunks(app, wanted, [&](const AppColumns& a, size_t from, size_t to) {
    const std::vector<uint64_t> bits = Evaluate(a, filter, from, to);
    std::vector<const int64_t*> values;
    std::vector<size_t> sizes;
    for (const query::CountGroup& g : groups) {
      const Column& column = *a.columns.at(g.column);
      values.push_back(column.values.data());
      sizes.push_back(column.names.size() + 1);
    }
    if (choices) {
      table.resize(std::max(table.size(), groups.empty() ? 1 : sizes[0]));
      for (auto& row : table) row.resize(std::max(row.size(), groups.size() < 2 ? 1 : sizes[1]));
    }
    auto dense = [](int64_t v) { return v == kCountNull ? size_t{0} : static_cast<size_t>(v) + 1; };
    for (size_t w = 0; w < bits.size(); ++w) {
      for (uint64_t word = bits[w]; word; word &= word - 1) {
        const size_t slot = (from + w) * 64 + static_cast<size_t>(std::countr_zero(word));
        if (choices) {
          const size_t first = groups.empty() ? 0 : dense(values[0][slot]);
          ++table[first][groups.size() < 2 ? 0 : dense(values[1][slot])];
          continue;
        }
        uint64_t key = 0;
        for (size_t i = 0; i < groups.size(); ++i) {
          key = key << 32 | bucket(groups[i], values[i][slot]);
        }
        ++counts[key];
      }
    }
  });
  // The table's cells as the hash path's keys (code, or kEmpty for an empty choice).
  for (size_t i = 0; i < table.size(); ++i) {
    for (size_t j = 0; j < table[i].size(); ++j) {
      if (table[i][j] == 0) continue;
      auto code = [&](size_t d) { return d == 0 ? kEmpty : static_cast<uint64_t>(d - 1); };
      const uint64_t key =
          groups.size() < 2 ? (groups.empty() ? 0 : code(i)) : code(i) << 32 | code(j);
      counts[key] += table[i][j];
    }
  }
  if (!whole || !calendar_ok) return std::nullopt;
  // Keys to texts (the dictionaries only grow: a code names the same option for good).
  // A bucket's text: "YYYY-MM-DD" cut to the year or month the bucket keeps.
  auto date = [](int64_t v, size_t length) {
    const int64_t ymd = length == 4 ? v * 10000 + 101 : length == 7 ? v * 100 + 1 : v;
    return common::FormatDate({static_cast<int>(ymd / 10000), static_cast<int>(ymd / 100 % 100),
                               static_cast<int>(ymd % 100)})
        .substr(0, length);
  };
  std::vector<GroupRow> rows;
  auto lock = Shared();
  auto it = apps_.find(app);
  if (it == apps_.end()) return std::nullopt;
  for (const auto& [key, n] : counts) {
    GroupRow row{{}, n};
    for (size_t i = 0; i < groups.size(); ++i) {
      const int shift = static_cast<int>(32 * (groups.size() - 1 - i));
      const uint64_t k = key >> shift & kEmpty;
      const query::CountGroup& g = groups[i];
      if (k == kEmpty) {
        row.first.emplace_back();
      } else if (g.column.kind == CountKind::kChoice) {
        auto column = it->second->columns.find(g.column);
        if (column == it->second->columns.end()) return std::nullopt;
        row.first.push_back(column->second->names.at(k));
      } else {
        const bool year = g.bucket == query::TimeBucket::kYear;
        const bool month = g.bucket == query::TimeBucket::kMonth;
        row.first.push_back(date(static_cast<int64_t>(k), year ? 4 : month ? 7 : 10));
      }
    }
    rows.push_back(std::move(row));
  }
  if (groups.empty() && rows.empty()) rows.push_back({{}, 0});  // count(*) without GROUP BY
  std::sort(rows.begin(), rows.end());
  return rows;
}

void CountIndex::RowChanged(int64_t app, int64_t id) { capture_->rows[app].push_back(id); }

void CountIndex::AppChanged(int64_t app) { capture_->apps.push_back(app); }

void CountIndex::BeforeCommit(Connection& writer) {
  Capture& cap = *capture_;
  if (cap.rows.empty() && cap.apps.empty()) return;
  // From here until AfterCommit no load goes live: it could miss this transaction's rows.
  std::vector<std::pair<int64_t, std::vector<CountColumn>>> held;
  {
    auto lock = Exclusive();
    commit_in_flight_ = true;
    for (const auto& [app, ids] : cap.rows) {
      auto it = apps_.find(app);
      if (it == apps_.end()) continue;
      std::vector<CountColumn> columns;
      for (const auto& [key, column] : it->second->columns) columns.push_back(key);
      held.emplace_back(app, std::move(columns));
    }
  }
  for (auto& [app, columns] : held) {
    Capture::Read read{app, std::move(columns), cap.rows[app], {}};
    SortUnique(read.ids);
    common::SqlValue ids = JsonIds(read.ids);
    auto rows = writer.Query(
        SelectSql(app, read.columns) + " WHERE id IN (SELECT value FROM json_each(?)) ORDER BY id",
        Params(&ids, 1));
    if (!rows.ok()) {
      common::LogWarn("count columns: " + rows.error().ToString());
      cap.unreadable.push_back(app);
      continue;
    }
    read.rows = std::move(rows).value();
    cap.reads.push_back(std::move(read));
  }
  SortUnique(cap.apps);
  for (int64_t app : cap.apps) {
    auto rows = writer.Query("SELECT live_revision FROM apps WHERE id = ?", {app});
    cap.revisions.emplace_back(app, rows.ok() && !rows->empty() ? (*rows)[0].Int(0) : kGone);
  }
}

void CountIndex::AfterCommit() {
  Capture& cap = *capture_;
  if (cap.rows.empty() && cap.apps.empty()) return;
  auto lock = Exclusive();
  for (const auto& [app, revision] : cap.revisions) {
    auto it = apps_.find(app);
    if (it != apps_.end() && it->second->live_revision != revision) {
      // A deploy: fields may be gone or mean something else. Columns load again on demand.
      apps_.erase(it);
      std::erase_if(refused_, [app](const auto& r) { return r.first == app; });
    }
    if (auto l = loading_.find(app); l != loading_.end()) l->second.revision = revision;
  }
  for (int64_t app : cap.unreadable) apps_.erase(app);
  for (Capture::Read& read : cap.reads) {
    auto it = apps_.find(read.app);
    if (it == apps_.end()) continue;
    if (!read.ids.empty() && !Fits(read.ids.back())) {
      // Ids past what a column may hold: the app counts in SQL (its next load is refused).
      apps_.erase(it);
      continue;
    }
    AppColumns& a = *it->second;
    size_t r = 0;
    for (int64_t id : read.ids) {
      if (r < read.rows.size() && read.rows[r].Int(0) == id) {
        CountColumn bad;
        while (!a.Put(read.columns, read.rows[r], &bad)) {
          // A value this column cannot hold: it is counted in SQL from now on.
          a.columns.erase(bad);
          refused_.insert({read.app, bad});
        }
        ++r;
      } else {
        a.Remove(id);
      }
    }
  }
  for (auto& [app, ids] : cap.rows) {
    if (auto l = loading_.find(app); l != loading_.end()) {
      l->second.changed.insert(l->second.changed.end(), ids.begin(), ids.end());
    }
  }
  commit_in_flight_ = false;
  *capture_ = Capture{};
}

void CountIndex::RolledBack() {
  *capture_ = Capture{};
  auto lock = Exclusive();
  commit_in_flight_ = false;
}

void CountIndex::CommittedUnread() {
  auto lock = Exclusive();
  for (const auto& [app, ids] : capture_->rows) {
    apps_.erase(app);
    if (auto l = loading_.find(app); l != loading_.end()) l->second.revision = kGone;
  }
  for (int64_t app : capture_->apps) {
    apps_.erase(app);
    if (auto l = loading_.find(app); l != loading_.end()) l->second.revision = kGone;
  }
  commit_in_flight_ = false;
  *capture_ = Capture{};
}

void CountIndex::Loader() {
  std::unique_lock lock(queue_mu_);
  for (;;) {
    queue_cv_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    auto [app, columns] = std::move(queue_.front());
    queue_.pop_front();
    loading_now_ = true;
    in_progress_ = {app, columns};
    lock.unlock();
    Load(app, std::move(columns));
    lock.lock();
    loading_now_ = false;
    queue_cv_.notify_all();
  }
}

void CountIndex::WaitIdle() {
  std::unique_lock lock(queue_mu_);
  queue_cv_.wait(lock, [this] { return stopping_ || (queue_.empty() && !loading_now_); });
}

Status CountIndex::ReadRows(Connection& c, int64_t app, const std::vector<CountColumn>& columns,
                            const std::vector<int64_t>* ids, AppColumns& into) {
  CountColumn bad;
  bool encoded = true;
  auto put = [&](const Row& row) { return !abandon_ && (encoded = into.Put(columns, row, &bad)); };
  if (!ids) {
    TK_RETURN_IF_ERROR(c.QueryEach(SelectSql(app, columns), {}, put));
  } else {
    common::SqlValue json = JsonIds(*ids);
    std::vector<int64_t> found;
    TK_RETURN_IF_ERROR(
        c.QueryEach(SelectSql(app, columns) + " WHERE id IN (SELECT value FROM json_each(?))",
                    Params(&json, 1), [&](const Row& row) {
                      found.push_back(row.Int(0));
                      return put(row);
                    }));
    SortUnique(found);
    for (int64_t id : *ids) {
      if (!std::binary_search(found.begin(), found.end(), id)) into.Remove(id);
    }
  }
  if (abandon_) return Error::Internal("count columns: shutting down");
  if (!encoded) {
    auto lock = Exclusive();
    refused_.insert({app, bad});
    return Error::Internal("count columns: r" + std::to_string(app) + "." + bad.name +
                           " holds a value the column cannot encode");
  }
  return Status::Ok();
}

void CountIndex::Load(int64_t app, const std::vector<CountColumn>& wanted) {
  std::vector<CountColumn> columns = wanted;
  {
    auto lock = Exclusive();
    auto it = apps_.find(app);
    std::erase_if(columns, [&](const CountColumn& c) {
      return c.name == "id" || refused_.contains({app, c}) ||
             (it != apps_.end() && it->second->columns.contains(c));
    });
    if (it != apps_.end() && columns.empty()) return;
    loading_[app] = Loading{};
  }
  auto give_up = [&] {
    auto lock = Exclusive();
    loading_.erase(app);
  };
  AppColumns built;
  for (const CountColumn& c : columns) built.columns.emplace(c, std::make_shared<Column>(c.kind));
  Status read = db_.Read([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT live_revision FROM apps WHERE id = ?", {app}));
    if (rows.empty()) return Error::Internal("count columns: no app " + std::to_string(app));
    built.live_revision = rows[0].Int(0);
    // Sized once: growing record by record would leave the allocator twice the column.
    TK_ASSIGN_OR_RETURN(auto top, c.Query("SELECT max(id) FROM " + query::RecordTable(app)));
    if (!Fits(top[0].Int(0))) {
      auto lock = Exclusive();
      for (const CountColumn& column : columns) refused_.insert({app, column});
      return Error::Internal("count columns: r" + std::to_string(app) + " beyond the budget");
    }
    built.Resize(WordsFor(top[0].Int(0)));
    return ReadRows(c, app, columns, nullptr, built);
  });
  if (!read.ok()) return give_up();
  // Rows committed since the load began are read again until a moment with none (no commit in
  // flight, none logged): then the columns are exact and go live.
  for (int round = 0; round < 100; ++round) {
    std::vector<int64_t> ids;
    {
      auto lock = Exclusive();
      Loading& l = loading_[app];
      if (l.revision && *l.revision != built.live_revision) {
        loading_.erase(app);
        return;
      }
      if (l.changed.empty() && !commit_in_flight_) {
        loading_.erase(app);
        Install(app, std::move(built), wanted);
        return;
      }
      ids.swap(l.changed);
    }
    if (ids.empty()) {
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
      continue;
    }
    SortUnique(ids);
    Status again = db_.Read([&](Connection& c) { return ReadRows(c, app, columns, &ids, built); });
    if (!again.ok()) return give_up();
  }
  give_up();
}

void CountIndex::Install(int64_t app, AppColumns&& built, const std::vector<CountColumn>& wanted) {
  const uint64_t now = ++tick_;
  for (auto& [key, column] : built.columns) column->used = now;
  std::unique_ptr<AppColumns>& slot = apps_[app];
  if (slot && slot->live_revision == built.live_revision) {
    for (const CountColumn& c : wanted) {
      if (auto it = slot->columns.find(c); it != slot->columns.end()) it->second->used = now;
    }
  }
  if (!slot || slot->live_revision != built.live_revision) {
    slot = std::make_unique<AppColumns>(std::move(built));
  } else {
    // Both are current (no commit in between): only the new columns are taken.
    const size_t words = std::max(slot->alive.size(), built.alive.size());
    slot->Resize(words);
    built.Resize(words);
    for (auto& [key, column] : built.columns) slot->columns[key] = std::move(column);
  }
  Evict(app, now);
}

void CountIndex::Evict(int64_t keep_app, uint64_t installed) {
  // Least recently used columns first, other apps' before this one's, never the ones the
  // loading query reads: its columns may exceed the budget rather than never count fast.
  size_t total = 0;
  for (const auto& [app, a] : apps_) total += a->bytes();
  while (total > budget_) {
    int64_t victim_app = 0;
    const CountColumn* victim = nullptr;
    std::pair<bool, uint64_t> best{true, UINT64_MAX};
    for (const auto& [app, a] : apps_) {
      for (const auto& [key, column] : a->columns) {
        const uint64_t used = column->used.load();
        if (used == installed) continue;
        const std::pair<bool, uint64_t> score{app == keep_app, used};
        if (!victim || score < best) {
          victim_app = app;
          victim = &key;
          best = score;
        }
      }
    }
    if (!victim) break;
    AppColumns& a = *apps_.at(victim_app);
    const CountColumn gone = *victim;
    total -= a.columns.at(gone)->bytes();
    a.columns.erase(gone);
    if (a.columns.empty()) {
      total -= a.bytes();
      apps_.erase(victim_app);
    }
  }
}

size_t CountIndex::bytes() const {
  auto lock = Shared();
  size_t n = 0;
  for (const auto& [app, a] : apps_) n += a->bytes();
  return n;
}

}  // namespace storage
