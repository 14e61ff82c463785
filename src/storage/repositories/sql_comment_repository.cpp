#include "storage/repositories/sql_comment_repository.h"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace storage {

namespace json = boost::json;
using common::Result;
using common::Status;

namespace {

constexpr const char* kColumns =
    "SELECT id, app_id, record_id, creator, created_at, text, mentions FROM record_comments ";

domain::StoredComment FromRow(const Row& r) {
  domain::StoredComment c{r.Int(0), r.Int(1), r.Int(2), r.Int(3), r.Int(4), r.Text(5), {}};
  boost::system::error_code ec;
  json::value mentions = json::parse(r.Text(6), ec);
  if (!ec && mentions.is_array()) {
    for (const json::value& m : mentions.as_array()) {
      const json::object* o = m.if_object();
      if (!o || !o->contains("code") || !o->contains("type")) continue;
      c.mentions.push_back(
          {std::string(o->at("code").as_string()), std::string(o->at("type").as_string())});
    }
  }
  return c;
}

}  // namespace

Result<int64_t> SqlCommentRepository::Insert(const domain::StoredComment& c) {
  json::array mentions;
  for (const domain::CommentMention& m : c.mentions) {
    mentions.push_back(json::object{{"code", m.code}, {"type", m.type}});
  }
  TK_RETURN_IF_ERROR(c_.Execute(
      "INSERT INTO record_comments(app_id, record_id, creator, created_at, text, mentions) "
      "VALUES (?,?,?,?,?,?)",
      {c.app, c.record, c.creator, c.created_at, c.text, json::serialize(mentions)}));
  return c_.LastInsertId();
}

Result<int64_t> SqlCommentRepository::Count(int64_t app, int64_t record) {
  TK_ASSIGN_OR_RETURN(auto rows,
                      c_.Query("SELECT count(*) FROM record_comments WHERE app_id = ? AND "
                               "record_id = ?",
                               {app, record}));
  return rows.empty() ? 0 : rows[0].Int(0);
}

Result<std::vector<domain::StoredComment>> SqlCommentRepository::List(int64_t app, int64_t record,
                                                                      bool ascending,
                                                                      int64_t offset,
                                                                      int64_t limit) {
  std::string sql = std::string(kColumns) + "WHERE app_id = ? AND record_id = ? ORDER BY id " +
                    (ascending ? "ASC" : "DESC") + " LIMIT ? OFFSET ?";
  TK_ASSIGN_OR_RETURN(auto rows, c_.Query(sql, {app, record, limit, offset}));
  std::vector<domain::StoredComment> out;
  out.reserve(rows.size());
  for (const Row& r : rows) out.push_back(FromRow(r));
  return out;
}

Result<std::optional<domain::StoredComment>> SqlCommentRepository::Find(int64_t app, int64_t record,
                                                                        int64_t id) {
  TK_ASSIGN_OR_RETURN(
      auto rows, c_.Query(std::string(kColumns) + "WHERE app_id = ? AND record_id = ? AND id = ?",
                          {app, record, id}));
  if (rows.empty()) return std::optional<domain::StoredComment>();
  return std::optional<domain::StoredComment>(FromRow(rows[0]));
}

Status SqlCommentRepository::Delete(int64_t app, int64_t record, int64_t id) {
  return c_.Execute("DELETE FROM record_comments WHERE app_id = ? AND record_id = ? AND id = ?",
                    {app, record, id});
}

Status SqlCommentRepository::DeleteForRecord(int64_t app, int64_t record) {
  return c_.Execute("DELETE FROM record_comments WHERE app_id = ? AND record_id = ?",
                    {app, record});
}

}  // namespace storage
