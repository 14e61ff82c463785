// Lookups and related-records fields (§4.7, §7.2) against their datasource app. A form edit
// refuses a definition whose app the caller cannot see, or whose fields cannot play their
// part there (lookup key, copy source and target, picker column, condition, display column),
// or whose filterCond or sort does not compile against that app; a deploy also refuses a
// lookup key that allows duplicates (GAIA_LO03). The datasource's form comes through a
// finder, so the rules themselves are pure and stateless.
#pragma once

#include <functional>
#include <optional>
#include <string_view>

#include "common/result.h"
#include "domain/fields/field_set.h"
#include "domain/fields/field_type_registry.h"
#include "domain/permissions/principal.h"
#include "domain/transaction.h"
#include "query/field_rename.h"
#include "query/schema.h"

namespace domain {

struct Datasource {
  int64_t app = 0;
  FieldSet form;  // the form records of the app are read with (live, once deployed)
};

// The datasource a `relatedApp` {app, code} names (the code wins when both are given), or
// nullopt when no such app exists or the caller may not see it.
using DatasourceFinder = std::function<common::Result<std::optional<Datasource>>(
    std::string_view app, std::string_view code)>;

// CB_VA01 with one error per problem, keyed like the definition errors of a form edit
// (`properties[<code>].lookup.relatedKeyField`, `properties[<table>].fields[<code>]
// .referenceTable.condition.field`, …). Only definitions that `after` adds or changes, or whose
// copy targets or condition field `changes` removed, are checked: an unrelated edit is not
// refused because a datasource changed since (the deploy checks every definition).
common::Status CheckDatasourceFields(const FieldSet* before, const FieldSet& after,
                                     const query::FieldChanges& changes,
                                     const DatasourceFinder& find, const query::QueryContext& qc);

// GAIA_LO03 when a lookup of `form` keys on a datasource field that allows duplicate values
// (the record number is always unique). Datasources that cannot be found are left to
// CheckDatasourceFields.
common::Status CheckLookupKeysUnique(const FieldSet& form, const DatasourceFinder& find);

// `form` with the form edit's renames followed into its own lookups' copy targets and its
// related-records conditions, and copy rules whose target was removed dropped (kintone's
// form settings do the same). The datasource side names the other app: untouched.
FieldSet FollowChangesInDatasourceFields(const FieldSet& form, const query::FieldChanges& changes);

// kintone fills an empty `sort` of a lookup or related-records definition with the
// datasource's record-number code, descending (§4.3): `form` with those filled where the
// datasource is found.
common::Result<FieldSet> FillDatasourceSorts(const FieldSet& form, const DatasourceFinder& find);

// The finder for `who` inside `tx`: a deployed app the caller may see, with its live form;
// `self` (the app being edited, which may be its own datasource) resolves to `self_form`.
DatasourceFinder MakeDatasourceFinder(Transaction& tx, const FieldTypeRegistry& registry,
                                      const Principal& who, int64_t self,
                                      const FieldSet& self_form);

}  // namespace domain
