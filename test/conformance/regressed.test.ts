// The demonstration: every known class of the base64url bug (examples/regressed/) is caught by a
// default (accept) run, shrunk to a token that shows the cause and nothing else, and the diagnosis
// names that cause. Over-padding and Latin-1 must not point at '-' or '_'.
import { describe, expect, it } from 'vitest';
import { createModuleAdapter, loadVectors, runConformance, type ConformanceReport, type Failure } from '../../src/conformance/index.js';
import { example, SEED } from './support.js';

async function run(file: string, profile: 'accept' | 'rfc' | 'hardened' = 'accept'): Promise<ConformanceReport> {
  const adapter = await createModuleAdapter(example(`regressed/${file}`));
  return runConformance(adapter, { seed: SEED, profile });
}

const segments = (token: string): string[] => token.split('.');
const repeated = (token: string): boolean => segments(token).some((s) => s.split('-').length > 2 || s.split('_').length > 2);
const hasUrl = (token: string): boolean => /[-_]/.test(token);
const nonAsciiBytes = (token: string): boolean => segments(token).slice(0, 2).some((s) => Buffer.from(s, 'base64url').some((b) => b >= 0x80));
const validVectors = loadVectors().testGroups.flatMap((g) => g.tests).filter((t) => t.result === 'valid');

/** The minimal example of the first cause of the diagnosis. */
function firstCause(report: ConformanceReport): { feature: string | undefined; cause: string; example: Failure } {
  const d = report.diagnosis[0]!;
  return { feature: d.feature, cause: d.cause, example: report.failures[d.example!]! };
}

