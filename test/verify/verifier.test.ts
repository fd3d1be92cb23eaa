// Unit tests: every option, every code, the alg-confusion attack, key sources and the metrics hook.
import { createHmac, generateKeyPairSync, type KeyObject } from 'node:crypto';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { CAPTOKEN_ERROR_CODES } from '../../src/errors.js';
import { cryptoProvider as web } from '../../src/verify/crypto-web.js';
import { createJwsVerifier, createVerifier, tokenFormat, type VerifyResultEvent } from '../../src/verify/index.js';
import { buildVerifier } from '../../src/verify/verifier.js';
import { b64u, enc, expectCode, expectRejectCode } from './support.js';

const SECRET = 'a-shared-secret-of-at-least-32-bytes!';
const NOW = 1_800_000_000_000;
const now = () => NOW;
const T = NOW / 1000;

/** An HS256 token from raw header/payload JSON text (so malformed claims can be written). */
function hs(header: object | string, payload: object | string, secret: string | Uint8Array = SECRET, alg = 'sha256'): string {
  const h = b64u(typeof header === 'string' ? header : JSON.stringify(header));
  const p = b64u(typeof payload === 'string' ? payload : JSON.stringify(payload));
  const mac = createHmac(alg, secret).update(`${h}.${p}`).digest('base64url');
  return `${h}.${p}.${mac}`;
}
const verifier = (extra: object = {}) => createVerifier({ algorithms: ['HS256'], key: SECRET, now, ...extra });

describe('configuration is checked at construction (CONFIG_INVALID)', () => {
  const bad: [string, () => unknown][] = [
    ['no options', () => createVerifier(undefined as never)],
    ['no algorithms', () => createVerifier({ key: SECRET } as never)],
    ['an empty algorithm list', () => createVerifier({ algorithms: [], key: SECRET })],
    ["'none'", () => createVerifier({ algorithms: ['none' as 'HS256'], key: SECRET })],
    ['an unknown algorithm', () => createVerifier({ algorithms: ['HS1' as 'HS256'], key: SECRET })],
    ['an unknown option', () => createVerifier({ algorithms: ['HS256'], key: SECRET, isuser: 'x' } as never)],
    ['no key source', () => createVerifier({ algorithms: ['HS256'] })],
    ['two key sources', () => createVerifier({ algorithms: ['HS256'], key: SECRET, jwks: { keys: [] } })],
    ['an algorithm without a matching key (RS256 with a secret)', () => createVerifier({ algorithms: ['HS256', 'RS256'], key: SECRET })],
    ['a 31-byte HS256 string secret', () => createVerifier({ algorithms: ['HS256'], key: 'x'.repeat(31) })],
    ['a 47-byte HS384 secret', () => createVerifier({ algorithms: ['HS384'], key: 'x'.repeat(47) })],
    ['a 63-byte HS512 secret', () => createVerifier({ algorithms: ['HS512'], key: 'x'.repeat(63) })],
    ['a 31-byte Uint8Array secret', () => createVerifier({ algorithms: ['HS256'], key: new Uint8Array(31) })],
    ['a negative clockTolerance', () => verifier({ clockTolerance: -1 })],
    ['a non-numeric maxTokenAge', () => verifier({ maxTokenAge: '1h' })],
    ['an empty issuer list', () => verifier({ issuer: [] })],
    ['a non-string audience', () => verifier({ audience: [1] })],
    ['an empty subject', () => verifier({ subject: '' })],
    ['requiredClaims not an array', () => verifier({ requiredClaims: 'exp' })],
    ['a non-function now', () => verifier({ now: 5 })],
    ['a non-function onResult', () => verifier({ onResult: {} })],
    ['cache.max 0', () => verifier({ cache: { max: 0, ttlSeconds: 1 } })],
    ['cache without ttl', () => verifier({ cache: { max: 10 } })],
    ['an unknown cache option', () => verifier({ cache: { max: 10, ttlSeconds: 1, key: 'x' } })],
    ['a bad maxLength', () => verifier({ maxLength: 0 })],
    ['jwksOptions without jwksUrl', () => createVerifier({ algorithms: ['HS256'], key: SECRET, jwksOptions: {} })],
    ['a non-http jwksUrl', () => createVerifier({ algorithms: ['RS256'], jwksUrl: 'file:///etc/jwks.json' })],
    ['an unknown jwksOptions member', () => createVerifier({ algorithms: ['RS256'], jwksUrl: 'https://x.example/jwks', jwksOptions: { agent: 1 } as never })],
    ['a key of the wrong kind', () => createVerifier({ algorithms: ['HS256'], key: 42 as never })],
    ['a JWKS passed as key', () => createVerifier({ algorithms: ['HS256'], key: { keys: [] } as never })],
    ['JWS verifier with a JWT option', () => createJwsVerifier({ algorithms: ['HS256'], key: SECRET, issuer: 'x' } as never)],
  ];
  for (const [name, make] of bad) {
    it(name, () => {
      expectCode(make, 'CONFIG_INVALID');
    });
  }

  it('accepts secrets of exactly the hash length', () => {
    createVerifier({ algorithms: ['HS256'], key: 'x'.repeat(32) });
    createVerifier({ algorithms: ['HS384'], key: 'x'.repeat(48) });
    createVerifier({ algorithms: ['HS512'], key: new Uint8Array(64) });
  });

  it('refuses an RSA key under 2048 bits, as a KeyObject and as a JWK', () => {
    const { publicKey } = generateKeyPairSync('rsa', { modulusLength: 1024 });
    const e1 = expectCode(() => createVerifier({ algorithms: ['RS256'], key: publicKey }), 'CONFIG_INVALID');
    expect(e1.message).toMatch(/2048/);
    const jwk = publicKey.export({ format: 'jwk' });
    expectCode(() => createVerifier({ algorithms: ['RS256'], key: jwk }), 'CONFIG_INVALID');
    expectCode(() => buildVerifier({ algorithms: ['RS256'], key: jwk }, web), 'CONFIG_INVALID');
  });

  it('never echoes a secret in a configuration error', () => {
    const secret = 'short-secret-value';
    const error = expectCode(() => createVerifier({ algorithms: ['HS256'], key: secret }), 'CONFIG_INVALID');
    expect(error.message).not.toContain(secret);
  });
});

