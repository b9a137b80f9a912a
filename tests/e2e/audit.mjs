// Runs graphql-http's server audit (the GraphQL-over-HTTP spec's conformance checks) against a
// running server and prints one JSON line: every audit with its requirement level and status.
// Usage: node audit.mjs http://127.0.0.1:5000/graphql
import { auditServer } from 'graphql-http';

const url = process.argv[2];
if (!url) {
  console.error('usage: node audit.mjs <graphql url>');
  process.exit(2);
}

const results = await auditServer({ url });
const audits = results.map((r) => ({
  id: r.id,
  name: r.name,
  level: r.name.split(' ')[0],
  status: r.status,
  reason: r.status === 'ok' ? undefined : r.reason,
}));
console.log(JSON.stringify(audits));
