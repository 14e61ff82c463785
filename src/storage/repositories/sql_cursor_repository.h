// SQL implementation of the cursor port: a cursor's ids as one packed BLOB (8 bytes per id),
// read a page at a time with substr(). Bound to one Connection.
#pragma once

#include "domain/records/cursor.h"
#include "storage/database.h"

namespace storage {

class SqlCursorRepository final : public domain::CursorRepository {
 public:
  explicit SqlCursorRepository(Connection& c) : c_(c) {}
  common::Status Insert(const domain::Cursor& cursor, const std::vector<int64_t>& ids) override;
  common::Result<std::optional<domain::Cursor>> Find(std::string_view id) override;
  common::Result<std::vector<int64_t>> Ids(std::string_view id, int64_t position,
                                           int64_t count) override;
  common::Status Advance(std::string_view id, int64_t position, int64_t expires_at) override;
  common::Status Delete(std::string_view id) override;
  common::Result<int64_t> PurgeAndCount(int64_t now) override;

 private:
  Connection& c_;
};

}  // namespace storage