describe('keys', () => {
  let rsa: CryptoKeyPair;
  let ec: CryptoKeyPair;
  let ed: CryptoKeyPair;
  beforeAll(async () => {
    rsa = await jose.generateKeyPair('RS256', { extractable: true });
    ec = await jose.generateKeyPair('ES256', { extractable: true });
    ed = await jose.generateKeyPair('EdDSA', { extractable: true });
  });

  it('the classic alg-confusion attack (HS256 signed with the RSA public key PEM) cannot succeed', async () => {
    const pem = await jose.exportSPKI(rsa.publicKey);
    const forged = hs({ alg: 'HS256', typ: 'JWT' }, { sub: 'admin' }, pem);
    // The verifier for RS256 refuses the HS256 header.
    const err = expectCode(() => createVerifier({ algorithms: ['RS256'], key: rsa.publicKey }).verifySync(forged), 'ALG_NOT_ALLOWED');
    expect(err.claim).toBe('alg');
    // Allowing both algorithms for one RSA key is a configuration error, not a per-token decision.
    expectCode(() => createVerifier({ algorithms: ['RS256', 'HS256'], key: rsa.publicKey }), 'CONFIG_INVALID');
    const rsaJwk = await jose.exportJWK(rsa.publicKey);
    expectCode(() => createVerifier({ algorithms: ['HS256'], key: rsaJwk }), 'CONFIG_INVALID');
    // A PEM text is never accepted as an HMAC secret.
    expectCode(() => createVerifier({ algorithms: ['HS256'], key: pem }), 'CONFIG_INVALID');
    // Same key as a KeyObject, and as a JWK in a set: the HS256 token finds no key.
    const jwk = { ...(await jose.exportJWK(rsa.publicKey)), kid: 'r' };
    expectCode(() => createVerifier({ algorithms: ['RS256'], jwks: { keys: [jwk] } }).verifySync(forged), 'ALG_NOT_ALLOWED');
  });

  it('accepts CryptoKey, KeyObject, JWK, Uint8Array and string keys', async () => {
    const token = await new jose.SignJWT({ sub: 's' }).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
    const { KeyObject } = await import('node:crypto');
    for (const key of [ec.publicKey, KeyObject.from(ec.publicKey), await jose.exportJWK(ec.publicKey)]) {
      expect(createVerifier({ algorithms: ['ES256'], key }).verifySync(token).payload).toEqual({ sub: 's' });
    }
    const secret = enc(SECRET);
    expect(createVerifier({ algorithms: ['HS256'], key: secret }).verifySync(hs({ alg: 'HS256' }, { a: 1 })).payload).toEqual({ a: 1 });
  });

  it('refuses private keys, encryption JWKs, JWKs without verify in key_ops, and CryptoKeys bound elsewhere', async () => {
    expectCode(() => createVerifier({ algorithms: ['ES256'], key: ec.privateKey }), 'CONFIG_INVALID');
    const pub = await jose.exportJWK(ec.publicKey);
    const priv = await jose.exportJWK(ec.privateKey);
    expectCode(() => createVerifier({ algorithms: ['ES256'], key: priv }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['ES256'], key: { ...pub, use: 'enc' } }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['ES256'], key: { ...pub, key_ops: ['sign'] } }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['ES256'], key: { ...pub, alg: 'ES384' } }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['ES384'], key: pub }), 'CONFIG_INVALID');
    createVerifier({ algorithms: ['ES256'], key: { ...pub, use: 'sig', key_ops: ['verify'], alg: 'ES256' } });
    // An RS256-bound CryptoKey cannot verify PS256.
    expectCode(() => createVerifier({ algorithms: ['PS256'], key: rsa.publicKey }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['EdDSA'], key: ec.publicKey }), 'CONFIG_INVALID');
    createVerifier({ algorithms: ['EdDSA'], key: ed.publicKey });
  });

  it('selects a key from a local JWKS by kid', async () => {
    const a = { ...(await jose.exportJWK(ec.publicKey)), kid: 'a' };
    const b = { ...(await jose.exportJWK(ed.publicKey)), kid: 'b' };
    const encKey = { ...(await jose.exportJWK(rsa.publicKey)), kid: 'c', use: 'enc' };
    const v = createVerifier({ algorithms: ['ES256', 'EdDSA'], jwks: { keys: [a, b, encKey] } });
    const ta = await new jose.SignJWT({ k: 'a' }).setProtectedHeader({ alg: 'ES256', kid: 'a' }).sign(ec.privateKey);
    const tb = await new jose.SignJWT({ k: 'b' }).setProtectedHeader({ alg: 'EdDSA', kid: 'b' }).sign(ed.privateKey);
    expect(v.verifySync(ta)).toMatchObject({ alg: 'ES256', kid: 'a', payload: { k: 'a' } });
    expect((await v.verify(tb)).kid).toBe('b');
    const unknownKid = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'zz' }).sign(ec.privateKey);
    expectCode(() => v.verifySync(unknownKid), 'KEY_NOT_FOUND');
    const wrongKid = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256', kid: 'b' }).sign(ec.privateKey);
    expectCode(() => v.verifySync(wrongKid), 'KEY_NOT_FOUND');
    // Without a kid: fine when one key fits the alg, refused when several do.
    const noKid = await new jose.SignJWT({}).setProtectedHeader({ alg: 'ES256' }).sign(ec.privateKey);
    expect(v.verifySync(noKid).kid).toBeUndefined();
    const other = await jose.generateKeyPair('ES256', { extractable: true });
    const two = createVerifier({ algorithms: ['ES256'], jwks: { keys: [a, { ...(await jose.exportJWK(other.publicKey)), kid: 'a2' }] } });
    expectCode(() => two.verifySync(noKid), 'KEY_NOT_FOUND');
    // Set-level configuration errors.
    expectCode(() => createVerifier({ algorithms: ['ES256'], jwks: { keys: [a, a] } }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['ES256', 'RS256'], jwks: { keys: [a] } }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['ES256'], jwks: { keys: [encKey] } }), 'CONFIG_INVALID');
    expectCode(() => createVerifier({ algorithms: ['ES256'], jwks: [a] as never }), 'CONFIG_INVALID');
  });

  it('on the WebCrypto path a JWK WebCrypto cannot import is CONFIG_INVALID at the first verify (documented)', async () => {
    // A P-256 point that is not on the curve: the member checks pass, the import fails.
    const bad = { kty: 'EC', crv: 'P-256', x: b64u(new Uint8Array(32).fill(1)), y: b64u(new Uint8Array(32).fill(2)) };
    const v = buildVerifier({ algorithms: ['ES256'], key: bad }, web);
    const token = `${b64u('{"alg":"ES256"}')}.${b64u('{}')}.${b64u(new Uint8Array(64))}`;
    await expectRejectCode(v.verify(token), 'CONFIG_INVALID');
    await expectRejectCode(v.verify(token), 'CONFIG_INVALID');
    // On Node the same key fails at construction.
    expectCode(() => createVerifier({ algorithms: ['ES256'], key: bad }), 'CONFIG_INVALID');
  });

  it('verifySync on the WebCrypto path throws KEY_ASYNC; verify works', async () => {
    const v = buildVerifier({ algorithms: ['HS256'], key: SECRET, now }, web);
    const token = hs({ alg: 'HS256' }, { a: 1 });
    expectCode(() => v.verifySync(token), 'KEY_ASYNC');
    expect((await v.verify(token)).payload).toEqual({ a: 1 });
  });
});

