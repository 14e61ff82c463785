#include "storage/repositories/sql_cursor_repository.h"

namespace storage {

using common::Result;
using common::Status;

Status SqlCursorRepository::Insert(const domain::Cursor& c, const std::vector<int64_t>& ids) {
  std::string packed(ids.size() * 8, '\0');
  for (size_t i = 0; i < ids.size(); ++i) {
    uint64_t v = static_cast<uint64_t>(ids[i]);
    for (int b = 0; b < 8; ++b) packed[i * 8 + b] = static_cast<char>((v >> (8 * b)) & 0xff);
  }
  // Bound as TEXT: SQLite's substr() counts bytes only for BLOBs, so store via CAST.
  return c_.Execute(
      "INSERT INTO cursors(id, app_id, user_id, fields, total, position, page_size, expires_at, "
      "ids) VALUES (?,?,?,?,?,?,?,?, CAST(? AS BLOB))",
      {c.id, c.app_id, c.user_id, c.fields, c.total, c.position, c.page_size, c.expires_at,
       packed});
}

Result<std::optional<domain::Cursor>> SqlCursorRepository::Find(std::string_view id) {
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT id, app_id, user_id, fields, total, position, "
                                          "page_size, expires_at FROM cursors WHERE id = ?",
                                          {std::string(id)}));
  if (rows.empty()) return std::optional<domain::Cursor>();
  const Row& r = rows[0];
  return std::optional<domain::Cursor>(domain::Cursor{r.Text(0), r.Int(1), r.Int(2), r.Text(3),
                                                      r.Int(4), r.Int(5), r.Int(6), r.Int(7)});
}

Result<std::vector<int64_t>> SqlCursorRepository::Ids(std::string_view id, int64_t position,
                                                      int64_t count) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT hex(substr(ids, ?, ?)) FROM cursors WHERE id = ?",
                               {position * 8 + 1, count * 8, std::string(id)}));
  std::vector<int64_t> out;
  if (rows.empty()) return out;
  std::string hex = rows[0].Text(0);
  auto nibble = [](char ch) { return ch <= '9' ? ch - '0' : ch - 'A' + 10; };
  for (size_t i = 0; i + 16 <= hex.size(); i += 16) {
    uint64_t v = 0;
    for (int b = 0; b < 8; ++b) {
      uint64_t byte = static_cast<uint64_t>(nibble(hex[i + b * 2]) * 16 + nibble(hex[i + b * 2 + 1]));
      v |= byte << (8 * b);
    }
    out.push_back(static_cast<int64_t>(v));
  }
  return out;
}

Status SqlCursorRepository::Advance(std::string_view id, int64_t position, int64_t expires_at) {
  return c_.Execute("UPDATE cursors SET position = ?, expires_at = ? WHERE id = ?",
                    {position, expires_at, std::string(id)});
}

Status SqlCursorRepository::Delete(std::string_view id) {
  return c_.Execute("DELETE FROM cursors WHERE id = ?", {std::string(id)});
}

Result<int64_t> SqlCursorRepository::PurgeAndCount(int64_t now) {
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM cursors WHERE expires_at <= ?", {now}));
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT count(*) FROM cursors"));
  return rows[0].Int(0);
}

}  // namespace storage
