// Verifies a token the way a service does before reading its capabilities: captoken's own verifier
// (HS256 only, at the minting clock). jose.jwtVerify checks the same token independently, and the
// two decodings must agree.
import { jwtVerify } from 'jose';
import { expect } from 'vitest';
import { createVerifier } from '../../src/verify/index.js';
import type { VerifiedToken } from '../../src/verify/types.js';

export async function verified(token: string, secret: string | Uint8Array, atSeconds: number): Promise<VerifiedToken> {
  const ours = await createVerifier({ algorithms: ['HS256'], key: secret, now: () => atSeconds * 1000 }).verify(token);
  const key = typeof secret === 'string' ? new TextEncoder().encode(secret) : secret;
  const theirs = await jwtVerify(token, key, { algorithms: ['HS256'], currentDate: new Date(atSeconds * 1000) });
  expect(ours.alg).toBe('HS256');
  expect(ours.payload).toStrictEqual(JSON.parse(JSON.stringify(theirs.payload)));
  expect(ours.header).toStrictEqual(JSON.parse(JSON.stringify(theirs.protectedHeader)));
  return ours;
}
