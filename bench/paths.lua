-- wrk script: GETs the paths of a file (one per line) round robin, each thread from its own offset, and counts the
-- answers that are not 200 or do not contain an expected text.
--
--   wrk -t2 -c64 -d15s -s bench/paths.lua http://localhost:8091 -- paths.txt ['"genuine":true']

local threads = {}

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

function init(args)
  paths = {}
  for line in io.lines(args[1]) do
    if #line > 0 then
      paths[#paths + 1] = line
    end
  end
  expected = args[2]
  i = id * 7919
  wrong = 0
end

function request()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end

function response(status, headers, body)
  if status ~= 200 or expected and not (body or ""):find(expected, 1, true) then
    wrong = wrong + 1
  end
end

function done(summary, latency, requests)
  local wrongs = 0
  for _, t in ipairs(threads) do
    wrongs = wrongs + t:get("wrong")
  end
  local seconds = summary.duration / 1e6
  io.write(string.format("%d in %.1f s = %.0f/s, p50 %.1f ms, p99 %.1f ms, %d not as expected\n",
      summary.requests, seconds, summary.requests / seconds, latency:percentile(50) / 1000,
      latency:percentile(99) / 1000, wrongs))
end
