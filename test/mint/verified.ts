// Verifies a token the way a service would before reading its capabilities. Until captoken's own
// verifier (src/verify) lands this is jose.jwtVerify (HS256 only, at the minting clock) plus
// parseToken for the strictly parsed header and payload; the two decodings must agree.
import { jwtVerify } from 'jose';
import { expect } from 'vitest';
import { parseToken, type ParsedToken } from '../../src/parse.js';

export async function verified(token: string, secret: string | Uint8Array, atSeconds: number): Promise<ParsedToken> {
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const { payload, protectedHeader } = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(atSeconds * 1000) });
  const parsed = parseToken(token);
  expect(parsed.payload).toStrictEqual(JSON.parse(JSON.stringify(payload)));
  expect(parsed.header).toStrictEqual(JSON.parse(JSON.stringify(protectedHeader)));
  return parsed;
}
