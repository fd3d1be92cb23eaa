// Properties of the verifier, with the pinned seed of test/support/fc.ts:
// 1. no single-character change to a valid token ever verifies;
// 2. on canonical tokens, captoken's verdict (Node sync path and WebCrypto async path) agrees with
//    jose.jwtVerify, for every algorithm, valid and invalid alike.
import fc from 'fast-check';
import * as jose from 'jose';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCaptokenError } from '../../src/errors.js';
import { cryptoProvider as node } from '../../src/verify/crypto-node.js';
import { cryptoProvider as web } from '../../src/verify/crypto-web.js';
import { JWS_ALGORITHMS, type JwsAlgorithm } from '../../src/verify/algorithms.js';
import type { CryptoProvider } from '../../src/verify/provider.js';
import { buildVerifier } from '../../src/verify/verifier.js';
import { fcParams, seeded } from '../support/fc.js';

interface Pair {
  sign: CryptoKey | Uint8Array;
  verify: CryptoKey | Uint8Array;
}
const keys = {} as Record<JwsAlgorithm, { main: Pair; other: Pair }>;
const NOW = 1_800_000_000_000;
const T = NOW / 1000;

async function pair(alg: JwsAlgorithm): Promise<Pair> {
  if (alg.startsWith('HS')) {
    const secret = crypto.getRandomValues(new Uint8Array(Number(alg.slice(2)) / 8));
    return { sign: secret, verify: secret };
  }
  const { privateKey, publicKey } = await jose.generateKeyPair(alg);
  return { sign: privateKey, verify: publicKey };
}

beforeAll(async () => {
  for (const alg of JWS_ALGORITHMS) keys[alg] = { main: await pair(alg), other: await pair(alg) };
});

const claim = fc.oneof(fc.string({ maxLength: 12 }), fc.integer(), fc.boolean(), fc.constant(null), fc.array(fc.string({ maxLength: 4 }), { maxLength: 3 }));
/** Registered claims around NOW (whole seconds), plus free-form private claims. */
const claims = fc.record(
  {
    // Mostly inside the validity window, sometimes just outside (with tolerance in play).
    exp: fc.oneof({ arbitrary: fc.integer({ min: 1, max: 3600 }), weight: 5 }, { arbitrary: fc.integer({ min: -300, max: 0 }), weight: 1 }).map((d) => T + d),
    nbf: fc.oneof({ arbitrary: fc.integer({ min: -3600, max: 0 }), weight: 5 }, { arbitrary: fc.integer({ min: 1, max: 300 }), weight: 1 }).map((d) => T + d),
    iat: fc.integer({ min: -600, max: 0 }).map((d) => T + d),
    iss: fc.constantFrom('AC1', 'AC1', 'AC2'),
    aud: fc.oneof(fc.constantFrom('api', 'api', 'web'), fc.constantFrom(['api'], ['web', 'api'], ['x'])),
    sub: fc.string({ maxLength: 12 }),
    extra: fc.dictionary(fc.constantFrom('a', 'b', 'scope', 'grants', 'name'), claim, { maxKeys: 3 }),
  },
  { requiredKeys: ['iss', 'aud'] },
);
const verifierOptions = fc.record(
  {
    issuer: fc.constantFrom('AC1', ['AC1', 'AC2']),
    audience: fc.constantFrom('api', ['web', 'api']),
    clockTolerance: fc.integer({ min: 0, max: 120 }),
    maxTokenAge: fc.integer({ min: 300, max: 900 }),
  },
  { requiredKeys: [] },
);

async function sign(alg: JwsAlgorithm, payload: Record<string, unknown>, which: 'main' | 'other', kid: boolean): Promise<string> {
  const { extra, ...registered } = payload as { extra?: Record<string, unknown> };
  const jwt = new jose.SignJWT({ ...extra, ...registered });
  return jwt.setProtectedHeader(kid ? { alg, kid: 'k1' } : { alg }).sign(keys[alg][which].sign);
}

async function ours(provider: CryptoProvider, alg: JwsAlgorithm, token: string, options: Record<string, unknown>): Promise<string> {
  try {
    const v = buildVerifier({ algorithms: [alg], key: keys[alg].main.verify, now: () => NOW, ...options }, provider);
    if (provider.sync) v.verifySync(token);
    else await v.verify(token);
    return 'accept';
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    return 'reject';
  }
}

async function theirs(alg: JwsAlgorithm, token: string, options: Record<string, unknown>): Promise<string> {
  try {
    await jose.jwtVerify(token, keys[alg].main.verify, { algorithms: [alg], currentDate: new Date(NOW), ...options });
    return 'accept';
  } catch {
    return 'reject';
  }
}

describe('verifier properties', () => {
  it(seeded('verdicts agree with jose.jwtVerify on canonical tokens, every algorithm, both crypto paths'), async () => {
    const seen = { accept: 0, reject: 0 };
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...JWS_ALGORITHMS),
        claims,
        verifierOptions,
        fc.constantFrom('main', 'main', 'main', 'other'),
        fc.boolean(),
        async (alg, payload, options, which, kid) => {
          const token = await sign(alg, payload, which, kid);
          const expected = await theirs(alg, token, options);
          seen[expected as 'accept' | 'reject']++;
          expect(await ours(node, alg, token, options)).toBe(expected);
          expect(await ours(web, alg, token, options)).toBe(expected);
        },
      ),
      fcParams(),
    );
    console.log(`[agreement with jose] accept=${seen.accept} reject=${seen.reject}`);
    // Both verdicts must actually occur, or the agreement says little.
    expect(seen.accept).toBeGreaterThan(10);
    expect(seen.reject).toBeGreaterThan(10);
  });

  it(seeded('no single-character change to a valid token ever verifies'), async () => {
    const replacements = fc.oneof(
      fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.split('')), // ASCII: one character per code unit
      fc.constantFrom('.', '=', '+', '/', ' ', '\n', '\u00e9', '\u0000'),
    );
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom<JwsAlgorithm>('HS256', 'HS512', 'RS256', 'PS256', 'ES256', 'ES512', 'EdDSA'),
        claims,
        fc.nat(),
        replacements,
        fc.constantFrom('replace', 'insert', 'delete'),
        async (alg, payload, at, char, op) => {
          const { exp: _exp, nbf: _nbf, iat: _iat, ...timeless } = payload;
          const token = await sign(alg, timeless, 'main', false);
          const i = at % token.length;
          const mutated =
            op === 'replace' ? token.slice(0, i) + char + token.slice(i + 1) : op === 'insert' ? token.slice(0, i) + char + token.slice(i) : token.slice(0, i) + token.slice(i + 1);
          fc.pre(mutated !== token);
          const v = buildVerifier({ algorithms: [alg], key: keys[alg].main.verify, now: () => NOW }, node);
          expect(v.verifySync(token).alg).toBe(alg);
          let accepted = true;
          try {
            v.verifySync(mutated);
          } catch (error) {
            expect(isCaptokenError(error)).toBe(true);
            accepted = false;
          }
          expect(accepted).toBe(false);
        },
      ),
      fcParams(),
    );
  });
});
