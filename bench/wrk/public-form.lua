-- (p2) Public form submissions: POST /api/public/form/submit.json {"token", "idempotencyKey",
-- "record"} with no credentials. BENCH_DATA/public-form.json is one generated application with
-- the placeholder @@K@@ for the idempotency key; every request sends a fresh one
-- (F<run nonce><thread>-<counter>), so each creates a record and gets a receipt number.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local template, prefix
local counter = 0
function init()
  local n = c.seed()
  template = c.read_file(c.data .. "/public-form.json")
  prefix = "F" .. c.env("BENCH_NONCE") .. n .. "-"
end
local headers = { ["Content-Type"] = "application/json" }
function request()
  counter = counter + 1
  local key = prefix .. string.format("%08d", counter)
  return wrk.format("POST", "/api/public/form/submit.json", headers, (template:gsub("@@K@@", key)))
end
misses = 0
function response(status, headers, body)
  -- A retried key answers "repeated": true; every key here is fresh, so that would be a fault.
  if status == 200 and not body:find('"repeated":false', 1, true) then misses = misses + 1 end
end
done = c.done
