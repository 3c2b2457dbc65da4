-- wrk script: one-way JFK to LAX searches that are rarely asked twice: a random date of the next 50 days and a
-- random max_offers (1 to 200), so almost every answer is computed (the day's availability may still be cached).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"

math.randomseed(os.time())

function request()
  local date = os.date("%Y-%m-%d", os.time() + math.random(1, 50) * 86400)
  local body = '{"slices":[{"origin":"JFK","destination":"LAX","departure_date":"' .. date ..
    '"}],"passengers":[{"type":"adult"}],"cabin_class":"economy","max_offers":' .. math.random(1, 200) .. '}'
  return wrk.format(nil, nil, nil, body)
end

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
