-- (p1) Public look-up: POST /api/public/lookup/search.json {"token", "keys": {受付番号, 生年月日}}
-- with no credentials, as residents send it. BENCH_DATA/public-lookup.txt holds one body per line
-- (written by run.mjs from the deterministic generator): half hits, a quarter with a wrong birth
-- date, a quarter with a receipt number that does not exist. Every response is classified: a hit
-- (200 with the record's fields), a miss (404 TK_PB06), rate-limited (429) or anything else.
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
local next_request
function init()
  c.seed()
  local headers = { ["Content-Type"] = "application/json" }
  local requests = {}
  for _, body in ipairs(c.read_lines(c.data .. "/public-lookup.txt")) do
    requests[#requests + 1] = wrk.format("POST", "/api/public/lookup/search.json", headers, body)
  end
  next_request = c.cycler(requests)
end
function request() return next_request() end
hits, nomatch, limited, other = 0, 0, 0, 0
function response(status, headers, body)
  if status == 200 and body:find('"fields"', 1, true) then
    hits = hits + 1
  elseif status == 404 and body:find("TK_PB06", 1, true) then
    nomatch = nomatch + 1
  elseif status == 429 then
    limited = limited + 1
  else
    other = other + 1
  end
end
function done(summary, latency, requests)
  c.done(summary, latency, requests)
  c.report_counts({ "hits", "nomatch", "limited", "other" })
end
