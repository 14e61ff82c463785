-- (f) Single-record PUTs to record.json: a status change and an amount on a random record id in
-- [1, BENCH_MAX_ID]. "revision": -1 is kintone's "skip the check": wrk cannot read a record before
-- writing it on the same connection, and a stale revision would be an error (409 GAIA_CO02), not
-- a measurement. The server still reads the row, compares, bumps the revision and writes history.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local max_id
local statuses = { "受付", "審査中", "承認", "支払済", "差戻し" }
function init()
  c.seed()
  max_id = tonumber(c.env("BENCH_MAX_ID"))
end
function request()
  local body = string.format(
    '{"app":%s,"id":%d,"revision":-1,"record":{"審査状況":{"value":"%s"},"金額":{"value":"%d"}}}',
    c.app, math.random(max_id), statuses[math.random(#statuses)], 1000 * math.random(300))
  return wrk.format("PUT", "/k/v1/record.json", c.json_headers, body)
end
