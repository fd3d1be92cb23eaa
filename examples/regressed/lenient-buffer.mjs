// LENIENT on purpose: Buffer.from(s, 'base64url') decodes every valid token right, so this parser
// passes the `accept` profile; but it also accepts '+', '/', padding, whitespace, non-canonical
// bits, invalid UTF-8 (as U+FFFD) and JSON that is not an object, so it fails `rfc` (and captoken's policies: duplicate members, __proto__, ...).
import { Buffer } from 'node:buffer';

export function decode(token) {
  const [header, payload, signature, extra] = token.split('.');
  if (signature === undefined || extra !== undefined) throw new Error('not three segments');
  const json = (s) => JSON.parse(Buffer.from(s, 'base64url').toString('utf8'));
  return { header: json(header), payload: json(payload) };
}
