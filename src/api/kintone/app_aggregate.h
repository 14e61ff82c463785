// GET /api/app/aggregate.json: counts and sums of an app's records grouped by up to two
// fields, for staff (view right; the record and field ACLs apply as to any read).
//   ?app=1&groups[0][code]=status&groups[1][code]=date&groups[1][per]=MONTH
//    &aggregations[0][type]=SUM&aggregations[0][code]=amount&filterCond=…
// (or the same as a JSON body).
#pragma once

#include "api/kintone/endpoints.h"

namespace api {

JsonResult GetAppAggregate(Call& call, Services& s);

}  // namespace api
