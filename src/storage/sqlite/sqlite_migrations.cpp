#include <string>
#include <vector>

#include "storage/migrations.h"
#include "storage/sqlite/fts_indexer.h"

namespace storage {
namespace {

// The version whose step re-indexes all search text (schema_v11.sql.inc).
constexpr int kRequeueTextVersion = 11;
// The version whose step moves the search index to its own file (schema_v14.sql.inc).
constexpr int kSearchFileVersion = 14;

// Index = version - 1. Append only: a released migration never changes.
const std::vector<std::string>& SqliteMigrations() {
  static const std::vector<std::string> kSteps = {
#include "storage/sqlite/schema_v1.sql.inc"
      ,
#include "storage/sqlite/schema_v2.sql.inc"
      ,
#include "storage/sqlite/schema_v3.sql.inc"
      ,
#include "storage/sqlite/schema_v4.sql.inc"
      ,
#include "storage/sqlite/schema_v5.sql.inc"
      ,
#include "storage/sqlite/schema_v6.sql.inc"
      ,
#include "storage/sqlite/schema_v7.sql.inc"
      ,
#include "storage/sqlite/schema_v8.sql.inc"
      ,
#include "storage/sqlite/schema_v9.sql.inc"
      ,
#include "storage/sqlite/schema_v10.sql.inc"
      ,
#include "storage/sqlite/schema_v11.sql.inc"
      ,
#include "storage/sqlite/schema_v12.sql.inc"
      ,
#include "storage/sqlite/schema_v13.sql.inc"
      ,
#include "storage/sqlite/schema_v14.sql.inc"
  };
  return kSteps;
}

}  // namespace

int LatestSchemaVersion() { return static_cast<int>(SqliteMigrations().size()); }

common::Status Migrate(Database& db) {
  TK_RETURN_IF_ERROR(db.Write([](Connection& c) {
    return c.ExecuteScript("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
  }));
  const auto& steps = SqliteMigrations();
  for (;;) {
    bool done = false;
    TK_RETURN_IF_ERROR(db.Write([&](Connection& c) -> common::Status {
      TK_ASSIGN_OR_RETURN(auto rows, c.Query("SELECT max(version) FROM schema_version"));
      int current = rows.empty() ? 0 : static_cast<int>(rows[0].Int(0));
      if (current > static_cast<int>(steps.size())) {
        return common::Error::Internal("the database was written by a newer Tsumiki (schema " +
                                       std::to_string(current) + ")");
      }
      if (current == static_cast<int>(steps.size())) {
        done = true;
        return common::Status::Ok();
      }
      TK_RETURN_IF_ERROR(c.ExecuteScript(steps[static_cast<size_t>(current)]));
      // Steps that need each app's layout run code in the same transaction.
      if (current + 1 == kRequeueTextVersion) TK_RETURN_IF_ERROR(sqlite::RequeueAllText(c));
      if (current + 1 == kSearchFileVersion) TK_RETURN_IF_ERROR(sqlite::MoveSearchToOwnFile(c));
      return c.Execute("INSERT INTO schema_version(version) VALUES (?)",
                       {static_cast<int64_t>(current + 1)});
    }));
    if (done) break;
  }
  return common::Status::Ok();
}

}  // namespace storage