describe('header rules', () => {
  it('rejects crit (CRIT_UNSUPPORTED) and b64 (RFC 7797) in any form', () => {
    expect(expectCode(() => verifier().verifySync(hs({ alg: 'HS256', crit: ['exp'], exp: 1 }, {})), 'CRIT_UNSUPPORTED').claim).toBe('crit');
    expectCode(() => verifier().verifySync(hs({ alg: 'HS256', crit: ['b64'], b64: false }, {})), 'CRIT_UNSUPPORTED');
    expect(expectCode(() => verifier().verifySync(hs({ alg: 'HS256', b64: false }, {})), 'CRIT_UNSUPPORTED').claim).toBe('b64');
    expectCode(() => verifier().verifySync(hs({ alg: 'HS256', crit: [] }, {})), 'CRIT_UNSUPPORTED');
  });

  it('rejects an unknown, missing, none or not-allowed alg (ALG_NOT_ALLOWED)', () => {
    for (const header of [{ alg: 'HS999' }, {}, { alg: 'none' }, { alg: 'NONE' }, { alg: 'HS384' }, { alg: 256 }, { alg: 'toString' }]) {
      expect(expectCode(() => verifier().verifySync(hs(header, {})), 'ALG_NOT_ALLOWED').claim).toBe('alg');
    }
  });

  it('rejects a non-string kid, typ or cty (CLAIM_INVALID)', () => {
    expect(expectCode(() => verifier().verifySync(hs({ alg: 'HS256', kid: 1 }, {})), 'CLAIM_INVALID').claim).toBe('kid');
    expect(expectCode(() => verifier().verifySync(hs({ alg: 'HS256', typ: ['JWT'] }, {})), 'CLAIM_INVALID').claim).toBe('typ');
    expect(expectCode(() => verifier().verifySync(hs({ alg: 'HS256', cty: null }, {})), 'CLAIM_INVALID').claim).toBe('cty');
  });

  it('rejects duplicate members and the JSON serialization', () => {
    expectCode(() => verifier().verifySync(hs('{"alg":"HS256","alg":"none"}', {})), 'TOKEN_DUPLICATE_MEMBER');
    expectCode(() => verifier().verifySync(hs({ alg: 'HS256' }, '{"sub":"a","sub":"b"}')), 'TOKEN_DUPLICATE_MEMBER');
    const json = JSON.stringify({ protected: 'eyJhbGciOiJIUzI1NiJ9', payload: 'e30', signature: 'AAAA' });
    expect(expectCode(() => verifier().verifySync(json), 'TOKEN_MALFORMED').message).toMatch(/JSON serialization/);
  });
});