describe.each([
  { file: 'atob.mjs', feature: 'url-any', failsVector: hasUrl, shows: hasUrl, cause: /'-' and '_' are not decoded/ },
  { file: 'standard-regex.mjs', feature: 'url-any', failsVector: hasUrl, shows: hasUrl, cause: /standard alphabet/ },
  { file: 'replace-first.mjs', feature: 'url-repeat', failsVector: repeated, shows: repeated, cause: /only the first '-' or '_' of a segment is translated/ },
  {
    file: 'over-padding.mjs',
    feature: 'mod0-any',
    failsVector: (t: string) => segments(t).some((s) => s.length % 4 === 0),
    // The cause is a length, not a character: no '-' or '_' in the minimal token.
    shows: (t: string) => segments(t).some((s) => s.length % 4 === 0) && !hasUrl(t),
    cause: /length ≡ 0 \(mod 4\) fails: over-padding/,
  },
  {
    file: 'latin1.mjs',
    feature: 'non-ascii',
    failsVector: nonAsciiBytes,
    shows: (t: string) => nonAsciiBytes(t) && !hasUrl(t),
    cause: /non-ASCII claims are mis-decoded \(the bytes read as Latin-1/,
  },
])('regressed parser $file', ({ file, feature, failsVector, shows, cause }) => {
  it('is caught by the default run; the minimal token and the diagnosis name the real cause', async () => {
    const report = await run(file);
    expect(report.passed).toBe(false);
    expect(report.profile).toBe('accept');
    // Every failing vector is listed, none dropped: exactly the ones the bug predicts.
    const failed = report.failures.filter((f) => f.kind === 'vector').map((f) => f.token);
    expect(failed.sort()).toEqual(validVectors.filter((t) => failsVector(t.token)).map((t) => t.token).sort());
    expect(report.vectors.failed).toBe(failed.length);
    // One cause explains every failure.
    expect(report.diagnosis).toHaveLength(1);
    const { feature: found, cause: text, example } = firstCause(report);
    expect(found).toBe(feature);
    expect(text).toMatch(cause);
    expect(report.diagnosis[0]!.failures).toBe(report.vectors.failed + report.properties.reduce((n, p) => n + p.failedRuns, 0));
    expect(shows(example.token), example.token).toBe(true);
    expect(example.kind).toBe('property');
    expect(example.shrunk).toBe(true);
    expect(example.seed).toBe(SEED);
    expect(example.numShrinks).toBeGreaterThan(0);
    // Shrunk toward the canonical minimum: the smallest header, an empty or tiny payload, a short signature.
    expect(example.token.length).toBeLessThan(60);
    expect(segments(example.token)[2]!.length).toBeLessThanOrEqual(4);
    // Every property failure replayed from its path and shrank (none fell back to the unshrunk case).
    for (const f of report.failures.filter((x) => x.kind === 'property')) expect(f.comment).not.toMatch(/did not fail again/);
  });
});

describe('regressed parser latin1.mjs: the evidence', () => {
  it('valid fails while valid-ascii-json passes, and the mis-decoded strings are the UTF-8 bytes read as Latin-1', async () => {
    const report = await run('latin1.mjs');
    expect(report.classes.find((c) => c.id === 'valid-ascii-json')!.failed).toBe(0);
    const evidence = report.diagnosis[0]!.evidence.join('\n');
    expect(evidence).toMatch(/valid-ascii-json \(the same tokens, non-ASCII written as \\u escapes\) fails 0 of/);
    expect(evidence).toMatch(/exactly the UTF-8 bytes read as Latin-1/);
    const { example } = firstCause(report);
    expect(example.answer.ok).toBe(true);
    expect(example.difference).toMatch(/^(header|payload)/);
  });
});

describe('lenient parser lenient-buffer.mjs (Buffer.from based)', () => {
  it('passes accept', async () => {
    const report = await run('lenient-buffer.mjs');
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
  });

  it('fails rfc, one diagnosis per class it lets through, each with its requirement and a minimal token showing the fault', async () => {
    const report = await run('lenient-buffer.mjs', 'rfc');
    expect(report.passed).toBe(false);
    const failing = report.classes.filter((c) => c.status === 'fail').map((c) => c.id);
    expect(failing).toEqual(expect.arrayContaining(['char-plus', 'char-slash', 'length-1-mod-4', 'invalid-utf8']));
    expect(report.classes.filter((c) => c.level === 'accept').every((c) => c.status === 'pass')).toBe(true);
    const plus = report.diagnosis.find((d) => d.classes.includes('char-plus'))!;
    expect(plus.level).toBe('rfc');
    expect(plus.evidence[0]).toMatch(/RFC 4648 §3\.3/);
    const f = report.failures[plus.example!]!;
    expect(f.class).toBe('char-plus');
    expect(f.expected).toBe('reject');
    expect(f.difference).toBe('accepted an invalid token');
    expect(f.faultAt).toEqual([expect.objectContaining({ codePoint: 'U+002B', shown: '+' })]);
    expect(f.token.charAt(f.faultAt![0]!.offset)).toBe('+');
    // Per failing property: its shrunk counterexample first, then every other failing case as drawn.
    for (const p of report.properties.filter((q) => q.failed)) {
      const entries = report.failures.filter((x) => x.kind === 'property' && x.id === p.name);
      expect(entries[0]!.shrunk).toBe(true);
      expect(entries.slice(1).every((x) => x.shrunk === false && x.numShrinks === 0)).toBe(true);
      expect(entries.length).toBeGreaterThanOrEqual(p.failedRuns);
    }
  });

  it("hardened: captoken's policies are findings, advisory (exit 0 territory) until --fail-on hardened", async () => {
    const adapter = await createModuleAdapter(example('regressed/lenient-buffer.mjs'));
    const advisory = await runConformance(adapter, { seed: SEED, profile: 'hardened', runs: 400 });
    const policy = advisory.classes.filter((c) => c.level === 'hardened' && c.failed > 0);
    expect(policy.map((c) => c.id)).toEqual(expect.arrayContaining(['trailing-bits', 'duplicate-member-accepted', 'forbidden-member', 'signature-syntax', 'empty-signature']));
    expect(policy.every((c) => c.status === 'advisory')).toBe(true);
    // It still fails: the rfc classes gate by default under hardened.
    expect(advisory.passed).toBe(false);
    const waived = await runConformance(adapter, { seed: SEED, profile: 'hardened', failOn: 'hardened', runs: 400, allow: policy.map((c) => c.id) });
    expect(waived.classes.filter((c) => c.level === 'hardened' && c.failed > 0).every((c) => c.status === 'waived')).toBe(true);
  });
});
