// Apollo Client 4 against the server: HttpLink (a query, a mutation), BatchHttpLink (several queries
// in one HTTP request, counted by the fetch the link is given) and GraphQLWsLink (a subscription that
// receives the event of a restock). Prints one JSON line.
// Usage: node apollo.mjs <graphql url>
import { ApolloClient, ApolloLink, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { BatchHttpLink } from '@apollo/client/link/batch-http';
import { GraphQLWsLink } from '@apollo/client/link/subscriptions';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { globalId, httpUrl, logIn, restock, run, waitFor, wsUrl } from './lib/shop.mjs';

const [url] = process.argv.slice(2);

/** A fetch that records every request it sends: method, Accept, the body's shape, the answer's type. */
function countingFetch() {
  const requests = [];
  const fetchFn = async (input, init) => {
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : null;
    const response = await fetch(input, init);
    requests.push({
      method: init?.method ?? 'GET',
      accept: new Headers(init?.headers).get('accept'),
      batch: Array.isArray(body) ? body.length : null,
      status: response.status,
      contentType: response.headers.get('content-type'),
    });
    return response;
  };
  return { requests, fetchFn };
}

const CATEGORY = gql`query Category($slug: String!) { categoryBySlug(slug: $slug) { name } }`;
const PRODUCT = gql`query Product($slug: String!) { productBySlug(slug: $slug) { name } }`;
const NOT_A_FIELD = gql`query Broken { noSuchField }`;

async function httpLink() {
  const { requests, fetchFn } = countingFetch();
  const client = new ApolloClient({ link: new HttpLink({ uri: httpUrl(url), fetch: fetchFn }), cache: new InMemoryCache() });
  const query = await client.query({ query: CATEGORY, variables: { slug: 'books' } });
  const mutation = await client.mutate({
    mutation: gql`mutation LogIn($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token } }`,
    variables: { email: 'alice@shop.test', password: 'Passw0rd!' },
  });
  return { category: query.data.categoryBySlug.name, signedIn: typeof mutation.data.logIn.token === 'string', requests };
}

async function batchHttpLink() {
  const { requests, fetchFn } = countingFetch();
  const client = new ApolloClient({
    link: new BatchHttpLink({ uri: httpUrl(url), fetch: fetchFn, batchMax: 10, batchInterval: 50 }),
    cache: new InMemoryCache(),
  });
  const [books, novel, games, broken] = await Promise.allSettled([
    client.query({ query: CATEGORY, variables: { slug: 'books' } }),
    client.query({ query: PRODUCT, variables: { slug: 'classic-novel-1' } }),
    client.query({ query: CATEGORY, variables: { slug: 'garden' }, fetchPolicy: 'network-only' }),
    client.query({ query: NOT_A_FIELD }),
  ]);
  return {
    requests,
    books: books.value?.data?.categoryBySlug?.name ?? String(books.reason),
    novel: novel.value?.data?.productBySlug?.name ?? String(novel.reason),
    games: games.value?.data?.categoryBySlug?.name ?? String(games.reason),
    brokenCodes: broken.reason?.errors?.map((e) => e.extensions?.code) ?? broken.value?.error?.errors?.map((e) => e.extensions?.code) ?? null,
  };
}

async function wsLink() {
  const staffToken = await logIn(url, 'staff@shop.test');
  const product = globalId('Product', 7);
  const wsClient = createClient({ url: wsUrl(url), webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
  const client = new ApolloClient({ link: ApolloLink.from([new GraphQLWsLink(wsClient)]), cache: new InMemoryCache() });
  const events = [];
  let failure = null;
  const subscription = client
    .subscribe({ query: gql`subscription Stock($p: ID!) { productStockChanged(productId: $p) { id inStock } }`, variables: { p: product } })
    .subscribe({ next: (result) => events.push(result.data?.productStockChanged ?? result), error: (e) => (failure = String(e)) });

  // A query on the same socket: once it is answered, the subscription sent before it is in place.
  let barrier = false;
  wsClient.subscribe({ query: '{ __typename }' }, { next: () => {}, error: (e) => (failure = String(e)), complete: () => (barrier = true) });
  await waitFor('the barrier query', () => barrier || failure);
  await restock(url, staffToken, product, 1);
  await waitFor('the stock event', () => events.length === 1 || failure);
  subscription.unsubscribe();
  await wsClient.dispose();
  return { events, failure };
}

run(async () => ({ http: await httpLink(), batch: await batchHttpLink(), ws: await wsLink() }));
