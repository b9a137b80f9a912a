// Helpers shared by the end-to-end scripts: GraphQL over HTTP against the shop, sign-in, global ids,
// and waiting with a deadline. Every script prints one JSON line and exits 0, or exits 1 with the
// reason on stderr, so that a hung server never hangs the test run.

export const PASSWORD = 'Passw0rd!';

export function httpUrl(url) {
  return url.replace(/^ws/, 'http');
}

export function wsUrl(url) {
  return url.replace(/^http/, 'ws');
}

export function globalId(type, key) {
  return Buffer.from(`${type}:${key}`).toString('base64');
}

export async function gql(url, query, variables, token) {
  const response = await fetch(httpUrl(url), {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) {
    throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  }
  return body.data;
}

export async function logIn(url, email) {
  const data = await gql(url, 'mutation($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token } }', { email, password: PASSWORD });
  return data.logIn.token;
}

export async function restock(url, staffToken, productId, quantity) {
  const data = await gql(url, 'mutation($p: ID!, $q: Int!) { restockProduct(input: { productId: $p, quantity: $q }) { product { stock } errors { __typename } } }', { p: productId, q: quantity }, staffToken);
  return data.restockProduct.product.stock;
}

export async function buy(url, customerToken, productId, key) {
  await gql(url, 'mutation($p: ID!) { addToCart(input: { productId: $p, quantity: 1 }) { errors { __typename } } }', { p: productId }, customerToken);
  const data = await gql(url, 'mutation($k: String!) { checkout(input: { idempotencyKey: $k, paymentToken: "tok_visa" }) { order { id } errors { __typename ... on Error { message } } } }', { k: key }, customerToken);
  if (!data.checkout.order) {
    throw new Error(`checkout failed: ${JSON.stringify(data.checkout.errors)}`);
  }
  return data.checkout.order.id;
}

export async function moveOrder(url, staffToken, orderId, status) {
  const data = await gql(url, 'mutation($o: ID!, $s: OrderStatus!) { updateOrderStatus(input: { orderId: $o, status: $s }) { order { status } errors { __typename } } }', { o: orderId, s: status }, staffToken);
  return data.updateOrderStatus.order?.status;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits until predicate() is true, or fails after timeoutMs with what was being waited for. */
export async function waitFor(what, predicate, timeoutMs = 10000) {
  const deadline = Date.now() + timeoutMs;
  while (!predicate()) {
    if (Date.now() > deadline) {
      throw new Error(`timed out waiting for ${what}`);
    }
    await sleep(20);
  }
}

/** Runs main, prints its result as one JSON line; any failure (or the overall deadline) exits 1. */
export function run(main, timeoutMs = 60000) {
  const timer = setTimeout(() => {
    console.error(`timed out after ${timeoutMs} ms`);
    process.exit(1);
  }, timeoutMs);
  main().then(
    (result) => {
      clearTimeout(timer);
      console.log(JSON.stringify(result));
      process.exit(0);
    },
    (error) => {
      clearTimeout(timer);
      console.error(error?.stack ?? String(error));
      process.exit(1);
    },
  );
}
