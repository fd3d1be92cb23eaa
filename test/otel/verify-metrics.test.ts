// verifyMetrics(meter): what a verifier's onResult events become in a real OpenTelemetry SDK.
import type { Meter } from '@opentelemetry/api';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DURATION_BUCKETS_MS, VERIFY_COUNTER, VERIFY_DURATION, verifyMetrics, type VerifyResultEvent } from '../../src/otel/index.js';
import { ROOT } from '../support/browser-bundle.js';
import { histogramPoints, metricsHarness, sumPoints, type MetricsHarness } from './support.js';

let h: MetricsHarness;
beforeEach(() => {
  h = metricsHarness();
});
afterEach(async () => {
  await h.shutdown();
});

const events: VerifyResultEvent[] = [
  { ok: true, format: 'capability', alg: 'HS256', kid: 'k1', durationMs: 0.04 },
  { ok: true, format: 'capability', alg: 'HS256', kid: 'k2', durationMs: 0.06 },
  { ok: true, format: 'access', alg: 'HS256', durationMs: 0.2 },
  { ok: false, code: 'SIGNATURE_INVALID', format: 'capability', alg: 'HS256', kid: 'k1', durationMs: 0.05 },
  { ok: false, code: 'BASE64URL_NONCANONICAL', durationMs: 0.003 },
  { ok: false, code: 'BASE64URL_NONCANONICAL', durationMs: 0.004 },
];

describe('verifyMetrics', () => {
  it(`counts every verification on ${VERIFY_COUNTER} by outcome, code, format and alg (never kid)`, async () => {
    const record = verifyMetrics(h.meter);
    for (const e of events) record(e);
    const metrics = await h.collect();
    expect(metrics.get(VERIFY_COUNTER)?.descriptor.unit).toBe('{verification}');
    expect(sumPoints(metrics.get(VERIFY_COUNTER))).toEqual(
      [
        { attributes: { outcome: 'ok', format: 'capability', alg: 'HS256' }, value: 2 },
        { attributes: { outcome: 'ok', format: 'access', alg: 'HS256' }, value: 1 },
        { attributes: { outcome: 'error', code: 'SIGNATURE_INVALID', format: 'capability', alg: 'HS256' }, value: 1 },
        { attributes: { outcome: 'error', code: 'BASE64URL_NONCANONICAL' }, value: 2 },
      ].sort((a, b) => JSON.stringify(a.attributes).localeCompare(JSON.stringify(b.attributes))),
    );
  });

  it(`records durations in ms on ${VERIFY_DURATION} with sub-millisecond buckets`, async () => {
    const record = verifyMetrics(h.meter);
    for (const e of events) record(e);
    const metrics = await h.collect();
    const metric = metrics.get(VERIFY_DURATION);
    expect(metric?.descriptor.unit).toBe('ms');
    const points = histogramPoints(metric);
    const total = points.reduce((n, p) => n + p.count, 0);
    expect(total).toBe(events.length);
    const okCapability = points.find((p) => p.attributes['outcome'] === 'ok' && p.attributes['format'] === 'capability');
    expect(okCapability?.count).toBe(2);
    expect(okCapability?.sum).toBeCloseTo(0.1, 10);
    // The advice buckets are used: both samples (0.04, 0.06 ms) are told apart, not lumped into [0, 5].
    expect(okCapability?.boundaries).toEqual([...DURATION_BUCKETS_MS]);
    expect(okCapability?.counts.filter((c) => c > 0)).toEqual([1, 1]);
  });

  it('adds caller attributes, which cannot override the recorded ones', async () => {
    const record = verifyMetrics(h.meter, { attributes: { service: 'edge', outcome: 'spoofed' } });
    record({ ok: false, code: 'TOKEN_EXPIRED', format: 'access', alg: 'ES256', durationMs: 1 });
    const metrics = await h.collect();
    expect(sumPoints(metrics.get(VERIFY_COUNTER))).toEqual([
      { attributes: { service: 'edge', outcome: 'error', code: 'TOKEN_EXPIRED', format: 'access', alg: 'ES256' }, value: 1 },
    ]);
  });

  it('counts a verification whose duration is not a finite, non-negative number, without a histogram sample', async () => {
    const record = verifyMetrics(h.meter);
    record({ ok: true, durationMs: Number.NaN });
    record({ ok: true, durationMs: -1 });
    record({ ok: true, durationMs: 2 });
    const metrics = await h.collect();
    expect(sumPoints(metrics.get(VERIFY_COUNTER))).toEqual([{ attributes: { outcome: 'ok' }, value: 3 }]);
    expect(histogramPoints(metrics.get(VERIFY_DURATION)).map((p) => [p.count, p.sum])).toEqual([[1, 2]]);
  });

  it('never throws from the hot path, even when the instruments do', () => {
    const throwing = {
      createCounter: () => ({
        add: () => {
          throw new Error('exporter down');
        },
      }),
      createHistogram: () => ({
        record: () => {
          throw new Error('exporter down');
        },
      }),
    } as unknown as Meter;
    const record = verifyMetrics(throwing);
    expect(() => {
      record({ ok: true, durationMs: 1 });
    }).not.toThrow();
  });

  it('rejects something that is not a Meter, at construction', () => {
    expect(() => verifyMetrics({} as Meter)).toThrow(expect.objectContaining({ name: 'CaptokenError', code: 'CONFIG_INVALID' }));
    expect(() => verifyMetrics(undefined as unknown as Meter)).toThrow(expect.objectContaining({ name: 'CaptokenError', code: 'CONFIG_INVALID' }));
  });
});

describe('captoken/otel build output', () => {
  it('does not import @opentelemetry/api at runtime (ESM and CJS): the meter is passed in', () => {
    for (const file of ['otel.js', 'otel.cjs']) {
      const full = path.join(ROOT, 'dist', file);
      const code = readFileSync(full, 'utf8');
      expect(code, file).not.toMatch(/["']@opentelemetry\//);
    }
  });
});
