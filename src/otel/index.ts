// OpenTelemetry metrics for captoken verifiers (export subpath `captoken/otel`).
//
// Only *types* come from @opentelemetry/api (an optional peer dependency): the caller passes its
// Meter in, so importing this module never loads the API package, and an application without
// OpenTelemetry pays nothing for it.
import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
// At run time this is the package's own entry (`captoken`, external in the build: see tsup.config.ts),
// so the verifier, its runtime (node:crypto or WebCrypto) and CaptokenError are the application's
// copy, and a browser bundler resolves it through the `browser` condition.
import { CaptokenError, createVerifier, isCaptokenError, tokenFormat } from '../index.js';
import type { JwsVerifier, Verifier, VerifierOptions, VerifyResultEvent } from '../index.js';

export type { VerifyResultEvent };

/** Name of the counter of verification outcomes. Prometheus: `captoken_verify_total`. */
export const VERIFY_COUNTER = 'captoken.verify';
/** Name of the histogram of verification durations, in ms. Prometheus: `captoken_verify_duration_milliseconds`. */
export const VERIFY_DURATION = 'captoken.verify.duration';

/**
 * Bucket boundaries (ms) for `captoken.verify.duration`. A verification takes microseconds to a
 * few milliseconds, far below the OpenTelemetry default buckets (0, 5, 10, 25 … ms), so the default
 * would put nearly every sample in the first bucket. A View configured by the application wins.
 */
export const DURATION_BUCKETS_MS: readonly number[] = /* @__PURE__ */ Object.freeze([
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000,
]);

/** Options of {@link verifyMetrics} and {@link instrumentVerifier}. */
export interface VerifyMetricsOptions {
  /**
   * Attributes added to every measurement (a tenant, an endpoint…). Keep them low-cardinality.
   * The recorded attributes `outcome`, `code`, `format` and `alg` win over these.
   */
  attributes?: Attributes;
}

/**
 * The attributes recorded for one verification: `outcome` (`ok` | `error`), `code` (rejections
 * only), `format` and `alg` when known. `kid` is deliberately left out: key ids are unbounded.
 */
function attributesOf(event: VerifyResultEvent, base: Attributes | undefined): Attributes {
  const attributes: Attributes = { ...base, outcome: event.ok ? 'ok' : 'error' };
  if (!event.ok) attributes['code'] = event.code ?? 'UNKNOWN';
  if (event.format !== undefined) attributes['format'] = event.format;
  if (event.alg !== undefined) attributes['alg'] = event.alg;
  return attributes;
}

/**
 * Creates the two captoken instruments on `meter` and returns an `onResult` handler that records one
 * verification into them: the counter `captoken.verify` (+1, attributes `outcome`, `code`, `format`,
 * `alg`) and the histogram `captoken.verify.duration` (ms, same attributes). Use it directly as the
 * verifier's `onResult`, or let {@link instrumentVerifier} wire it.
 *
 * @example
 * import { metrics } from '@opentelemetry/api';
 * import { createVerifier } from 'captoken';
 * import { verifyMetrics } from 'captoken/otel';
 *
 * const verifier = createVerifier({ ...options, onResult: verifyMetrics(metrics.getMeter('my-service')) });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when `meter` is not an OpenTelemetry Meter (it has no
 * `createCounter` / `createHistogram`), or `options` is not an object with an object `attributes`.
 * Recording never throws: a failing instrument must not fail a verification.
 */
export function verifyMetrics(meter: Meter, options: VerifyMetricsOptions = {}): (event: VerifyResultEvent) => void {
  checkMeter(meter);
  const given: unknown = options;
  const attributes: unknown = typeof given === 'object' && given !== null ? (given as VerifyMetricsOptions).attributes : null;
  if (attributes === null || (attributes !== undefined && typeof attributes !== 'object')) {
    throw new CaptokenError('CONFIG_INVALID', "captoken/otel: options must be { attributes?: object }");
  }
  const counter: Counter = meter.createCounter(VERIFY_COUNTER, {
    description: 'Token verifications by outcome, error code, token format and algorithm',
    unit: '{verification}',
  });
  const duration: Histogram = meter.createHistogram(VERIFY_DURATION, {
    description: 'Duration of token verifications',
    unit: 'ms',
    advice: { explicitBucketBoundaries: [...DURATION_BUCKETS_MS] },
  });
  const base = options.attributes;
  return (event) => {
    try {
      const attributes = attributesOf(event, base);
      counter.add(1, attributes);
      if (Number.isFinite(event.durationMs) && event.durationMs >= 0) duration.record(event.durationMs, attributes);
    } catch {
      // Metrics are best-effort: an exporter or SDK fault must never change a verification's result.
    }
  };
}

