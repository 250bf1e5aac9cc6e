-- wrk script: a cursor walk through GET $LIST_PATH. Each response's nextCursor is the page the connection asks for
-- next; after the last page (nextCursor null) the walk starts again at the first.
local path = os.getenv("LIST_PATH")
local next_cursor = {}

request = function()
  local cursor = table.remove(next_cursor)
  if cursor then
    return wrk.format("GET", path .. "&cursor=" .. cursor)
  end
  return wrk.format("GET", path)
end

-- wrk calls response and then request for the same connection, so a connection follows its own chain of pages.
response = function(status, headers, body)
  local cursor = body:match('"nextCursor":"([^"]+)"')
  if cursor then
    next_cursor[#next_cursor + 1] = cursor
  end
end
