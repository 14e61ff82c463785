-- Shared helpers for the wrk scenarios of bench/run.mjs. Each scenario script does
--   package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
--   local c = require("common")
-- Settings come from the environment (run.mjs sets them): TSUMIKI_APP, TSUMIKI_TOKEN,
-- BENCH_RECORDS, BENCH_MAX_ID, BENCH_DATA (a directory of request lists written by run.mjs).
-- Randomness is seeded per wrk thread from its number, so every run sends the same sequence.
local M = {}

function M.env(name, default)
  local v = os.getenv(name)
  if v == nil or v == "" then
    if default == nil then error("environment variable " .. name .. " is not set") end
    return default
  end
  return v
end

function M.urlencode(s)
  return (s:gsub("[^%w%-%._~]", function(ch) return string.format("%%%02X", string.byte(ch)) end))
end

function M.read_lines(path)
  local f = assert(io.open(path, "r"), "cannot open " .. path)
  local out = {}
  for line in f:lines() do
    if line ~= "" then out[#out + 1] = line end
  end
  f:close()
  assert(#out > 0, path .. " is empty")
  return out
end

function M.read_file(path)
  local f = assert(io.open(path, "rb"), "cannot open " .. path)
  local s = f:read("*a")
  f:close()
  return s
end

M.app = M.env("TSUMIKI_APP")
M.token = M.env("TSUMIKI_TOKEN")
M.data = M.env("BENCH_DATA", ".")
M.headers = { ["X-Cybozu-API-Token"] = M.token }
M.json_headers = { ["X-Cybozu-API-Token"] = M.token, ["Content-Type"] = "application/json" }

-- GET /k/v1/records.json with a kintone query (and extra raw query-string parameters).
function M.records_get(query, extra)
  local path = "/k/v1/records.json?app=" .. M.app .. "&query=" .. M.urlencode(query)
  if extra then path = path .. "&" .. extra end
  return wrk.format("GET", path, M.headers)
end

-- Thread numbering and deterministic seeds: setup() runs in the main Lua state once per thread.
local threads = {}
function M.setup(thread)
  threads[#threads + 1] = thread
  thread:set("thread_no", #threads)
end

function M.seed()
  local n = thread_no or 1
  math.randomseed(7919 * n + 17)
  -- LuaJIT's first draws after seeding are poorly mixed: discard a few.
  for _ = 1, 8 do math.random() end
  return n
end

-- A pre-built request list, cycled from a random start per thread.
function M.cycler(requests)
  local i = math.random(#requests)
  return function()
    i = i % #requests + 1
    return requests[i]
  end
end

-- One machine-readable line for run.mjs, next to wrk's own text report.
-- Scenarios that check response bodies count the bad ones in the thread-global `misses`.
function M.done(summary, latency, requests)
  local e = summary.errors
  local misses = 0
  for _, t in ipairs(threads) do misses = misses + (tonumber(t:get("misses")) or 0) end
  io.write(string.format(
    'WRK_JSON {"requests":%d,"duration_us":%d,"bytes":%d,"misses":%d,' ..
    '"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
    '"latency_us":{"min":%d,"mean":%.1f,"max":%d,"stdev":%.1f,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
    summary.requests, summary.duration, summary.bytes, misses,
    e.connect, e.read, e.write, e.status, e.timeout,
    latency.min, latency.mean, latency.max, latency.stdev,
    latency:percentile(50), latency:percentile(90), latency:percentile(99), latency:percentile(99.9)))
end

-- One more line for run.mjs: the sums over threads of the named thread-global counters.
function M.report_counts(names)
  local parts = {}
  for _, name in ipairs(names) do
    local sum = 0
    for _, t in ipairs(threads) do sum = sum + (tonumber(t:get(name)) or 0) end
    parts[#parts + 1] = string.format('"%s":%d', name, sum)
  end
  io.write("WRK_COUNTS {" .. table.concat(parts, ",") .. "}\n")
end

return M