describe('signature and structure', () => {
  it('rejects a wrong signature, a changed payload, a short signature and a foreign key', () => {
    const token = hs({ alg: 'HS256' }, { sub: 'a' });
    const [h, p, s] = token.split('.') as [string, string, string];
    const err = expectCode(() => verifier().verifySync(`${h}.${p}.${s.slice(0, -4)}AAAA`), 'SIGNATURE_INVALID');
    expect(err).toMatchObject({ segment: 'signature', offset: h.length + p.length + 2 });
    expectCode(() => verifier().verifySync(`${h}.${b64u('{"sub":"b"}')}.${s}`), 'SIGNATURE_INVALID');
    expectCode(() => verifier().verifySync(`${h}.${p}.${s.slice(0, 40)}`), 'SIGNATURE_INVALID');
    expectCode(() => verifier().verifySync(hs({ alg: 'HS256' }, {}, 'another-secret-of-32-bytes-or-more!!')), 'SIGNATURE_INVALID');
  });

  it('applies maxLength and the codec', () => {
    const token = hs({ alg: 'HS256' }, { sub: 'a' });
    expectCode(() => verifier({ maxLength: 20 }).verifySync(token), 'TOKEN_TOO_LARGE');
    expectCode(() => verifier().verifySync('a.b'), 'TOKEN_MALFORMED');
    expectCode(() => verifier().verifySync(42 as never), 'TOKEN_MALFORMED');
    expectCode(() => verifier().verifySync(`${token}=`), 'BASE64URL_PADDING');
  });

  it('JWT payloads must be JSON objects; JWS payloads are bytes', () => {
    const token = hs({ alg: 'HS256' }, 'not json');
    expectCode(() => verifier().verifySync(token), 'TOKEN_JSON');
    expectCode(() => verifier().verifySync(hs({ alg: 'HS256' }, '[1]')), 'TOKEN_JSON');
    const jws = createJwsVerifier({ algorithms: ['HS256'], key: SECRET }).verifySync(token);
    expect(new TextDecoder().decode(jws.payload)).toBe('not json');
    // The JWS header must still be a strict JSON object.
    expectCode(() => createJwsVerifier({ algorithms: ['HS256'], key: SECRET }).verifySync(hs('"HS256"', 'x')), 'TOKEN_JSON');
  });

  it('messages never contain the token or its signature', () => {
    const token = hs({ alg: 'HS256' }, { sub: 'secret-subject-value' });
    const [h, p] = token.split('.');
    const bad = `${h}.${p}.${'A'.repeat(43)}`;
    for (const t of [bad, token.replace('.', '..'), `${token}x`]) {
      try {
        verifier({ subject: 'other' }).verifySync(t);
      } catch (error) {
        expect((error as Error).message).not.toContain(t);
        expect((error as Error).message).not.toContain('secret-subject-value');
      }
    }
  });
});

