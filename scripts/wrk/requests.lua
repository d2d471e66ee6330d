-- GET /api/v1/requests: the open requests, the nearest deadline first.
request = function()
  return wrk.format("GET", "/api/v1/requests")
end
