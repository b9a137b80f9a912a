-- wrk script: each request puts one unit of product 2 in a customer's cart and checks it out, in one
-- mutation operation (root mutation fields run one after the other). Customers' tokens come from
-- TOKENS_FILE (one a line), used in turn; every checkout has a fresh idempotency key.
local tokens = {}
local counter = 0
local thread_id
local threads = {}
placed = 0
refused = 0

function setup(thread)
  thread:set("id", tostring(math.random(1, 1e9)))
  threads[#threads + 1] = thread
end

function init(args)
  for line in io.lines(os.getenv("TOKENS_FILE")) do
    tokens[#tokens + 1] = line
  end
  thread_id = id
end

function request()
  counter = counter + 1
  local token = tokens[(counter % #tokens) + 1]
  local body = '{"query":"mutation($k: String!) { addToCart(input: { productId: \\"UHJvZHVjdDoy\\", quantity: 1 }) { cart { itemCount } } checkout(input: { idempotencyKey: $k, paymentToken: \\"tok_visa\\" }) { order { id } errors { __typename } } }","variables":{"k":"bench-' .. thread_id .. '-' .. counter .. '"}}'
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json", ["Authorization"] = "Bearer " .. token }, body)
end

function response(status, headers, body)
  if string.find(body, '"order":{', 1, true) then
    placed = placed + 1
  else
    refused = refused + 1
  end
end

function done(summary, latency, requests)
  -- The counts live in each thread's own Lua state.
  local total_placed, total_refused = 0, 0
  for _, thread in ipairs(threads) do
    total_placed = total_placed + thread:get("placed")
    total_refused = total_refused + thread:get("refused")
  end
  io.write(string.format("orders placed: %d, without an order: %d\n", total_placed, total_refused))
end
