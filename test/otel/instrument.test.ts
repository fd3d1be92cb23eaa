// instrumentVerifier with the real verifier (node:crypto runtime) and the OpenTelemetry SDK: what a
// dashboard sees for accepted tokens of each format and for each kind of rejection.
import { SignJWT } from 'jose';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJwsVerifier, createVerifier, isCaptokenError, type VerifyResultEvent } from '../../src/index.js';
import { instrumentVerifier, VERIFY_COUNTER, VERIFY_DURATION } from '../../src/otel/index.js';
import { histogramPoints, metricsHarness, sumPoints, type MetricsHarness } from './support.js';

const SECRET = 'an-hs256-test-secret-of-32-bytes!';
const OTHER = 'another-hs256-secret-of-32-bytes!';
const key = new TextEncoder().encode(SECRET);
const NOW = 1_800_000_000;

async function sign(payload: Record<string, unknown>, header: Record<string, unknown> = {}, secret = key): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT', ...header }).sign(secret);
}

let tokens: Record<'capability' | 'access' | 'jwt' | 'badSignature' | 'expired' | 'nonCanonical' | 'padded', string>;
beforeEach(async () => {
  const capability = await sign({ iss: 'AC1', exp: NOW + 60, scope: 'scope:client:incoming?clientName=alice' });
  const last = capability.charAt(capability.length - 1);
  // HS256 signatures are 32 bytes: 43 characters, the last carrying 2 unused bits.
  const flipped = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.indexOf(last) ^ 1;
  tokens = {
    capability,
    access: await sign({ iss: 'AC1', exp: NOW + 60, grants: { identity: 'alice' } }, { cty: 'twilio-fpa;v=1' }),
    jwt: await sign({ iss: 'AC1', exp: NOW + 60, sub: 'x' }),
    badSignature: await sign({ iss: 'AC1', exp: NOW + 60, scope: 'scope:client:incoming' }, {}, new TextEncoder().encode(OTHER)),
    expired: await sign({ iss: 'AC1', exp: NOW - 60, scope: 'scope:client:incoming' }),
    nonCanonical: capability.slice(0, -1) + 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'.charAt(flipped),
    padded: `${capability}=`,
  };
});

let h: MetricsHarness;
beforeEach(() => {
  h = metricsHarness();
});
afterEach(async () => {
  await h.shutdown();
});

const options = { algorithms: ['HS256'] as const, key: SECRET, issuer: 'AC1', now: () => NOW * 1000 };

async function codeOf(promise: Promise<unknown>): Promise<string | undefined> {
  try {
    await promise;
    return undefined;
  } catch (error) {
    return isCaptokenError(error) ? error.code : String(error);
  }
}

