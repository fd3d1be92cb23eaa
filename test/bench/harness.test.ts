// The benchmark harness's pure parts: the ratio / median / spread arithmetic, the pairing of rounds,
// the command line and job plan, the targets of issue 8 §3, and that every suite measures the built
// package (dist/) and never src/ or a TypeScript loader. Fast: nothing here times anything.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const BENCH = path.join(ROOT, 'bench');

interface Side { ns: number; cpuNs?: number; ops: number }
interface Round { a: Side; b: Side }
interface Summary { n: number; median: number; q1: number; q3: number; min: number; max: number }
interface Stats {
  quantile(values: number[], q: number): number;
  median(values: number[]): number;
  summarise(values: number[]): Summary;
  pairedRatios(rounds: Round[], clock?: 'wall' | 'cpu'): number[];
  asMetric(metric: string, ratios: number[]): number[];
  pairSummary(processes: { rounds: Round[] }[], metric: string): { wall: Summary; perProcess: Summary; cpu?: Summary; rounds: number; processes: number };
  verdict(metric: string, required: number, summary: Summary): { met: boolean; borderline: boolean };
  roundOrder(round: number, processIndex: number): ['a' | 'b', 'a' | 'b'];
  iterationsFor(targetNs: number, n: number, ns: number): number;
}
interface Comparison { id: string; suite: string; case: string; peer: string; metric: string; required: number | null; quick: boolean }
interface Options { quick: boolean; only: string[]; procs: number; rounds: number; roundMs: number; allocProcs: number; filter?: string; write: boolean }
interface Job { kind: string; comparison?: Comparison; candidate?: string; processIndex: number }
interface OptionsModule {
  parseOptions: (argv: string[], env?: Record<string, string>) => Options;
  selectComparisons: (c: Comparison[], o: Options) => Comparison[];
  planJobs: (c: Comparison[], o: Options) => Job[];
}
interface TargetsModule { COMPARISONS: Comparison[]; SUITES: string[] }
interface CasesModule { CASES: Record<string, { candidates: Record<string, unknown> }>; CAPTOKEN_SPECIFIER: string }

// The bench is plain JavaScript run by node; load it by URL so TypeScript does not try to type it.
const load = async <T,>(file: string): Promise<T> => (await import(pathToFileURL(path.join(BENCH, file)).href)) as T;
const stats = await load<Stats>('stats.mjs');
const { parseOptions, selectComparisons, planJobs } = await load<OptionsModule>('options.mjs');
const { COMPARISONS, SUITES } = await load<TargetsModule>('targets.mjs');
const { CASES, CAPTOKEN_SPECIFIER } = await load<CasesModule>('cases.mjs');

const side = (nsPerOp: number, cpuPerOp = nsPerOp): Side => ({ ns: nsPerOp * 1000, cpuNs: cpuPerOp * 1000, ops: 1000 });

