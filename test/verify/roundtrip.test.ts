// Cross-library round trips: tokens minted by jose (SignJWT), fast-jwt (createSigner) and
// jsonwebtoken (sign) verify here, on the Node and WebCrypto paths.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import { createSigner } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { cryptoProvider as web } from '../../src/runtime/crypto-web.js';
import type { JwsAlgorithm } from '../../src/verify/algorithms.js';
import { createVerifier } from '../../src/verify/index.js';
import { buildVerifier } from '../../src/verify/verifier.js';

const SECRET = 'round-trip-secret-that-is-long-enough-for-hs512-0123456789abcdef';
const keys = {} as Record<string, { privateKey: KeyObject; publicKey: KeyObject }>;

beforeAll(() => {
  keys['RSA'] = generateKeyPairSync('rsa', { modulusLength: 2048 });
  keys['P-256'] = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  keys['P-384'] = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  keys['P-521'] = generateKeyPairSync('ec', { namedCurve: 'P-521' });
  keys['Ed25519'] = generateKeyPairSync('ed25519');
});

function pairFor(alg: JwsAlgorithm): { privateKey: KeyObject; publicKey: KeyObject } | undefined {
  if (alg.startsWith('HS')) return undefined;
  if (alg.startsWith('RS') || alg.startsWith('PS')) return keys['RSA'];
  if (alg === 'ES256') return keys['P-256'];
  if (alg === 'ES384') return keys['P-384'];
  if (alg === 'ES512') return keys['P-521'];
  return keys['Ed25519'];
}
const pem = (k: KeyObject) => k.export({ type: k.type === 'private' ? 'pkcs8' : 'spki', format: 'pem' }) as string;

const ALL: JwsAlgorithm[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const JSONWEBTOKEN: JwsAlgorithm[] = ALL.filter((a) => a !== 'EdDSA'); // jsonwebtoken 9 has no EdDSA

async function check(alg: JwsAlgorithm, token: string): Promise<void> {
  const pair = pairFor(alg);
  const key = pair === undefined ? SECRET : pair.publicKey;
  const verified = createVerifier({ algorithms: [alg], key, issuer: 'AC1' }).verifySync(token);
  expect(verified.payload).toMatchObject({ sub: 'alice', iss: 'AC1' });
  expect(verified.alg).toBe(alg);
  const jwk = pair === undefined ? SECRET : (pair.publicKey.export({ format: 'jwk' }) as jose.JWK);
  expect((await buildVerifier({ algorithms: [alg], key: jwk, issuer: 'AC1' }, web).verify(token)).payload).toEqual(verified.payload);
}

describe('cross-library round trips', () => {
  for (const alg of ALL) {
    it(`${alg}: jose SignJWT`, async () => {
      const pair = pairFor(alg);
      const key = pair === undefined ? new TextEncoder().encode(SECRET) : pair.privateKey;
      const token = await new jose.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg, typ: 'JWT' }).setIssuer('AC1').setIssuedAt().setExpirationTime('5m').sign(key);
      await check(alg, token);
    });

    it(`${alg}: fast-jwt createSigner`, async () => {
      const pair = pairFor(alg);
      const sign = createSigner({ key: pair === undefined ? SECRET : pem(pair.privateKey), algorithm: alg, expiresIn: 300_000, iss: 'AC1' });
      await check(alg, sign({ sub: 'alice' }));
    });
  }
  for (const alg of JSONWEBTOKEN) {
    it(`${alg}: jsonwebtoken sign`, async () => {
      const pair = pairFor(alg);
      const token = jsonwebtoken.sign({ sub: 'alice' }, pair === undefined ? SECRET : pem(pair.privateKey), { algorithm: alg as jsonwebtoken.Algorithm, issuer: 'AC1', expiresIn: 300 });
      await check(alg, token);
    });
  }
});
