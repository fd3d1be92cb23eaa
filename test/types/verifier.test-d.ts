// Type-level tests of the verifier: verifySync is synchronous, verify is a promise, results are typed.
import { describe, expectTypeOf, it } from 'vitest';
import {
  createJwsVerifier,
  createVerifier,
  parseToken,
  type JwsVerifier,
  type ParsedToken,
  type TokenFormat,
  type VerifiedJws,
  type VerifiedToken,
  type Verifier,
} from '../../src/index.js';
import { instrumentVerifier, verifyMetrics, type VerifyResultEvent } from '../../src/otel/index.js';
import type { Meter } from '@opentelemetry/api';

declare const meter: Meter;

describe('createVerifier', () => {
  it('verifySync returns the verified token itself, never a promise', () => {
    const verifier = createVerifier({ algorithms: ['HS256'], key: 'k' });
    expectTypeOf(verifier).toEqualTypeOf<Verifier>();
    expectTypeOf(verifier.verifySync).returns.toEqualTypeOf<VerifiedToken>();
    expectTypeOf(verifier.verifySync).returns.not.toExtend<PromiseLike<unknown>>();
    expectTypeOf(verifier.verify).returns.toEqualTypeOf<Promise<VerifiedToken>>();
  });

  it('the JWS verifier likewise, with the payload as bytes', () => {
    const jws = createJwsVerifier({ algorithms: ['ES256'], key: 'k' });
    expectTypeOf(jws).toEqualTypeOf<JwsVerifier>();
    expectTypeOf(jws.verifySync).returns.toEqualTypeOf<VerifiedJws>();
    expectTypeOf(jws.verifySync).returns.not.toExtend<PromiseLike<unknown>>();
    expectTypeOf<VerifiedJws['payload']>().toEqualTypeOf<Uint8Array>();
  });

  it('requires an algorithm allow-list', () => {
    // @ts-expect-error `algorithms` is required
    createVerifier({ key: 'k' });
  });

  it('parseToken is synchronous too', () => {
    expectTypeOf(parseToken).returns.toEqualTypeOf<ParsedToken>();
  });
});

describe('captoken/otel', () => {
  it('instrumentVerifier keeps the verifier type it is given, and builds a Verifier from options', () => {
    expectTypeOf(instrumentVerifier({ algorithms: ['HS256'], key: 'k' }, meter)).toEqualTypeOf<Verifier>();
    expectTypeOf(instrumentVerifier(createJwsVerifier({ algorithms: ['HS256'], key: 'k' }), meter)).toEqualTypeOf<JwsVerifier>();
    expectTypeOf(instrumentVerifier(createVerifier({ algorithms: ['HS256'], key: 'k' }), meter).verifySync).returns.toEqualTypeOf<VerifiedToken>();
  });

  it("verifyMetrics(meter) fits the verifier's onResult option", () => {
    expectTypeOf(verifyMetrics(meter)).toEqualTypeOf<(event: VerifyResultEvent) => void>();
    createVerifier({ algorithms: ['HS256'], key: 'k', onResult: verifyMetrics(meter) });
    expectTypeOf<NonNullable<VerifyResultEvent['format']>>().toEqualTypeOf<TokenFormat>();
    expectTypeOf<TokenFormat>().toEqualTypeOf<'capability' | 'access' | 'jwt'>();
  });
});
