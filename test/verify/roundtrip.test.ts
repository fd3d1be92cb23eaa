// Cross-library round trips, both directions, under one injected clock:
//  - peer → captoken: for all claim sets (jsonClaims() plus iss/sub/aud/exp/nbf/iat valid at NOW),
//    tokens signed by jose (SignJWT), fast-jwt (createSigner) and jsonwebtoken (sign), HS256 and
//    asymmetric, verify with createVerifier (verifySync and verify, Node crypto) and with the
//    WebCrypto provider, and give back exactly the claims and header that were signed (member order
//    included);
//  - captoken → peer: tokens minted by mintCapabilityToken / mintAccessToken verify in
//    jose.jwtVerify, fast-jwt createVerifier and jsonwebtoken.verify with the same secret, and all
//    three peers read the same header and claims as captoken's verifier;
//  - example tests: every algorithm captoken supports, once per peer.
// twilio → captoken (jwt.ClientCapability and jwt.AccessToken, examples and properties) is covered in
// test/mint/twilio.test.ts and is not repeated here.
import { generateKeyPairSync, type KeyObject } from 'node:crypto';
import fc from 'fast-check';
import { createSigner, createVerifier as fastJwtVerifier } from 'fast-jwt';
import * as jose from 'jose';
import jsonwebtoken from 'jsonwebtoken';
import { beforeAll, describe, expect, it } from 'vitest';
import { claimString, jsonClaims } from '../../src/arbitraries/jsonClaims.js';
import type { JsonObject } from '../../src/json.js';
import { mintAccessToken } from '../../src/mint/access-token.js';
import { mintCapabilityToken } from '../../src/mint/capability-token.js';
import { cryptoProvider as web } from '../../src/verify/crypto-web.js';
import type { JwsAlgorithm } from '../../src/verify/algorithms.js';
import { createVerifier } from '../../src/verify/index.js';
import type { VerifiedToken, VerifierOptions } from '../../src/verify/types.js';
import { buildVerifier } from '../../src/verify/verifier.js';
import { capabilityInput, clockMs, extraGrants, sid, text, voiceGrant } from '../capabilities/arbitraries.js';
import { fcParams, seeded } from '../support/fc.js';
import { expectCode } from './support.js';

const SECRET = 'round-trip-secret-that-is-long-enough-for-hs512-0123456789abcdef';
/** The fixed clock of the peer → captoken tests: every signer and verifier reads it, none reads Date.now. */
const NOW_MS = 1_795_301_277_123;
const NOW = Math.floor(NOW_MS / 1000);

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
const signingKey = (alg: JwsAlgorithm) => pairFor(alg)?.privateKey;
/** The verification key on the Node path (a string secret or a public KeyObject) and on the WebCrypto path (a JWK). */
const nodeKey = (alg: JwsAlgorithm) => pairFor(alg)?.publicKey ?? SECRET;
const webKey = (alg: JwsAlgorithm) => {
  const pair = pairFor(alg);
  return pair === undefined ? SECRET : (pair.publicKey.export({ format: 'jwk' }) as jose.JWK);
};

const ALL: JwsAlgorithm[] = ['HS256', 'HS384', 'HS512', 'RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];
const JSONWEBTOKEN: JwsAlgorithm[] = ALL.filter((a) => a !== 'EdDSA'); // jsonwebtoken 9 has no EdDSA
/** The algorithms of the properties: HS256 and one of each asymmetric family the peer supports. */
const PROPERTY_ALGS: JwsAlgorithm[] = ['HS256', 'RS256', 'ES256', 'EdDSA'];

// ---------------------------------------------------------------------------------------------
// Claim sets: any JSON claims, plus registered claims that are valid at NOW.

const REGISTERED: ReadonlySet<string> = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);

interface Registered {
  iss?: string;
  sub?: string;
  aud?: string | string[];
  exp?: number;
  nbf?: number;
  iat?: number;
}

