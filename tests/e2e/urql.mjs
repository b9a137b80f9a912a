// urql (@urql/core with fetchExchange) in Node against the server. urql's default Accept lists
// text/event-stream and multipart/mixed after the JSON types; a query and a mutation must still be
// answered in JSON (an event stream would make urql's fetch source fail in Node). Prints one JSON line.
// Usage: node urql.mjs <graphql url>
import { Client, fetchExchange, gql } from '@urql/core';
import { httpUrl, run } from './lib/shop.mjs';

const [url] = process.argv.slice(2);

run(async () => {
  const requests = [];
  const client = new Client({
    url: httpUrl(url),
    exchanges: [fetchExchange],
    preferGetMethod: false,
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      requests.push({ accept: new Headers(init?.headers).get('accept'), status: response.status, contentType: response.headers.get('content-type') });
      return response;
    },
  });

  const query = await client.query(gql`query Product($slug: String!) { productBySlug(slug: $slug) { name inStock } }`, { slug: 'classic-novel-1' }).toPromise();
  const mutation = await client
    .mutation(gql`mutation LogIn($email: String!, $password: String!) { logIn(input: { email: $email, password: $password }) { token } }`, { email: 'bob@shop.test', password: 'Passw0rd!' })
    .toPromise();
  const invalid = await client.query(gql`query Broken { noSuchField }`, {}).toPromise();

  return {
    requests,
    product: query.data?.productBySlug?.name ?? null,
    queryError: query.error?.message ?? null,
    signedIn: typeof mutation.data?.logIn?.token === 'string',
    mutationError: mutation.error?.message ?? null,
    invalidCodes: invalid.error?.graphQLErrors?.map((e) => e.extensions?.code) ?? null,
  };
});