describe('bench statistics', () => {
  it('quantiles interpolate between order statistics (numpy default), whatever the input order', () => {
    expect(stats.median([3, 1, 2])).toBe(2);
    expect(stats.median([4, 1, 3, 2])).toBe(2.5);
    expect(stats.quantile([1, 2, 3, 4, 5], 0.25)).toBe(2);
    expect(stats.quantile([10, 20], 0.75)).toBe(17.5);
    expect(stats.summarise([5, 1, 9])).toEqual({ n: 3, median: 5, q1: 3, q3: 7, min: 1, max: 9 });
    expect(Number.isNaN(stats.median([]))).toBe(true);
  });

  it('a paired ratio is time per op of A over B within one round, not a ratio of medians', () => {
    const rounds = [
      { a: side(10), b: side(5) },
      { a: { ns: 3000, ops: 100 }, b: { ns: 60_000, ops: 1000 } }, // 30 ns vs 60 ns: ops counts differ
    ];
    expect(stats.pairedRatios(rounds)).toEqual([2, 0.5]);
    // A slow round for both (the machine was busy) leaves its ratio alone.
    expect(stats.pairedRatios([{ a: side(100), b: side(50) }])).toEqual([2]);
  });

  it('speed-ups are per-round inverses, so the median of a speed-up is the speed-up of the median', () => {
    expect(stats.asMetric('speedup', [2, 0.5, 4])).toEqual([0.5, 2, 0.25]);
    expect(stats.asMetric('slowdown', [2, 0.5])).toEqual([2, 0.5]);
    expect(() => stats.asMetric('faster', [1])).toThrow(/unknown metric/);
  });

  it('pools rounds over processes, keeps per-process medians apart, and the CPU clock as its own column', () => {
    const p1 = { rounds: [{ a: side(10, 5), b: side(10, 10) }, { a: side(20, 5), b: side(10, 10) }] }; // 1, 2
    const p2 = { rounds: [{ a: side(30, 5), b: side(10, 10) }, { a: side(40, 5), b: side(10, 10) }] }; // 3, 4
    const s = stats.pairSummary([p1, p2], 'slowdown');
    expect(s.rounds).toBe(4);
    expect(s.processes).toBe(2);
    expect(s.wall.median).toBe(2.5);
    expect([s.wall.min, s.wall.max]).toEqual([1, 4]);
    expect([s.perProcess.min, s.perProcess.max]).toEqual([1.5, 3.5]);
    expect(s.cpu?.median).toBe(0.5);
    expect(stats.pairSummary([p1, p2], 'speedup').wall.median).toBeCloseTo((1 / 2 + 1 / 3) / 2);
  });

  it('a verdict reads the median in the direction of its metric, and flags a target inside the IQR', () => {
    const s = stats.summarise([1.0, 1.2, 1.4, 1.6, 1.8]); // median 1.4, IQR 1.2-1.6
    expect(stats.verdict('slowdown', 1.35, s)).toEqual({ met: false, borderline: true });
    expect(stats.verdict('slowdown', 1.7, s)).toEqual({ met: true, borderline: false });
    expect(stats.verdict('speedup', 1.8, s)).toEqual({ met: false, borderline: false });
    expect(stats.verdict('speedup', 1.3, s)).toEqual({ met: true, borderline: true });
    expect(stats.verdict('at-most', 0, stats.summarise([0, 0, 0]))).toEqual({ met: true, borderline: false });
    expect(stats.verdict('at-least', 2000, stats.summarise([1500]))).toEqual({ met: false, borderline: false });
  });

  it('rounds alternate A B / B A, and every other process starts the other way round', () => {
    const orders = (p: number): string[] => [0, 1, 2, 3].map((r) => stats.roundOrder(r, p).join(''));
    expect(orders(0)).toEqual(['ab', 'ba', 'ab', 'ba']);
    expect(orders(1)).toEqual(['ba', 'ab', 'ba', 'ab']);
    // With an odd number of rounds, two processes still put each candidate first equally often.
    const firsts = [0, 1].flatMap((p) => [0, 1, 2].map((r) => stats.roundOrder(r, p)[0]));
    expect(firsts.filter((x) => x === 'a')).toHaveLength(3);
  });

  it('calibration scales the iteration count to the target time', () => {
    expect(stats.iterationsFor(100e6, 1000, 10e6)).toBe(10_000);
    expect(stats.iterationsFor(100e6, 1, 0)).toBe(100e6);
    expect(stats.iterationsFor(1, 1000, 10e6)).toBe(1);
  });
});

