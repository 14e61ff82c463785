// GET /api/public/lookup.json (the page) and POST /api/public/lookup/search.json (one
// resident's look-up: {"token", "keys": {field code: typed value}}).
#include "api/public/public_endpoints.h"
#include "domain/sharing/public_lookup_service.h"

namespace api {

namespace json = boost::json;
using common::Error;
using common::Text;

JsonResult GetPublicLookup(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string token, call.params.RequiredString("token"));
  return s.public_lookups.Describe(token);
}

JsonResult PostPublicLookupSearch(Call& call, Services& s) {
  TK_ASSIGN_OR_RETURN(std::string token, call.params.RequiredString("token"));
  const json::value* keys = call.params.Find("keys");
  if (!keys || !keys->is_object()) return Error::Invalid("keys", Text::kRequiredParam);
  return s.public_lookups.Find(token, call.client_address, keys->as_object(), call.lang);
}

}  // namespace api