describe('claims', () => {
  const v = verifier;
  const ok = (payload: object | string, extra: object = {}) => v(extra).verifySync(hs({ alg: 'HS256', typ: 'JWT' }, payload));
  const fails = (payload: object | string, code: Parameters<typeof expectCode>[1], extra: object = {}) =>
    expectCode(() => ok(payload, extra), code);

  it('exp with clockTolerance', () => {
    expect(fails({ exp: T }, 'TOKEN_EXPIRED').claim).toBe('exp');
    fails({ exp: T - 10 }, 'TOKEN_EXPIRED', { clockTolerance: 10 });
    ok({ exp: T + 1 });
    ok({ exp: T - 9 }, { clockTolerance: 10 });
  });

  it('nbf with clockTolerance', () => {
    expect(fails({ nbf: T + 1 }, 'TOKEN_NOT_YET_VALID').claim).toBe('nbf');
    ok({ nbf: T });
    ok({ nbf: T + 5 }, { clockTolerance: 5 });
  });

  it('iat not in the future; maxTokenAge', () => {
    expect(fails({ iat: T + 1 }, 'CLAIM_INVALID').claim).toBe('iat');
    ok({ iat: T + 1 }, { clockTolerance: 1 });
    ok({ iat: T - 60 }, { maxTokenAge: 60 });
    expect(fails({ iat: T - 61 }, 'TOKEN_EXPIRED', { maxTokenAge: 60 }).claim).toBe('iat');
    expect(fails({}, 'CLAIM_INVALID', { maxTokenAge: 60 }).claim).toBe('iat');
  });

  it('wrong JSON types are CLAIM_INVALID with the claim, never coerced', () => {
    const cases: [string, object | string][] = [
      ['exp', { exp: String(T + 100) }],
      ['exp', `{"exp":1e999}`],
      ['nbf', { nbf: null }],
      ['iat', { iat: [T] }],
      ['iss', { iss: 1 }],
      ['sub', { sub: { id: 1 } }],
      ['jti', { jti: 7 }],
      ['aud', { aud: 5 }],
    ];
    for (const [claim, payload] of cases) expect(fails(payload, 'CLAIM_INVALID').claim, claim).toBe(claim);
    const err = fails({ aud: ['a', 2] }, 'CLAIM_INVALID');
    expect(err).toMatchObject({ claim: 'aud', index: 1 });
  });

  it('iss, sub, aud', () => {
    ok({ iss: 'AC1' }, { issuer: 'AC1' });
    ok({ iss: 'AC2' }, { issuer: ['AC1', 'AC2'] });
    expect(fails({ iss: 'AC3' }, 'CLAIM_INVALID', { issuer: ['AC1'] }).claim).toBe('iss');
    fails({}, 'CLAIM_INVALID', { issuer: 'AC1' });
    ok({ sub: 'alice' }, { subject: 'alice' });
    expect(fails({ sub: 'bob' }, 'CLAIM_INVALID', { subject: 'alice' }).claim).toBe('sub');
    ok({ aud: 'api' }, { audience: 'api' });
    ok({ aud: ['x', 'api'] }, { audience: ['api', 'web'] });
    expect(fails({ aud: ['x'] }, 'CLAIM_INVALID', { audience: 'api' }).claim).toBe('aud');
    fails({}, 'CLAIM_INVALID', { audience: 'api' });
  });

  it('typ (header), case-insensitive, application/ optional', () => {
    ok({}, { typ: 'jwt' });
    ok({}, { typ: 'application/JWT' });
    expect(fails({}, 'CLAIM_INVALID', { typ: 'at+jwt' }).claim).toBe('typ');
    expectCode(() => v({ typ: 'JWT' }).verifySync(hs({ alg: 'HS256' }, {})), 'CLAIM_INVALID');
  });

  it('requiredClaims', () => {
    ok({ exp: T + 10, jti: 'x' }, { requiredClaims: ['exp', 'jti'] });
    expect(fails({ exp: T + 10 }, 'CLAIM_INVALID', { requiredClaims: ['exp', 'jti'] }).claim).toBe('jti');
  });

  it('a clock that returns NaN or a non-number fails closed (CONFIG_INVALID), never accepts an expired token', () => {
    const token = hs({ alg: 'HS256' }, { exp: 1 });
    expectCode(() => verifier({ now: () => NaN }).verifySync(token), 'CONFIG_INVALID');
    expectCode(() => verifier({ now: () => '1800000000000' }).verifySync(token), 'CONFIG_INVALID');
    expectCode(() => verifier({ now: () => new Date(NOW) }).verifySync(hs({ alg: 'HS256' }, {})), 'CONFIG_INVALID');
  });

  it('the injected clock is used (not Date.now)', () => {
    const token = hs({ alg: 'HS256' }, { exp: T + 60 });
    verifier({ now: () => NOW }).verifySync(token);
    expectCode(() => verifier({ now: () => NOW + 60_000 }).verifySync(token), 'TOKEN_EXPIRED');
  });
});