describe('bench command line and plan', () => {
  it('defaults to the full run; --quick shrinks it; flags with values are checked', () => {
    const full = parseOptions([]);
    expect(full).toMatchObject({ quick: false, procs: 5, rounds: 10, roundMs: 150, only: SUITES, write: false });
    const quick = parseOptions(['--quick', '--only', 'verify,decode']);
    expect(quick).toMatchObject({ quick: true, procs: 2, only: ['verify', 'decode'] });
    expect(parseOptions([], { npm_config_quick: 'true' }).quick).toBe(true);
    expect(parseOptions(['--procs=3', '--write']).procs).toBe(3);
    expect(() => parseOptions(['--only', 'speed'])).toThrow(/unknown suite/);
    expect(() => parseOptions(['--round-ms', '25'])).toThrow(/below 100/);
    expect(() => parseOptions(['--procs', '0'])).toThrow(/positive integer/);
    expect(() => parseOptions(['--only'])).toThrow(/needs a value/);
    expect(() => parseOptions(['--fast'])).toThrow(/unknown flag/);
  });

  it('--quick keeps every target and drops the information-only comparisons; --filter selects by id', () => {
    const quick = selectComparisons(COMPARISONS, parseOptions(['--quick']));
    expect(quick.length).toBe(COMPARISONS.filter((c) => c.required !== null).length);
    const hs = selectComparisons(COMPARISONS, parseOptions(['--only', 'verify', '--filter', 'HS256']));
    expect(hs.map((c) => c.id)).toEqual(['verify-HS256/fast-jwt', 'verify-HS256/floor', 'verify-HS256-async/jose']);
  });

  it('each job is one pair in its own process; the processes of a pair are spread over the run', () => {
    const o = parseOptions(['--only', 'decode,alloc', '--procs', '3']);
    const comparisons = selectComparisons(COMPARISONS, o);
    const jobs = planJobs(comparisons, o);
    const pairs = jobs.filter((j) => j.kind === 'pair');
    expect(pairs).toHaveLength(comparisons.length * 3);
    for (const c of comparisons) {
      const at = pairs.flatMap((j, i) => (j.comparison?.id === c.id ? [i] : []));
      expect(at.map((i) => pairs[i]?.processIndex)).toEqual([0, 1, 2]);
      expect(at[1]! - at[0]!).toBe(comparisons.length); // never back to back
    }
    const alloc = jobs.filter((j) => j.kind === 'alloc').map((j) => `${j.candidate ?? ''}${j.processIndex}`);
    expect(alloc).toEqual(['captoken0', 'fast-jwt0', 'fast-jwt1', 'captoken1', 'captoken2', 'fast-jwt2']);
  });
});

describe('bench targets (issue 8 §3)', () => {
  it('every comparison names a case and two candidates that exist', () => {
    for (const c of COMPARISONS) {
      expect(CASES[c.case], c.id).toBeDefined();
      expect(Object.keys(CASES[c.case]!.candidates), c.id).toEqual(expect.arrayContaining(['captoken', c.peer]));
    }
    expect(new Set(COMPARISONS.map((c) => c.id)).size).toBe(COMPARISONS.length);
  });

  it('holds each target of the issue with its required ratio', () => {
    // Restated from issue 8 §3 on purpose: an independent oracle for bench/targets.mjs.
    const required: Record<string, [string, number]> = {
      'decode-86/owned-copy': ['slowdown', 1.1],
      'decode-300/owned-copy': ['slowdown', 1.1],
      'decode-4k/Buffer.from': ['slowdown', 1.1],
      'decode-1mib/Buffer.from': ['slowdown', 1.4],
      'parse/fast-jwt-complete': ['speedup', 1.15],
      'parse/jose-header+payload': ['speedup', 2],
      'verify-HS256/fast-jwt': ['speedup', 1.8],
      'verify-HS256/floor': ['slowdown', 1.35],
      'verify-HS256-async/jose': ['speedup', 8],
      'throughput-HS256/fast-jwt': ['speedup', 1.8],
      ...Object.fromEntries(
        ['RS256', 'PS256', 'ES256', 'EdDSA'].flatMap((alg) => [
          [`verify-${alg}/floor`, ['slowdown', 1.03]],
          [`verify-${alg}/fast-jwt`, ['speedup', 1]],
        ]),
      ),
    };
    const got = Object.fromEntries(COMPARISONS.filter((c) => c.required !== null).map((c) => [c.id, [c.metric, c.required]]));
    expect(got).toEqual(required);
  });
});

