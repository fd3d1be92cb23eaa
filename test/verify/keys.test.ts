// compileKeyRing: exactly one key source (a key, a local set, a remote set), each compiled once into
// (alg, kid) → check, and namesKey: whether a token's kid names a configured key.
import { createSecretKey, generateKeyPairSync, webcrypto } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { cryptoProvider } from '../../src/verify/crypto-node.js';
import { compileKeyRing } from '../../src/verify/keys.js';
import { caught } from '../support/errors.js';

const SECRET = 'keys-test-secret-of-at-least-32-bytes';
const b64u = (text: string): string => Buffer.from(text).toString('base64url');
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });

describe('compileKeyRing', () => {
  it('wants exactly one key source; jwksOptions only with jwksUrl', () => {
    expect(caught(() => compileKeyRing({}, ['HS256'], cryptoProvider)).message).toMatch(/one key source is required/);
    expect(caught(() => compileKeyRing({ key: SECRET, jwks: { keys: [] } }, ['HS256'], cryptoProvider)).message).toBe('give one key source, not key and jwks');
    expect(caught(() => compileKeyRing({ key: SECRET, jwksOptions: {} }, ['HS256'], cryptoProvider)).message).toMatch(/apply to 'jwksUrl' only/);
  });

  it('a single key: strings and bytes are secrets, objects are sorted by kind; anything else is CONFIG_INVALID', async () => {
    for (const key of [SECRET, new TextEncoder().encode(SECRET), createSecretKey(Buffer.from(SECRET)), { kty: 'oct', k: b64u(SECRET) }]) {
      const ring = compileKeyRing({ key }, ['HS256'], cryptoProvider);
      expect(ring.remote).toBe(false);
      expect(ring.local!('HS256', 'any-kid').sync).toBeTypeOf('function');
      await expect(ring.resolve('HS256', undefined)).resolves.toBe(ring.local!('HS256', undefined));
    }
    const cryptoKey = await webcrypto.subtle.importKey('raw', Buffer.from(SECRET), { name: 'HMAC', hash: 'SHA-256' }, false, ['verify']);
    expect(compileKeyRing({ key: cryptoKey }, ['HS256'], cryptoProvider).remote).toBe(false);
    expect(compileKeyRing({ key: ec.publicKey }, ['ES256'], cryptoProvider).remote).toBe(false);
    expect(caught(() => compileKeyRing({ key: { keys: [] } }, ['HS256'], cryptoProvider)).message).toMatch(/pass it as 'jwks'/);
    expect(caught(() => compileKeyRing({ key: 42 }, ['HS256'], cryptoProvider)).message).toMatch(/'key' must be/);
    expect(caught(() => compileKeyRing({ key: ec.publicKey }, ['HS256'], cryptoProvider)).message).toMatch(/HS256 has no matching key/);
  });

  it('namesKey: a single key names only its own JWK kid; a set names its members; a remote set its last fetch', () => {
    expect(compileKeyRing({ key: SECRET }, ['HS256'], cryptoProvider).namesKey('HS256', 'anything')).toBe(false);
    const jwk = compileKeyRing({ key: { kty: 'oct', k: b64u(SECRET), kid: 'k1' } }, ['HS256'], cryptoProvider);
    expect(jwk.namesKey('HS256', 'k1')).toBe(true);
    expect(jwk.namesKey('HS256', 'k2')).toBe(false);
    const set = compileKeyRing({ jwks: { keys: [{ kty: 'oct', k: b64u(SECRET), kid: 'a' }] } }, ['HS256'], cryptoProvider);
    expect(set.namesKey('HS256', 'a')).toBe(true);
    expect(set.namesKey('HS256', 'b')).toBe(false);
    const remote = compileKeyRing({ jwksUrl: 'https://issuer.example/jwks.json' }, ['ES256'], cryptoProvider);
    expect(remote.remote).toBe(true);
    expect(remote.namesKey('ES256', 'a')).toBe(false); // nothing fetched yet (fetching is lazy)
    expect(remote.local).toBeUndefined(); // verifySync's KEY_ASYNC is thrown in one place, jws.ts
  });

  it('an oct key or set member whose k holds public key material is refused (the HMAC secret rule)', () => {
    const pem = ec.publicKey.export({ type: 'spki', format: 'pem' }) as string;
    expect(caught(() => compileKeyRing({ key: { kty: 'oct', k: b64u(pem) } }, ['HS256'], cryptoProvider)).message).toMatch(/public key material/);
    expect(caught(() => compileKeyRing({ jwks: { keys: [{ kty: 'oct', k: b64u(pem) }] } }, ['HS256'], cryptoProvider)).message).toMatch(/public key material/);
  });
});
