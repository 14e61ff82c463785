#include "domain/records/record_access.h"

#include <algorithm>

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
  if (access_.restricts_fields() && !access_.CanViewField(TopLevelCode(live_.form, code))) {
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

// The entity field a record-dependent entry (CREATOR, FIELD_ENTITY) reads, and the codes by
// which that field would name the caller (their login, organisations or groups).
struct CallerInField {
  const FieldDef* field = nullptr;
  std::vector<std::string> codes;
};

CallerInField NamesOfCaller(const Principal& who, const Membership& m, const AclEntry& e,
                            const FieldSet& form, const EntityDirectory& directory) {
  CallerInField out;
  out.field = e.entity.type == AclEntityType::kCreator ? form.FindByType(FieldType::kCreator)
                                                       : form.FindTopLevel(e.entity.code);
  if (!out.field) return out;
  switch (out.field->type) {
    case FieldType::kUserSelect:
    case FieldType::kCreator:
    case FieldType::kModifier:
      out.codes.push_back(who.user_code);
      break;
    case FieldType::kOrganizationSelect: {
      std::vector<int64_t> ids = m.organizations;
      if (e.entity.include_subs) ids.insert(ids.end(), m.ancestors.begin(), m.ancestors.end());
      for (int64_t id : ids) {
        if (auto o = directory.FindOrganizationById(id)) out.codes.push_back(o->code);
      }
      break;
    }
    case FieldType::kGroupSelect:
      for (int64_t id : m.groups) {
        if (auto g = directory.FindGroupById(id)) out.codes.push_back(g->code);
      }
      break;
    default:
      break;
  }
  return out;
}

// kintone query text testing whether a record's entity field names the caller; "" when it
// can name nobody the caller is.
std::string EntityFieldCondition(const Principal& who, const Membership& m, const AclEntry& e,
                                 const LiveForm& live, const EntityDirectory& directory) {
  CallerInField names = NamesOfCaller(who, m, e, live.form, directory);
  if (!names.field || names.codes.empty()) return "";
  std::string text = names.field->code + " in (";
  for (size_t i = 0; i < names.codes.size(); ++i) {
    text += (i ? ", " : "") + Quote(names.codes[i]);
  }
  return text + ")";
}

// Whether one entity value ({"code": …}) is one of `codes`.
bool NamesOneOf(const json::value& v, const std::vector<std::string>& codes) {
  const json::object* o = v.if_object();
  const json::value* code = o ? o->if_contains("code") : nullptr;
  if (!code || !code->is_string()) return false;
  return std::find(codes.begin(), codes.end(), code->as_string()) != codes.end();
}

// The same test as EntityFieldCondition, on a record at hand.
bool RecordNamesCaller(const Principal& who, const Membership& m, const AclEntry& e,
                       const FieldSet& form, const EntityDirectory& directory,
                       const RecordEntities& record) {
  CallerInField names = NamesOfCaller(who, m, e, form, directory);
  if (!names.field || names.codes.empty()) return false;
  if (names.field->type == FieldType::kCreator) return record.creator == who.user_id;
  if (names.field->type == FieldType::kModifier) return record.modifier == who.user_id;
  const json::value* field =
      record.fields ? record.fields->if_contains(names.field->code) : nullptr;
  const json::value* value =
      field && field->is_object() ? field->as_object().if_contains("value") : nullptr;
  if (!value || !value->is_array()) return false;
  for (const json::value& v : value->as_array()) {
    if (NamesOneOf(v, names.codes)) return true;
  }
  return false;
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

FieldRights FieldRightsOn(const Principal& who, const AppAccess& access, const FieldSet& form,
                          const EntityDirectory& directory, const RecordEntities& record) {
  if (!access.fields_resolved) {
    FieldRights none;
    for (const FieldDef& f : form.fields()) none.restricted.emplace(f.code, 0u);
    return none;
  }
  if (access.fields.empty()) return FieldRights{};
  return access.FieldsOn([&](const AclEntry& e) {
    return RecordNamesCaller(who, *access.membership, e, form, directory, record);
  });
}

Status CheckWritableFields(const FieldRights& rights, const json::object& record) {
  if (rights.restricted.empty()) return Status::Ok();
  for (const auto& kv : record) {
    if (!rights.CanEdit(kv.key())) {
      return Error(ErrorCode::kFieldNoEditPermission, {std::string(kv.key())});
    }
  }
  return Status::Ok();
}

}  // namespace domain
