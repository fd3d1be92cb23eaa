// The profiles against parsers written for the purpose (test/conformance/fixtures/parsers/), as the
// issue's "Done means" states it: an independent strict parser that takes every freedom the RFCs
// leave passes `rfc`; a Buffer.from-lenient decoder, a first-wins duplicate reader and a forgiving
// JSON reader each fail it, on the class that is their fault and no other.
import { describe, expect, it } from 'vitest';
import { runConformance, type ConformanceReport } from '../../src/conformance/index.js';
import { example, parserFixture, SEED } from './support.js';

const failingClasses = (r: ConformanceReport): string[] => r.classes.filter((c) => c.status === 'fail').map((c) => c.id);

describe('profile rfc: MUST-level rejections only', () => {
  it('passes an independent parser that keeps the last duplicate, accepts alg none, has no size limit, skips a BOM and ignores trailing bits', async () => {
    const report = await runConformance({ module: parserFixture('rfc-freedoms.mjs') }, { profile: 'rfc', seed: SEED });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    // Duplicate members were there, and accepted with the lexically last value.
    expect(report.classes.find((c) => c.id === 'duplicate-member')).toMatchObject({ status: 'pass' });
    expect(report.classes.find((c) => c.id === 'duplicate-member')!.cases).toBeGreaterThan(10);
  });

  it('with --verifies, checks the signature segment too, and the same parser reading its signature passes', async () => {
    const report = await runConformance({ module: parserFixture('rfc-freedoms-verifies.mjs') }, { profile: 'rfc', verifies: true, seed: SEED });
    expect(report.passed).toBe(true);
    expect(report.classes.find((c) => c.id === 'signature-syntax')).toMatchObject({ level: 'rfc', status: 'pass' });
    // The decode-only parser does not read its signature: under --verifies it fails that class alone.
    const decodeOnly = await runConformance({ module: parserFixture('rfc-freedoms.mjs') }, { profile: 'rfc', verifies: true, seed: SEED });
    expect(failingClasses(decodeOnly)).toEqual(['signature-syntax']);
  });

  it('fails a Buffer.from-lenient decoder', async () => {
    const report = await runConformance({ module: example('regressed/lenient-buffer.mjs') }, { profile: 'rfc', seed: SEED });
    expect(report.passed).toBe(false);
    expect(failingClasses(report)).toEqual(expect.arrayContaining(['char-plus', 'char-slash', 'length-1-mod-4', 'invalid-utf8']));
    expect(failingClasses(report)).not.toContain('duplicate-member');
  });

  it('fails a parser that keeps the FIRST duplicate member, checked by value, on duplicate-member alone', async () => {
    const report = await runConformance({ module: parserFixture('first-wins.mjs') }, { profile: 'rfc', seed: SEED });
    expect(failingClasses(report)).toEqual(['duplicate-member']);
    const f = report.failures.find((x) => x.class === 'duplicate-member')!;
    expect(f.difference).toMatch(/^accepted a duplicate member without keeping the lexically last value: /);
    expect(f.lastWins).toBeDefined();
  });

  it('fails a forgiving JSON reader (trailing commas, single quotes, NaN) on not-json alone', async () => {
    const report = await runConformance({ module: parserFixture('forgiving-json.mjs') }, { profile: 'rfc', seed: SEED });
    expect(failingClasses(report)).toEqual(['not-json']);
  });
});

describe('profile hardened: captoken policy on top, advisory', () => {
  it('the RFC-freedoms parser has a finding per policy it does not share, each named and sourced, and still passes', async () => {
    const report = await runConformance({ module: parserFixture('rfc-freedoms.mjs') }, { profile: 'hardened', seed: SEED });
    expect(report.passed).toBe(true);
    const findings = report.classes.filter((c) => c.failed > 0);
    expect(findings.map((c) => c.id).sort()).toEqual(['duplicate-member-accepted', 'empty-signature', 'forbidden-member', 'json-bom', 'signature-syntax', 'too-large', 'trailing-bits']);
    for (const c of findings) {
      expect(c).toMatchObject({ level: 'hardened', status: 'advisory' });
      expect(c.requirement).toMatch(/^captoken policy|rfc level only for adapters that read the signature/);
    }
    const failOn = await runConformance({ module: parserFixture('rfc-freedoms.mjs') }, { profile: 'hardened', failOn: 'hardened', seed: SEED, runs: 300 });
    expect(failOn.passed).toBe(false);
    const allowed = await runConformance(
      { module: parserFixture('rfc-freedoms.mjs') },
      { profile: 'hardened', failOn: 'hardened', seed: SEED, runs: 300, allow: findings.map((c) => c.id) },
    );
    expect(allowed.passed).toBe(true);
    expect(allowed.settings.allow.sort()).toEqual(findings.map((c) => c.id).sort());
  });
});
