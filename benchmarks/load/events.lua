-- wrk script: POST /v1/events with a new event id per request, spread over the parcels the
-- load script created (barcodes LOAD-00000 … LOAD-<parcels-1>). Set by the load script:
--   TOKEN, PARCELS, TIME (ISO 8601 with offset) through environment variables.
local token = os.getenv("TOKEN")
local parcels = tonumber(os.getenv("PARCELS"))
local time = os.getenv("TIME")
local threads = 0
local counter = 0
-- thread_id is a global that setup() gives each thread (thread:set writes globals).

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

function request()
  counter = counter + 1
  local barcode = string.format("LOAD-%05d", (counter * 7 + thread_id * 13) % parcels)
  local body = string.format('{"eventId":"wrk-%d-%d","barcode":"%s","type":"sorted","time":"%s"}', thread_id, counter, barcode, time)
  return wrk.format("POST", "/v1/events", {
    ["Authorization"] = "Bearer " .. token,
    ["Content-Type"] = "application/json",
  }, body)
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("requests %d, errors %d, throughput %.0f/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, errors, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
end
