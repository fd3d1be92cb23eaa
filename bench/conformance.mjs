// bench/conformance.mjs: throughput of the conformance kit (cases per second, adapter calls included
// shrinking) against an in-process module adapter and against subprocess adapters (JSON lines,
// pipelined), and the wall time of a default run. All candidates run in the same process in
// interleaved rounds (order rotating); figures are medians over rounds, ratios are paired per round.
//
//   npm run build && node bench/conformance.mjs [--rounds 5] [--runs 5000]
// Measures the built package (dist/conformance.js, dist/index.js: what users run). Writes
// bench/results/conformance.md and a raw JSON file under bench/results/raw/.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { validToken } from '../dist/arbitraries.js';
import { adapterFromFunction, createCommandAdapter, loadVectors, runConformance } from '../dist/conformance.js';
import { parseToken } from '../dist/index.js';
import { machineInfo, markdownTable, median, quantile, resultsDir, writeRaw } from './harness.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg('rounds', 5);
const RUNS = arg('runs', 5000);

const captoken = adapterFromFunction('captoken (module, in process)', (token) => {
  const { header, payload } = parseToken(token);
  return { header, payload };
});
// The Node example adapter, through the package self-reference (dist/).
if (!existsSync(path.join(root, 'dist/conformance.js'))) throw new Error('run npm run build first: the benchmark measures dist/');
const nodeCommand = { command: `node ${JSON.stringify(path.join(root, 'examples/adapters/captoken-node.mjs'))}`, env: process.env };
const pythonCommand = `python3 ${JSON.stringify(path.join(root, 'examples/adapters/captoken_python.py'))}`;

const subprocesses = {
  node: createCommandAdapter(nodeCommand.command, { env: nodeCommand.env, cwd: root }),
  python: createCommandAdapter(pythonCommand, { cwd: root }),
};

const candidates = [
  { name: 'module adapter (captoken in process)', adapter: captoken },
  { name: 'subprocess adapter: Node.js example', adapter: subprocesses.node },
  { name: 'subprocess adapter: Python 3 example', adapter: subprocesses.python },
];
const profiles = ['accept', 'rfc'];

// Warm-up: JIT tiers, adapter processes started.
for (const c of candidates) await runConformance(c.adapter, { seed: 1, runs: 500, profile: 'rfc' });

const samples = new Map();
// What bounds the module adapter: generating the cases (fast-check + the arbitraries) alone,
// measured in every round next to the candidates.
const genRates = [];
let seed = 100;
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  fc.check(fc.property(validToken(), () => true), { seed: r, numRuns: RUNS });
  genRates.push((RUNS * 1000) / (performance.now() - t0));
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[(k + r) % candidates.length];
    for (const profile of profiles) {
      const cpu0 = process.cpuUsage();
      const report = await runConformance(c.adapter, { seed: seed++, runs: RUNS, profile });
      const cpu = process.cpuUsage(cpu0);
      if (!report.passed) throw new Error(`${c.name} failed ${profile}: the benchmark needs a correct adapter`);
      const key = `${c.name}|${profile}`;
      if (!samples.has(key)) samples.set(key, []);
      // CPU time of this process (user + system): for the in-process adapter, all the work of a run;
      // it does not count time spent waiting for a core on a loaded machine.
      const cpuMs = (cpu.user + cpu.system) / 1000;
      samples.get(key).push({ casesPerSecond: report.casesPerSecond, cases: report.cases, ms: report.durationMs, casesPerCpuSecond: (report.cases * 1000) / cpuMs });
    }
  }
}

// What bounds a subprocess adapter: the transport alone, vector tokens pipelined (no generation).
const vectorTokens = loadVectors().testGroups.flatMap((g) => g.tests.map((t) => t.token));
const transport = {};
for (const [name, adapter] of Object.entries(subprocesses)) {
  const rates = [];
  for (let r = 0; r < ROUNDS; r++) {
    const tokens = Array.from({ length: 20_000 }, (_, i) => vectorTokens[i % vectorTokens.length]);
    const t0 = performance.now();
    await Promise.all(tokens.map((t) => adapter.decode(t)));
    rates.push((tokens.length * 1000) / (performance.now() - t0));
  }
  transport[name] = rates;
}