describe('instrumentVerifier(options, meter)', () => {
  it('counts accepted tokens by format and alg, and rejections by code (with format/alg where known)', async () => {
    const seen: VerifyResultEvent[] = [];
    const verifier = instrumentVerifier({ ...options, algorithms: ['HS256'], onResult: (e) => seen.push(e) }, h.meter);

    expect(verifier.verifySync(tokens.capability).payload['scope']).toBe('scope:client:incoming?clientName=alice');
    await verifier.verify(tokens.access);
    await verifier.verify(tokens.jwt);
    expect(await codeOf(verifier.verify(tokens.badSignature))).toBe('SIGNATURE_INVALID');
    expect(await codeOf(verifier.verify(tokens.expired))).toBe('TOKEN_EXPIRED');
    expect(await codeOf(verifier.verify(tokens.nonCanonical))).toBe('BASE64URL_NONCANONICAL');
    expect(await codeOf(verifier.verify(tokens.padded))).toBe('BASE64URL_PADDING');

    // The caller's own onResult still runs, after the metrics, once per verification.
    expect(seen.map((e) => e.ok)).toEqual([true, true, true, false, false, false, false]);

    const counted = sumPoints((await h.collect()).get(VERIFY_COUNTER));
    expect(counted.reduce((n, p) => n + p.value, 0)).toBe(7);
    const find = (attrs: Record<string, unknown>) => counted.filter((p) => Object.entries(attrs).every(([k, v]) => p.attributes[k] === v));
    expect(find({ outcome: 'ok', format: 'capability', alg: 'HS256' }).map((p) => p.value)).toEqual([1]);
    expect(find({ outcome: 'ok', format: 'access', alg: 'HS256' }).map((p) => p.value)).toEqual([1]);
    expect(find({ outcome: 'ok', format: 'jwt', alg: 'HS256' }).map((p) => p.value)).toEqual([1]);
    // The payload of a token with a bad signature is never parsed, so it has an alg but no format;
    // a rejection after the signature (an expired token) has both.
    expect(find({ outcome: 'error', code: 'SIGNATURE_INVALID', alg: 'HS256' }).map((p) => p.attributes['format'])).toEqual([undefined]);
    expect(find({ outcome: 'error', code: 'TOKEN_EXPIRED', format: 'capability', alg: 'HS256' }).map((p) => p.value)).toEqual([1]);
    expect(find({ outcome: 'error', code: 'BASE64URL_NONCANONICAL' }).map((p) => p.value)).toEqual([1]);
    expect(find({ outcome: 'error', code: 'BASE64URL_PADDING' }).map((p) => p.value)).toEqual([1]);
    // Every attribute set recorded is exactly what the verifier's event said (no kid, nothing invented).
    for (const e of seen) {
      const expected: Record<string, unknown> = { outcome: e.ok ? 'ok' : 'error' };
      if (!e.ok) expected['code'] = e.code;
      if (e.format !== undefined) expected['format'] = e.format;
      if (e.alg !== undefined) expected['alg'] = e.alg;
      expect(counted.map((p) => p.attributes)).toContainEqual(expected);
    }
  });

  it('records one duration sample per verification, matching the events', async () => {
    const seen: VerifyResultEvent[] = [];
    const verifier = instrumentVerifier({ ...options, algorithms: ['HS256'], onResult: (e) => seen.push(e) }, h.meter);
    for (let i = 0; i < 5; i++) verifier.verifySync(tokens.capability);
    const points = histogramPoints((await h.collect()).get(VERIFY_DURATION));
    expect(points.map((p) => p.count)).toEqual([5]);
    expect(points[0]!.sum).toBeCloseTo(
      seen.reduce((n, e) => n + e.durationMs, 0),
      6,
    );
  });

  it('still rejects bad options with CONFIG_INVALID', () => {
    expect(() => instrumentVerifier({ algorithms: [], key: SECRET }, h.meter)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });
});

describe('instrumentVerifier(verifier, meter)', () => {
  it('wraps an existing verifier: same results and errors, timed and counted from outside', async () => {
    const verifier = instrumentVerifier(createVerifier({ ...options, algorithms: ['HS256'] }), h.meter);
    expect(verifier.verifySync(tokens.access).payload['grants']).toEqual({ identity: 'alice' });
    expect((await verifier.verify(tokens.capability)).alg).toBe('HS256');
    expect(await codeOf(verifier.verify(tokens.badSignature))).toBe('SIGNATURE_INVALID');
    expect(() => verifier.verifySync(tokens.padded)).toThrow(expect.objectContaining({ code: 'BASE64URL_PADDING' }));

    const counted = sumPoints((await h.collect()).get(VERIFY_COUNTER));
    expect(counted).toEqual(
      [
        { attributes: { outcome: 'ok', format: 'access', alg: 'HS256' }, value: 1 },
        { attributes: { outcome: 'ok', format: 'capability', alg: 'HS256' }, value: 1 },
        { attributes: { outcome: 'error', code: 'SIGNATURE_INVALID' }, value: 1 },
        { attributes: { outcome: 'error', code: 'BASE64URL_PADDING' }, value: 1 },
      ].sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes))),
    );
  });

  it('wraps a JWS verifier (no claims, so no format)', async () => {
    const jws = instrumentVerifier(createJwsVerifier({ algorithms: ['HS256'], key: SECRET }), h.meter);
    expect(jws.verifySync(tokens.jwt).payload).toBeInstanceOf(Uint8Array);
    const counted = sumPoints((await h.collect()).get(VERIFY_COUNTER));
    expect(counted).toEqual([{ attributes: { outcome: 'ok', alg: 'HS256' }, value: 1 }]);
  });

  it('rejects a first argument that is neither options nor a verifier', () => {
    expect(() => instrumentVerifier(null as never, h.meter)).toThrow(expect.objectContaining({ name: 'CaptokenError', code: 'CONFIG_INVALID' }));
  });
});
