// Relay-style documents over the shop's schema, compiled by relay.mjs: node(id:), nodes(ids:) and a
// fragment on a Node type that Relay can refetch by its id.
import { graphql } from 'relay-runtime';

export const productDetailsQuery = graphql`
  query ProductDetailsQuery($id: ID!, $related: [ID!]!) {
    node(id: $id) {
      ...ProductDetails_product @alias
    }
    nodes(ids: $related) {
      id
      ... on Product {
        name
      }
    }
  }
`;

export const productDetails = graphql`
  fragment ProductDetails_product on Product @refetchable(queryName: "ProductDetailsRefetchQuery") {
    name
    price
    createdAt
    category {
      name
    }
    reviews(first: 5) {
      nodes {
        rating
        body
      }
    }
  }
`;