// A default run as a partner runs it: start the adapter, `accept`, 1000 generated cases, close.
const defaultRuns = { node: [], python: [] };
for (let r = 0; r < ROUNDS; r++) {
  for (const [name, spec] of [['node', nodeCommand], ['python', { command: pythonCommand, env: process.env }]]) {
    const t0 = performance.now();
    const adapter = createCommandAdapter(spec.command, { env: spec.env, cwd: root });
    const report = await runConformance(adapter, { seed: 500 + r });
    await adapter.close();
    if (!report.passed) throw new Error(`default run of ${name} failed`);
    defaultRuns[name].push(performance.now() - t0);
  }
}
for (const a of Object.values(subprocesses)) await a.close();

// Cold start: a fresh process imports the kit (dist/) and runs a default `accept` run in process.
const coldScript = `
const t0 = performance.now();
const conf = await import(${JSON.stringify(path.join(root, 'dist/conformance.js'))});
const { parseToken } = await import(${JSON.stringify(path.join(root, 'dist/index.js'))});
const t1 = performance.now();
const adapter = conf.adapterFromFunction('captoken', (t) => { const { header, payload } = parseToken(t); return { header, payload }; });
const report = await conf.runConformance(adapter, { seed: 7 });
if (!report.passed) throw new Error('cold run failed');
console.log(JSON.stringify({ importMs: t1 - t0, runMs: performance.now() - t1 }));
`;
const coldRuns = [];
for (let r = 0; r < ROUNDS; r++) {
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', coldScript], { cwd: root, encoding: 'utf8' });
  coldRuns.push(JSON.parse(out.trim().split('\n').pop()));
}

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const rows = [];
for (const c of candidates) {
  for (const profile of profiles) {
    const s = samples.get(`${c.name}|${profile}`);
    const rates = s.map((x) => x.casesPerSecond);
    rows.push([c.name, profile, s[0].cases, fmt(median(rates)), `${fmt(quantile(rates, 0.25))}–${fmt(quantile(rates, 0.75))}`, fmt(median(s.map((x) => x.ms)))]);
  }
}
const moduleRates = samples.get(`${candidates[0].name}|accept`).map((x) => x.casesPerSecond);
const moduleCpuRows = profiles.map((profile) => {
  const rates = samples.get(`${candidates[0].name}|${profile}`).map((x) => x.casesPerCpuSecond);
  return [`module adapter, ${profile}: cases per CPU-second of this process`, fmt(median(rates))];
});
const ratioRows = candidates.slice(1).map((c) => {
  const rates = samples.get(`${c.name}|accept`).map((x) => x.casesPerSecond);
  return [c.name, `${median(rates.map((x, i) => x / moduleRates[i])).toFixed(2)}x`];
});
// Load-independent view: in-process throughput relative to generating alone, paired per round.
const generationRatio = median(moduleRates.map((x, i) => x / genRates[i]));
const machine = machineInfo();
const md = [
  '# Conformance kit throughput',
  '',
  `Measured ${machine.date} on ${machine.cpuModel} (${machine.cores} cores, shared; load average ${machine.loadavg.join(' / ')}), Node ${machine.node}.`,
  `Command: \`node bench/conformance.mjs --rounds ${ROUNDS} --runs ${RUNS}\` on the built package (dist/). Each round runs every candidate (order rotating),`,
  `profiles accept and rfc, \`runs: ${RUNS}\`: the vectors, then ${RUNS} generated valid tokens checked in two spellings (UTF-8 and ASCII-escaped JSON);`,
  `rfc adds ${RUNS} invalid tokens over its 17 fault classes, and the unmutated twin of every invalid token rejected. "Cases" counts every adapter call, twins and shrinking included.`,
  'The adapters are correct, so no shrinking happens here. Medians over rounds; IQR in the next column.',
  '',
  markdownTable(['adapter', 'profile', 'cases per run', 'cases/s (median)', 'cases/s (IQR)', 'ms per run'], rows),
  '',
  '## Paired ratio to the module adapter (accept, same round)',
  '',
  markdownTable(['adapter', 'throughput relative to in-process'], ratioRows),
  '',
  '## What bounds the figures',
  '',
  markdownTable(
    ['measurement', 'per second (median)'],
    [
      ['generating valid tokens only (fc.check over validToken(), no adapter)', fmt(median(genRates))],
      ['module adapter accept cases/s ÷ generation-only tokens/s (same round)', `${generationRatio.toFixed(2)}x`],
      ...moduleCpuRows,
      ['Node.js subprocess: 20,000 vector tokens pipelined, no generation', fmt(median(transport.node))],
      ['Python 3 subprocess: 20,000 vector tokens pipelined, no generation', fmt(median(transport.python))],
    ],
  ),
  '',
  '## A default run against a subprocess adapter',
  '',
  'Start the adapter, run profile `accept` (vectors + 1000 generated valid tokens in two spellings), close it; wall time:',
  '',
  markdownTable(
    ['adapter', 'median ms', 'max ms'],
    [
      ['Node.js example (captoken-node.mjs)', fmt(median(defaultRuns.node)), fmt(Math.max(...defaultRuns.node))],
      ['Python 3 example (captoken_python.py)', fmt(median(defaultRuns.python)), fmt(Math.max(...defaultRuns.python))],
    ],
  ),
  '',
  `Node example adapter command: \`${nodeCommand.command.replace(root + '/', '')}\``,
  '',
  '## Cold start (fresh process, in-process adapter)',
  '',
  'A new Node process imports the kit (dist/) and runs a default `accept` run with captoken in process:',
  '',
  markdownTable(
    ['phase', 'median ms', 'max ms'],
    [
      ['import of the kit and captoken', fmt(median(coldRuns.map((c) => c.importMs))), fmt(Math.max(...coldRuns.map((c) => c.importMs)))],
      ['default run', fmt(median(coldRuns.map((c) => c.runMs))), fmt(Math.max(...coldRuns.map((c) => c.runMs)))],
    ],
  ),
  '',
  '## Reading',
  '',
  `- Targets: >= 2,000 cases/s through a subprocess (JSON lines, pipelined) and >= 10,000 cases/s in process. The transport alone`,
  `  carries ${fmt(median(transport.node))} (Node) / ${fmt(median(transport.python))} (Python) tokens/s, so subprocess runs are not bound by the protocol.`,
  `- In process, the work is generating the cases (fast-check + captoken/arbitraries) plus the parser and the checks: the run reaches`,
  `  ${generationRatio.toFixed(2)}x the generation-only rate measured in the same rounds (each generated valid token yields two cases, so 2.00x`,
  `  would mean parsing and checking were free; ${(generationRatio / 2 * 100).toFixed(0)}% of the accept run's time goes to generating, the rest to parseToken and the checks).`,
  `  On this shared machine (load average ${machine.loadavg[0]} on ${machine.cores} cores) generation ran at ${fmt(median(genRates))} tokens/s;`,
  '  the in-process figure scales with it. Cases per CPU-second (the in-process run does all its work in this process)',
  '  approximates one dedicated core; the ratio to generation is the figure to compare across machines.',
  '',
].join('\n');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, 'conformance.md'), md);
const raw = writeRaw('conformance', { rounds: ROUNDS, runs: RUNS, samples: Object.fromEntries(samples), genRates, transport, defaultRuns, coldRuns });
console.log(md);
console.log(`raw: ${raw}`);
