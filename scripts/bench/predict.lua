-- POST /v1/predictions/delay for random 2013 flights with record numbers FIRST_ID..LAST_ID (the bench passes
-- those of one week of October 2013).
-- OPERATOR_TOKEN authorizes.
local first = tonumber(os.getenv("FIRST_ID") or "250000")
local last = tonumber(os.getenv("LAST_ID") or "336776")
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("OPERATOR_TOKEN")
math.randomseed(2013)

request = function()
  local body = string.format('{"flight_id":"%d","source":"history"}', math.random(first, last))
  return wrk.format(nil, nil, nil, body)
end

response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
end
