-- GET /api/v1/subjects/{ref}: the export of a random one of the benchmark store's 50,000 people.
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/subjects/person" .. math.random(0, 49999) .. "@example.se")
end
