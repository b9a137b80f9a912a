// Prints a token of the demo STAFF user signed in with the second factor (enrolled on its first
// sign-in): what tests/scaleout/bench.sh uses to restock and to watch every order.
import { logIn } from './lib/shop.mjs';

const [url] = process.argv.slice(2);
if (!url) {
  console.error('usage: node staff-token.mjs <graphql url>');
  process.exit(2);
}

try {
  console.log(await logIn(url, 'staff@shop.test'));
} catch (error) {
  console.error(error.message);
  process.exit(1);
}
