#include "domain/records/record_access.h"

#include "query/first_match.h"
#include "query/sqlite_dialect.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::ErrorCode;
using common::FieldType;
using common::Result;
using common::Status;

std::string TopLevelCode(const FieldSet& form, std::string_view code) {
  if (const FieldDef* table = form.TableOf(code)) return table->code;
  return std::string(code);
}

const query::FieldInfo* VisibleFieldsLookup::Find(std::string_view code) const {
  if (!access_.fields.empty() && !access_.CanViewField(TopLevelCode(live_.form, code))) {
    return nullptr;
  }
  return live_.lookup->Find(code);
}

namespace {

std::string Quote(std::string_view s) {
  std::string out = "\"";
  for (char c : s) {
    if (c == '"' || c == '\\') out += '\\';
    out += c;
  }
  return out + "\"";
}

// kintone query text testing whether a record's entity field names the caller; "" when it
// can name nobody the caller is.
std::string EntityFieldCondition(const Principal& who, const Membership& m, const AclEntry& e,
                                 const LiveForm& live, const EntityDirectory& directory) {
  const FieldDef* f = e.entity.type == AclEntityType::kCreator
                          ? live.form.FindByType(FieldType::kCreator)
                          : live.form.FindTopLevel(e.entity.code);
  if (!f) return "";
  std::vector<std::string> codes;
  switch (f->type) {
    case FieldType::kUserSelect:
    case FieldType::kCreator:
    case FieldType::kModifier:
      codes.push_back(who.user_code);
      break;
    case FieldType::kOrganizationSelect: {
      std::vector<int64_t> ids = m.organizations;
      if (e.entity.include_subs) ids.insert(ids.end(), m.ancestors.begin(), m.ancestors.end());
      for (int64_t id : ids) {
        if (auto o = directory.FindOrganizationById(id)) codes.push_back(o->code);
      }
      break;
    }
    case FieldType::kGroupSelect:
      for (int64_t id : m.groups) {
        if (auto g = directory.FindGroupById(id)) codes.push_back(g->code);
      }
      break;
    default:
      break;
  }
  if (codes.empty()) return "";
  std::string text = f->code + " in (";
  for (size_t i = 0; i < codes.size(); ++i) text += (i ? ", " : "") + Quote(codes[i]);
  return text + ")";
}

}  // namespace

Result<std::optional<query::SqlFragment>> RecordCondition(
    const Principal& who, const AppAccess& access, const LiveForm& live,
    const EntityDirectory& directory, const query::QueryContext& qc, uint32_t right) {
  if (access.via_token || !access.restricts_records()) return std::optional<query::SqlFragment>();
  query::SqliteDialect dialect;
  std::vector<std::pair<query::SqlFragment, query::SqlFragment>> rules;
  for (const RecordRuleForUser& rule : access.record_rules) {
    TK_ASSIGN_OR_RETURN(query::SqlFragment when,
                        query::CompileCondition(rule.filter_cond, *live.lookup, qc, dialect));
    std::vector<std::pair<query::SqlFragment, query::SqlFragment>> entities;
    for (const AclEntry& e : rule.per_record) {
      std::string text = EntityFieldCondition(who, *access.membership, e, live, directory);
      if (text.empty()) continue;
      TK_ASSIGN_OR_RETURN(query::SqlFragment names,
                          query::CompileCondition(text, *live.lookup, qc, dialect));
      entities.emplace_back(std::move(names), query::BoolLiteral((e.rights & right) != 0));
    }
    rules.emplace_back(
        std::move(when),
        query::FirstMatch(entities, query::BoolLiteral((rule.otherwise & right) != 0)));
  }
  // Records no rule covers keep the app's rights, which the caller holds (checked before).
  return std::optional<query::SqlFragment>(query::FirstMatch(rules, query::BoolLiteral(true)));
}

Result<std::set<int64_t>> RecordsAllowing(Transaction& tx, const Principal& who,
                                          const AppAccess& access, const LiveForm& live,
                                          const RecordSchema& schema,
                                          const EntityDirectory& directory,
                                          const query::QueryContext& qc,
                                          const std::vector<int64_t>& ids, uint32_t right) {
  std::set<int64_t> out(ids.begin(), ids.end());
  if (ids.empty()) return out;
  TK_ASSIGN_OR_RETURN(auto condition, RecordCondition(who, access, live, directory, qc, right));
  if (!condition) return out;
  std::string text = "$id in (";
  for (size_t i = 0; i < ids.size(); ++i) text += (i ? "," : "") + std::to_string(ids[i]);
  text += ")";
  query::SqliteDialect dialect;
  TK_ASSIGN_OR_RETURN(auto compiled, query::CompileCursorQuery(text, *live.lookup, qc, dialect));
  query::RestrictTo(compiled, *condition);
  TK_ASSIGN_OR_RETURN(auto allowed, tx.records().SelectIds(schema, compiled));
  return std::set<int64_t>(allowed.begin(), allowed.end());
}

Status RequireRecordsAllow(Transaction& tx, const Principal& who, const AppAccess& access,
                           const LiveForm& live, const RecordSchema& schema,
                           const EntityDirectory& directory, const query::QueryContext& qc,
                           const std::vector<int64_t>& ids, uint32_t right) {
  if (access.via_token || !access.restricts_records()) return Status::Ok();
  TK_ASSIGN_OR_RETURN(auto allowed,
                      RecordsAllowing(tx, who, access, live, schema, directory, qc, ids, right));
  for (int64_t id : ids) {
    if (!allowed.count(id)) return Error(ErrorCode::kNoPrivilege);
  }
  return Status::Ok();
}

void HideFields(const AppAccess& access, json::object& record) {
  if (access.fields.empty()) return;
  for (auto it = record.begin(); it != record.end();) {
    if (!access.CanViewField(it->key())) {
      it = record.erase(it);
    } else {
      ++it;
    }
  }
}

Status CheckWritableFields(const AppAccess& access, const json::object& record) {
  if (access.fields.empty()) return Status::Ok();
  for (const auto& kv : record) {
    if (!access.CanEditField(kv.key())) {
      return Error(ErrorCode::kFieldNoEditPermission, {std::string(kv.key())});
    }
  }
  return Status::Ok();
}

}  // namespace domain
