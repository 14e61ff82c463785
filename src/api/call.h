// One kintone API call after parsing and authentication: what an endpoint works with.
// Lives for one request on one worker thread.
#pragma once

#include <boost/json/object.hpp>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "api/params.h"
#include "common/result.h"
#include "domain/permissions/principal.h"
#include "http/request.h"
#include "http/response.h"

namespace api {

struct Call {
  const http::Request& request;
  Params params;
  domain::Principal principal;
  common::Lang lang = common::Lang::kJa;
  std::optional<int64_t> guest_space;  // set for /k/guest/{id}/v1/… paths
  std::string method;                  // after X-HTTP-Method-Override
  std::string client_address{};        // the peer, or the client behind a trusted proxy
};

// What an answer showed of an app's records, for the audit trail's record.read lines.
struct RecordsShown {
  int64_t count = 0;
  std::vector<int64_t> ids;  // of the records whose $id the answer carries
  bool last_page = false;    // records/cursor.json GET: the cursor is used up
};

// An answer already serialised: record reads write their JSON straight from the rows.
struct JsonText {
  std::string body;
  RecordsShown shown;
};

// Most endpoints answer a JSON object; record reads answer JSON text; a few (file download)
// build the response themselves.
using JsonEndpoint = std::function<common::Result<boost::json::object>(Call&)>;
using TextEndpoint = std::function<common::Result<JsonText>(Call&)>;
using RawEndpoint = std::function<common::Result<http::Response>(Call&)>;

// How an endpoint authenticates.
enum class Access {
  kAuthenticated,  // password, token or session
  kUserOnly,       // as kAuthenticated, but API tokens are refused (apps.json, app creation)
  kPublic,         // no credentials needed
};

}  // namespace api
