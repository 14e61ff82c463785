-- (h) Aggregates for graphs and dashboards: GET /api/app/aggregate.json, COUNT per group, as an
-- app's graph or a public dashboard asks (by status, by category, by month, status x year, and
-- one under a filter).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local next_request
function init()
  c.seed()
  local function aggregate(params)
    local path = "/api/app/aggregate.json?app=" .. c.app
    for _, kv in ipairs(params) do path = path .. "&" .. kv[1] .. "=" .. c.urlencode(kv[2]) end
    return wrk.format("GET", path, c.headers)
  end
  local requests = {
    aggregate({ { "groups[0][code]", "審査状況" } }),
    aggregate({ { "groups[0][code]", "区分" } }),
    aggregate({ { "groups[0][code]", "申請日" }, { "groups[0][per]", "MONTH" } }),
    aggregate({ { "groups[0][code]", "審査状況" }, { "groups[1][code]", "申請日" }, { "groups[1][per]", "YEAR" } }),
    aggregate({ { "groups[0][code]", "区分" }, { "filterCond", '申請日 >= "2026-01-01"' } }),
  }
  next_request = c.cycler(requests)
end
function request() return next_request() end
