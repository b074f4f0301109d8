-- wrk script for bench/vaccination-opening.sh: every citizen of the opening tries twice to hold a place, in random
-- order, through POST /api/mp/v1/vaccination/bookings with their own token; a place held is confirmed at once
-- (POST /bookings/{id}/confirm) by the same citizen. Each wrk thread takes its share of the citizens.
--
--   wrk -t2 -c64 -d600s --timeout 30s -s bench/vaccination-opening.lua http://localhost:8091 -- \
--       citizens.txt 2 <answers before Redis restarts, 0 = never> <Redis database> <directory>
--
-- citizens.txt: "<token> <card id>" per line; citizens.txt.slots: one slot id per line. A thread stops once every
-- try and confirmation it owes has been answered, and says so with a file in <directory>: wrk itself runs for its
-- -d, so the caller interrupts it (SIGINT) when every thread has. While a thread's last answers are on their way, its
-- idle connections ask the trivial GET /actuator/health/liveness ("filler", four a second per connection), not
-- counted as booking requests. The
-- rate is the answers over the wall time from the first request sent to the last answer received.

local threads = {}

local ffi = require("ffi")
ffi.cdef [[
  typedef struct { long tv_sec; long tv_usec; } timeval;
  int gettimeofday(timeval *tv, void *tz);
]]
local tv = ffi.new("timeval")

local function now()
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

function setup(thread)
  thread:set("id", #threads)
  table.insert(threads, thread)
end

local function lines(path)
  local out = {}
  for line in io.lines(path) do
    if #line > 0 then
      out[#out + 1] = line
    end
  end
  return out
end

-- args: citizens file, wrk threads, answers before Redis restarts (0: never), Redis database, directory
function init(args)
  nthreads = tonumber(args[2])
  redis_at = math.floor(tonumber(args[3] or "0") / nthreads)
  redis_db = args[4] or "6"
  finished_file = (args[5] or ".") .. "/done-" .. id
  started, finished = 0, 0
  math.randomseed(os.time() * 1000 + id)
  tries, tokens = {}, {}
  local all = lines(args[1])
  for i = 1, #all do
    if (i - 1) % nthreads == id then
      local token, card = all[i]:match("^(%S+) (%S+)$")
      tokens[card] = token
      tries[#tries + 1] = card
      tries[#tries + 1] = card
    end
  end
  for i = #tries, 2, -1 do
    local j = math.random(i)
    tries[i], tries[j] = tries[j], tries[i]
  end
  slots = lines(args[1] .. ".slots")
  nxt, confirms, outstanding, answered, fillers = 1, {}, 0, 0, 0
  statuses, seconds = {}, {}
  -- wrk asks the first thread for one request before the run, to check it, and never sends it
  checked = id ~= 0
end

local bookings = "/api/mp/v1/vaccination/bookings"

function request()
  if not checked then
    checked = true
    return wrk.format("GET", "/actuator/health/liveness")
  end
  if started == 0 then
    started = now()
  end
  if #confirms > 0 then
    local c = table.remove(confirms)
    outstanding = outstanding + 1
    return wrk.format("POST", bookings .. "/" .. c.id .. "/confirm", { ["Authorization"] = "Bearer " .. c.token })
  end
  if nxt <= #tries then
    local card = tries[nxt]
    nxt = nxt + 1
    outstanding = outstanding + 1
    return wrk.format("POST", bookings,
        { ["Authorization"] = "Bearer " .. tokens[card], ["Content-Type"] = "application/json" },
        '{"cardId":"' .. card .. '","slotId":"' .. slots[math.random(#slots)] .. '"}')
  end
  return wrk.format("GET", "/actuator/health/liveness")
end

-- the fillers of the last seconds, a few a second per connection, so that they do not load the node
function delay()
  return (checked and nxt > #tries and #confirms == 0) and 250 or 0
end

-- what an answer was is read from it: a held booking (201), a confirmed one, a problem's code, or the filler's UP
function response(status, headers, body)
  body = body or ""
  if body:find('"status":"UP"', 1, true) then
    fillers = fillers + 1
  else
    answered = answered + 1
    outstanding = outstanding - 1
    local key
    if status == 201 then
      key = "201 held"
      local id = body:match('"id":"([0-9a-f%-]+)"')
      local card = body:match('"cardId":"([0-9a-f%-]+)"')
      confirms[#confirms + 1] = { id = id, token = tokens[card] }
    elseif status == 200 and body:find('"state":"CONFIRMED"', 1, true) then
      key = "200 confirmed"
    else
      key = status .. " " .. (body:match('"code":"([^"]+)"') or "?")
    end
    statuses[key] = (statuses[key] or 0) + 1
    local second = math.floor(now() - started) + 1
    seconds[second] = (seconds[second] or 0) + 1
    if id == 0 and answered == redis_at then
      os.execute("redis-cli -n " .. redis_db .. " flushdb >/dev/null && redis-cli client kill type normal >/dev/null")
      io.write("redis: database " .. redis_db .. " flushed and its clients dropped (a restart, as the nodes see it)\n")
    end
  end
  if finished == 0 and nxt > #tries and #confirms == 0 and outstanding == 0 then
    finished = now()
    io.open(finished_file, "w"):close()
    wrk.thread:stop()
  end
end

function done(summary, latency, requests)
  local total, fill, merged, first, last = 0, 0, {}, math.huge, 0
  for _, t in ipairs(threads) do
    first = math.min(first, t:get("started"))
  end
  local timeline = {}
  for _, t in ipairs(threads) do
    -- each thread counts its seconds from its own start: shifted onto the first thread's
    local shift = math.floor(t:get("started") - first)
    for s, n in pairs(t:get("seconds")) do
      timeline[s + shift] = (timeline[s + shift] or 0) + n
    end
    last = math.max(last, t:get("finished"))
    total = total + t:get("answered")
    fill = fill + t:get("fillers")
    for k, v in pairs(t:get("statuses")) do
      merged[k] = (merged[k] or 0) + v
    end
  end
  local seconds = last - first
  io.write(string.format("booking: %d requests answered in %.1f s = %.0f/s; p50 %.1f ms, p99 %.1f ms"
      .. " (and %d filler requests, not counted)\n", total, seconds, total / seconds,
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, fill))
  local keys = {}
  for k in pairs(merged) do
    keys[#keys + 1] = k
  end
  table.sort(keys)
  local parts = {}
  for _, k in ipairs(keys) do
    parts[#parts + 1] = k .. ": " .. merged[k]
  end
  io.write("answers: " .. table.concat(parts, ", ") .. "\n")
  local line = {}
  local most = 0
  for s in pairs(timeline) do
    most = math.max(most, s)
  end
  for s = 1, most do
    line[#line + 1] = tostring(timeline[s] or 0)
  end
  io.write("answers per second: " .. table.concat(line, " ") .. "\n")
  io.write(string.format("socket errors: %d connect, %d read, %d write, %d timeout\n", summary.errors.connect,
      summary.errors.read, summary.errors.write, summary.errors.timeout))
end
