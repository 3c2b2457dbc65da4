-- wrk script: one-way searches, JFK to LAX, on the date given in the SEARCH_DATE environment variable.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"slices":[{"origin":"JFK","destination":"LAX","departure_date":"' .. os.getenv("SEARCH_DATE") ..
  '"}],"passengers":[{"type":"adult"}],"cabin_class":"economy"}'

function response(status, headers, body)
  if status ~= 201 then
    io.stderr:write("unexpected status " .. status .. "\n")
  end
end
