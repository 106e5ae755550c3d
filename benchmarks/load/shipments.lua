-- wrk script for `run --parties`: carriers announcing shipments concurrently, each request
-- one carrier's shipment of PARCELS_PER parcels with barcodes no other request uses.
-- Environment: TOKENS (the carriers' API tokens, comma-separated), PARCELS_PER.
local tokens = {}
for token in string.gmatch(os.getenv("TOKENS"), "[^,]+") do tokens[#tokens + 1] = token end
local per = tonumber(os.getenv("PARCELS_PER") or "10")
local threads = 0
local counter = 0

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

function request()
  counter = counter + 1
  local parcels = {}
  for i = 1, per do parcels[i] = string.format('{"barcode":"S%d-%d-%d","weightKg":2}', thread_id, counter, i) end
  local headers = { ["Authorization"] = "Bearer " .. tokens[(counter + thread_id) % #tokens + 1], ["Content-Type"] = "application/json" }
  local body = string.format('{"reference":"R%d-%d","hubId":"hub-a","siteId":"site-1","parcels":[%s]}', thread_id, counter, table.concat(parcels, ","))
  return wrk.format("POST", "/v1/shipments", headers, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  local rate = summary.requests / (summary.duration / 1e6)
  io.write(string.format("requests %d, errors %d, %.0f shipments/s = %.0f parcels/s, p50 %.2f ms, p99 %.2f ms\n",
    summary.requests, errors, rate, rate * per, latency:percentile(50) / 1000, latency:percentile(99) / 1000))
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", rate * per, latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
