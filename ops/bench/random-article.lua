-- wrk script: GET /api/v1/articles/{id} with ids drawn at random from the file IDS_FILE (one id a line).
local ids = {}
for line in io.lines(os.getenv("IDS_FILE")) do
  if #line > 0 then ids[#ids + 1] = line end
end
math.randomseed(os.time())
request = function()
  return wrk.format("GET", "/api/v1/articles/" .. ids[math.random(#ids)])
end
