// relay-compiler over the running server's schema: the SDL graphql-js prints from the server's
// introspection, the Relay-style documents in relay/ (node(id:), nodes(ids:), @refetchable, a
// @connection), compiled in a temporary folder. Custom scalars are typed from their @specifiedBy URL.
// Then runs each compiled query's text (what Relay would send) against the server.
// Prints one JSON line: the artifacts relay-compiler wrote, the fragment types it generated, and what
// the server answered to each compiled query.
// Usage: node relay.mjs http://127.0.0.1:5000/graphql
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { printSchema } from 'graphql';
import { introspect, typeScriptScalars } from './lib/introspection.mjs';
import { globalId, run } from './lib/shop.mjs';

const url = process.argv[2];
if (!url) {
  console.error('usage: node relay.mjs <graphql url>');
  process.exit(2);
}

// The variables each compiled query runs with; one id of nodes(ids:) is not an id.
const variables = {
  StorefrontQuery: {},
  StorefrontProductsPaginationQuery: { count: 2 },
  ProductDetailsQuery: { id: globalId('Product', 1), related: [globalId('Product', 2), 'not-an-id'] },
  ProductDetailsRefetchQuery: { id: globalId('Product', 1) },
};

const here = path.dirname(fileURLToPath(import.meta.url));
const compiler = path.join(here, 'node_modules', '.bin', process.platform === 'win32' ? 'relay-compiler.cmd' : 'relay-compiler');

run(async () => {
  const schema = await introspect(url);
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'graph-relay-'));
  try {
    fs.writeFileSync(path.join(work, 'schema.graphql'), printSchema(schema));
    fs.cpSync(path.join(here, 'relay'), path.join(work, 'src'), { recursive: true });
    fs.writeFileSync(path.join(work, 'relay.config.json'), JSON.stringify({
      src: './src',
      schema: './schema.graphql',
      language: 'typescript',
      customScalarTypes: typeScriptScalars(schema),
    }));

    let log;
    try {
      log = execFileSync(compiler, [], { cwd: work, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 90000 });
    } catch (error) {
      throw new Error(`relay-compiler failed:\n${error.stdout}\n${error.stderr}`);
    }

    const generated = path.join(work, 'src', '__generated__');
    const artifacts = fs.readdirSync(generated).sort();
    const read = (name) => fs.readFileSync(path.join(generated, name), 'utf8');
    const executed = {};
    for (const [name, values] of Object.entries(variables)) {
      // The artifact's params.text is the document Relay sends, as a JSON string literal.
      const text = JSON.parse(read(`${name}.graphql.ts`).match(/"text": ("(?:[^"\\]|\\.)*")/)[1]);
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: text, variables: values }),
      });
      const body = await response.json();
      executed[name] = { status: response.status, data: body.data ?? null, errors: body.errors ?? [] };
    }

    return {
      artifacts,
      executed,
      productFragment: read('ProductDetails_product.graphql.ts'),
      storefrontFragment: read('StorefrontProducts_query.graphql.ts'),
      refetchQuery: read('ProductDetailsRefetchQuery.graphql.ts'),
      log,
    };
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}, 120000);
