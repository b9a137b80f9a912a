// The real `graphql-sse` client as the SSE scripts use it: every request recorded once its response
// headers arrive (the server sends a subscription's headers once it is in place), and subscriptions
// recorded as their results, error and completion come in.
import { createClient } from 'graphql-sse';
import { httpUrl } from './shop.mjs';

/** A client of `url` (distinct connections unless `singleConnection`), with its recorded requests. */
export function connect(url, { singleConnection = false, token } = {}) {
  const requests = [];
  const client = createClient({
    url: httpUrl(url),
    singleConnection,
    headers: token ? { authorization: `Bearer ${token}` } : {},
    retryAttempts: 0,
    fetchFn: async (input, init) => {
      const response = await fetch(input, init);
      requests.push({ method: init?.method ?? 'GET', status: response.status, contentType: response.headers.get('content-type') });
      return response;
    },
  });
  return { client, requests };
}

/** Subscribes (or runs a query) and records what arrives; `dispose` stops it. */
export function subscribe(client, query, variables) {
  const record = { results: [], error: null, completed: false };
  record.dispose = client.subscribe(
    { query, variables },
    {
      next: (value) => record.results.push(value),
      error: (error) => (record.error = String(error?.message ?? error)),
      complete: () => (record.completed = true),
    },
  );
  return record;
}
