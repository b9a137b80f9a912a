// Probes the server's GraphQL WebSocket protocols frame by frame with a raw WebSocket (the `ws`
// package): malformed and out-of-order messages, close codes, ping/pong, and that nothing arrives
// for an operation after the client completed it. Prints one JSON line:
// { code, reason, messages: [every message received, parsed] }.
// Usage: node ws-protocol.mjs <graphql url> <scenario> [staff token]
import WebSocket from 'ws';
import { globalId, restock, run, sleep, waitFor, wsUrl } from './lib/shop.mjs';

const [url, scenario, staffToken] = process.argv.slice(2);
const STOCK = 'subscription($p: ID!) { productStockChanged(productId: $p) { id inStock } }';
const product = globalId('Product', 1);

/** Opens a socket and records every message and the close. */
function open(protocols = ['graphql-transport-ws'], options = {}) {
  const socket = new WebSocket(wsUrl(url), protocols, options);
  const messages = [];
  const closed = new Promise((resolve) => socket.on('close', (code, reason) => resolve({ code, reason: reason.toString() })));
  socket.on('message', (data) => messages.push(JSON.parse(data.toString())));
  socket.on('error', () => {});
  const opened = new Promise((resolve, reject) => {
    socket.on('open', resolve);
    socket.on('unexpected-response', (_, response) => reject(new Error(`upgrade refused: ${response.statusCode}`)));
  });
  const send = (message) => socket.send(typeof message === 'string' || Buffer.isBuffer(message) ? message : JSON.stringify(message));
  const has = (type, id) => messages.some((m) => m.type === type && (id === undefined || m.id === id));
  return { socket, messages, closed, opened, send, has };
}

async function acknowledged(protocols, payload) {
  const connection = open(protocols);
  await connection.opened;
  connection.send({ type: 'connection_init', payload });
  await waitFor('connection_ack', () => connection.has('connection_ack'));
  return connection;
}

/** Closes from the client side if the server has not closed within ms, and reports. */
async function outcome(connection, ms = 5000) {
  const timeout = sleep(ms).then(() => {
    connection.socket.close(1000);
    return connection.closed;
  });
  const { code, reason } = await Promise.race([connection.closed, timeout]);
  return { code, reason, protocol: connection.socket.protocol, messages: connection.messages };
}

