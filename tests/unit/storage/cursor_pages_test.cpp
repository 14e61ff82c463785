// Cursor ids in pages (schema v13): a page is read by its position alone, passing it is a
// compare-and-set, and cursors open at the upgrade keep their ids.
#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "storage/migrations.h"
#include "storage/repositories/sql_cursor_repository.h"
#include "temp_sqlite.h"

namespace storage {
namespace {

std::vector<int64_t> Range(int64_t from, int64_t n) {
  std::vector<int64_t> out;
  for (int64_t i = 0; i < n; ++i) out.push_back(from + i * 3);
  return out;
}

domain::Cursor MakeCursor(const std::string& id, int64_t total, int64_t page_size) {
  domain::Cursor c;
  c.id = id;
  c.app_id = 1;
  c.user_id = 1;
  c.total = total;
  c.page_size = page_size;
  c.expires_at = 1000;
  return c;
}

TEST(CursorPagesTest, PagesReadAndPassOneAtATime) {
  TempSqlite temp("cursor-pages");
  const std::vector<int64_t> ids = Range(7, 1050);
  const domain::Cursor c = MakeCursor("c1", 1050, 500);
  ASSERT_TRUE(temp.db
                  ->Write([&](Connection& conn) -> common::Status {
                    SqlCursorRepository cursors(conn);
                    TK_RETURN_IF_ERROR(cursors.Insert(c, ids));
                    // Each page holds its own ids, the last one the rest.
                    for (int64_t at : {0, 500, 1000}) {
                      TK_ASSIGN_OR_RETURN(auto page, cursors.Ids(c, at));
                      const auto end = std::min<int64_t>(at + 500, 1050);
                      EXPECT_EQ(page, std::vector<int64_t>(ids.begin() + at, ids.begin() + end));
                    }
                    EXPECT_FALSE(cursors.Ids(c, 250).ok());  // not at a page
                    TK_ASSIGN_OR_RETURN(auto beyond, cursors.Ids(c, 1500));
                    EXPECT_TRUE(beyond.empty());
                    // Passing a page: only from where the cursor is.
                    TK_ASSIGN_OR_RETURN(bool moved, cursors.Advance("c1", 0, 500, 2000));
                    EXPECT_TRUE(moved);
                    TK_ASSIGN_OR_RETURN(bool again, cursors.Advance("c1", 0, 500, 2000));
                    EXPECT_FALSE(again);
                    TK_ASSIGN_OR_RETURN(auto found, cursors.Find("c1"));
                    EXPECT_TRUE(found.has_value());
                    EXPECT_EQ(found.value_or(domain::Cursor{}).position, 500);
                    EXPECT_EQ(found.value_or(domain::Cursor{}).expires_at, 2000);
                    TK_ASSIGN_OR_RETURN(bool stale, cursors.Delete("c1", 0));
                    EXPECT_FALSE(stale);
                    TK_ASSIGN_OR_RETURN(bool gone, cursors.Delete("c1", 500));
                    EXPECT_TRUE(gone);
                    // Its pages went with it.
                    TK_ASSIGN_OR_RETURN(auto left, conn.Query("SELECT count(*) FROM cursor_pages"));
                    EXPECT_EQ(left[0].Int(0), 0);
                    return common::Status::Ok();
                  })
                  .ok());
}

TEST(CursorPagesTest, CursorsOpenAtTheUpgradeKeepTheirIds) {
  TempSqlite temp("cursor-upgrade");
  const std::vector<int64_t> ids = Range(1, 1205);
  // A cursor as version 12 stored it: every id in one BLOB of the cursors row, 200 ids read.
  ASSERT_TRUE(
      temp.db
          ->Write([&](Connection& conn) -> common::Status {
            TK_RETURN_IF_ERROR(conn.ExecuteScript(
                "DROP TABLE cursor_pages; DROP TABLE search_fields; DROP TABLE search_sync; "
                "DELETE FROM schema_version WHERE version >= 13"));
            std::string packed(ids.size() * 8, '\0');
            for (size_t i = 0; i < ids.size(); ++i) {
              for (int b = 0; b < 8; ++b) {
                packed[i * 8 + b] =
                    static_cast<char>((static_cast<uint64_t>(ids[i]) >> (8 * b)) & 0xff);
              }
            }
            return conn.Execute(
                "INSERT INTO cursors(id, app_id, user_id, fields, total, position, "
                "page_size, expires_at, ids) VALUES ('old', 1, 1, '', 1205, 200, 200, "
                "1000, CAST(? AS BLOB))",
                {packed});
          })
          .ok());
  ASSERT_TRUE(Migrate(*temp.db).ok());
  const domain::Cursor c = MakeCursor("old", 1205, 200);
  ASSERT_TRUE(temp.db
                  ->Read([&](Connection& conn) -> common::Status {
                    SqlCursorRepository cursors(conn);
                    std::vector<int64_t> all;
                    for (int64_t at = 0; at < 1205; at += 200) {
                      TK_ASSIGN_OR_RETURN(auto page, cursors.Ids(c, at));
                      EXPECT_EQ(page.size(),
                                static_cast<size_t>(std::min<int64_t>(200, 1205 - at)));
                      all.insert(all.end(), page.begin(), page.end());
                    }
                    EXPECT_EQ(all, ids);
                    TK_ASSIGN_OR_RETURN(auto found, cursors.Find("old"));
                    EXPECT_EQ(found.value_or(domain::Cursor{}).position, 200);
                    TK_ASSIGN_OR_RETURN(
                        auto blob, conn.Query("SELECT length(ids) FROM cursors WHERE id = 'old'"));
                    EXPECT_EQ(blob[0].Int(0), 0);  // the old BLOB is emptied
                    return common::Status::Ok();
                  })
                  .ok());
}

}  // namespace
}  // namespace storage