describe('cache', () => {
  it('serves a hit as the same frozen result, and re-checks exp against the clock', () => {
    let clock = NOW;
    const v = verifier({ now: () => clock, cache: { max: 10, ttlSeconds: 3600 } });
    const token = hs({ alg: 'HS256' }, { sub: 'a', exp: T + 60 });
    const first = v.verifySync(token);
    expect(Object.isFrozen(first.payload)).toBe(true);
    expect(v.verifySync(token)).toBe(first);
    clock = NOW + 60_000;
    expectCode(() => v.verifySync(token), 'TOKEN_EXPIRED');
    clock = NOW;
    expect(v.verifySync(token)).not.toBe(first); // the expired entry was dropped and re-verified
  });

  it('never serves outside nbf, maxTokenAge or ttl', async () => {
    let clock = NOW;
    const v = verifier({ now: () => clock, cache: { max: 10, ttlSeconds: 5 }, maxTokenAge: 100 });
    const token = hs({ alg: 'HS256' }, { nbf: T, iat: T });
    const first = v.verifySync(token);
    clock = NOW - 1000;
    expectCode(() => v.verifySync(token), 'TOKEN_NOT_YET_VALID');
    clock = NOW;
    const second = v.verifySync(token);
    expect(v.verifySync(token)).toBe(second);
    clock = NOW + 6000; // past the ttl: re-verified, a new object
    expect(await v.verify(token)).not.toBe(second);
    clock = NOW + 101_000;
    expectCode(() => v.verifySync(token), 'TOKEN_EXPIRED');
    expect(first.payload).toEqual({ nbf: T, iat: T });
  });

  it('evicts the least recently used entry and caches failures never', () => {
    const v = verifier({ cache: { max: 2, ttlSeconds: 60 } });
    const [a, b, c] = ['a', 'b', 'c'].map((sub) => hs({ alg: 'HS256' }, { sub }));
    const ra = v.verifySync(a!);
    v.verifySync(b!);
    expect(v.verifySync(a!)).toBe(ra); // a is now the most recent
    v.verifySync(c!); // evicts b
    expect(v.verifySync(a!)).toBe(ra);
    const bad = `${a!.slice(0, -4)}AAAA`;
    expectCode(() => v.verifySync(bad), 'SIGNATURE_INVALID');
    expectCode(() => v.verifySync(bad), 'SIGNATURE_INVALID');
  });

  it('keeps the claim checks of the verifier that cached (a hit never bypasses them)', () => {
    const v = verifier({ cache: { max: 10, ttlSeconds: 60 }, issuer: 'AC1' });
    const token = hs({ alg: 'HS256' }, { iss: 'AC2' });
    expectCode(() => v.verifySync(token), 'CLAIM_INVALID');
    expectCode(() => v.verifySync(token), 'CLAIM_INVALID');
  });
});

