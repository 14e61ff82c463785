// The rights of the "public form" principal (Principal::public_form): add records to its one
// app and write only the fields its form publishes — nothing else, whatever the app's ACL
// says. ResolveAccess/CheckAppAccess consult it, and RecordService checks every record.
#pragma once

#include <boost/json/object.hpp>
#include <string>

#include "common/result.h"
#include "domain/apps/app.h"
#include "domain/permissions/principal.h"

namespace domain {

struct AppAccess;

// For a public-form principal only: its app access (add right alone, every unpublished field
// without view or edit), or CB_NO02 for any other app.
common::Result<AppAccess> PublicFormAccess(const Principal& who, const App& app);
// CB_NO02 unless `app` is the public-form principal's app.
common::Status CheckPublicFormApp(const Principal& who, const App& app);
// OK unless `who` is a public-form principal and `record` names a field its form does not
// publish (CB_VA01 on "<base>.<code>").
common::Status CheckPublicFormFields(const Principal& who, const boost::json::object& record,
                                     const std::string& base);

}  // namespace domain
