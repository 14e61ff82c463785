-- (c) Substring search on the name: 氏名 like "<term>", first 100 hits (kintone's default order,
-- newest first). BENCH_TERMS names a file of terms (bench/run.mjs writes search-terms-1.txt,
-- -2.txt and -3.txt: the 1-, 2- and 3-character substrings of the generator's name lists).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local next_request
function init()
  c.seed()
  local requests = {}
  for _, term in ipairs(c.read_lines(c.env("BENCH_TERMS"))) do
    requests[#requests + 1] = c.records_get('氏名 like "' .. term .. '" limit 100')
  end
  next_request = c.cycler(requests)
end
function request() return next_request() end
