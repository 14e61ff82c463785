// Fields of a datasource app that other apps' lookups depend on (§7.2): a lookup names its
// datasource's key field and copy sources by code, and nothing follows a change on the
// datasource side, so deleting such a field or changing its code would silently break the
// other app's lookup. kintone refuses that with GAIA_LO02; so does a form edit here, and a
// deploy checks again (an edit made before the rule, or a lookup added since against the
// live form). Related-records definitions of other apps are not covered (kintone's rule names
// lookups only). The rules are pure; AppRepository::LookupsOn finds the other apps' lookups.
#pragma once

#include <string>
#include <vector>

#include "common/result.h"
#include "domain/apps/app_repository.h"
#include "domain/fields/field_set.h"
#include "query/field_rename.h"

namespace domain {

// The datasource app as another app's `lookup.relatedApp` {app, code} may name it: by its
// app code when the definition gives one (the code wins), otherwise by its id.
struct DatasourceRef {
  int64_t id = 0;
  std::string code;  // "" when the app has none
};

// The codes a form edit takes away from the datasource, in `before`'s order: every field
// `changes` removes or renames, by its code before the edit and, when it differs, by its code
// in the live form (`live`, nullptr before the first deploy) that other apps' lookups were
// checked against.
std::vector<std::string> CodesTakenByEdit(const FieldSet& before, const FieldSet* live,
                                          const query::FieldChanges& changes);

// The codes a deploy takes away: top-level fields of the old live form with no top-level
// field of that code in the new one (a lookup can only name top-level fields).
std::vector<std::string> CodesTakenByDeploy(const FieldSet& old_live, const FieldSet& new_live);

// GAIA_LO02 for the first of `taken` that one of `lookups` (of other apps, by app id; see
// AppRepository::LookupsOn) uses as its key field or a copy source on `source`; {1} is that
// app's id only — the caller may not be allowed to see it. A lookup whose relatedApp names
// another app (its code wins over the id), or held by `source` itself, does not count.
common::Status CheckNotUsedByLookups(const std::vector<std::string>& taken,
                                     const DatasourceRef& source,
                                     const std::vector<StoredLookup>& lookups);

}  // namespace domain
