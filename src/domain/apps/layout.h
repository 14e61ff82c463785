// Keeps an app's form layout (§7.3) in step with its fields: new fields are appended one row
// each, removed fields disappear, renamed fields follow. Pure functions on the layout JSON.
#pragma once

#include <boost/json/array.hpp>
#include <map>
#include <string>

#include "domain/fields/field_set.h"

namespace domain {

// `layout` after the form changed from `before` to `after`.
boost::json::array SyncLayout(boost::json::array layout, const FieldSet& before,
                              const FieldSet& after);

// Field code -> the GROUP whose layout holds it (rows and tables inside the group, nested
// groups named by their outermost group), for every field laid out inside a group.
std::map<std::string, std::string, std::less<>> FieldGroups(const boost::json::array& layout);

}  // namespace domain
