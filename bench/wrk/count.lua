-- (d) Count with a filter: totalCount=true with a 1-record page, as a dashboard's daily counts.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local next_request
function init()
  c.seed()
  local filters = {
    '審査状況 in ("受付")',
    '審査状況 in ("審査中", "差戻し")',
    '審査状況 in ("支払済")',
    '申請日 >= "2026-03-01"',
    '申請日 >= "2025-04-01" and 申請日 < "2026-04-01"',
    '審査状況 in ("承認") and 申請日 >= "2026-01-01"',
    '金額 >= 100000',
    '区分 in ("再申請")',
  }
  local requests = {}
  for _, f in ipairs(filters) do
    requests[#requests + 1] = c.records_get(f .. " limit 1", "totalCount=true")
  end
  next_request = c.cycler(requests)
end
function request() return next_request() end
