// The real legacy client, subscriptions-transport-ws (subprotocol `graphql-ws`), against the server:
// a subscription, a query and a refused subscription on one connection, unsubscribing, and a bad
// token. Prints one JSON line.
// Usage: node ws-legacy.mjs <graphql url>
import transport from 'subscriptions-transport-ws';
import WebSocket from 'ws';
import { globalId, logIn, restock, run, sleep, waitFor, wsUrl } from './lib/shop.mjs';

const { SubscriptionClient } = transport;
const [url] = process.argv.slice(2);

function connect(token) {
  const state = { connected: false, connectionError: null, closed: false };
  const client = new SubscriptionClient(
    wsUrl(url),
    {
      reconnect: false,
      lazy: false,
      connectionParams: token ? { authorization: `Bearer ${token}` } : {},
      connectionCallback: (error) => (error ? (state.connectionError = error) : (state.connected = true)),
    },
    WebSocket,
  );
  client.onDisconnected(() => (state.closed = true));
  return { client, state };
}

function request(client, query, variables) {
  const record = { results: [], errors: null, completed: false };
  const subscription = client.request({ query, variables }).subscribe({
    next: (value) => record.results.push(value),
    error: (error) => (record.errors = error),
    complete: () => (record.completed = true),
  });
  record.unsubscribe = () => subscription.unsubscribe();
  return record;
}

async function barrier(client) {
  const record = request(client, '{ __typename }');
  await waitFor('barrier', () => record.completed);
}

run(async () => {
  const [staffToken, aliceToken] = await Promise.all([logIn(url, 'staff@shop.test'), logIn(url, 'alice@shop.test')]);
  const product = globalId('Product', 4);
  const staff = connect(staffToken);
  const alice = connect(aliceToken);
  await waitFor('connected', () => staff.state.connected && alice.state.connected);

  const stock = request(staff.client, 'subscription($p: ID!) { productStockChanged(productId: $p) { id stock } }', { p: product });
  const me = request(staff.client, '{ me { email } }');
  const refused = request(alice.client, 'subscription { orderPlaced { id } }');
  await barrier(staff.client);
  await barrier(alice.client);

  await restock(url, staffToken, product, 2);
  await waitFor('data', () => stock.results.length === 1);
  stock.unsubscribe();
  await barrier(staff.client);
  await restock(url, staffToken, product, 2);
  await sleep(500);

  const bad = connect('not.a.valid.token');
  await waitFor('connection_error', () => bad.state.connectionError);
  await waitFor('closed', () => bad.state.closed);

  const result = {
    stock: stock.results.map((r) => r.data.productStockChanged),
    me: me.results.map((r) => r.data.me),
    meCompleted: me.completed,
    refused: [refused.errors].flat().map((e) => e?.extensions?.code),
    badToken: bad.state.connectionError,
  };
  staff.client.close();
  alice.client.close();
  return result;
});
