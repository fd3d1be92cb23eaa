import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PAYLOAD_BYTES, REGISTERED_JWS_ALGORITHMS, tokenParts, type TokenParts } from '../../src/arbitraries/index.js';
import { REGISTERED_HEADER_PARAMETERS } from '../../src/arbitraries/registered.js';
import { encodeBase64url } from '../../src/base64url/index.js';
import { fcParams, NUM_RUNS, SEED, seeded } from '../support/fc.js';

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

describe('tokenParts: valid everywhere', () => {
  it(seeded('registered alg only (never none), registered header parameters and claims with their RFC types, real sizes, no lone surrogates'), () => {
    fc.assert(
      fc.property(tokenParts(), ({ header, payload, signature }) => {
        expect(REGISTERED_JWS_ALGORITHMS).toContain(header['alg']);
        for (const name of ['typ', 'kid', 'cty']) if (name in header) expect(typeof header[name]).toBe('string');
        expect(header['cty']).not.toBe('JWT');
        for (const name of Object.keys(header)) if (!['alg', 'typ', 'kid', 'cty'].includes(name)) expect(REGISTERED_HEADER_PARAMETERS.has(name)).toBe(false);
        for (const name of ['exp', 'nbf', 'iat']) if (name in payload) expect(Number.isSafeInteger(payload[name])).toBe(true);
        if ('exp' in payload) expect(payload['exp'] as number).toBeGreaterThan(Date.now() / 1000);
        for (const name of ['nbf', 'iat']) if (name in payload) expect(payload[name] as number).toBeLessThan(Date.now() / 1000);
        for (const name of ['iss', 'sub', 'jti']) if (name in payload) expect(typeof payload[name]).toBe('string');
        for (const name of ['iss', 'sub']) if (name in payload) expect(payload[name]).not.toContain(':');
        if ('aud' in payload) {
          const aud = payload['aud'];
          expect(typeof aud === 'string' || (Array.isArray(aud) && aud.length > 0 && aud.every((a) => typeof a === 'string' && !a.includes(':')))).toBe(true);
        }
        expect(bytes(header)).toBeLessThanOrEqual(DEFAULT_MAX_HEADER_BYTES);
        expect(bytes(payload)).toBeLessThanOrEqual(DEFAULT_MAX_PAYLOAD_BYTES);
        expect(JSON.stringify([header, payload])).not.toMatch(LONE_SURROGATE);
        expect(signature.length).toBeGreaterThan(0);
      }),
      fcParams({ numRuns: Math.max(NUM_RUNS, 300) }),
    );
  });

  it(seeded('every registered algorithm comes up; typ and kid often; signatures in every length class, with url characters first and last'), () => {
    const samples = fc.sample(tokenParts(), { seed: SEED, numRuns: 2000 });
    const share = (p: (t: (typeof samples)[number]) => boolean): number => samples.filter(p).length / samples.length;
    expect(new Set(samples.map((t) => t.header['alg'])).size).toBe(REGISTERED_JWS_ALGORITHMS.length);
    expect(share((t) => 'typ' in t.header)).toBeGreaterThan(0.3);
    expect(share((t) => 'kid' in t.header)).toBeGreaterThan(0.3);
    for (const m of [0, 2, 3]) expect(share((t) => encodeBase64url(t.signature).length % 4 === m), `mod ${m}`).toBeGreaterThan(0.15);
    expect(share((t) => /^[-_]/.test(encodeBase64url(t.signature)))).toBeGreaterThan(0.25);
    expect(share((t) => /[-_]$/.test(encodeBase64url(t.signature)))).toBeGreaterThan(0.05);
    // A few payloads come near the size bound; most are small, like real tokens.
    expect(share((t) => bytes(t.payload) > 2048)).toBeGreaterThan(0);
    expect(share((t) => bytes(t.payload) < 1024)).toBeGreaterThan(0.9);
  });

  it('narrows the algorithms and the sizes on request; refuses what cannot be valid', () => {
    for (const t of fc.sample(tokenParts({ algorithms: ['ES256', 'EdDSA'], maxHeaderBytes: 150, maxPayloadBytes: 300 }), { seed: SEED, numRuns: 300 })) {
      expect(['ES256', 'EdDSA']).toContain(t.header['alg']);
      expect(bytes(t.header)).toBeLessThanOrEqual(150);
      expect(bytes(t.payload)).toBeLessThanOrEqual(300);
    }
    expect(() => tokenParts({ algorithms: [] })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => tokenParts({ algorithms: ['none' as 'HS256'] })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => tokenParts({ maxHeaderBytes: 64 })).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('larger bounds give larger payloads', () => {
    const big = fc.sample(tokenParts({ maxPayloadBytes: 60_000 }), { seed: SEED, numRuns: 2000 });
    expect(Math.max(...big.map((t) => bytes(t.payload)))).toBeGreaterThan(20_000);
  });

  it('shrinks toward {"alg":"HS256"}, {} and a one-byte signature: nothing incidental is left', () => {
    // Any token "fails": the minimal one is the canonical minimum.
    const details = fc.check(fc.property(tokenParts(), (_t: TokenParts) => false), { seed: SEED });
    const [minimal] = details.counterexample!;
    expect(minimal.header).toEqual({ alg: 'HS256' });
    expect(minimal.payload).toEqual({});
    expect(encodeBase64url(minimal.signature)).toBe('AA');
  });
});
