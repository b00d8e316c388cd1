-- loadtest.lua: the request mix of scripts/loadtest.sh for wrk.
--
-- Each connection cycles through the same list, starting at a different
-- place, so that at any moment the server sees a mix rather than every
-- connection asking the same thing. Searches weigh most because they are
-- what the service is mostly used for; the document page is the heaviest
-- response (about 200 KB of HTML before compression).

local paragraph = "Na de staatsgreep van 18 augustus 2020 in Mali heeft Nederland de " ..
  "samenwerking met de Malinese overheid opgeschort. Het kabinet roept op tot een " ..
  "spoedige terugkeer naar de constitutionele orde en de vrijlating van politieke " ..
  "gevangenen. De Europese Unie overweegt sancties tegen wie de transitie belemmert."

local specs = {
  {"GET", "/api/v1/search?q=staatsgrepen"},
  {"GET", "/api/v1/search?q=sanctions"},
  {"GET", "/api/v1/search?q=%22constitutionele+orde%22"},
  {"GET", "/api/v1/search?q=political+prisoners"},
  {"GET", "/api/v1/search?q=samenwerking"},
  {"GET", "/api/v1/search?q=Takubaa"},
  {"GET", "/api/v1/glossary?q=staatsgrepen"},
  {"GET", "/api/v1/glossary?q=rule+of+law&lang=en"},
  {"GET", "/api/v1/glossary/suggest?prefix=staats"},
  {"POST", "/api/v1/annotate", '{"lang":"nl","text":"' .. paragraph .. '"}'},
  {"GET", "/"},
  {"GET", "/documents/kamerbrief-mali-2020"},
}

local threads = {}
local counter = 0
local reqs = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  -- "api" (the argument after --) leaves out the two HTML pages, which
  -- cost far more than any API call, to show the API's own throughput.
  local n = #specs
  if args[1] == "api" then
    n = n - 2
  end
  -- Browsers and most HTTP clients ask for gzip; the server honours it.
  wrk.headers["Accept-Encoding"] = "gzip"
  for i = 1, n do
    local s = specs[i]
    local h = {}
    if s[1] == "POST" then
      h["Content-Type"] = "application/json"
    end
    reqs[i] = wrk.format(s[1], s[2], h, s[3])
  end
  counter = (id or 0) * 5
end

function request()
  counter = counter + 1
  return reqs[(counter % #reqs) + 1]
end

function done(summary, latency, requests)
  local secs = summary.duration / 1e6
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d rps=%.1f p50_ms=%.2f p90_ms=%.2f p99_ms=%.2f max_ms=%.2f " ..
    "non2xx=%d connect=%d read=%d write=%d timeout=%d\n",
    summary.requests, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000,
    e.status, e.connect, e.read, e.write, e.timeout))
end
