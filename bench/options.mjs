/**
 * bench/options.mjs — the command line of `npm run bench` (pure: argv and env in, settings out).
 *
 *   npm run bench [-- <flags>]
 *     --quick               about a minute: targets only, 2 processes x 3 rounds per pair, 2x10^5 ops
 *                           for allocation, 500 runs for conformance (indicative only)
 *     --only <suites>       comma-separated: decode,parse,verify,throughput,alloc,conformance
 *     --filter <text>       only comparisons whose id contains <text> (e.g. HS256, decode-300;
 *                           allocation is alloc/HS256, conformance is conformance)
 *     --all                 also the information-only comparisons under --quick
 *     --procs <n>           fresh processes per pair (default 5)
 *     --rounds <n>          interleaved A/B rounds per process (default 10)
 *     --round-ms <ms>       wall time of one candidate's batch in a round (default 150, at least 100)
 *     --warmup-ms <ms>      interleaved warm-up before calibration, per process (default 500)
 *     --alloc-ops <n>       operations per allocation process (default 1000000)
 *     --alloc-procs <n>     fresh processes per allocation candidate (default 3)
 *     --conformance-runs <n> generated tokens per property for the conformance suite (default 5000)
 *     --conformance-rounds <n> rounds of every adapter (default 3)
 *     --no-build            do not run `npm run build` (the run records whether dist/ is older than src/)
 *     --write               regenerate the committed tables (bench/results/*.md) from this run
 *     --list                print the comparisons that would run, and exit
 *     --help
 *
 * `npm run bench --quick` (no `--`) works too: npm passes it as npm_config_quick. `--only` and the
 * other flags with a value must follow `--`, because npm keeps them for itself.
 */
import { ALLOC_CANDIDATES, SUITES } from './targets.mjs';

export const DEFAULTS = {
  quick: false,
  only: SUITES,
  filter: undefined,
  all: false,
  procs: 5,
  rounds: 10,
  roundMs: 150,
  warmupMs: 500,
  allocOps: 1_000_000,
  allocProcs: 3,
  allocWindows: 40,
  allocWindowOps: 1000,
  conformanceRuns: 5000,
  conformanceRounds: 3,
  build: true,
  write: false,
  list: false,
  help: false,
};

export const QUICK = {
  procs: 2,
  rounds: 3,
  roundMs: 100,
  warmupMs: 150,
  allocOps: 200_000,
  allocProcs: 1,
  allocWindows: 20,
  conformanceRuns: 500,
  conformanceRounds: 1,
};

const NUMERIC = {
  '--procs': 'procs',
  '--rounds': 'rounds',
  '--round-ms': 'roundMs',
  '--warmup-ms': 'warmupMs',
  '--alloc-ops': 'allocOps',
  '--alloc-procs': 'allocProcs',
  '--conformance-runs': 'conformanceRuns',
  '--conformance-rounds': 'conformanceRounds',
};

export function parseOptions(argv, env = {}) {
  const quick = argv.includes('--quick') || env.npm_config_quick === 'true';
  const o = { ...DEFAULTS, ...(quick ? QUICK : {}), quick };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const [flag, inline] = arg.includes('=') ? [arg.slice(0, arg.indexOf('=')), arg.slice(arg.indexOf('=') + 1)] : [arg, undefined];
    const value = () => {
      const v = inline ?? argv[++i];
      if (v === undefined || v.startsWith('--')) throw new Error(`${flag} needs a value`);
      return v;
    };
    if (flag === '--quick') continue;
    else if (flag === '--only') {
      o.only = value().split(',').map((s) => s.trim()).filter(Boolean);
      const unknown = o.only.filter((s) => !SUITES.includes(s));
      if (unknown.length > 0) throw new Error(`--only: unknown suite ${unknown.join(', ')} (suites: ${SUITES.join(', ')})`);
    } else if (flag === '--filter') o.filter = value();
    else if (flag === '--all') o.all = true;
    else if (flag === '--no-build') o.build = false;
    else if (flag === '--write') o.write = true;
    else if (flag === '--list') o.list = true;
    else if (flag === '--help' || flag === '-h') o.help = true;
    else if (flag in NUMERIC) {
      const n = Number(value());
      if (!Number.isInteger(n) || n < 1) throw new Error(`${flag} needs a positive integer`);
      o[NUMERIC[flag]] = n;
    } else throw new Error(`unknown flag ${arg} (npm run bench -- --help)`);
  }
  if (env.npm_config_write === 'true') o.write = true;
  if (o.roundMs < 100) throw new Error('--round-ms below 100: short batches push deferred GC work out of the batch that caused it');
  return o;
}

/** The comparisons a run measures, in order. */
export function selectComparisons(comparisons, o) {
  return comparisons.filter((c) => o.only.includes(c.suite) && (!o.quick || o.all || c.quick) && (o.filter === undefined || c.id.includes(o.filter)));
}

/**
 * The jobs of a run, in the order they run: every pair once per process index (so the processes of
 * one pair are spread over the whole run, not bunched), then allocation (candidates alternating),
 * then conformance.
 */
export function planJobs(comparisons, o) {
  const jobs = [];
  for (let p = 0; p < o.procs; p++) {
    for (const c of comparisons) jobs.push({ kind: c.suite === 'throughput' ? 'throughput' : 'pair', comparison: c, processIndex: p });
  }
  const wanted = (id) => o.filter === undefined || id.includes(o.filter);
  if (o.only.includes('alloc') && wanted('alloc/HS256')) {
    for (let p = 0; p < o.allocProcs; p++) {
      const order = p % 2 === 0 ? ALLOC_CANDIDATES : [...ALLOC_CANDIDATES].reverse();
      for (const candidate of order) jobs.push({ kind: 'alloc', candidate, processIndex: p });
    }
  }
  if (o.only.includes('conformance') && wanted('conformance')) jobs.push({ kind: 'conformance', processIndex: 0 });
  return jobs;
}
