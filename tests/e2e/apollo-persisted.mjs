// Apollo Client 4 with its persisted query link, unmodified, against the server: automatic persisted
// queries over POST and over GET (useGETForHashedQueries), and trusted documents by the ids of
// schema/trusted-documents.json. A recording fetch keeps what went over the wire. Prints one JSON line.
// Usage: node apollo-persisted.mjs <graphql url> apq|trusted
import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { ApolloClient, HttpLink, InMemoryCache, gql } from '@apollo/client';
import { print } from 'graphql';
import { createPersistedQueryLink } from '@apollo/client/link/persisted-queries';
import { httpUrl, run } from './lib/shop.mjs';

const [url, mode] = process.argv.slice(2);

const sha256 = (text) => createHash('sha256').update(text).digest('hex');

/** A client whose requests are recorded: method, whether the document was sent, the hash, the status. */
function client(persistedOptions) {
  const requests = [];
  const recordingFetch = async (input, init) => {
    const response = await fetch(input, init);
    const target = new URL(String(input));
    const body = init?.body ? JSON.parse(init.body) : null;
    const extensions = body?.extensions ?? JSON.parse(target.searchParams.get('extensions') ?? 'null');
    requests.push({
      method: init?.method ?? 'GET',
      sentQuery: Boolean(body?.query ?? target.searchParams.get('query')),
      hash: extensions?.persistedQuery?.sha256Hash ?? null,
      status: response.status,
      cacheControl: response.headers.get('cache-control'),
      etag: response.headers.get('etag'),
    });
    return response;
  };
  const link = createPersistedQueryLink(persistedOptions).concat(new HttpLink({ uri: httpUrl(url), fetch: recordingFetch }));
  return { apollo: new ApolloClient({ link, cache: new InMemoryCache() }), requests };
}

const CATEGORIES = gql`query Categories { categories { name slug } }`;
const PRODUCTS = gql`query FirstProducts($first: Int!) { products(first: $first) { nodes { name } } }`;
const LOG_IN = gql`mutation LogIn($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token } }`;

async function apq() {
  // Over POST: the first request sends the hash alone, is told PERSISTED_QUERY_NOT_FOUND, and sends
  // the document with it; the next one sends the hash alone and is answered.
  const post = client({ sha256 });
  const first = await post.apollo.query({ query: CATEGORIES, fetchPolicy: 'network-only' });
  const second = await post.apollo.query({ query: CATEGORIES, fetchPolicy: 'network-only' });

  // Over GET, with a document this server has not seen yet.
  const get = client({ sha256, useGETForHashedQueries: true });
  const products = await get.apollo.query({ query: PRODUCTS, variables: { first: 2 }, fetchPolicy: 'network-only' });
  const productsAgain = await get.apollo.query({ query: PRODUCTS, variables: { first: 2 }, fetchPolicy: 'network-only' });
  const logIn = await get.apollo.mutate({ mutation: LOG_IN, variables: { email: 'alice@shop.test', password: 'Passw0rd!' } });

  return {
    categories: first.data.categories.length,
    sameAnswer: JSON.stringify(first.data) === JSON.stringify(second.data),
    postRequests: post.requests,
    products: products.data.products.nodes.length,
    productsAgain: productsAgain.data.products.nodes.length,
    getRequests: get.requests,
    signedIn: Boolean(logIn.data.logIn.token),
  };
}

async function trusted() {
  // The frontend's build knows the trusted documents' ids from the manifest; any other document is
  // hashed as Apollo would, and refused.
  const manifest = JSON.parse(await readFile(new URL('../../schema/trusted-documents.json', import.meta.url), 'utf8'));
  const byName = new Map(manifest.operations.map((o) => [o.name, o]));
  const generateHash = (document) => byName.get(document.definitions.find((d) => d.kind === 'OperationDefinition').name.value)?.id ?? sha256(print(document));
  const trustedClient = client({ generateHash, useGETForHashedQueries: true });
  const storefrontDocument = gql(byName.get('Storefront').body);
  const storefront = await trustedClient.apollo.query({ query: storefrontDocument, variables: { first: 3 }, fetchPolicy: 'network-only' });

  let refused = null;
  try {
    await trustedClient.apollo.query({ query: CATEGORIES, fetchPolicy: 'network-only' });
  } catch (error) {
    refused = (error.errors ?? []).map((e) => e.extensions?.code);
  }

  return { storefront: storefront.data.products.nodes.length, refused, requests: trustedClient.requests };
}

run(mode === 'trusted' ? trusted : apq);
