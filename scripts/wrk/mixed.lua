-- A mixed run: 70% exports, 10% request lists, 20% new records for a random person.
math.randomseed(os.time())
local counter = 0
request = function()
  counter = counter + 1
  local pick = math.random(1, 10)
  local person = "person" .. math.random(0, 49999) .. "@example.se"
  if pick <= 7 then
    return wrk.format("GET", "/api/v1/subjects/" .. person)
  elseif pick == 8 then
    return wrk.format("GET", "/api/v1/requests")
  else
    local body = '{"subject": "' .. person .. '", "activity": "support", "category": "case_content", "value": "Ärende ' .. counter .. '"}'
    -- Headers given here replace wrk's own (-H), so the token is carried over.
    local headers = {}
    for name, value in pairs(wrk.headers) do headers[name] = value end
    headers["Content-Type"] = "application/json"
    return wrk.format("POST", "/api/v1/records", headers, body)
  end
end
