// The caller's view of one app's records, from the permissions resolved for them: which
// records they may view, edit or delete (the record ACL as a SQL condition, so lists, totals,
// paging and cursors agree), which fields they may see (a query naming a hidden field is
// refused as if the field did not exist, so values cannot be inferred) and write.
#pragma once

#include <optional>
#include <set>
#include <string>
#include <vector>

#include <boost/json/object.hpp>

#include "common/result.h"
#include "domain/apps/form_service.h"
#include "domain/fields/entity_directory.h"
#include "domain/permissions/access.h"
#include "domain/permissions/principal.h"
#include "domain/records/record_repository.h"
#include "query/compiler.h"
#include "query/schema.h"

namespace domain {

// The live form's lookup without the fields the caller may not view.
class VisibleFieldsLookup final : public query::SchemaLookup {
 public:
  VisibleFieldsLookup(const LiveForm& live, const AppAccess& access)
      : live_(live), access_(access) {}
  const query::FieldInfo* Find(std::string_view code) const override;
  int64_t app_id() const override { return live_.lookup->app_id(); }

 private:
  const LiveForm& live_;
  const AppAccess& access_;
};

// The top-level field (or the table of an inner field) `code` belongs to.
std::string TopLevelCode(const FieldSet& form, std::string_view code);

// SQL condition over alias r for the records on which `right` (kAclView, kAclEdit,
// kAclDelete) holds for the caller; nullopt when it holds on every record (no record ACL, or
// an API token). The app-level right is checked separately.
common::Result<std::optional<query::SqlFragment>> RecordCondition(
    const Principal& who, const AppAccess& access, const LiveForm& live,
    const EntityDirectory& directory, const query::QueryContext& qc, uint32_t right);

// Which of `ids` carry `right` for the caller (all of them without a record ACL).
common::Result<std::set<int64_t>> RecordsAllowing(Transaction& tx, const Principal& who,
                                                  const AppAccess& access, const LiveForm& live,
                                                  const RecordSchema& schema,
                                                  const EntityDirectory& directory,
                                                  const query::QueryContext& qc,
                                                  const std::vector<int64_t>& ids, uint32_t right);

// CB_NO02 unless every one of `ids` carries `right` for the caller.
common::Status RequireRecordsAllow(Transaction& tx, const Principal& who, const AppAccess& access,
                                   const LiveForm& live, const RecordSchema& schema,
                                   const EntityDirectory& directory, const query::QueryContext& qc,
                                   const std::vector<int64_t>& ids, uint32_t right);

// What one record says about whom its entity fields name: its top-level {"type","value"}
// fields (as stored, or as a write sends them) and its creator and modifier.
struct RecordEntities {
  const boost::json::object* fields = nullptr;
  int64_t creator = 0;
  int64_t modifier = 0;
};

// The caller's field rights on one record: field rules with FIELD_ENTITY or CREATOR entries
// are matched against the record's entity fields, as the record ACL matches them in SQL.
FieldRights FieldRightsOn(const Principal& who, const AppAccess& access, const FieldSet& form,
                          const EntityDirectory& directory, const RecordEntities& record);

// GAIA_FU01 for the first top-level field of `record` the caller may not write.
common::Status CheckWritableFields(const FieldRights& rights, const boost::json::object& record);

}  // namespace domain
