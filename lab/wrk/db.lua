-- GET /db/<id> with ids spread over the lab table's 1000 rows.
request = function()
  return wrk.format("GET", "/db/" .. math.random(1, 1000))
end
