// Shard-then-merge: n shards of a run, merged, give the verdicts and the failure set of the unsharded
// run with the same seed (vectors, generated cases and corpus lines), in JSON and in JUnit.
import { describe, expect, it } from 'vitest';
import { createModuleAdapter, formatJunit, mergeJunit, mergeReports, parseShard, runCheck, type CheckReport } from '../../src/conformance/index.js';
import { corpusFile, corpusTokens } from './corpus-tokens.js';
import { captokenAdapter, example } from './support.js';

const SEED = 20261121;

/** The failure set of a report: as-drawn failures and vectors (each shard shrinks its own, so shrunk cases are compared apart). */
function failureSet(r: CheckReport): string[] {
  const c = r.conformance.failures.filter((f) => f.shrunk !== true).map((f) => `conformance ${f.id} ${f.path ?? ''} ${f.token}`);
  const d = (r.differential?.differences ?? []).filter((f) => f.shrunk !== true).map((f) => `differential ${f.outcome} ${f.id} ${f.path ?? ''} ${f.token}`);
  const k = (r.corpus?.findings ?? []).map((f) => `corpus ${f.outcome} ${f.file}:${f.line} ${f.fingerprint}`);
  return [...c, ...d, ...k].sort();
}

const verdicts = (r: CheckReport) => ({
  passed: r.passed,
  classes: r.conformance.classes.map((c) => [c.id, c.cases, c.failed, c.status]),
  differential: r.differential?.classes.map((c) => [c.id, c.cases, c.failed, c.status, c.outcomes]),
  vectors: r.conformance.vectors,
  vectorCases: r.conformance.vectorCases,
  properties: r.conformance.properties.map((p) => [p.name, p.numRuns, p.failed, p.failedRuns]),
  coverage: r.conformance.coverage,
  corpus: r.corpus === undefined ? undefined : { tokens: r.corpus.tokens, outcomes: r.corpus.outcomes, captoken: r.corpus.captoken, passed: r.corpus.passed },
});

describe('shard then merge', () => {
  it('parses i/n and refuses anything else', () => {
    expect(parseShard('2/3')).toEqual({ index: 2, count: 3 });
    for (const bad of ['0/3', '4/3', '1/0', 'a/b', '1-3']) expect(() => parseShard(bad)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('3 shards merged give the verdicts and failures of one unsharded run (seed 20261121), JSON and JUnit', async () => {
    const tokens = corpusTokens(90, 23);
    const file = corpusFile(tokens.map((t) => t.token));
    const run = async (shard?: string): Promise<CheckReport> =>
      runCheck(await createModuleAdapter(example('regressed/replace-first.mjs')), captokenAdapter(), { seed: SEED, runs: 150, corpus: { files: [file], reproduce: false }, ...(shard === undefined ? {} : { shard }) });
    const whole = await run();
    const shards = [await run('1/3'), await run('2/3'), await run('3/3')];
    // Each shard judged a part, and the parts cover the whole.
    expect(shards.map((s) => s.corpus!.tokens).reduce((a, b) => a + b)).toBe(90);
    expect(shards.every((s) => s.corpus!.tokens < 90)).toBe(true);
    // Merged in any order, the same report.
    const merged = mergeReports(shards) as CheckReport;
    const reversed = mergeReports([...shards].reverse()) as CheckReport;
    expect(verdicts(merged)).toEqual(verdicts(whole));
    expect(failureSet(merged)).toEqual(failureSet(whole));
    expect(failureSet(reversed)).toEqual(failureSet(merged));
    // The same file, byte for byte, whatever order the shards are given in.
    const rotated = mergeReports([shards[1]!, shards[2]!, shards[0]!]) as CheckReport;
    expect(JSON.stringify(reversed)).toBe(JSON.stringify(merged));
    expect(JSON.stringify(rotated)).toBe(JSON.stringify(merged));
    expect(merged.shards).toEqual([1, 2, 3].map((index) => ({ index, count: 3 })));
    // Shrunk cases: every shard's is kept, and the property's minimal case is the smallest of them.
    const shrunk = (r: CheckReport, id: string) => r.conformance.failures.filter((f) => f.id === id && f.shrunk === true).map((f) => f.token);
    const failing = merged.conformance.properties.filter((p) => p.failed);
    expect(failing.length).toBeGreaterThan(0);
    for (const p of failing) {
      const all = shards.flatMap((s) => shrunk(s, p.name));
      expect(shrunk(merged, p.name).sort()).toEqual([...all].sort());
      const smallest = [...all].sort((a, b) => a.length - b.length || (a < b ? -1 : 1))[0];
      expect(shrunk(merged, p.name)[0]).toBe(smallest);
      expect(reversed.conformance.properties.find((x) => x.name === p.name)?.path).toBe(p.path);
    }
    // JUnit: the merged file holds every testcase of every shard.
    const xml = mergeJunit(shards.map(formatJunit));
    const count = (s: string, re: RegExp) => (s.match(re) ?? []).length;
    expect(count(xml, /<testcase /g)).toBe(shards.reduce((n, s) => n + count(formatJunit(s), /<testcase /g), 0));
    expect(count(xml, /<failure /g)).toBe(shards.reduce((n, s) => n + count(formatJunit(s), /<failure /g), 0));
    const total = Number(/<testsuites[^>]*\stests="(\d+)"/.exec(xml)?.[1]);
    expect(total).toBe(count(xml, /<testcase /g));
  });
});
