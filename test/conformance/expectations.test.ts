// Known deviations: written from a regressed parser's run, they let the same parser pass and still
// fail a different regression; a deviation that disappears is reported as fixed.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applyExpectations, createModuleAdapter, deviations, formatJunit, formatText, parseExpectations, readExpectations, runCheck, serializeExpectations, writeExpectations, type CheckReport } from '../../src/conformance/index.js';
import { captokenAdapter, example } from './support.js';

const SEED = 20261121;
const check = async (parser: string): Promise<CheckReport> => runCheck(await createModuleAdapter(example(`regressed/${parser}`)), undefined, { seed: SEED, runs: 200 });

describe('expectations', () => {
  it('reads and writes the line format and JSON alike', () => {
    const text = '# known\nconformance tcId:17 char-plus  # our SDK accepts "+"\n\nconformance property:valid valid\ncorpus sha256:0123456789ab valid\n';
    const entries = parseExpectations(text);
    expect(entries).toEqual([
      { scope: 'conformance', id: 'tcId:17', class: 'char-plus', note: 'our SDK accepts "+"' },
      { scope: 'conformance', id: 'property:valid', class: 'valid' },
      { scope: 'corpus', id: 'sha256:0123456789ab', class: 'valid' },
    ]);
    expect(parseExpectations(serializeExpectations(entries))).toEqual([...entries].sort((a, b) => (`${a.scope} ${a.id}` < `${b.scope} ${b.id}` ? -1 : 1)));
    expect(parseExpectations(serializeExpectations(entries, true), true)).toHaveLength(3);
    expect(() => parseExpectations('conformance tcId:1')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
    expect(() => parseExpectations('nightly tcId:1 valid')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it.each([
    ['atob.mjs', 'over-padding.mjs'],
    ['over-padding.mjs', 'latin1.mjs'],
    ['latin1.mjs', 'replace-first.mjs'],
  ])('written from %s, they pass the same parser and fail another regression (%s)', async (known, other) => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'captoken-expect-')), 'captoken-expectations.txt');
    const first = await check(known);
    expect(first.passed).toBe(false);
    const written = await writeExpectations(file, first);
    expect(written.length).toBeGreaterThan(0);
    expect(readFileSync(file, 'utf8')).toMatch(/^# captoken expectations v1/);
    const expected = await readExpectations(file);
    const again = applyExpectations(await check(known), expected, file);
    expect(again.passed).toBe(true);
    expect(again.expectations!.new.filter((e) => e.gating)).toEqual([]);
    expect(again.expectations!.known.length).toBe(written.length);
    // Known deviations are no failures in any reporter: a CI counting JUnit failures agrees with the exit code.
    expect(formatJunit(again)).toMatch(/<testsuites [^>]*failures="0"/);
    expect(formatText(again)).toContain('check passed');
    const second = applyExpectations(await check(other), expected, file);
    expect(second.passed).toBe(false);
    expect(second.expectations!.new.some((e) => e.gating)).toBe(true);
  });

  it('reports a deviation that disappeared as fixed, and passes', async () => {
    const atob = await check('atob.mjs');
    const fixedRun = await runCheck(captokenAdapter(), undefined, { seed: SEED, runs: 200 });
    const entries = parseExpectations(serializeExpectations(deviations(atob)));
    expect(entries.length).toBeGreaterThan(0);
    const r = applyExpectations(fixedRun, entries, 'x.txt');
    expect(r.passed).toBe(true);
    expect(r.expectations!.fixed.length).toBe(entries.length);
  });
});
