// The real `graphql-ws` client (graphql-transport-ws) against the server: who receives which event,
// authorization when a subscription starts, token handling and expiry. Prints one JSON line.
// Usage: node ws-client.mjs <graphql url> <scenario>
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { buy, globalId, logIn, moveOrder, restock, run, sleep, waitFor, wsUrl } from './lib/shop.mjs';

const [url, scenario] = process.argv.slice(2);

const STOCK_PUBLIC = 'subscription($p: ID!) { productStockChanged(productId: $p) { id inStock } }';
const STOCK_STAFF = 'subscription($p: ID!) { productStockChanged(productId: $p) { id inStock stock } }';
const PLACED = 'subscription { orderPlaced { id number total customer { displayName } } }';
const STATUS = 'subscription($o: ID!) { orderStatusChanged(orderId: $o) { id status updatedAt } }';

/** A graphql-ws client; `closed` records the close event, if any. */
function connect({ token, header, key = 'authorization' } = {}) {
  const state = { closed: null, connected: false };
  const webSocketImpl = header
    ? class extends WebSocket {
        constructor(address, protocols) {
          super(address, protocols, { headers: { authorization: `Bearer ${header}` } });
        }
      }
    : WebSocket;
  const client = createClient({
    url: wsUrl(url),
    webSocketImpl,
    lazy: false,
    retryAttempts: 0,
    connectionParams: token ? { [key]: `Bearer ${token}` } : undefined,
    on: {
      connected: () => (state.connected = true),
      closed: (event) => (state.closed = { code: event.code, reason: event.reason }),
    },
    onNonLazyError: () => {},
  });
  return { client, state };
}

/** Subscribes and records every result and the end (complete, or error with its GraphQL errors or close code). */
function subscribe(client, query, variables) {
  const record = { results: [], errors: null, completed: false };
  record.unsubscribe = client.subscribe(
    { query, variables },
    {
      next: (value) => record.results.push(value),
      error: (error) => (record.errors = Array.isArray(error) ? error : { code: error?.code, reason: error?.reason }),
      complete: () => (record.completed = true),
    },
  );
  return record;
}

/** One query on the same socket: once it answers, every subscription sent before it is in place. */
async function barrier(client) {
  const record = subscribe(client, '{ __typename }');
  await waitFor('barrier query', () => record.completed || record.errors);
  return record;
}

const codes = (record) => (Array.isArray(record.errors) ? record.errors.map((e) => e.extensions?.code) : record.errors);
const data = (record, field) => record.results.map((r) => r.data?.[field] ?? null);