const registered: fc.Arbitrary<Registered> = fc.record(
  {
    iss: claimString,
    sub: claimString,
    aud: fc.oneof(claimString, fc.array(claimString, { minLength: 1, maxLength: 3 })),
    // exp strictly after NOW; nbf and iat at or before NOW: all valid with clockTolerance 0.
    exp: fc.integer({ min: 1, max: 10 ** 8 }).map((d) => NOW + d),
    nbf: fc.integer({ min: 0, max: 10 ** 8 }).map((d) => NOW - d),
    iat: fc.integer({ min: 0, max: 10 ** 8 }).map((d) => NOW - d),
  },
  { requiredKeys: [] },
);

/** Registered claims last, so the key order of the signed JSON is deterministic and known. */
const claimSet: fc.Arbitrary<JsonObject> = fc.tuple(jsonClaims(), registered).map(([custom, reg]) => {
  const claims: JsonObject = {};
  for (const [name, value] of Object.entries(custom)) if (!REGISTERED.has(name)) claims[name] = value;
  return { ...claims, ...(reg as JsonObject) };
});

const kid = fc.option(claimString, { nil: undefined });
/**
 * jsonwebtoken (through jws) writes the header JSON as 'binary' (latin1), not UTF-8: a kid beyond
 * ASCII comes out mangled (see the example below), so its property draws ASCII kids.
 */
/**
 * jsonwebtoken's sign looks every payload member up in a plain-object schema: a claim named like an
 * Object.prototype member ('toString', 'valueOf', …) makes it throw a TypeError (see the example
 * below), so its property leaves such names out.
 */
const noPrototypeNames = (claims: JsonObject): boolean => Object.keys(claims).every((name) => !(name in Object.prototype));
const asciiKid = fc.option(fc.string({ unit: 'grapheme-ascii', maxLength: 24 }), { nil: undefined });

/** Verifier options that demand what the claim set holds: issuer, subject and one audience when present. */
function optionsFor(alg: JwsAlgorithm, claims: JsonObject): Omit<VerifierOptions, 'key'> {
  // createVerifier refuses an empty issuer, subject or audience (CONFIG_INVALID): an empty claim is
  // still signed and read back, just not demanded.
  const nonEmpty = (value: unknown): value is string => typeof value === 'string' && value !== '';
  const aud = claims['aud'];
  const audience = (Array.isArray(aud) ? aud : [aud]).filter(nonEmpty);
  return {
    algorithms: [alg],
    now: () => NOW_MS,
    ...(nonEmpty(claims['iss']) ? { issuer: claims['iss'] } : {}),
    ...(nonEmpty(claims['sub']) ? { subject: claims['sub'] } : {}),
    ...(audience.length === 0 ? {} : { audience: audience[audience.length - 1]! }),
  };
}

/**
 * Verifies `token` with captoken three ways (Node verifySync, Node verify, WebCrypto verify), checks
 * that all give the same result, and that it is exactly `payload` and `header`, member order included.
 */
async function expectVerifiesTo(alg: JwsAlgorithm, token: string, claims: JsonObject, payload: JsonObject, header: JsonObject): Promise<void> {
  const options = optionsFor(alg, claims);
  const node = createVerifier({ ...options, key: nodeKey(alg) });
  const sync = node.verifySync(token);
  const async = await node.verify(token);
  const webResult = await buildVerifier({ ...options, key: webKey(alg) }, web).verify(token);
  expect(sync.payload).toStrictEqual(payload);
  expect(JSON.stringify(sync.payload)).toBe(JSON.stringify(payload));
  expect(sync.header).toStrictEqual(header);
  expect(JSON.stringify(sync.header)).toBe(JSON.stringify(header));
  expect(sync.alg).toBe(alg);
  expect(sync.kid).toBe(header['kid']);
  expect(async).toStrictEqual(sync);
  expect(webResult).toStrictEqual(sync);
}

