// REGRESSED on purpose: the base64url is decoded correctly, but the bytes are read as Latin-1
// (one byte, one character) instead of UTF-8, so "é" comes back as "Ã©". Do not copy.
import { Buffer } from 'node:buffer';

export function decode(token) {
  const [header, payload, signature, extra] = token.split('.');
  if (signature === undefined || extra !== undefined) throw new Error('not three segments');
  const json = (s) => JSON.parse(Buffer.from(s, 'base64url').toString('latin1'));
  return { header: json(header), payload: json(payload) };
}
