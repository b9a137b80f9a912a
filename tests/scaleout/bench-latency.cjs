// Event latency across instances: a subscriber on instance A (productStockChanged of product 7),
// 200 restocks sent one at a time to instance B; for each, the time from sending the mutation to
// the event arriving on A. Prints p50/p99 (and the mutation's own round trip for reference).
// usage: node bench-latency.cjs URL_A URL_B STAFF_TOKEN [COUNT]
const WebSocket = require('ws');

async function main() {

const [urlA, urlB, token, countArg] = process.argv.slice(2);
const count = Number(countArg ?? 200);
const productId = 'UHJvZHVjdDo3';
const socket = new WebSocket(urlA.replace(/^http/, 'ws'), 'graphql-transport-ws');
const waiting = [];
socket.on('message', (data) => {
  const message = JSON.parse(data.toString());
  if (message.type === 'ping') socket.send(JSON.stringify({ type: 'pong' }));
  if (message.type === 'next') waiting.shift()?.(performance.now());
});
await new Promise((resolve) => socket.on('open', resolve));
socket.send(JSON.stringify({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } }));
await new Promise((resolve) => socket.once('message', resolve));
socket.send(JSON.stringify({ id: 's', type: 'subscribe', payload: { query: `subscription { productStockChanged(productId: "${productId}") { stock } }` } }));

const restock = () => fetch(urlB, {
  method: 'POST',
  headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
  body: JSON.stringify({ query: `mutation { restockProduct(input: { productId: "${productId}", quantity: 1 }) { product { stock } } }` }),
}).then((r) => r.json());

// Until the subscription is live on A (its Redis subscription confirmed), restocks go unanswered.
for (let ready = false; !ready;) {
  const arrived = new Promise((resolve) => waiting.push(resolve));
  await restock();
  ready = await Promise.race([arrived.then(() => true), new Promise((r) => setTimeout(() => r(false), 2000))]);
  if (!ready) waiting.length = 0;
}

const latencies = [];
const roundTrips = [];
for (let i = 0; i < count; i++) {
  const arrived = new Promise((resolve) => waiting.push(resolve));
  const sent = performance.now();
  await restock();
  roundTrips.push(performance.now() - sent);
  latencies.push((await arrived) - sent);
}
socket.close();
const pct = (values, p) => values.slice().sort((a, b) => a - b)[Math.min(values.length - 1, Math.floor(values.length * p))];
console.log(`events: ${latencies.length}; send-to-event p50 ${pct(latencies, 0.5).toFixed(1)} ms, p99 ${pct(latencies, 0.99).toFixed(1)} ms, max ${Math.max(...latencies).toFixed(1)} ms; mutation round trip p50 ${pct(roundTrips, 0.5).toFixed(1)} ms, p99 ${pct(roundTrips, 0.99).toFixed(1)} ms`);
}

main().catch((error) => { console.error(error); process.exit(1); });
