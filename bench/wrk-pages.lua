-- Cycles through the 500 pages of lead 20004 (10,000 tasks), each wrk thread starting half-way
-- from the last, so no two in-flight requests ask for the same page: the proxy's coalescing of
-- identical requests cannot turn the load into fewer upstream calls, and every target sees the
-- same request mix.
local PAGES = 500
local threads = 0
local prefix = os.getenv("BENCH_PREFIX") or ""
local key = os.getenv("BENCH_API_KEY")

function setup(thread)
  threads = threads + 1
  thread:set("offset", threads * 251)
end

local counter = 0
local headers = {}
if key and key ~= "" then headers["x-api-key"] = key end

request = function()
  counter = counter + 1
  local page = ((counter + (offset or 0)) % PAGES) + 1
  local path = prefix .. "/enterprise/api/lead/20004/task?page=" .. page .. "&page_size=20"
  return wrk.format("GET", path, headers)
end
