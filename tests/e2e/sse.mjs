// The real `graphql-sse` client (distinct connections mode) against the server: a subscription
// that receives events, a query, a validation error and a refused subscription, each as an event
// stream. Prints one JSON line.
// Usage: node sse.mjs <graphql url>
import { connect, subscribe } from './lib/sse-client.mjs';
import { globalId, logIn, restock, run, waitFor } from './lib/shop.mjs';

const [url] = process.argv.slice(2);

run(async () => {
  const staffToken = await logIn(url, 'staff@shop.test');
  const product = globalId('Product', 5);
  const staff = connect(url, { token: staffToken });
  const anonymous = connect(url);

  const stock = subscribe(staff.client, 'subscription($p: ID!) { productStockChanged(productId: $p) { id stock inStock } }', { p: product });
  const publicStock = subscribe(anonymous.client, 'subscription($p: ID!) { productStockChanged(productId: $p) { id inStock } }', { p: product });
  await waitFor('both streams open', () => staff.requests.length === 1 && anonymous.requests.length === 1);

  await restock(url, staffToken, product, 3);
  await waitFor('events', () => stock.results.length === 1 && publicStock.results.length === 1);
  await restock(url, staffToken, product, 3);
  await waitFor('second events', () => stock.results.length === 2 && publicStock.results.length === 2);
  stock.dispose();
  publicStock.dispose();

  const query = subscribe(anonymous.client, '{ productBySlug(slug: "classic-novel-1") { name } }');
  const invalid = subscribe(anonymous.client, '{ nope }');
  const refused = subscribe(anonymous.client, 'subscription { orderPlaced { id } }');
  await waitFor('single results complete', () => query.completed && invalid.completed && refused.completed);

  return {
    streams: [...staff.requests, ...anonymous.requests],
    stock: stock.results.map((r) => r.data.productStockChanged),
    publicStock: publicStock.results.map((r) => r.data.productStockChanged),
    query: query.results,
    invalid: invalid.results.map((r) => r.errors.map((e) => e.extensions?.code)),
    refused: refused.results.map((r) => r.errors.map((e) => e.extensions?.code)),
  };
});
