// The real `graphql-sse` client in both of its modes, distinct connections and single connection
// (PUT reservation, one event stream, operations POSTed with the token, DELETE to stop): a query and
// a subscription that receives the event of a restock. Prints one JSON line.
// Usage: node sse-modes.mjs <graphql url>
import { connect, subscribe } from './lib/sse-client.mjs';
import { globalId, logIn, restock, run, waitFor } from './lib/shop.mjs';

const [url] = process.argv.slice(2);

async function mode(singleConnection, staffToken, productNumber) {
  const product = globalId('Product', productNumber);
  const { client, requests } = connect(url, { singleConnection, token: staffToken });
  const query = subscribe(client, '{ productBySlug(slug: "classic-novel-1") { name } }');
  await waitFor('the query', () => query.completed || query.error);

  const stock = subscribe(client, 'subscription($p: ID!) { productStockChanged(productId: $p) { id stock } }', { p: product });
  // Subscribed once the server has answered the subscription's own request: the stream's headers
  // (distinct connections) or 202 Accepted (single connection).
  const answered = () => requests.filter((r) => r.method === 'POST').length === 2;
  await waitFor('the subscription in place', () => answered() || stock.error);
  const expected = await restock(url, staffToken, product, 2);
  await waitFor('the stock event', () => stock.results.length === 1 || stock.error);
  stock.dispose();
  if (singleConnection) {
    await waitFor('the DELETE that stops it', () => requests.some((r) => r.method === 'DELETE') || stock.error);
  }

  client.dispose();
  return {
    requests,
    query: query.results.map((r) => r.data?.productBySlug?.name ?? r.errors),
    queryCompleted: query.completed,
    stock: stock.results.map((r) => r.data?.productStockChanged?.stock ?? r.errors),
    expectedStock: expected,
    errors: [query.error, stock.error].filter(Boolean),
  };
}

run(async () => {
  const staffToken = await logIn(url, 'staff@shop.test');
  return { distinct: await mode(false, staffToken, 8), single: await mode(true, staffToken, 9) };
});
