#include "storage/repositories/sql_audit_log.h"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include "auth/password.h"

namespace storage {

namespace json = boost::json;
using common::Result;
using common::SqlNull;
using common::SqlValue;
using common::Status;
using domain::AuditEntry;

namespace {

constexpr const char* kColumns =
    "seq, at_ms, user_id, user_code, address, action, app_id, target, detail, prev_hash, hash";

SqlValue Optional(const std::optional<int64_t>& v) {
  return v ? SqlValue(*v) : SqlValue(SqlNull{});
}

AuditEntry FromRow(const Row& r) {
  AuditEntry e;
  e.seq = r.Int(0);
  e.at_ms = r.Int(1);
  if (!r.IsNull(2)) e.user_id = r.Int(2);
  e.user_code = r.Text(3);
  e.address = r.Text(4);
  e.action = r.Text(5);
  if (!r.IsNull(6)) e.app_id = r.Int(6);
  e.target = r.Text(7);
  e.detail = r.Text(8);
  e.prev_hash = r.Text(9);
  e.hash = r.Text(10);
  return e;
}

json::value OptionalJson(const std::optional<int64_t>& v) {
  return v ? json::value(*v) : json::value(nullptr);
}

}  // namespace

std::string AuditCanonicalForm(const AuditEntry& e) {
  return json::serialize(json::array{e.seq, e.at_ms, OptionalJson(e.user_id), e.user_code,
                                     e.address, e.action, OptionalJson(e.app_id), e.target,
                                     e.detail});
}

std::string AuditChainHash(const std::string& prev_hash, const AuditEntry& entry) {
  return auth::HashSecret(prev_hash + "\n" + AuditCanonicalForm(entry));
}

Status SqlAuditLog::Append(const std::vector<domain::AuditEvent>& events) {
  if (events.empty()) return Status::Ok();
  return db_.Write([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(auto last,
                        c.Query("SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1"));
    int64_t seq = last.empty() ? 0 : last[0].Int(0);
    std::string prev = last.empty() ? kAuditGenesisHash : last[0].Text(1);
    for (const domain::AuditEvent& event : events) {
      AuditEntry e;
      static_cast<domain::AuditEvent&>(e) = event;
      if (e.detail.empty()) e.detail = "{}";
      e.seq = ++seq;
      e.prev_hash = prev;
      e.hash = AuditChainHash(prev, e);
      TK_RETURN_IF_ERROR(c.Execute(
          "INSERT INTO audit_log(seq, at_ms, user_id, user_code, address, action, app_id, target, "
          "detail, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)",
          {e.seq, e.at_ms, Optional(e.user_id), e.user_code, e.address, e.action,
           Optional(e.app_id), e.target, e.detail, e.prev_hash, e.hash}));
      prev = e.hash;
    }
    return Status::Ok();
  });
}

Result<std::vector<AuditEntry>> SqlAuditLog::Search(const domain::AuditFilter& f) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM audit_log WHERE 1=1";
  std::vector<SqlValue> params;
  if (!f.user_code.empty()) {
    sql += " AND user_code = ?";
    params.emplace_back(f.user_code);
  }
  if (!f.action.empty()) {
    if (f.action.back() == '.') {
      // Prefix match without LIKE, whose wildcards a caller could smuggle in.
      sql += " AND substr(action, 1, ?) = ?";
      params.emplace_back(static_cast<int64_t>(f.action.size()));
    } else {
      sql += " AND action = ?";
    }
    params.emplace_back(f.action);
  }
  if (f.app_id) {
    sql += " AND app_id = ?";
    params.emplace_back(*f.app_id);
  }
  if (f.from_ms) {
    sql += " AND at_ms >= ?";
    params.emplace_back(*f.from_ms);
  }
  if (f.to_ms) {
    sql += " AND at_ms < ?";
    params.emplace_back(*f.to_ms);
  }
  sql += " ORDER BY seq DESC LIMIT ? OFFSET ?";
  params.emplace_back(f.limit);
  params.emplace_back(f.offset);
  std::vector<AuditEntry> out;
  TK_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(auto rows, c.Query(sql, params));
    out.reserve(rows.size());
    for (const Row& r : rows) out.push_back(FromRow(r));
    return Status::Ok();
  }));
  return out;
}

Result<domain::AuditVerification> SqlAuditLog::Verify() {
  domain::AuditVerification v;
  std::string prev = kAuditGenesisHash;
  int64_t expected = 1;
  TK_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    return c.QueryEach(
        std::string("SELECT ") + kColumns + " FROM audit_log ORDER BY seq", {},
        [&](const Row& r) -> bool {
          AuditEntry e = FromRow(r);
          auto fail = [&](std::string problem) {
            v.intact = false;
            v.bad_seq = e.seq;
            v.problem = std::move(problem);
            return false;
          };
          if (e.seq != expected) {
            return fail("entries " + std::to_string(expected) + " to " + std::to_string(e.seq - 1) +
                        " are missing");
          }
          if (e.prev_hash != prev) {
            return fail("entry " + std::to_string(e.seq) + " does not follow the entry before it");
          }
          if (AuditChainHash(prev, e) != e.hash) {
            return fail("entry " + std::to_string(e.seq) + " was altered");
          }
          prev = e.hash;
          ++expected;
          ++v.entries;
          v.last_seq = e.seq;
          v.head_hash = e.hash;
          return true;
        });
  }));
  return v;
}

Result<bool> SqlAuditLog::HoldsPersonalData(int64_t app) {
  bool holds = false;
  TK_RETURN_IF_ERROR(db_.Read([&](Connection& c) -> Status {
    TK_ASSIGN_OR_RETURN(
        auto rows,
        c.Query("SELECT body FROM app_settings WHERE app_id=? AND stage='live' AND kind='settings'",
                {app}));
    if (rows.empty()) return Status::Ok();
    boost::system::error_code ec;
    json::value body = json::parse(rows[0].Text(0), ec);
    if (ec || !body.is_object()) return Status::Ok();
    const json::value* flag = body.as_object().if_contains("holdsPersonalData");
    holds = flag && flag->is_bool() && flag->as_bool();
    return Status::Ok();
  }));
  return holds;
}

}  // namespace storage
