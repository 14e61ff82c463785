// Cursors (§5.8): a query's matching ids fixed at creation, read page by page. Value type
// and port; the limits (10 live per server, 10 minutes idle) are the service's.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "common/result.h"

namespace domain {

struct Cursor {
  std::string id;
  int64_t app_id = 0;
  int64_t user_id = 0;
  std::string fields;  // JSON array of requested codes, "" = all
  int64_t total = 0;
  int64_t position = 0;  // ids already returned
  int64_t page_size = 100;
  int64_t expires_at = 0;
};

class CursorRepository {
 public:
  virtual ~CursorRepository() = default;
  virtual common::Status Insert(const Cursor& cursor, const std::vector<int64_t>& ids) = 0;
  virtual common::Result<std::optional<Cursor>> Find(std::string_view id) = 0;
  // The ids of the page at `position` (a multiple of the cursor's page size).
  virtual common::Result<std::vector<int64_t>> Ids(const Cursor& cursor, int64_t position) = 0;
  // Moves the cursor from `from` to `to` and extends its life; false when it is no longer at
  // `from` (another read took that page meanwhile) or gone.
  virtual common::Result<bool> Advance(std::string_view id, int64_t from, int64_t to,
                                       int64_t expires_at) = 0;
  // Deletes the cursor, if `at` given only while it is still at that position; false when not.
  virtual common::Result<bool> Delete(std::string_view id,
                                      std::optional<int64_t> at = std::nullopt) = 0;
  // Drops expired cursors and answers how many remain.
  virtual common::Result<int64_t> PurgeAndCount(int64_t now) = 0;
  // How many have not expired (read-only).
  virtual common::Result<int64_t> CountLive(int64_t now) = 0;
};

}  // namespace domain
