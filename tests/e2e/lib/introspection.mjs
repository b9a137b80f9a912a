// Introspection as the tools ask for it, and what a custom scalar's @specifiedBy URL means in TypeScript.
import { buildClientSchema, getIntrospectionQuery, isScalarType, isSpecifiedScalarType } from 'graphql';

/**
 * The options GraphiQL 3, graphql-config and GraphQL Code Generator's URL loader are given for the
 * current specification's introspection (graphql-js 16's getIntrospectionQuery).
 */
export const INTROSPECTION_OPTIONS = Object.freeze({
  specifiedByUrl: true,
  directiveIsRepeatable: true,
  inputValueDeprecation: true,
});

/** Everything graphql-js can ask for: the above, the schema's description and @oneOf. */
export const COMPLETE_INTROSPECTION_OPTIONS = Object.freeze({
  ...INTROSPECTION_OPTIONS,
  schemaDescription: true,
  oneOf: true,
});

/** The TypeScript type of a value of each scalar specification the server may point at. */
const TYPESCRIPT_TYPE_BY_SPECIFICATION = Object.freeze({
  'https://www.rfc-editor.org/rfc/rfc3339#section-5.6': 'string',
  'https://scalars.graphql.org/chillicream/decimal.html': 'number',
});

/** Introspects the server with the full options; returns the client schema. */
export async function introspect(url, options = INTROSPECTION_OPTIONS) {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/graphql-response+json' },
    body: JSON.stringify({ query: getIntrospectionQuery(options) }),
  });
  const body = await response.json();
  if (response.status !== 200 || body.errors) {
    throw new Error(`introspection: ${response.status} ${JSON.stringify(body.errors)}`);
  }
  return buildClientSchema(body.data);
}

/** Every custom scalar with the URL the server says specifies it (null when it says none). */
export function specifiedScalars(schema) {
  return Object.fromEntries(Object.values(schema.getTypeMap())
    .filter((type) => isScalarType(type) && !isSpecifiedScalarType(type))
    .map((type) => [type.name, type.specifiedByURL ?? null]));
}

/**
 * The TypeScript type of every custom scalar, from its @specifiedBy URL alone (not from its name).
 * A scalar without a URL, or with one this table does not know, is an error: its values could be anything.
 */
export function typeScriptScalars(schema) {
  return Object.fromEntries(Object.entries(specifiedScalars(schema)).map(([name, url]) => {
    const type = url && TYPESCRIPT_TYPE_BY_SPECIFICATION[url];
    if (!type) {
      throw new Error(`scalar ${name} is specified by ${url ?? 'nothing'}: no TypeScript type for it`);
    }
    return [name, type];
  }));
}
