// SQL implementation of the cursor port: a cursor's ids in cursor_pages, one row per page of
// the cursor's size (8 bytes per id), so that reading and passing a page costs that page only.
// Bound to one Connection.
#pragma once

#include "domain/records/cursor.h"
#include "storage/database.h"

namespace storage {

class SqlCursorRepository final : public domain::CursorRepository {
 public:
  explicit SqlCursorRepository(Connection& c) : c_(c) {}
  common::Status Insert(const domain::Cursor& cursor, const std::vector<int64_t>& ids) override;
  common::Result<std::optional<domain::Cursor>> Find(std::string_view id) override;
  common::Result<std::vector<int64_t>> Ids(const domain::Cursor& cursor, int64_t position) override;
  common::Result<bool> Advance(std::string_view id, int64_t from, int64_t to,
                               int64_t expires_at) override;
  common::Result<bool> Delete(std::string_view id, std::optional<int64_t> at) override;
  common::Result<int64_t> PurgeAndCount(int64_t now) override;
  common::Result<int64_t> CountLive(int64_t now) override;

 private:
  Connection& c_;
};

}  // namespace storage
