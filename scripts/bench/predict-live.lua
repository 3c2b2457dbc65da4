-- POST /v1/predictions/delay for random flights on sale (ids listed one a line in the file LIVE_IDS).
local ids = {}
for line in io.lines(os.getenv("LIVE_IDS")) do ids[#ids + 1] = line end
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Bearer " .. os.getenv("OPERATOR_TOKEN")
math.randomseed(2026)

request = function()
  return wrk.format(nil, nil, nil, string.format('{"flight_id":"%s"}', ids[math.random(1, #ids)]))
end

response = function(status, headers, body)
  if status ~= 200 then io.stderr:write("status " .. status .. ": " .. body .. "\n") end
end
