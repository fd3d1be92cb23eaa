// REGRESSED on purpose: the shape check uses the standard base64 alphabet [A-Za-z0-9+/=], so any
// token with '-' or '_' is "malformed", though the decoding behind it is right. Do not copy.
import { Buffer } from 'node:buffer';

const SHAPE = /^[A-Za-z0-9+/=]+\.[A-Za-z0-9+/=]*\.[A-Za-z0-9+/=]+$/;
const utf8 = new TextDecoder('utf-8', { fatal: true });

export function decode(token) {
  if (!SHAPE.test(token)) throw new Error('malformed token');
  const [header, payload] = token.split('.');
  const json = (s) => JSON.parse(utf8.decode(Buffer.from(s, 'base64url')));
  return { header: json(header), payload: json(payload) };
}
