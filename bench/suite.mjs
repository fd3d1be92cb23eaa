/**
 * bench/suite.mjs — what decode.mjs and parse.mjs share: argument handling, loading the built
 * captoken, and writing one raw result file per process.
 *
 *   suiteArgs() -> { entry, out, quick }   from `--entry <dist/index.js copy>`, `--out <file.json>`, `--quick`
 *   BENCH_CLOCK=wall|cpu (default cpu): the harness clock. This machine is shared by several jobs, and
 *   CPU time leaves out the time the process spends waiting for a core (see harness.mjs).
 *   await loadCaptoken(entry?) -> module    the given build, or (run standalone) a fresh build/snapshot
 *   await runCases(suite, cases, { out, quick, extra }) -> raw
 *     cases: [{ id, title, candidates, options }]: measures each case with harness.measure and writes
 *     { suite, cases: [{ id, title, measurement }], machine, versions, ... } to `out` when given.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { preparedBuild } from './build.mjs';
import { formatNs, libraryVersions, machineInfo, measure } from './harness.mjs';

export function suiteArgs(argv = process.argv.slice(2)) {
  const get = (flag) => {
    const i = argv.indexOf(flag);
    return i === -1 ? undefined : argv[i + 1];
  };
  return { entry: get('--entry'), out: get('--out'), quick: argv.includes('--quick') };
}

export async function loadCaptoken(entry) {
  const file = entry ?? (await preparedBuild()).entry;
  const mod = await import(pathToFileURL(path.resolve(file)).href);
  return { mod, entry: file };
}

export async function runCases(suite, cases, { out, quick = false, extra = {} } = {}) {
  const results = [];
  for (const c of cases) {
    const clock = process.env.BENCH_CLOCK ?? 'cpu';
    const options = quick ? { ...c.options, clock, rounds: 5, warmupMs: 100 } : { ...c.options, clock };
    const measurement = await measure(c.candidates, { label: c.id, ...options });
    results.push({ id: c.id, title: c.title, measurement });
    console.log(`[${suite}] ${c.id}: ${measurement.candidates.map((x) => `${x.name} ${formatNs(x.median)}`).join(', ')}`);
  }
  const raw = {
    suite,
    machine: machineInfo(),
    versions: libraryVersions(['jose', 'fast-jwt', 'typescript', 'tsup']),
    execArgv: process.execArgv,
    gcExposed: typeof globalThis.gc === 'function',
    ...extra,
    cases: results,
  };
  if (out) {
    mkdirSync(path.dirname(out), { recursive: true });
    writeFileSync(out, `${JSON.stringify(raw, null, 2)}\n`);
  }
  return raw;
}
