-- (a) Look-up by the unique receipt number: GET records.json?query=受付番号 = "R2025-0001234".
-- BENCH_DATA/lookup-keys.txt holds receipt numbers of records picked at random (fixed seed) from
-- the loaded ones; every thread walks the list from its own random start.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local next_request
function init()
  c.seed()
  local requests = {}
  for _, key in ipairs(c.read_lines(c.data .. "/lookup-keys.txt")) do
    requests[#requests + 1] = c.records_get('受付番号 = "' .. key .. '"')
  end
  next_request = c.cycler(requests)
end
function request() return next_request() end
misses = 0
function response(status, headers, body)
  -- A look-up that finds nothing is a failure, not a fast answer.
  if status == 200 and not body:find('"records":[{', 1, true) then misses = misses + 1 end
end
