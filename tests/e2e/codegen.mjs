// GraphQL Code Generator (typescript + typescript-operations) against a running server, as a frontend
// runs it: the schema from the server's URL by introspection (the URL loader given the current
// specification's options), the documents from schema/operations/. The custom scalars are typed from
// the @specifiedBy URL the server gives each one (codegen itself does not read it), and strictScalars
// makes any scalar left untyped an error. Records the introspection query the URL loader sent.
// Prints one JSON line: the queries, the scalar types and the generated file.
// Usage: node codegen.mjs http://127.0.0.1:5000/graphql ../../schema/operations artifacts/codegen
import fs from 'node:fs';
import path from 'node:path';
import { generate } from '@graphql-codegen/cli';
import { parse, visit } from 'graphql';
import { INTROSPECTION_OPTIONS, introspect, typeScriptScalars } from './lib/introspection.mjs';
import { run } from './lib/shop.mjs';

const [url, operations, outDir] = process.argv.slice(2);
if (!url || !operations || !outDir) {
  console.error('usage: node codegen.mjs <graphql url> <operations folder> <output folder>');
  process.exit(2);
}

run(async () => {
  const scalars = typeScriptScalars(await introspect(url));

  // What codegen's URL loader sends, seen on the way out.
  const sent = [];
  const recordingFetch = (input, init) => {
    if (typeof init?.body === 'string') {
      sent.push(JSON.parse(init.body).query);
    }
    return fetch(input, init);
  };

  const output = path.resolve(outDir, 'graphql.ts');
  const files = await generate({
    schema: [{ [url]: { ...INTROSPECTION_OPTIONS, customFetch: recordingFetch } }],
    documents: [path.join(path.resolve(operations), '*.graphql').replaceAll('\\', '/')],
    generates: {
      [output]: {
        plugins: ['typescript', 'typescript-operations'],
        config: { scalars, strictScalars: true, defaultScalarType: 'unknown' },
      },
    },
    silent: true,
  }, false);

  const content = files.find((f) => path.resolve(f.filename) === output)?.content;
  if (!content) {
    throw new Error(`codegen wrote nothing to ${output}`);
  }
  fs.mkdirSync(path.dirname(output), { recursive: true });
  fs.writeFileSync(output, content);
  const introspectionQueries = sent.filter((q) => q?.includes('__schema'));
  return { introspectionQueries: introspectionQueries.map(features), scalars, output, content };
}, 120000);

/** What an introspection query asks for, of what the current specification added. */
function features(query) {
  const found = {
    specifiedByURL: false,
    isRepeatable: false,
    fieldArgsIncludeDeprecated: false,
    directiveArgsIncludeDeprecated: false,
    inputFieldsIncludeDeprecated: false,
    inputValueIsDeprecated: false,
  };
  const includesDeprecated = (node) => node.arguments?.some((a) => a.name.value === 'includeDeprecated' && a.value.value === true);
  const parents = [];
  visit(parse(query), {
    FragmentDefinition: {
      enter: (node) => { parents.push(node.typeCondition.name.value); },
      leave: () => { parents.pop(); },
    },
    Field: {
      enter(node) {
        const name = node.name.value;
        const parent = parents.at(-1);
        if (name === 'specifiedByURL') found.specifiedByURL = true;
        if (name === 'isRepeatable') found.isRepeatable = true;
        if (name === 'args' && parent === 'fields' && includesDeprecated(node)) found.fieldArgsIncludeDeprecated = true;
        if (name === 'args' && parent === 'directives' && includesDeprecated(node)) found.directiveArgsIncludeDeprecated = true;
        if (name === 'inputFields' && includesDeprecated(node)) found.inputFieldsIncludeDeprecated = true;
        if (name === 'isDeprecated' && parent === '__InputValue') found.inputValueIsDeprecated = true;
        parents.push(name);
      },
      leave: () => { parents.pop(); },
    },
  });
  return found;
}
