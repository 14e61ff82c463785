// The general settings document of an app (§7.5): checks a PUT's properties and merges them
// into the stored preview document. Omitted properties keep their values, unknown ones are
// dropped, numeric settings are stored as strings. Pure; no I/O.
#pragma once

#include <boost/json/object.hpp>

#include "common/result.h"

namespace domain {

// `current` with the properties of `sent` laid over it (numberPrecision and titleField merged
// key by key), or CB_VA01 with one error per bad property ("theme", "numberPrecision.digits").
common::Result<boost::json::object> MergeGeneralSettings(boost::json::object current,
                                                         const boost::json::object& sent);

}  // namespace domain
