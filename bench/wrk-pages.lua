-- Cycles through the pages of one lead so the proxy's coalescing cannot turn the load into a
-- single upstream call: every target sees the same request mix.
local counter = 0
local prefix = os.getenv("BENCH_PREFIX") or ""
local key = os.getenv("BENCH_API_KEY")
local headers = {}
if key and key ~= "" then headers["x-api-key"] = key end

request = function()
  counter = counter + 1
  local page = (counter % 7) + 1
  local path = prefix .. "/enterprise/api/lead/20003/task?page=" .. page .. "&page_size=20"
  return wrk.format("GET", path, headers)
end
