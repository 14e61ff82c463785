-- (b) A 100-record page filtered by status and sorted by date: the list a clerk opens.
-- Cycles through the five statuses, newest first and oldest first.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local next_request
function init()
  c.seed()
  local requests = {}
  local order = c.env("BENCH_PAGE_ORDER", "desc,asc")
  for _, status in ipairs({ "受付", "審査中", "承認", "支払済", "差戻し" }) do
    for dir in order:gmatch("[^,]+") do
      requests[#requests + 1] = c.records_get('審査状況 in ("' .. status .. '") order by 申請日 ' ..
        dir .. ', $id ' .. dir .. ' limit 100')
    end
  end
  next_request = c.cycler(requests)
end
function request() return next_request() end
