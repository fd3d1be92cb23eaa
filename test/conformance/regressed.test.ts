// The demonstration: every known class of the base64url bug is caught by a default (accept) run,
// and shrunk to a token that shows the cause.
import { describe, expect, it } from 'vitest';
import { createModuleAdapter, loadVectors, runConformance, type ConformanceReport, type Failure } from '../../src/conformance/index.js';
import { example, SEED } from './support.js';

async function run(file: string): Promise<ConformanceReport> {
  const adapter = await createModuleAdapter(example(`regressed/${file}`));
  return runConformance(adapter, { seed: SEED });
}

const segments = (token: string): string[] => token.split('.');
const propertyFailures = (r: ConformanceReport): Failure[] => r.failures.filter((f) => f.kind === 'property');
const validVectors = loadVectors().testGroups.flatMap((g) => g.tests).filter((t) => t.result === 'valid');

describe.each([
  {
    file: 'atob.mjs',
    // atob throws on any '-' or '_', so exactly the vectors that hold one fail.
    failsVector: (token: string) => /[-_]/.test(token),
    shows: (token: string) => /[-_]/.test(token),
    why: "the minimal token holds a '-' or '_'",
  },
  {
    file: 'replace-first.mjs',
    failsVector: (token: string) => segments(token).some((s) => s.split('-').length > 2 || s.split('_').length > 2),
    shows: (token: string) => segments(token).some((s) => s.split('-').length > 2 || s.split('_').length > 2),
    why: "the minimal token has two '-' (or two '_') in one segment",
  },
  {
    file: 'standard-regex.mjs',
    failsVector: (token: string) => /[-_]/.test(token),
    shows: (token: string) => /[-_]/.test(token),
    why: "the minimal token holds a '-' or '_'",
  },
])('regressed parser $file', ({ file, failsVector, shows, why }) => {
  it(`fails the default run; ${why}`, async () => {
    const report = await run(file);
    expect(report.passed).toBe(false);
    expect(report.profile).toBe('accept');
    // Every failing vector is listed, none dropped: exactly the ones the bug predicts.
    const failed = report.failures.filter((f) => f.kind === 'vector').map((f) => f.token);
    expect(failed.sort()).toEqual(validVectors.filter((t) => failsVector(t.token)).map((t) => t.token).sort());
    expect(report.vectors.failed).toBe(failed.length);
    const [first] = propertyFailures(report);
    expect(first, 'a property failed').toBeDefined();
    expect(shows(first!.token), first!.token).toBe(true);
    expect(first!.expected).toBe('accept');
    expect(first!.answer.ok).toBe(false);
    expect(first!.difference).toMatch(/^rejected a valid token/);
    expect(first!.seed).toBe(SEED);
    expect(first!.path).toMatch(/^\d+(:\d+)*$/);
    expect(first!.numShrinks).toBeGreaterThan(0);
    // Every property failure replayed from its path and shrank (none fell back to the unshrunk case).
    for (const f of propertyFailures(report)) expect(f.comment).not.toMatch(/did not fail again/);
    // Shrunk: far shorter than a typical generated token.
    expect(first!.token.length).toBeLessThan(80);
  });
});

describe('regressed parser latin1.mjs', () => {
  it('fails the default run; the minimal token has a non-ASCII claim and the difference names it', async () => {
    const report = await run('latin1.mjs');
    expect(report.passed).toBe(false);
    const failed = report.failures.filter((f) => f.kind === 'vector');
    const nonAscii = (t: { header?: unknown; payload?: unknown }): boolean => /[^\u0000-\u007f]/.test(JSON.stringify([t.header, t.payload]));
    // Exactly the vectors whose header or payload bytes are not all ASCII (\u escapes are ASCII).
    const nonAsciiBytes = (token: string): boolean => segments(token).slice(0, 2).some((s) => Buffer.from(s, 'base64url').some((b) => b >= 0x80));
    expect(failed.map((f) => f.token).sort()).toEqual(validVectors.filter((t) => nonAsciiBytes(t.token)).map((t) => t.token).sort());
    const byName = new Map(propertyFailures(report).map((f) => [f.id, f]));
    const minimal = byName.get('valid');
    expect(minimal).toBeDefined();
    expect(nonAscii({ header: minimal!.expectedHeader, payload: minimal!.expectedPayload })).toBe(true);
    expect(minimal!.difference).toMatch(/^(header|payload)/);
    // The ASCII-JSON property isolates UTF-8 faults: Latin-1 reads ASCII bytes right.
    expect(byName.has('valid-ascii-json')).toBe(false);
  });
});

describe('lenient parser lenient-buffer.mjs (Buffer.from based)', () => {
  it('passes accept', async () => {
    const report = await run('lenient-buffer.mjs');
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('fails strict, with one minimal counterexample per fault class it lets through', async () => {
    const adapter = await createModuleAdapter(example('regressed/lenient-buffer.mjs'));
    const report = await runConformance(adapter, { seed: SEED, profile: 'strict' });
    expect(report.passed).toBe(false);
    const failedProperties = report.properties.filter((p) => p.failed).map((p) => p.name);
    expect(failedProperties).toEqual(expect.arrayContaining(['invalid:char-plus', 'invalid:char-padding', 'invalid:trailing-bits', 'invalid:duplicate-member', 'invalid:forbidden-member']));
    expect(failedProperties.some((n) => n.startsWith('valid'))).toBe(false);
    const plus = report.failures.find((f) => f.id === 'invalid:char-plus')!;
    expect(plus.token).toContain('+');
    expect(plus.expected).toBe('reject');
    expect(plus.fault).toBe('char-plus');
    expect(plus.difference).toMatch(/^accepted an invalid token/);
    // Per failing property: its shrunk counterexample first, then every other failing case as drawn.
    for (const p of report.properties.filter((q) => q.failed)) {
      const entries = report.failures.filter((f) => f.kind === 'property' && f.id === p.name);
      expect(entries[0]!.comment).not.toContain('as drawn');
      expect(entries.slice(1).every((f) => f.comment.includes('as drawn') && f.numShrinks === 0)).toBe(true);
      expect(entries.length).toBeGreaterThanOrEqual(p.failedRuns!);
    }
    // One per failing vector.
    expect(report.failures.filter((f) => f.kind === 'vector')).toHaveLength(report.vectors.failed);
  });
});
