-- POST /cdp/v1/batch with 100 events a batch, each with a fresh messageId (WRITE_KEY authorizes).
local key = os.getenv("WRITE_KEY")
local auth = "Basic " .. (function(s)
  local b = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
  return ((s:gsub(".", function(x)
    local r, byte = "", x:byte()
    for i = 8, 1, -1 do r = r .. (byte % 2 ^ i - byte % 2 ^ (i - 1) > 0 and "1" or "0") end
    return r
  end) .. "0000"):gsub("%d%d%d?%d?%d?%d?", function(x)
    if #x < 6 then return "" end
    local c = 0
    for i = 1, 6 do c = c + (x:sub(i, i) == "1" and 2 ^ (6 - i) or 0) end
    return b:sub(c + 1, c + 1)
  end) .. ({ "", "==", "=" })[#s % 3 + 1])
end)(key .. ":")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = auth
local counter = 0
local threads = 0

-- Every thread gets its own id, so message ids never collide between threads (or runs).
function setup(thread)
  threads = threads + 1
  thread:set("id", threads)
end

function init(args)
  thread_tag = string.format("%d-%d", os.time(), id)
  math.randomseed(os.time() * 100 + id)
end

-- A mix like a site's: of 100 events, 10 identify a signed-in person (user id, email, name), the rest
-- are searches and page views. By default events come from browsing sessions, as a site sends them:
-- each thread keeps 200 sessions open, each of 10 to 30 events, then a new visitor takes its place.
-- Visitors are new in every run (their ids carry the run's tag). SPREAD=1 sends every event for a
-- person drawn at random among the same 50,000 in every run instead (the worst case for profiles:
-- almost every event touches a profile no recent event touched, and their histories grow run after run).
local spread = os.getenv("SPREAD") == "1"
local sessions = {}
local visitors = 0

-- Returns the person's id (as text) and a number that picks their destination.
local function person()
  if spread then
    local n = math.random(1, 50000)
    return tostring(n), n
  end
  local slot = math.random(1, 200)
  local session = sessions[slot]
  if session == nil or session.left == 0 then
    visitors = visitors + 1
    session = { id = thread_tag .. "-" .. visitors, n = visitors, left = math.random(10, 30) }
    sessions[slot] = session
  end
  session.left = session.left - 1
  return session.id, session.n
end

request = function()
  local events = {}
  for i = 1, 100 do
    counter = counter + 1
    local who, n = person()
    local message = thread_tag .. "-" .. counter
    if i % 10 == 0 then
      events[i] = string.format(
        '{"type":"identify","userId":"user-%s","anonymousId":"anon-%s","messageId":"%s","timestamp":"2026-11-25T09:30:00.123Z","traits":{"email":"p%s@example.com","first_name":"P%s"}}',
        who, who, message, who, who)
    elseif i % 3 == 0 then
      events[i] = string.format(
        '{"type":"page","anonymousId":"anon-%s","messageId":"%s","timestamp":"2026-11-25T09:30:00.123Z","properties":{"path":"/flights"},"context":{"page":{"path":"/flights"}}}',
        who, message)
    else
      events[i] = string.format(
        '{"type":"track","anonymousId":"anon-%s","event":"Products Searched","messageId":"%s","timestamp":"2026-11-25T09:30:00.123Z","properties":{"origin":"JFK","destination":"%s","departure_date":"2026-12-05"},"context":{"page":{"path":"/search"}}}',
        who, message, (n % 2 == 0) and "LAX" or "SFO")
    end
  end
  return wrk.format(nil, nil, nil, '{"batch":[' .. table.concat(events, ",") .. '],"sentAt":"2026-11-25T09:30:01Z"}')
end

-- PACE_MS=n waits n ms before each request of a connection: CONNECTIONS / (PACE_MS + latency) batches
-- a second, a steady offered load instead of as fast as the server answers.
local pace = tonumber(os.getenv("PACE_MS") or "0")
if pace > 0 then
  delay = function() return pace end
end

response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
end
