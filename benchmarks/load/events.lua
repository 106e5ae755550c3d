-- wrk script: new parcel events, spread over the parcels the load script created (barcodes
-- LOAD-00000 … LOAD-<PARCELS-1>). Environment: TOKEN, PARCELS, TIME (ISO 8601 with offset),
-- and BATCH: 1 posts one event per request to /v1/events; more posts that many per request
-- to /v1/events/batch.
local token = os.getenv("TOKEN")
local parcels = tonumber(os.getenv("PARCELS"))
local time = os.getenv("TIME")
local batch = tonumber(os.getenv("BATCH") or "1")
local threads = 0
local counter = 0
-- Event ids are new in every run: the same id with another time would be a conflict (409).
local run = tostring(os.time())
-- thread_id is a global that setup() gives each thread (thread:set writes globals).

function setup(thread)
  thread:set("thread_id", threads)
  threads = threads + 1
end

local function event()
  counter = counter + 1
  local barcode = string.format("LOAD-%05d", (counter * 7 + thread_id * 13) % parcels)
  return string.format('{"eventId":"wrk-%s-%d-%d","barcode":"%s","type":"sorted","time":"%s"}', run, thread_id, counter, barcode, time)
end

function request()
  local headers = { ["Authorization"] = "Bearer " .. token, ["Content-Type"] = "application/json" }
  if batch == 1 then return wrk.format("POST", "/v1/events", headers, event()) end
  local events = {}
  for i = 1, batch do events[i] = event() end
  return wrk.format("POST", "/v1/events/batch", headers, '{"events":[' .. table.concat(events, ",") .. ']}')
end

function done(summary, latency, requests)
  local errors = summary.errors.status + summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout
  io.write(string.format("requests %d, errors %d, %.0f requests/s = %.0f events/s, p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms\n",
    summary.requests, errors, summary.requests / (summary.duration / 1e6), batch * summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000, latency.max / 1000))
  io.write(string.format("RESULT %.0f %.2f %.2f %d\n", batch * summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, errors))
end
