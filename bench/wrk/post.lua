-- (e) 100-record POSTs to records.json. BENCH_DATA/post-template.json is a body of 100 generated
-- records whose receipt numbers are the placeholder @@R@@; each request fills in fresh, unique
-- ones (P<run nonce><thread>-<counter>) so the unique index never rejects them.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local template, prefix
local counter = 0
function init()
  local n = c.seed()
  template = c.read_file(c.data .. "/post-template.json")
  prefix = "P" .. c.env("BENCH_NONCE") .. n .. "-"
end
local function receipt()
  counter = counter + 1
  return prefix .. string.format("%07d", counter)
end
function request()
  return wrk.format("POST", "/k/v1/records.json", c.json_headers, (template:gsub("@@R@@", receipt)))
end
