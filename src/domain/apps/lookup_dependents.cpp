#include "domain/apps/lookup_dependents.h"

#include <algorithm>

#include "common/error_code.h"
#include "domain/apps/json_at.h"

namespace domain {

namespace json = boost::json;
using common::Error;
using common::Status;

namespace {

// Whether `relatedApp` resolves to `source`: the code wins when given (app codes are unique,
// so an equal code is this app); otherwise the id, as a string or a number.
bool Names(const json::object& related, const DatasourceRef& source) {
  std::string_view code = StringAt(related, "code");
  if (!code.empty()) return code == source.code;
  const json::value* app = related.if_contains("app");
  if (!app) return false;
  if (app->is_string()) return app->as_string() == std::to_string(source.id);
  if (app->is_int64()) return app->as_int64() == source.id;
  return false;
}

// Whether `lookup` (on `source`) uses `code` as its key field or a copy source.
bool LookupUses(const json::object& lookup, const DatasourceRef& source, std::string_view code) {
  const json::value* r = lookup.if_contains("relatedApp");
  if (!r || !r->is_object() || !Names(r->as_object(), source)) return false;
  if (StringAt(lookup, "relatedKeyField") == code) return true;
  const json::value* m = lookup.if_contains("fieldMappings");
  if (!m || !m->is_array()) return false;
  return std::any_of(m->as_array().begin(), m->as_array().end(), [&](const json::value& item) {
    return item.is_object() && StringAt(item.as_object(), "relatedField") == code;
  });
}

void AddOnce(std::vector<std::string>& codes, const std::string& code) {
  if (std::find(codes.begin(), codes.end(), code) == codes.end()) codes.push_back(code);
}

}  // namespace

std::vector<std::string> CodesTakenByEdit(const FieldSet& before, const FieldSet* live,
                                          const query::FieldChanges& changes) {
  std::vector<std::string> taken;
  if (changes.empty()) return taken;
  auto visit = [&](const FieldDef& f) {
    if (!changes.removed.contains(f.code) && !changes.renamed.contains(f.code)) return;
    AddOnce(taken, f.code);
    if (const FieldDef* was = live ? live->FindById(f.id) : nullptr) AddOnce(taken, was->code);
  };
  for (const FieldDef& f : before.fields()) {
    visit(f);
    for (const FieldDef& inner : f.fields) visit(inner);
  }
  return taken;
}

std::vector<std::string> CodesTakenByDeploy(const FieldSet& old_live, const FieldSet& new_live) {
  std::vector<std::string> taken;
  for (const FieldDef& f : old_live.fields()) {
    if (!new_live.FindTopLevel(f.code)) taken.push_back(f.code);
  }
  return taken;
}

Status CheckNotUsedByLookups(const std::vector<std::string>& taken, const DatasourceRef& source,
                             const std::vector<StoredLookup>& lookups) {
  for (const std::string& code : taken) {
    for (const StoredLookup& other : lookups) {
      if (other.app != source.id && LookupUses(other.lookup, source, code)) {
        return Error(common::ErrorCode::kFieldUsedByLookup, {code, std::to_string(other.app)});
      }
    }
  }
  return Status::Ok();
}

}  // namespace domain
