// Builds a schema from the running server's introspection (the current specification's, as tools ask
// for it) and compares it with the exported SDL, as graphql-js sees them: printed in the same order,
// and the breaking and dangerous changes each way. Prints one JSON line.
// Usage: node introspection.mjs http://127.0.0.1:5000/graphql ../../schema/schema.graphql
import { readFileSync } from 'node:fs';
import { buildSchema, findBreakingChanges, findDangerousChanges, lexicographicSortSchema, printSchema } from 'graphql';
import { COMPLETE_INTROSPECTION_OPTIONS, introspect, specifiedScalars } from './lib/introspection.mjs';
import { run } from './lib/shop.mjs';

const [url, sdlPath] = process.argv.slice(2);
if (!url || !sdlPath) {
  console.error('usage: node introspection.mjs <graphql url> <schema.graphql>');
  process.exit(2);
}

run(async () => {
  const introspected = await introspect(url, COMPLETE_INTROSPECTION_OPTIONS);
  const exported = buildSchema(readFileSync(sdlPath, 'utf8'));
  const print = (schema) => printSchema(lexicographicSortSchema(schema));
  const describe = (changes) => changes.map((c) => `${c.type}: ${c.description}`);
  return {
    samePrinted: print(introspected) === print(exported),
    breaking: describe(findBreakingChanges(exported, introspected)),
    dangerous: describe(findDangerousChanges(exported, introspected)),
    breakingReverse: describe(findBreakingChanges(introspected, exported)),
    dangerousReverse: describe(findDangerousChanges(introspected, exported)),
    scalars: specifiedScalars(introspected),
    directives: introspected.getDirectives().map((d) => d.name),
    repeatable: introspected.getDirectives().filter((d) => d.isRepeatable).map((d) => d.name),
  };
});