const scenarios = {
  // The server waits ConnectionInitTimeout for connection_init, then closes 4408.
  async 'init-timeout'() {
    const connection = open();
    await connection.opened;
    return outcome(connection, 15000);
  },
  async 'not-json'() {
    const connection = open();
    await connection.opened;
    connection.send('this is not json');
    return outcome(connection);
  },
  async 'not-an-object'() {
    const connection = open();
    await connection.opened;
    connection.send('[1, 2, 3]');
    return outcome(connection);
  },
  async 'no-type'() {
    const connection = open();
    await connection.opened;
    connection.send({ id: '1', payload: {} });
    return outcome(connection);
  },
  async 'unknown-type'() {
    const connection = await acknowledged();
    connection.send({ type: 'start', id: '1', payload: { query: '{ __typename }' } });
    return outcome(connection);
  },
  async binary() {
    const connection = open();
    await connection.opened;
    connection.send(Buffer.from([1, 2, 3]));
    return outcome(connection);
  },
  // Larger than GraphQL:MaxRequestBodySize (1 MiB by default): 1009, message too big.
  async 'too-large'() {
    const connection = await acknowledged();
    connection.send({ type: 'subscribe', id: '1', payload: { query: `{ __typename } # ${'x'.repeat(2 * 1024 * 1024)}` } });
    return outcome(connection);
  },
  async 'invalid-subscribe'() {
    const connection = await acknowledged();
    connection.send({ type: 'subscribe', id: '1', payload: { query: 42 } });
    return outcome(connection);
  },
  async 'subscribe-without-id'() {
    const connection = await acknowledged();
    connection.send({ type: 'subscribe', payload: { query: '{ __typename }' } });
    return outcome(connection);
  },
  async 'subscribe-before-ack'() {
    const connection = open();
    await connection.opened;
    connection.send({ type: 'subscribe', id: '1', payload: { query: '{ __typename }' } });
    return outcome(connection);
  },
  async 'init-twice'() {
    const connection = await acknowledged();
    connection.send({ type: 'connection_init' });
    return outcome(connection);
  },
  async 'duplicate-id'() {
    const connection = await acknowledged();
    connection.send({ type: 'subscribe', id: 'same', payload: { query: STOCK, variables: { p: product } } });
    connection.send({ type: 'subscribe', id: 'same', payload: { query: STOCK, variables: { p: product } } });
    return outcome(connection);
  },
  async 'bad-token'() {
    const connection = open();
    await connection.opened;
    connection.send({ type: 'connection_init', payload: { authorization: 'Bearer not.a.token' } });
    return outcome(connection);
  },
  async 'bad-header-token'() {
    const connection = open(['graphql-transport-ws'], { headers: { authorization: 'Bearer not.a.token' } });
    await connection.opened;
    connection.send({ type: 'connection_init' });
    return outcome(connection);
  },
  async 'no-subprotocol'() {
    const connection = open([]);
    await connection.opened;
    return outcome(connection);
  },
  // Pings are answered before and after the acknowledgement; the server pings too (keep-alive),
  // and a pong from the client is accepted silently.
  async 'ping-pong'() {
    const connection = open();
    await connection.opened;
    connection.send({ type: 'ping' });
    await waitFor('pong before ack', () => connection.has('pong'));
    connection.send({ type: 'connection_init' });
    await waitFor('connection_ack', () => connection.has('connection_ack'));
    connection.send({ type: 'ping', payload: { at: 'after ack' } });
    await waitFor('second pong', () => connection.messages.filter((m) => m.type === 'pong').length === 2);
    await waitFor('a ping from the server', () => connection.has('ping'), 5000);
    connection.send({ type: 'pong' });
    await sleep(200);
    connection.socket.close(1000);
    return outcome(connection);
  },
  // A query and a mutation each give one result, then complete.
  async 'query-and-mutation'() {
    const connection = await acknowledged();
    connection.send({ type: 'subscribe', id: 'q', payload: { query: '{ __typename }' } });
    connection.send({ type: 'subscribe', id: 'm', payload: { query: 'mutation { logIn(input: { email: "nobody@shop.test", password: "x" }) { token } }' } });
    connection.send({ type: 'subscribe', id: 'bad', payload: { query: '{ nope }' } });
    await waitFor('both completes and the error', () => connection.has('complete', 'q') && connection.has('complete', 'm') && connection.has('error', 'bad'));
    connection.socket.close(1000);
    return outcome(connection);
  },
  // After the client's complete, nothing more arrives for that id (events keep coming for the other).
  async 'nothing-after-complete'() {
    const connection = await acknowledged();
    connection.send({ type: 'subscribe', id: 'kept', payload: { query: STOCK, variables: { p: product } } });
    connection.send({ type: 'subscribe', id: 'stopped', payload: { query: STOCK, variables: { p: product } } });
    connection.send({ type: 'subscribe', id: 'barrier', payload: { query: '{ __typename }' } });
    await waitFor('barrier', () => connection.has('complete', 'barrier'));
    await restock(url, staffToken, product, 1);
    await waitFor('first events', () => connection.has('next', 'kept') && connection.has('next', 'stopped'));
    connection.send({ type: 'complete', id: 'stopped' });
    await sleep(100);
    const before = connection.messages.length;
    await restock(url, staffToken, product, 1);
    await restock(url, staffToken, product, 1);
    await waitFor('two more events for kept', () => connection.messages.filter((m) => m.type === 'next' && m.id === 'kept').length === 3);
    await sleep(500);
    connection.socket.close(1000);
    const result = await outcome(connection);
    return { ...result, afterComplete: connection.messages.slice(before).filter((m) => m.id === 'stopped') };
  },
  // The legacy subprotocol: ack and keep-alive, data, stop, connection_terminate.
  async 'legacy-flow'() {
    const connection = await acknowledged(['graphql-ws']);
    await waitFor('ka', () => connection.has('ka'));
    connection.send({ type: 'start', id: 'q', payload: { query: '{ __typename }' } });
    connection.send({ type: 'start', id: 's', payload: { query: STOCK, variables: { p: product } } });
    connection.send({ type: 'start', id: 'bad', payload: { query: '{ nope }' } });
    await waitFor('query data and complete', () => connection.has('data', 'q') && connection.has('complete', 'q') && connection.has('error', 'bad'));
    await restock(url, staffToken, product, 1);
    await waitFor('subscription data', () => connection.has('data', 's'));
    connection.send({ type: 'stop', id: 's' });
    await sleep(100);
    const before = connection.messages.length;
    await restock(url, staffToken, product, 1);
    await sleep(500);
    const afterStop = connection.messages.slice(before).filter((m) => m.id === 's');
    connection.send({ type: 'connection_terminate' });
    return { ...(await outcome(connection)), afterStop };
  },
  async 'legacy-bad-token'() {
    const connection = open(['graphql-ws']);
    await connection.opened;
    connection.send({ type: 'connection_init', payload: { authorization: 'Bearer not.a.token' } });
    return outcome(connection);
  },
  async 'legacy-start-before-ack'() {
    const connection = open(['graphql-ws']);
    await connection.opened;
    connection.send({ type: 'start', id: '1', payload: { query: '{ __typename }' } });
    return outcome(connection);
  },
};

const selected = scenarios[scenario];
if (!selected) {
  console.error(`unknown scenario '${scenario}'; one of: ${Object.keys(scenarios).join(', ')}`);
  process.exit(2);
}

run(selected);
