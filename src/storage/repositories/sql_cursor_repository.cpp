#include "storage/repositories/sql_cursor_repository.h"

#include <algorithm>
#include <string>

namespace storage {

using common::Result;
using common::Status;

Status SqlCursorRepository::Insert(const domain::Cursor& c, const std::vector<int64_t>& ids) {
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO cursors(id, app_id, user_id, fields, total, position, page_size, expires_at, "
      "ids) VALUES (?,?,?,?,?,?,?,?, x'')",
      {c.id, c.app_id, c.user_id, c.fields, c.total, c.position, c.page_size, c.expires_at}));
  const size_t size = static_cast<size_t>(std::max<int64_t>(c.page_size, 1));
  std::string packed;
  for (size_t first = 0; first < ids.size(); first += size) {
    const size_t n = std::min(size, ids.size() - first);
    packed.assign(n * 8, '\0');
    for (size_t i = 0; i < n; ++i) {
      uint64_t v = static_cast<uint64_t>(ids[first + i]);
      for (int b = 0; b < 8; ++b) packed[i * 8 + b] = static_cast<char>((v >> (8 * b)) & 0xff);
    }
    // Bound as TEXT and cast: a BLOB keeps its bytes as they are.
    TK_RETURN_IF_ERROR(
        c_.Execute("INSERT INTO cursor_pages(cursor_id, page, ids) VALUES (?, ?, CAST(? AS BLOB))",
                   {c.id, static_cast<int64_t>(first / size), packed}));
  }
  return Status::Ok();
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

Result<std::vector<int64_t>> SqlCursorRepository::Ids(const domain::Cursor& cursor,
                                                      int64_t position) {
  const int64_t size = std::max<int64_t>(cursor.page_size, 1);
  if (position % size != 0) {
    return common::Error::Internal("cursor position " + std::to_string(position) +
                                   " is not at a page");
  }
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT hex(ids) FROM cursor_pages WHERE cursor_id = ? AND page = ?",
                               {cursor.id, position / size}));
  std::vector<int64_t> out;
  if (rows.empty()) return out;
  std::string hex = rows[0].Text(0);
  auto nibble = [](char ch) { return ch <= '9' ? ch - '0' : ch - 'A' + 10; };
  for (size_t i = 0; i + 16 <= hex.size(); i += 16) {
    uint64_t v = 0;
    for (int b = 0; b < 8; ++b) {
      uint64_t byte =
          static_cast<uint64_t>(nibble(hex[i + b * 2]) * 16 + nibble(hex[i + b * 2 + 1]));
      v |= byte << (8 * b);
    }
    out.push_back(static_cast<int64_t>(v));
  }
  return out;
}

Result<bool> SqlCursorRepository::Advance(std::string_view id, int64_t from, int64_t to,
                                          int64_t expires_at) {
  TK_RETURN_IF_ERROR(
      c_.Execute("UPDATE cursors SET position = ?, expires_at = ? WHERE id = ? AND position = ?",
                 {to, expires_at, std::string(id), from}));
  return c_.Changes() > 0;
}

Result<bool> SqlCursorRepository::Delete(std::string_view id, std::optional<int64_t> at) {
  // Its pages go with it (ON DELETE CASCADE).
  if (at) {
    TK_RETURN_IF_ERROR(
        c_.Execute("DELETE FROM cursors WHERE id = ? AND position = ?", {std::string(id), *at}));
  } else {
    TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM cursors WHERE id = ?", {std::string(id)}));
  }
  return c_.Changes() > 0;
}

Result<int64_t> SqlCursorRepository::PurgeAndCount(int64_t now) {
  TK_RETURN_IF_ERROR(c_.Execute("DELETE FROM cursors WHERE expires_at <= ?", {now}));
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query("SELECT count(*) FROM cursors"));
  return rows[0].Int(0);
}

Result<int64_t> SqlCursorRepository::CountLive(int64_t now) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT count(*) FROM cursors WHERE expires_at > ?", {now}));
  return rows[0].Int(0);
}

}  // namespace storage
