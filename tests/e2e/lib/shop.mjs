// Helpers shared by the end-to-end scripts: GraphQL over HTTP against the shop, sign-in, global ids,
// and waiting with a deadline. Every script prints one JSON line and exits 0, or exits 1 with the
// reason on stderr, so that a hung server never hangs the test run.

import * as OTPAuth from 'otpauth';

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

// The TOTP secrets of the accounts this process enrolled, by server and email, and the last time
// step each has used (a code is never sent twice: the server refuses a replay).
const enrolments = new Map();

function nextCode(enrolment) {
  const step = Math.max(Math.floor(Date.now() / 30000), enrolment.lastStep + 1);
  if (step > Math.floor(Date.now() / 30000) + 1) {
    const recovery = enrolment.recoveryCodes.shift();
    if (!recovery) throw new Error('every code of the enrolment is used up');
    return recovery;
  }
  enrolment.lastStep = step;
  return enrolment.totp.generate({ timestamp: step * 30000 });
}

/**
 * A complete sign-in, as a person with an authenticator app does it: the password, then for STAFF
 * and ADMIN the second factor — enrolled on their first sign-in (beginMfaEnrollment, a code computed
 * by the otpauth package from the secret, confirmMfaEnrollment), a challenge answered later.
 */
export async function logIn(url, email) {
  const key = `${httpUrl(url)}|${email}`;
  const data = await gql(url, 'mutation($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token mfaEnrollmentRequired mfaChallenge { ticket } } }', { email, password: PASSWORD });
  if (data.logIn.mfaChallenge) {
    const enrolment = enrolments.get(key);
    if (!enrolment) throw new Error(`${email} has MFA but was not enrolled by this process`);
    const verified = await gql(url, 'mutation($ticket: String!, $code: String!) { verifyMfa(input: { ticket: $ticket, code: $code }) { token errors { __typename } } }', { ticket: data.logIn.mfaChallenge.ticket, code: nextCode(enrolment) });
    if (!verified.verifyMfa.token) throw new Error(`verifyMfa failed: ${JSON.stringify(verified.verifyMfa.errors)}`);
    return verified.verifyMfa.token;
  }
  if (!data.logIn.mfaEnrollmentRequired) return data.logIn.token;
  const begun = await gql(url, 'mutation { beginMfaEnrollment { secret } }', {}, data.logIn.token);
  const enrolment = { totp: new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(begun.beginMfaEnrollment.secret) }), lastStep: 0, recoveryCodes: [] };
  const confirmed = await gql(url, 'mutation($code: String!) { confirmMfaEnrollment(input: { code: $code }) { token recoveryCodes errors { __typename } } }', { code: nextCode(enrolment) }, data.logIn.token);
  if (!confirmed.confirmMfaEnrollment.token) throw new Error(`confirmMfaEnrollment failed: ${JSON.stringify(confirmed.confirmMfaEnrollment.errors)}`);
  enrolment.recoveryCodes.push(...confirmed.confirmMfaEnrollment.recoveryCodes);
  enrolments.set(key, enrolment);
  return confirmed.confirmMfaEnrollment.token;
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
