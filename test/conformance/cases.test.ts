import { describe, expect, it } from 'vitest';
import { REGISTERED_JWS_ALGORITHMS } from '../../src/arbitraries/index.js';
import { planSuites, splitRuns, vectorCase, type KitCase, type PropertySuite } from '../../src/conformance/cases.js';
import { CoverageCollector } from '../../src/conformance/coverage.js';
import { tokenFacts } from '../../src/conformance/features.js';
import { loadVectors } from '../../src/conformance/index.js';
import { resolveOptions } from '../../src/conformance/options.js';
import { generate } from '../../src/conformance/property-runner.js';
import { parseToken } from '../../src/index.js';
import { SEED } from './support.js';

const property = (suites: ReturnType<typeof planSuites>, name: string): PropertySuite => suites.find((s) => s.kind === 'property' && s.name === name) as PropertySuite;
const cases = (suite: PropertySuite, seed = SEED): KitCase[] => generate(suite.arbitrary, seed, suite.numRuns);

describe('planSuites', () => {
  it('accept: the valid vectors, then valid and valid-ascii-json (the same tokens in two spellings)', () => {
    const suites = planSuites(resolveOptions({ seed: SEED, runs: 50 }));
    expect(suites.map((s) => s.name)).toEqual(['vectors', 'valid', 'valid-ascii-json']);
    const valid = cases(property(suites, 'valid'));
    const ascii = cases(property(suites, 'valid-ascii-json'));
    valid.forEach((c, i) => {
      const a = ascii[i]!;
      expect(a.expectation).toEqual(c.expectation);
      expect(a.token).toMatch(/^[\x21-\x7e]+$/);
      const [h, p] = a.token.split('.') as [string, string];
      // ASCII bytes, the same values.
      expect(Buffer.from(h, 'base64url').every((b) => b < 0x80) && Buffer.from(p, 'base64url').every((b) => b < 0x80)).toBe(true);
      expect(parseToken(a.token).payload).toEqual(parseToken(c.token).payload);
      expect(a.token.split('.')[2]).toBe(c.token.split('.')[2]);
    });
  });

  it('rfc adds one property per rfc class, runs split over them; hardened adds its classes', () => {
    const rfc = planSuites(resolveOptions({ seed: SEED, profile: 'rfc', runs: 170 }));
    const invalid = rfc.filter((s): s is PropertySuite => s.kind === 'property' && s.name.startsWith('invalid:'));
    expect(invalid.map((s) => s.cls)).toContain('char-plus');
    expect(invalid.map((s) => s.cls)).not.toContain('trailing-bits');
    expect(invalid.reduce((n, s) => n + s.numRuns, 0)).toBe(170);
    const hardened = planSuites(resolveOptions({ seed: SEED, profile: 'hardened', runs: 170 }));
    expect(hardened.filter((s) => s.name.startsWith('invalid:')).map((s) => s.name)).toContain('invalid:trailing-bits');
    // Duplicate-member vectors are judged twice in hardened runs: by the RFCs and by captoken's policy.
    const vectors = hardened[0]!;
    expect(vectors.kind === 'vectors' && vectors.entries.some((e) => e.id.endsWith(':policy') && e.case.cls === 'duplicate-member-accepted')).toBe(true);
  });

  it("invalid cases carry their twin (accepted by captoken), captoken's fault location and compatible categories", () => {
    const suites = planSuites(resolveOptions({ seed: SEED, profile: 'rfc', runs: 400 }));
    for (const suite of suites.filter((s): s is PropertySuite => s.kind === 'property' && s.name.startsWith('invalid:'))) {
      for (const c of cases(suite)) {
        expect(c.expectation.expected).toBe('reject');
        if (c.expectation.expected !== 'reject') continue;
        expect(c.expectation.compatible.length).toBeGreaterThan(0);
        expect(c.twin, suite.name).toBeDefined();
        expect(() => parseToken(c.twin!)).not.toThrow();
        if (suite.cls === 'duplicate-member') expect(c.expectation.lastWins).toBeDefined();
        if (suite.cls.startsWith('char-')) expect(['header', 'payload']).toContain(c.fault?.segment);
      }
    }
  });

  it('--alg and the size bounds shape the generated tokens', () => {
    const suites = planSuites(resolveOptions({ seed: SEED, runs: 300, algorithms: ['ES256'], maxHeaderBytes: 200, maxPayloadBytes: 400 }));
    for (const c of cases(property(suites, 'valid'))) {
      const [h, p] = c.token.split('.') as [string, string];
      expect((parseToken(c.token).header as { alg: string }).alg).toBe('ES256');
      expect(Buffer.from(h, 'base64url').length).toBeLessThanOrEqual(200);
      expect(Buffer.from(p, 'base64url').length).toBeLessThanOrEqual(400);
    }
  });

  it('splitRuns splits evenly', () => {
    expect(splitRuns(1000, 20)).toEqual(Array(20).fill(50));
    expect(splitRuns(5, 2)).toEqual([3, 2]);
  });

  it('vectorCase: valid vectors accept; invalid ones reject, with their class, twin and acceptable decode', () => {
    const tests = loadVectors().testGroups.flatMap((g) => g.tests);
    const dup = tests.find((t) => t.fault === 'duplicate-member')!;
    expect(vectorCase(dup)).toMatchObject({ cls: 'duplicate-member', twin: dup.twin, expectation: { expected: 'reject', lastWins: dup.acceptable } });
    expect(vectorCase({ ...dup, fault: 'unknown' })).toBeUndefined();
    expect(vectorCase(tests[0]!)).toMatchObject({ cls: 'valid', expectation: { expected: 'accept' } });
  });
});

describe('the incident coverage of a default run', () => {
  it.each([SEED, 1, 2])("every cell of segment x '-'/'_' x position x length mod 4 is reached by valid cases (seed %i)", (seed) => {
    const options = resolveOptions({ seed });
    const suites = planSuites(options);
    const coverage = new CoverageCollector();
    const all: KitCase[] = [...cases(property(suites, 'valid'), seed), ...cases(property(suites, 'valid-ascii-json'), seed)];
    const vectors = suites[0]!;
    if (vectors.kind === 'vectors') all.push(...vectors.entries.map((e) => e.case));
    for (const c of all) coverage.add(tokenFacts(c.token)!, false);
    const result = coverage.result();
    const empty = result.cells.filter((c) => c.cases === 0).map((c) => `${c.segment} '${c.char}' ${c.position} ≡${c.mod}`);
    expect(empty).toEqual([]);
    expect(result.lengths.every((l) => l.cases > 0)).toBe(true);
    expect(result.nonAscii.cases).toBeGreaterThan(all.length / 5);
  });

  it('valid tokens use registered algorithms only, every one of them, and never "none"', () => {
    const suites = planSuites(resolveOptions({ seed: SEED }));
    const algs = new Set(cases(property(suites, 'valid')).map((c) => (c.expectation.expected === 'accept' ? (c.expectation.header as { alg: string }).alg : '')));
    expect([...algs].sort()).toEqual([...REGISTERED_JWS_ALGORITHMS].sort());
  });
});