const headerOf = (alg: JwsAlgorithm, keyId: string | undefined): JsonObject => ({ alg, typ: 'JWT', ...(keyId === undefined ? {} : { kid: keyId }) });

describe('peer → captoken: claim sets signed by jose, fast-jwt and jsonwebtoken verify to exactly what was signed', () => {
  for (const alg of PROPERTY_ALGS) {
    it(seeded(`${alg}: jose SignJWT`), async () => {
      await fc.assert(
        fc.asyncProperty(claimSet, kid, async (claims, keyId) => {
          const header = headerOf(alg, keyId);
          const token = await new jose.SignJWT(claims).setProtectedHeader(header as jose.JWTHeaderParameters).sign(signingKey(alg) ?? new TextEncoder().encode(SECRET));
          await expectVerifiesTo(alg, token, claims, claims, header);
        }),
        fcParams(),
      );
    });

    it(seeded(`${alg}: fast-jwt createSigner (clockTimestamp = NOW)`), async () => {
      await fc.assert(
        fc.asyncProperty(claimSet, kid, async (claims, keyId) => {
          const sign = createSigner({
            key: pairFor(alg) === undefined ? SECRET : pem(signingKey(alg)!),
            algorithm: alg,
            clockTimestamp: NOW_MS,
            ...(keyId === undefined ? {} : { kid: keyId }),
          });
          const token = sign(structuredClone(claims));
          // fast-jwt adds iat from its clock when the claims have none.
          await expectVerifiesTo(alg, token, claims, { ...claims, iat: claims['iat'] ?? NOW }, headerOf(alg, keyId));
        }),
        fcParams(),
      );
    });

    if (!JSONWEBTOKEN.includes(alg)) continue;
    it(seeded(`${alg}: jsonwebtoken sign (noTimestamp unless iat is given)`), async () => {
      await fc.assert(
        fc.asyncProperty(claimSet.filter(noPrototypeNames), asciiKid, async (claims, keyId) => {
          // jsonwebtoken's sign has no clock option: without iat it would read Date.now, so noTimestamp.
          const token = jsonwebtoken.sign(structuredClone(claims), pairFor(alg) === undefined ? SECRET : signingKey(alg)!, {
            algorithm: alg as jsonwebtoken.Algorithm,
            noTimestamp: claims['iat'] === undefined,
            ...(keyId === undefined ? {} : { keyid: keyId }),
          });
          await expectVerifiesTo(alg, token, claims, claims, headerOf(alg, keyId));
        }),
        fcParams(),
      );
    });
  }
});

// ---------------------------------------------------------------------------------------------
// captoken → peers.

const mintSecret = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 32, maxLength: 48 }),
  fc.uint8Array({ minLength: 32, maxLength: 64 }),
);

const asBytes = (secret: string | Uint8Array): Uint8Array => (typeof secret === 'string' ? new TextEncoder().encode(secret) : secret);
const asBuffer = (secret: string | Uint8Array): Buffer => Buffer.from(asBytes(secret));
const json = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/**
 * Verifies a captoken-minted HS256 token with captoken and the three peers, all at clock `ms`, and
 * checks that every peer reads the header and claims captoken reads. Returns captoken's result.
 */