describe('onResult metrics hook', () => {
  it('is called once per verification with ok, alg, kid, format and duration, never the token or claim values', async () => {
    const events: VerifyResultEvent[] = [];
    const v = verifier({ onResult: (e: VerifyResultEvent) => events.push(e) });
    const cap = hs({ alg: 'HS256', kid: 'k1' }, { scope: 'scope:client:incoming?clientName=alice', sub: 'secret-sub' });
    v.verifySync(cap);
    await v.verify(hs({ alg: 'HS256', cty: 'twilio-fpa;v=1' }, { grants: { identity: 'bob' } }));
    v.verifySync(hs({ alg: 'HS256' }, { sub: 'x' }));
    // The single secret has no kid: the token's 'k1' names no configured key, so it is not reported (finding 2).
    expect(events.map((e) => [e.ok, e.format, e.alg, e.kid])).toEqual([
      [true, 'capability', 'HS256', undefined],
      [true, 'access', 'HS256', undefined],
      [true, 'jwt', 'HS256', undefined],
    ]);
    for (const e of events) {
      expect(e.durationMs).toBeGreaterThanOrEqual(0);
      expect(Object.keys(e).sort()).toEqual(expect.arrayContaining(['durationMs', 'ok']));
      const text = JSON.stringify(e);
      expect(text).not.toContain('alice');
      expect(text).not.toContain('secret-sub');
      expect(text).not.toContain(cap.slice(0, 20));
    }
  });

  it('reports failures with their code, once, for sync and async', async () => {
    const events: VerifyResultEvent[] = [];
    const v = verifier({ onResult: (e: VerifyResultEvent) => events.push(e) });
    expectCode(() => v.verifySync(hs({ alg: 'HS256' }, { exp: T - 1, scope: 's' })), 'TOKEN_EXPIRED');
    await expectRejectCode(v.verify('x.y'), 'TOKEN_MALFORMED');
    expectCode(() => v.verifySync(hs({ alg: 'HS384' }, {})), 'ALG_NOT_ALLOWED');
    expect(events).toHaveLength(3);
    expect(events[0]).toMatchObject({ ok: false, code: 'TOKEN_EXPIRED', format: 'capability', alg: 'HS256' });
    expect(events[1]).toMatchObject({ ok: false, code: 'TOKEN_MALFORMED' });
    expect(events[1]!.alg).toBeUndefined();
    expect(events[2]).toMatchObject({ ok: false, code: 'ALG_NOT_ALLOWED' });
    expect(events[2]!.alg).toBeUndefined(); // a refused alg is not reported (it is attacker-chosen text)
  });

  it('reports a kid only when it named a configured key (an unknown kid is attacker-chosen text)', async () => {
    const events: VerifyResultEvent[] = [];
    const jwk = { kty: 'oct', k: b64u(SECRET), kid: 'known' };
    const v = createVerifier({ algorithms: ['HS256'], jwks: { keys: [jwk] }, now, onResult: (e: VerifyResultEvent) => events.push(e) });
    expectCode(() => v.verifySync(hs({ alg: 'HS256', kid: 'x'.repeat(500) }, {})), 'KEY_NOT_FOUND');
    expectCode(() => v.verifySync(hs({ alg: 'HS256', kid: 'known' }, {}, 'another-secret-of-32-bytes-or-more!!')), 'SIGNATURE_INVALID');
    await v.verify(hs({ alg: 'HS256', kid: 'known' }, {}));
    expect(events.map((e) => [e.code, e.kid])).toEqual([
      ['KEY_NOT_FOUND', undefined],
      ['SIGNATURE_INVALID', 'known'],
      [undefined, 'known'],
    ]);
  });

  it('a throwing callback changes nothing', async () => {
    const v = verifier({
      onResult: () => {
        throw new Error('metrics down');
      },
    });
    const token = hs({ alg: 'HS256' }, { a: 1 });
    expect(v.verifySync(token).payload).toEqual({ a: 1 });
    expect((await v.verify(token)).payload).toEqual({ a: 1 });
    expectCode(() => v.verifySync(`${token.slice(0, -4)}AAAA`), 'SIGNATURE_INVALID');
  });
});

