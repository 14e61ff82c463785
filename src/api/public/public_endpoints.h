// Public pages: the administrators' endpoints that publish forms and look-up pages and set
// receipt-number formats, and the residents' endpoints (no account) that the pages at
// /public/f/<token> and /public/l/<token> call.
#pragma once

#include "api/kintone/endpoints.h"

namespace api {

// Administrators (app management right).
JsonResult GetPublicPages(Call& call, Services& s);
JsonResult PostPublicPage(Call& call, Services& s);
JsonResult PutPublicPage(Call& call, Services& s);
JsonResult DeletePublicPage(Call& call, Services& s);
JsonResult GetReceiptFormat(Call& call, Services& s);
JsonResult PutReceiptFormat(Call& call, Services& s);

// Residents (Access::kPublic).
JsonResult GetPublicForm(Call& call, Services& s);
JsonResult PostPublicFormSubmission(Call& call, Services& s);
JsonResult GetPublicLookup(Call& call, Services& s);
JsonResult PostPublicLookupSearch(Call& call, Services& s);

}  // namespace api