async function verifiedEverywhere(token: string, secret: string | Uint8Array, ms: number): Promise<VerifiedToken> {
  const ours = createVerifier({ algorithms: ['HS256'], key: secret, now: () => ms });
  const sync = ours.verifySync(token);
  expect(await ours.verify(token)).toStrictEqual(sync);

  const viaJose = await jose.jwtVerify(token, asBytes(secret), { algorithms: ['HS256'], currentDate: new Date(ms) });
  const viaFastJwt = fastJwtVerifier({ key: asBuffer(secret), algorithms: ['HS256'], clockTimestamp: ms, complete: true })(token) as {
    header: JsonObject;
    payload: JsonObject;
  };
  const viaJsonwebtoken = jsonwebtoken.verify(token, asBuffer(secret), {
    algorithms: ['HS256'],
    clockTimestamp: Math.floor(ms / 1000),
    complete: true,
  }) as unknown as { header: JsonObject; payload: JsonObject };

  for (const [peer, header, payload] of [
    ['jose', viaJose.protectedHeader, viaJose.payload],
    ['fast-jwt', viaFastJwt.header, viaFastJwt.payload],
    ['jsonwebtoken', viaJsonwebtoken.header, viaJsonwebtoken.payload],
  ] as const) {
    expect(json(payload), `${peer} payload`).toStrictEqual(sync.payload);
    expect(JSON.stringify(payload), `${peer} payload order`).toBe(JSON.stringify(sync.payload));
    expect(json(header), `${peer} header`).toStrictEqual(sync.header);
  }
  return sync;
}

describe('captoken → peers: minted tokens verify in jose, fast-jwt and jsonwebtoken with the same secret and read the same', () => {
  it(seeded('mintCapabilityToken: random scopes, secret, clock and ttl'), async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(capabilityInput, { maxLength: 4 }),
        sid('AC'),
        mintSecret,
        clockMs,
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
        async (capabilities, accountSid, secret, ms, ttl) => {
          const token = await mintCapabilityToken({ accountSid, secret, capabilities, now: () => ms, ...(ttl === undefined ? {} : { ttl }) });
          const { header, payload } = await verifiedEverywhere(token, secret, ms);
          const iat = Math.floor(ms / 1000);
          expect(header).toStrictEqual({ alg: 'HS256', typ: 'JWT' });
          expect(Object.keys(payload)).toStrictEqual(['scope', 'iss', 'exp', 'iat']);
          expect(payload).toMatchObject({ iss: accountSid, iat, exp: iat + (ttl ?? 3600) });
          expect(typeof payload['scope']).toBe('string');
        },
      ),
      fcParams(),
    );
  });

  it(seeded('mintAccessToken: random identity, voice and other grants, ttl, nbf, region and clock'), async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record(
          {
            identity: text.filter((s) => s.length > 0),
            voice: voiceGrant,
            grants: extraGrants,
            ttl: fc.integer({ min: 1, max: 86_400 }),
            nbfBefore: fc.integer({ min: 0, max: 100_000 }),
            region: fc.stringMatching(/^[a-z0-9-]{1,8}$/),
          },
          { requiredKeys: ['identity'] },
        ),
        sid('AC'),
        sid('SK'),
        mintSecret,
        clockMs,
        async ({ identity, voice, grants, ttl, nbfBefore, region }, accountSid, keySid, secret, ms) => {
          const iat = Math.floor(ms / 1000);
          const token = await mintAccessToken({
            accountSid,
            keySid,
            secret,
            identity,
            now: () => ms,
            ...(voice === undefined ? {} : { voice }),
            ...(grants === undefined ? {} : { grants }),
            ...(ttl === undefined ? {} : { ttl }),
            ...(nbfBefore === undefined ? {} : { nbf: iat - nbfBefore }),
            ...(region === undefined ? {} : { region }),
          });
          const { header, payload } = await verifiedEverywhere(token, secret, ms);
          expect(header).toStrictEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1', ...(region === undefined ? {} : { twr: region }) });
          expect(payload).toMatchObject({ jti: `${keySid}-${iat}`, iss: keySid, sub: accountSid, iat, exp: iat + (ttl ?? 3600) });
          expect(payload['nbf']).toBe(nbfBefore === undefined ? undefined : iat - nbfBefore);
          expect((payload['grants'] as JsonObject)['identity']).toBe(identity);
        },
      ),
      fcParams(),
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Examples: every algorithm once per peer, fixed claims, the same injected clock.

