-- (g) GET /healthz: the ceiling of the HTTP stack (no auth, no database).
package.path = (debug.getinfo(1, "S").source:match("^@(.*/)") or "./") .. "?.lua;" .. package.path
local c = require("common")
setup = c.setup
done = c.done
local req
function init() c.seed(); req = wrk.format("GET", "/healthz") end
function request() return req end
