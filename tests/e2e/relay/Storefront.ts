// Relay-style documents over the shop's schema, compiled by relay.mjs: a paginated connection on Query.
import { graphql } from 'relay-runtime';

export const storefrontQuery = graphql`
  query StorefrontQuery {
    ...StorefrontProducts_query
  }
`;

export const storefrontProducts = graphql`
  fragment StorefrontProducts_query on Query
  @argumentDefinitions(count: { type: "Int", defaultValue: 12 }, cursor: { type: "String" })
  @refetchable(queryName: "StorefrontProductsPaginationQuery") {
    products(first: $count, after: $cursor) @connection(key: "StorefrontProducts_products") {
      totalCount
      edges {
        node {
          id
          name
          price
          inStock
          createdAt
        }
      }
    }
  }
`;