describe('bench measures the built package', () => {
  const sources = readdirSync(BENCH, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.mjs'))
    .map((f) => ({ file: f, text: readFileSync(path.join(BENCH, f), 'utf8') }));

  it('no bench file imports src/, a .ts file or a TypeScript loader', () => {
    expect(sources.length).toBeGreaterThan(10);
    for (const { file, text } of sources) {
      const specifiers = [...text.matchAll(/(?:import\s[^'"]*?from\s*|import\(\s*)['"]([^'"]+)['"]/g)].map((m) => m[1]!);
      for (const s of specifiers) {
        expect(s, file).not.toMatch(/(?:^|\/)src(?:\/|$)|\.ts$|^tsx(?:\/|$)/);
      }
      expect(text, file).not.toMatch(/--import[\s'",]+tsx/);
    }
  });

  it('captoken is loaded by its package name, which resolves to dist/index.js like a user import', () => {
    expect(CAPTOKEN_SPECIFIER).toBe('captoken');
    const loaders = sources.filter(({ text }) => /from 'captoken(?:\/[\w-]+)?'|import\(CAPTOKEN_SPECIFIER\)/.test(text)).map((s) => s.file);
    expect(loaders).toEqual(expect.arrayContaining(['cases.mjs', 'conformance.mjs']));
    // Resolved by node itself from the repository (the package's self-reference), not by vitest.
    const resolved = execFileSync(process.execPath, ['--input-type=module', '-e', "console.log(import.meta.resolve('captoken'))"], { cwd: BENCH, encoding: 'utf8' }).trim();
    expect(resolved).toBe(pathToFileURL(path.join(ROOT, 'dist', 'index.js')).href);
  });

  it('npm run bench runs bench/run.mjs without --expose-gc (no forced GC while timing)', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['bench']).toBe('node bench/run.mjs');
    const timing = sources.filter(({ file }) => ['timing.mjs', 'pair.mjs', 'throughput.mjs', 'throughput-worker.mjs'].includes(file));
    for (const { file, text } of timing) {
      const code = text.split('\n').filter((line) => !/^\s*(?:\*|\/\/|\/\*)/.test(line));
      expect(code.join('\n'), file).not.toMatch(/\bgc\(\)/);
    }
  });
});

describe('the README shows the committed benchmark run', () => {
  it('its Benchmarks table is bench/results/readme-table.md, as `npm run bench -- --write` wrote it, with every target of issue 8 §3', () => {
    const readme = readFileSync(path.join(ROOT, 'README.md'), 'utf8');
    const table = readFileSync(path.join(BENCH, 'results', 'readme-table.md'), 'utf8').trim();
    const start = readme.indexOf('<!-- bench:table:start');
    const end = readme.indexOf('<!-- bench:table:end -->');
    expect(start).toBeGreaterThan(-1);
    expect(readme.slice(readme.indexOf('\n', start) + 1, end).trim()).toBe(table);
    expect(readme).not.toMatch(/TBD\(run\)/);
    // Every row names the run it comes from, and every missed target is explained below the table.
    const rows = table.split('\n').filter((l) => l.startsWith('| ') && !l.startsWith('| target'));
    expect(rows.length).toBeGreaterThanOrEqual(20);
    for (const row of rows) expect(row).toMatch(/`\d{4}-\d\d-\d\dT[\d-]+Z_[0-9a-f]{7}` \|$/);
    const missed = rows.filter((r) => r.includes('**not met**')).length;
    expect((readme.match(/^- \*\*.*target [≤≥]/gmu) ?? []).length).toBeGreaterThanOrEqual(missed);
  });
});