describe('tokenFormat', () => {
  it('classifies access, capability and other tokens', () => {
    expect(tokenFormat({ cty: 'twilio-fpa;v=1' }, { grants: {} })).toBe('access');
    expect(tokenFormat({ cty: 'twilio-fpa;v=1' }, { grants: [] })).toBe('jwt');
    expect(tokenFormat({}, { grants: {} })).toBe('jwt');
    expect(tokenFormat({}, { scope: 'scope:x' })).toBe('capability');
    expect(tokenFormat({}, { scope: ['scope:x'] })).toBe('jwt');
    expect(tokenFormat({ cty: 'twilio-fpa;v=1' }, { grants: {}, scope: 'x' })).toBe('access');
  });
});

describe('error codes used by the verifier exist in the closed union', () => {
  it('every code asserted here is a CaptokenErrorCode', () => {
    for (const code of ['ALG_NOT_ALLOWED', 'KEY_NOT_FOUND', 'KEY_ASYNC', 'SIGNATURE_INVALID', 'TOKEN_EXPIRED', 'TOKEN_NOT_YET_VALID', 'CLAIM_INVALID', 'CRIT_UNSUPPORTED', 'CONFIG_INVALID'] as const) {
      expect(CAPTOKEN_ERROR_CODES).toContain(code);
    }
  });
});

export type { KeyObject };
