// OpenTelemetry metrics for captoken verifiers (export subpath `captoken/otel`).
//
// Only *types* come from @opentelemetry/api (an optional peer dependency): the caller passes its
// Meter in, so importing this module never loads the API package, and an application without
// OpenTelemetry pays nothing for it.
import type { Attributes, Counter, Histogram, Meter } from '@opentelemetry/api';
import type { CaptokenErrorCode } from '../errors.js';

/** Name of the counter of verification outcomes. Prometheus: `captoken_verify_total`. */
export const VERIFY_COUNTER = 'captoken.verify';
/** Name of the histogram of verification durations, in ms. Prometheus: `captoken_verify_duration_milliseconds`. */
export const VERIFY_DURATION = 'captoken.verify.duration';

/**
 * Bucket boundaries (ms) for `captoken.verify.duration`. A verification takes microseconds to a
 * few milliseconds, far below the OpenTelemetry default buckets (0, 5, 10, 25 … ms), so the default
 * would put nearly every sample in the first bucket. A View configured by the application wins.
 */
export const DURATION_BUCKETS_MS: readonly number[] = Object.freeze([
  0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 25, 50, 100, 250, 1000,
]);

/**
 * What a verifier reports after each verification through its `onResult` option: the outcome, the
 * error code of a rejection, the token format and algorithm when they were read, and the duration.
 */
export interface VerifyResultEvent {
  ok: boolean;
  code?: CaptokenErrorCode | undefined;
  format?: string | undefined;
  alg?: string | undefined;
  kid?: string | undefined;
  durationMs: number;
}

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
 * @throws {TypeError} when `meter` is not an OpenTelemetry Meter (it has no `createCounter` /
 * `createHistogram`). Recording never throws: a failing instrument must not fail a verification.
 */
export function verifyMetrics(meter: Meter, options: VerifyMetricsOptions = {}): (event: VerifyResultEvent) => void {
  if (typeof meter !== 'object' || typeof meter.createCounter !== 'function' || typeof meter.createHistogram !== 'function') {
    throw new TypeError('captoken/otel: expected an OpenTelemetry Meter (from metrics.getMeter(name))');
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