const scenarios = {
  // Stock events reach every subscriber of the product, orders reach staff only and the order's
  // customer; a subscription the client completed receives nothing more.
  async events() {
    const [staffToken, aliceToken, bobToken] = await Promise.all([logIn(url, 'staff@shop.test'), logIn(url, 'alice@shop.test'), logIn(url, 'bob@shop.test')]);
    const product = globalId('Product', 2);
    const anon = connect();
    const staff = connect({ token: staffToken });
    const alice = connect({ token: aliceToken });
    const bob = connect({ token: bobToken });

    const anonStock = subscribe(anon.client, STOCK_PUBLIC, { p: product });
    const anonStaffView = subscribe(anon.client, STOCK_STAFF, { p: product });
    const staffStock = subscribe(staff.client, STOCK_STAFF, { p: product });
    const otherProduct = subscribe(staff.client, STOCK_PUBLIC, { p: globalId('Product', 3) });
    const staffPlaced = subscribe(staff.client, PLACED);
    const alicePlaced = subscribe(alice.client, PLACED);
    const anonPlaced = subscribe(anon.client, PLACED);
    await Promise.all([anon, staff, alice].map((c) => barrier(c.client)));

    const stockAfterRestock = await restock(url, staffToken, product, 5);
    await waitFor('restock event', () => anonStock.results.length === 1 && staffStock.results.length === 1 && anonStaffView.results.length === 1);

    const orderId = await buy(url, aliceToken, product, `e2e-${Date.now()}`);
    await waitFor('order placed', () => staffPlaced.results.length === 1);
    await waitFor('sale event', () => anonStock.results.length === 2 && staffStock.results.length === 2);

    const aliceStatus = subscribe(alice.client, STATUS, { o: orderId });
    const staffStatus = subscribe(staff.client, STATUS, { o: orderId });
    const bobStatus = subscribe(bob.client, STATUS, { o: orderId });
    const anonStatus = subscribe(anon.client, STATUS, { o: orderId });
    await Promise.all([anon, staff, alice, bob].map((c) => barrier(c.client)));

    await moveOrder(url, staffToken, orderId, 'PREPARING');
    await waitFor('PREPARING', () => aliceStatus.results.length === 1 && staffStatus.results.length === 1);

    aliceStatus.unsubscribe();
    await barrier(alice.client);
    await moveOrder(url, staffToken, orderId, 'SHIPPED');
    await waitFor('SHIPPED for staff', () => staffStatus.results.length === 2);
    await sleep(500);

    const result = {
      orderId,
      stockAfterRestock,
      anonStock: data(anonStock, 'productStockChanged'),
      anonStaffView: anonStaffView.results.map((r) => ({ data: r.data?.productStockChanged, codes: r.errors?.map((e) => e.extensions?.code) })),
      staffStock: data(staffStock, 'productStockChanged'),
      otherProduct: otherProduct.results.length,
      staffPlaced: data(staffPlaced, 'orderPlaced'),
      alicePlaced: codes(alicePlaced),
      anonPlaced: codes(anonPlaced),
      aliceStatus: data(aliceStatus, 'orderStatusChanged').map((o) => o.status),
      staffStatus: data(staffStatus, 'orderStatusChanged').map((o) => o.status),
      bobStatus: codes(bobStatus),
      anonStatus: codes(anonStatus),
    };
    await Promise.all([anon, staff, alice, bob].map((c) => c.client.dispose()));
    return result;
  },

  // The token comes from connection_init (either key spelling) or from the upgrade request's header;
  // a bad one closes the socket with 4403.
  async auth() {
    const staffToken = await logIn(url, 'staff@shop.test');
    const me = async (connection) => {
      const record = subscribe(connection.client, '{ me { email role } }');
      await waitFor('me', () => record.completed || record.errors);
      return record.results[0]?.data?.me ?? null;
    };
    const lower = connect({ token: staffToken });
    const upper = connect({ token: staffToken, key: 'Authorization' });
    const header = connect({ header: staffToken });
    const anonymous = connect();
    const result = {
      lower: await me(lower),
      upper: await me(upper),
      header: await me(header),
      anonymous: await me(anonymous),
    };

    const bad = connect({ token: 'not.a.valid.token' });
    const refused = subscribe(bad.client, '{ __typename }');
    await waitFor('bad token closes the socket', () => bad.state.closed);
    result.badToken = { closed: bad.state.closed, subscription: refused.errors, connected: bad.state.connected };

    const forged = connect({ token: staffToken.slice(0, -4) + 'AAAA' });
    subscribe(forged.client, '{ __typename }');
    await waitFor('forged token closes the socket', () => forged.state.closed);
    result.forgedToken = forged.state.closed;

    await Promise.all([lower, upper, header, anonymous].map((c) => c.client.dispose()));
    return result;
  },

  // With a short token lifetime the socket is closed once the token expires.
  async expiry() {
    const token = await logIn(url, 'staff@shop.test');
    const started = Date.now();
    const connection = connect({ token });
    const placed = subscribe(connection.client, PLACED);
    await waitFor('connected', () => connection.state.connected);
    await waitFor('closed at expiry', () => connection.state.closed, 20000);
    return { closed: connection.state.closed, afterMs: Date.now() - started, subscription: placed.errors };
  },
};

const selected = scenarios[scenario];
if (!selected) {
  console.error(`unknown scenario '${scenario}'; one of: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}

run(selected, 90000);