/** CONFIG_INVALID unless `meter` has the two factories captoken calls. */
function checkMeter(meter: unknown): void {
  const m = meter as Partial<Meter> | null;
  if (typeof m !== 'object' || m === null || typeof m.createCounter !== 'function' || typeof m.createHistogram !== 'function') {
    throw new CaptokenError('CONFIG_INVALID', 'captoken/otel: expected an OpenTelemetry Meter (from metrics.getMeter(name))');
  }
}

/** A verifier of either kind: `createVerifier` (JWT) or `createJwsVerifier` (JWS). */
export type AnyVerifier = Verifier | JwsVerifier;

function isVerifier(value: unknown): value is AnyVerifier {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as Partial<Verifier>).verify === 'function' &&
    typeof (value as Partial<Verifier>).verifySync === 'function'
  );
}

/** The event for a verification of an already-built verifier, observed from outside. */
function eventOf(start: number, result: Awaited<ReturnType<AnyVerifier['verify']>> | undefined, error: unknown): VerifyResultEvent {
  const event: VerifyResultEvent = { ok: result !== undefined, durationMs: performance.now() - start };
  if (result === undefined) {
    if (isCaptokenError(error)) event.code = error.code;
    return event;
  }
  event.alg = result.alg;
  // No kid: from outside, the wrapper cannot tell whether it named a configured key (a single-key
  // verifier accepts any kid), and kid is never a metric attribute anyway.
  if (!(result.payload instanceof Uint8Array)) event.format = tokenFormat(result.header, result.payload);
  return event;
}

/**
 * Records every verification on an OpenTelemetry `meter` (see {@link verifyMetrics} for the two
 * instruments and their attributes).
 *
 * - Given **verifier options**, it builds the verifier with `createVerifier`, chaining its own
 *   `onResult` before yours: rejections carry `code`, plus `alg` once the header was accepted and
 *   `format` once the payload was read (after the signature: a forged token has no `format`).
 * - Given **a verifier** (`createVerifier` or `createJwsVerifier`), it returns a wrapper with the same
 *   `verify` / `verifySync`, timing each call from outside. Rejections then carry only `code`: the
 *   wrapper never sees the header. Prefer passing options.
 *
 * @example
 * import { metrics } from '@opentelemetry/api';
 * import { instrumentVerifier } from 'captoken/otel';
 *
 * const verifier = instrumentVerifier(
 *   { algorithms: ['HS256'], key: process.env.AUTH_TOKEN, issuer: 'AC123' },
 *   metrics.getMeter('voice-gateway'),
 * );
 * const { payload } = await verifier.verify(token);
 *
 * @throws {CaptokenError} `CONFIG_INVALID` from `createVerifier` when given options that cannot work
 * (and everything `verify` / `verifySync` throw, unchanged, when the verifier is used).
 * @throws {CaptokenError} `CONFIG_INVALID` when `meter` is not an OpenTelemetry Meter, or the first
 * argument is neither verifier options nor a verifier.
 */
export function instrumentVerifier(options: VerifierOptions, meter: Meter, metricsOptions?: VerifyMetricsOptions): Verifier;
export function instrumentVerifier<V extends AnyVerifier>(verifier: V, meter: Meter, metricsOptions?: VerifyMetricsOptions): V;
export function instrumentVerifier(
  // `unknown` here: JavaScript callers get CONFIG_INVALID, not a crash, for anything else.
  verifierOrOptions: unknown,
  meter: Meter,
  metricsOptions: VerifyMetricsOptions = {},
): AnyVerifier {
  const record = verifyMetrics(meter, metricsOptions);
  if (isVerifier(verifierOrOptions)) {
    const inner = verifierOrOptions;
    const wrapped: AnyVerifier = {
      verifySync(token: string) {
        const start = performance.now();
        let result;
        try {
          result = inner.verifySync(token);
        } catch (error) {
          record(eventOf(start, undefined, error));
          throw error;
        }
        record(eventOf(start, result, undefined));
        return result;
      },
      async verify(token: string) {
        const start = performance.now();
        let result;
        try {
          result = await inner.verify(token);
        } catch (error) {
          record(eventOf(start, undefined, error));
          throw error;
        }
        record(eventOf(start, result, undefined));
        return result;
      },
    } as AnyVerifier;
    return wrapped;
  }
  if (typeof verifierOrOptions !== 'object' || verifierOrOptions === null) {
    throw new CaptokenError('CONFIG_INVALID', 'captoken/otel: instrumentVerifier expects verifier options or a verifier');
  }
  const options = verifierOrOptions as VerifierOptions;
  const theirs: unknown = options.onResult;
  if (theirs !== undefined && typeof theirs !== 'function') {
    // Let createVerifier report it with its own code and message.
    return createVerifier(options);
  }
  return createVerifier({
    ...options,
    onResult:
      theirs === undefined
        ? record
        : (event) => {
            record(event);
            (theirs as (event: VerifyResultEvent) => void)(event);
          },
  });
}