async function check(alg: JwsAlgorithm, token: string): Promise<void> {
  const options = { algorithms: [alg], issuer: 'AC1', now: () => NOW_MS };
  const verified = createVerifier({ ...options, key: nodeKey(alg) }).verifySync(token);
  expect(verified.payload).toStrictEqual({ sub: 'alice', iss: 'AC1', iat: NOW, exp: NOW + 300 });
  expect(verified.alg).toBe(alg);
  expect((await buildVerifier({ ...options, key: webKey(alg) }, web).verify(token)).payload).toStrictEqual(verified.payload);
}

describe('cross-library round trips: every algorithm, one fixed claim set', () => {
  for (const alg of ALL) {
    it(`${alg}: jose SignJWT`, async () => {
      const token = await new jose.SignJWT({ sub: 'alice' })
        .setProtectedHeader({ alg, typ: 'JWT' })
        .setIssuer('AC1')
        .setIssuedAt(NOW)
        .setExpirationTime(NOW + 300)
        .sign(signingKey(alg) ?? new TextEncoder().encode(SECRET));
      await check(alg, token);
    });

    it(`${alg}: fast-jwt createSigner`, async () => {
      const pair = pairFor(alg);
      const sign = createSigner({ key: pair === undefined ? SECRET : pem(pair.privateKey), algorithm: alg, expiresIn: 300_000, iss: 'AC1', clockTimestamp: NOW_MS });
      await check(alg, sign({ sub: 'alice' }));
    });
  }
  for (const alg of JSONWEBTOKEN) {
    it(`${alg}: jsonwebtoken sign`, async () => {
      const pair = pairFor(alg);
      // iat in the payload is jsonwebtoken's clock for expiresIn.
      const token = jsonwebtoken.sign({ sub: 'alice', iat: NOW }, pair === undefined ? SECRET : pem(pair.privateKey), { algorithm: alg as jsonwebtoken.Algorithm, issuer: 'AC1', expiresIn: 300 });
      await check(alg, token);
    });
  }

  it('jsonwebtoken writes the header as latin1, not UTF-8: a non-ASCII kid makes a header captoken refuses (TOKEN_UTF8)', () => {
    // jws (under jsonwebtoken) base64url-encodes the header JSON with Buffer encoding 'binary'.
    const latin1 = jsonwebtoken.sign({ sub: 'alice' }, SECRET, { algorithm: 'HS256', keyid: 'é', noTimestamp: true });
    expect(Buffer.from(latin1.split('.')[0]!, 'base64url').toString('hex')).toBe(Buffer.from('{"alg":"HS256","typ":"JWT","kid":"\xe9"}', 'latin1').toString('hex'));
    expectCode(() => createVerifier({ algorithms: ['HS256'], key: SECRET }).verifySync(latin1), 'TOKEN_UTF8');
    // jsonwebtoken reads its own header back as latin1: 'é' survives, '€' (U+20AC) comes back as '¬' (0xAC).
    expect(jsonwebtoken.verify(latin1, SECRET, { complete: true }).header.kid).toBe('é');
    const lossy = jsonwebtoken.sign({ sub: 'alice' }, SECRET, { algorithm: 'HS256', keyid: '€', noTimestamp: true });
    expect(jsonwebtoken.verify(lossy, SECRET, { complete: true }).header.kid).toBe('¬');
    expectCode(() => createVerifier({ algorithms: ['HS256'], key: SECRET }).verifySync(lossy), 'TOKEN_UTF8');
  });

  it("jsonwebtoken's sign throws a TypeError for a claim named like an Object.prototype member; jose and fast-jwt sign it", async () => {
    expect(() => jsonwebtoken.sign({ toString: '' }, SECRET, { algorithm: 'HS256', noTimestamp: true })).toThrow(TypeError);
    const viaJose = await new jose.SignJWT({ toString: '' }).setProtectedHeader({ alg: 'HS256' }).sign(new TextEncoder().encode(SECRET));
    expect(createVerifier({ algorithms: ['HS256'], key: SECRET }).verifySync(viaJose).payload).toStrictEqual({ toString: '' });
  });
});
