// The form-field APIs (§7.2) as pure functions over a form: POST adds fields, PUT updates
// them (merging into the stored definition, renaming through `code`), DELETE removes them.
// All or nothing: every problem of every field comes back in one CB_VA01 Error. Stateless.
#pragma once

#include <boost/json/value.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "common/result.h"
#include "domain/fields/field_set.h"
#include "domain/fields/field_type_registry.h"

namespace domain {

// POST preview/app/form/fields.json `properties`: new fields keyed by code (tables with
// their `fields`). New fields take ids from `next_field_id`, which advances only on success.
common::Result<FieldSet> AddFields(const FieldTypeRegistry& registry, const FieldSet& form,
                                   const boost::json::value& properties, int64_t& next_field_id);

// PUT preview/app/form/fields.json `properties`: keyed by current code; unknown code ->
// GAIA_FC01. A table's `fields` may name new inner fields, which are added.
common::Result<FieldSet> UpdateFields(const FieldTypeRegistry& registry, const FieldSet& form,
                                      const boost::json::value& properties, int64_t& next_field_id);

// DELETE preview/app/form/fields.json `fields`: codes, top level or inner; unknown code ->
// GAIA_FC01; system fields cannot be deleted (CB_VA01 on `fields[<i>]`).
common::Result<FieldSet> DeleteFields(const FieldTypeRegistry& registry, const FieldSet& form,
                                      const std::vector<std::string>& codes);

}  // namespace domain
