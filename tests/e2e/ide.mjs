// Banana Cake Pop in headless Chromium against a running server: the IDE loads from /graphql,
// runs a storefront document (`products`, or `productBySlug` where the schema has no `products`)
// and shows the products in its response pane; when the schema has
// Subscription.productStockChanged it also subscribes in a second tab and sees a stock change
// arrive over the WebSocket. Prints one JSON line with what ran; exits non-zero on failure.
// Usage: node ide.mjs http://127.0.0.1:5000 artifacts/ide.png
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';
import { logIn as signIn } from './lib/shop.mjs';

const [base, screenshot] = process.argv.slice(2);
if (!base || !screenshot) {
  console.error('usage: node ide.mjs <server url> <screenshot.png>');
  process.exit(2);
}

const endpoint = new URL('/graphql', base).href;
const timeout = 60_000;

async function graphql(query, variables, token) {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = await response.json();
  if (body.errors) throw new Error(`${query}: ${JSON.stringify(body.errors)}`);
  return body.data;
}

// What the schema offers decides the document: `products` and `productStockChanged` are being built.
const schema = await graphql('{ query: __type(name: "Query") { fields { name } } subscription: __type(name: "Subscription") { fields { name } } mutation: __type(name: "Mutation") { fields { name } } }');
const fields = (type) => new Set((schema[type]?.fields ?? []).map((f) => f.name));
const hasProducts = fields('query').has('products');
const hasStockSubscription = fields('subscription').has('productStockChanged') && fields('mutation').has('restockProduct');

const storefront = hasProducts
  ? 'query Storefront {\n  products(first: 5) {\n    nodes { name price inStock category { name } }\n  }\n}'
  : 'query Storefront {\n  novel: productBySlug(slug: "classic-novel-1") { name price inStock category { name } }\n  cookbook: productBySlug(slug: "everyday-cookbook-2") { name price inStock category { name } }\n  headphones: productBySlug(slug: "classic-headphones-11") { name price inStock category { name } }\n}';

const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-chromium-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  viewport: { width: 1440, height: 900 },
  // The IDE's service worker reloads the page once it is installed; without it the page stays put.
  serviceWorkers: 'block',
  permissions: ['clipboard-read', 'clipboard-write'],
});
const result = { url: null, document: hasProducts ? 'products' : 'productBySlug', query: null, subscription: null };
try {
  const page = context.pages()[0] ?? (await context.newPage());
  page.setDefaultTimeout(timeout);
  if (process.env.IDE_DEBUG) {
    // IDE_DEBUG=1 node ide.mjs …: the page's console, its errors and the operations it posts.
    page.on('console', (m) => console.error('console', m.type(), m.text().slice(0, 300)));
    page.on('pageerror', (e) => console.error('pageerror', e.message));
    page.on('request', (r) => r.method() === 'POST' && console.error('POST', (r.postData() ?? '').slice(0, 400)));
  }

  await page.goto(endpoint, { waitUntil: 'load' });
  result.url = page.url();

  // A new document opens against the page's own URL (useBrowserUrlAsEndpoint) and loads the schema.
  await page.getByRole('button', { name: 'Create Document' }).click();
  await page.getByText('Schema available').waitFor();
  await runInEditor(page, storefront);
  const response = await responseText(page, (text) => text.includes('"data"') && text.includes('"price"') && text.includes('Classic'));
  result.query = { ok: true, shows: response.match(/"name": "[^"]+"/g)?.slice(0, 8) };
  await page.mouse.move(700, 880); // away from the Run button's tooltip
  await page.waitForTimeout(500);
  await page.screenshot({ path: screenshot });

  if (hasStockSubscription) {
    result.subscription = await subscribeToStock(page);
    await page.mouse.move(700, 880);
    await page.waitForTimeout(500);
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-subscription.png') });
  } else {
    result.subscription = { pending: 'Subscription.productStockChanged (and Mutation.restockProduct) are not in the schema yet' };
  }
} catch (error) {
  const page = context.pages()[0];
  if (page) {
    await page.screenshot({ path: screenshot.replace(/\.png$/, '-failure.png') }).catch(() => {});
    const editors = await page.locator('.monaco-editor .view-lines').allInnerTexts().catch(() => []);
    console.error('editors:', JSON.stringify(editors));
  }
  throw error;
} finally {
  await context.close();
  fs.rmSync(profile, { recursive: true, force: true });
}
console.log(JSON.stringify(result));

// Types a document into the request editor of the open tab and runs it.
async function runInEditor(page, document) {
  // Pasted rather than typed: typing would let the editor auto-close braces and indent lines.
  const editor = page.locator('.monaco-editor').first();
  await editor.click();
  await page.keyboard.press('Control+A');
  await page.evaluate((text) => navigator.clipboard.writeText(text), document);
  await page.keyboard.press('Control+V');
  // The IDE analyses the document before it can run it: its builder then lists "Name: Type".
  const name = /^\w+ (\w+)/.exec(document)[1];
  await page.getByText(`${name}:`).first().waitFor();
  await page.getByRole('button', { name: /^Run Operation/ }).click();
}

// The response pane's text once it satisfies the predicate.
async function responseText(page, predicate) {
  // The editors are the request, its variables and headers, and last the response.
  const pane = page.locator('.monaco-editor').last().locator('.view-lines');
  const deadline = Date.now() + timeout;
  let text = '';
  while (Date.now() < deadline) {
    text = (await pane.innerText()).replace(/\u00a0/g, ' ');
    if (predicate(text)) return text;
    await page.waitForTimeout(250);
  }
  throw new Error(`the response pane never showed the expected result; it shows:\n${text}`);
}

// A second tab subscribes to one product's stock; a restock by staff must arrive in its pane.
async function subscribeToStock(page) {
  const { productBySlug: product } = await graphql('{ productBySlug(slug: "classic-novel-1") { id } }');
  const staffToken = await signIn(endpoint, 'staff@shop.test'); // with the second factor staff must use
  const sockets = [];
  page.on('websocket', (ws) => sockets.push(ws.url()));
  await page.getByRole('button', { name: /^New Document/ }).click();
  await page.getByText('Schema available').waitFor();
  await runInEditor(page, `subscription StockWatch {\n  productStockChanged(productId: "${product.id}") { name inStock }\n}`);
  await page.waitForTimeout(1_000);
  await graphql('mutation($id: ID!) { restockProduct(input: { productId: $id, quantity: 1 }) { errors { __typename } } }', { id: product.id }, staffToken);
  const text = await responseText(page, (t) => t.includes('productStockChanged'));
  return { ok: true, sockets, shows: text.match(/"name": "[^"]+"/g) };
}
