// A module adapter for captoken itself: `captoken conformance --adapter-module examples/adapters/captoken-module.mjs`.
// decode(token) returns { header, payload } to accept and throws to reject (see docs/adapter-protocol.md).
// `captoken` resolves to this package itself (package self-reference): run `npm run build` first.
import { parseToken } from 'captoken';

export function decode(token) {
  const { header, payload } = parseToken(token);
  return { header, payload };
}
