-- POST /cdp/v1/batch with 100 track events a batch, each with a fresh messageId (WRITE_KEY authorizes).
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
local thread_tag = tostring(math.random(1, 1e9))

request = function()
  local events = {}
  for i = 1, 100 do
    counter = counter + 1
    events[i] = string.format(
      '{"type":"track","anonymousId":"anon-%d","event":"Products Searched","messageId":"%s-%d","timestamp":"2026-11-25T09:30:00.123Z","properties":{"origin":"JFK","destination":"LAX","departure_date":"2026-12-05"},"context":{"page":{"path":"/search"}}}',
      counter % 5000, thread_tag, counter)
  end
  return wrk.format(nil, nil, nil, '{"batch":[' .. table.concat(events, ",") .. '],"sentAt":"2026-11-25T09:30:01Z"}')
end

response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
end
