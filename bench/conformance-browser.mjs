// bench/conformance-browser.mjs: the browser adapter. Throughput (cases per second, adapter calls
// included) against captoken's own browser build running in headless Chromium, next to the same
// parser in process, in interleaved rounds; the transport alone; cold start (Chromium launch, page,
// load); and a default run as a partner runs it, through the built CLI (dist/cli.js).
//
//   npm run build && node bench/conformance-browser.mjs [--rounds 5] [--runs 5000]
// Measures the built package (captoken, captoken/conformance: dist/). Writes the table and a raw JSON
// file under bench/results/raw/ (git-ignored); committed tables change only when copied on purpose.
// Needs Chromium (/usr/bin/chromium or CAPTOKEN_CHROMIUM).
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { adapterFromFunction, createBrowserAdapter, loadVectors, runConformance } from 'captoken/conformance';
import { parseToken } from 'captoken';
import { machineInfo } from './machine.mjs';
import { median, quantile } from './stats.mjs';

const resultsDir = fileURLToPath(new URL('./results/raw/', import.meta.url));
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
function markdownTable(head, rows) {
  return [`| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');
}
function writeRaw(name, data) {
  const file = path.join(resultsDir, `${name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify({ machine: machineInfo(), ...data }, null, 2)}\n`);
  return file;
}

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const arg = (name, fallback) => {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : Number(process.argv[i + 1]);
};
const ROUNDS = arg('rounds', 5);
const RUNS = arg('runs', 5000);
const chromium = process.env.CAPTOKEN_CHROMIUM ?? '/usr/bin/chromium';
if (!existsSync(path.join(root, 'dist/browser.js')) || !existsSync(path.join(root, 'dist/cli.js'))) throw new Error('run `npm run build` first');
if (!existsSync(chromium)) throw new Error(`no Chromium at ${chromium}: apt-get install -y chromium, or set CAPTOKEN_CHROMIUM`);
const chromiumVersion = execFileSync(chromium, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();

// captoken's browser build (dist/browser.js, jose bundled in) behind a thin ES module exporting decode.
const work = mkdtempSync(path.join(os.tmpdir(), 'captoken-bench-browser-'));
const bundleFile = path.join(work, 'captoken-browser.mjs');
await esbuild.build({
  stdin: {
    contents: `import { parseToken } from ${JSON.stringify(path.join(root, 'dist/browser.js'))};\nexport function decode(token) { const { header, payload } = parseToken(token); return { header, payload }; }\n`,
    resolveDir: root,
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: 'es2022',
  outfile: bundleFile,
  logLevel: 'silent',
});

// CPU time (ms) of this process and of every process it started (Chromium's browser, renderer,
// network and GPU processes), from /proc: the cost of a run whatever the load on the shared machine.
const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
function treeCpuMs() {
  const parent = new Map();
  const cpu = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(name), Number(fields[1]));
      cpu.set(Number(name), ((Number(fields[11]) + Number(fields[12])) * 1000) / ticksPerSecond);
    } catch {
      // gone meanwhile
    }
  }
  let total = 0;
  for (const [pid, ms] of cpu) {
    for (let p = pid; p !== undefined && p > 1; p = parent.get(p)) {
      if (p === process.pid) {
        total += ms;
        break;
      }
    }
  }
  return total;
}

const inProcess = adapterFromFunction('captoken (module, in process)', (token) => {
  const { header, payload } = parseToken(token);
  return { header, payload };
});

// Cold start: launch Chromium, open a context and a page, load the file. Each round starts with no
// Chromium running (the last adapter's close stops it). Then a second adapter while one holds the
// browser: context, page and load only (what `check` pays for its baseline).
const cold = [];
const warmBrowser = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  const first = await createBrowserAdapter(bundleFile);
  const t1 = performance.now();
  const second = await createBrowserAdapter(bundleFile);
  const t2 = performance.now();
  await second.close();
  await first.close();
  cold.push(t1 - t0);
  warmBrowser.push(t2 - t1);
}

const browser = await createBrowserAdapter(bundleFile, { name: 'captoken browser build (Chromium)' });
const candidates = [
  { name: 'module adapter (captoken in process)', adapter: inProcess },
  { name: `browser adapter (captoken's browser build in headless Chromium)`, adapter: browser },
];
const profiles = ['accept', 'strict'];
// Warm-up: JIT tiers in Node and in the page.
for (const c of candidates) await runConformance(c.adapter, { seed: 1, runs: 1000, profile: 'strict' });

const samples = new Map();
let seed = 100;
for (let r = 0; r < ROUNDS; r++) {
  for (let k = 0; k < candidates.length; k++) {
    const c = candidates[(k + r) % candidates.length];
    for (const profile of profiles) {
      const cpu0 = treeCpuMs();
      const report = await runConformance(c.adapter, { seed: seed++, runs: RUNS, profile });
      const cpuMs = treeCpuMs() - cpu0;
      if (!report.passed) throw new Error(`${c.name} failed ${profile}: the benchmark needs a correct adapter`);
      const key = `${c.name}|${profile}`;
      if (!samples.has(key)) samples.set(key, []);
      samples.get(key).push({ casesPerSecond: report.casesPerSecond, cases: report.cases, ms: report.durationMs, casesPerCpuSecond: (report.cases * 1000) / cpuMs });
    }
  }
}

// The transport alone: vector tokens, pipelined, no generation and no judging.
const vectorTokens = loadVectors().testGroups.flatMap((g) => g.tests.map((t) => t.token));
const transport = [];
for (let r = 0; r < ROUNDS; r++) {
  const tokens = Array.from({ length: 20_000 }, (_, i) => vectorTokens[i % vectorTokens.length]);
  const t0 = performance.now();
  await Promise.all(tokens.map((t) => browser.decode(t)));
  transport.push((tokens.length * 1000) / (performance.now() - t0));
}
await browser.close();

// A default run as a partner runs it, through the built CLI: a fresh process, Chromium launch, the
// default accept run (2057 cases), close. Wall time of the whole command, and the run's own figures.
const cliRuns = [];
for (let r = 0; r < ROUNDS; r++) {
  const t0 = performance.now();
  let out;
  try {
    out = execFileSync(process.execPath, [path.join(root, 'dist/cli.js'), 'conformance', '--adapter-browser', bundleFile, '--seed', String(500 + r), '--json'], { encoding: 'utf8' });
  } catch (error) {
    throw new Error(`the default CLI run failed: ${error.stdout ?? ''}${error.stderr ?? ''}`);
  }
  const wallMs = performance.now() - t0;
  const report = JSON.parse(out);
  if (!report.passed) throw new Error('the default CLI run did not pass');
  cliRuns.push({ wallMs, runMs: report.durationMs, cases: report.cases, casesPerSecond: report.casesPerSecond });
}
rmSync(work, { recursive: true, force: true });

const fmt = (x) => Math.round(x).toLocaleString('en-US');
const rows = [];
for (const c of candidates) {
  for (const profile of profiles) {
    const s = samples.get(`${c.name}|${profile}`);
    const rates = s.map((x) => x.casesPerSecond);
    rows.push([c.name, profile, s[0].cases, fmt(median(rates)), `${fmt(quantile(rates, 0.25))}–${fmt(quantile(rates, 0.75))}`, fmt(median(s.map((x) => x.ms))), fmt(median(s.map((x) => x.casesPerCpuSecond)))]);
  }
}
const ratio = (profile) => {
  const a = samples.get(`${candidates[1].name}|${profile}`).map((x) => x.casesPerSecond);
  const b = samples.get(`${candidates[0].name}|${profile}`).map((x) => x.casesPerSecond);
  return `${median(a.map((x, i) => x / b[i])).toFixed(2)}x`;
};
const machine = machineInfo();
const md = [
  '# Browser adapter throughput',
  '',
  `Measured ${new Date().toISOString().slice(0, 16).replace("T", " ")} UTC on ${machine.cpuModel} (${machine.cores} cores, shared; load average ${machine.loadavg.join(' / ')}), Node ${machine.node}, ${chromiumVersion} (headless, driven by playwright-core).`,
  `Command: \`node bench/conformance-browser.mjs --rounds ${ROUNDS} --runs ${RUNS}\`. The parser is captoken's browser build (dist/browser.js,`,
  'bundled with jose into one ES module behind a three-line `decode` wrapper) running in the page; the in-process row runs the same',
  'parser in Node. Each round runs both (order rotating), both profiles; the vectors, then the generated tokens; "cases" counts every',
  'adapter call. Both are correct, so nothing shrinks. The browser is up before timing starts. Medians over rounds.',
  '',
  markdownTable(['adapter', 'profile', 'cases per run', 'cases/s (median)', 'cases/s (IQR)', 'ms per run', 'cases per CPU-second'], rows),
  '',
  '"cases per CPU-second" divides the cases by the CPU time of the whole process tree during the run (this Node process and every',
  'Chromium process it started, from /proc): what a run costs, whatever else the shared machine is doing. On an idle machine with',
  'two cores the wall-clock rate can exceed it, since Node and the renderer work in parallel.',
  '',
  markdownTable(
    ['measurement', 'median'],
    [
      ['browser ÷ in-process throughput, accept (paired per round)', ratio('accept')],
      ['browser ÷ in-process throughput, strict (paired per round)', ratio('strict')],
      ['browser transport: 20,000 vector tokens pipelined, no generation (tokens/s)', fmt(median(transport))],
    ],
  ),
  '',
  '## Cold start',
  '',
  markdownTable(
    ['phase', 'median ms', 'min ms', 'max ms'],
    [
      ['createBrowserAdapter with no Chromium running: launch, context, page, load the file', fmt(median(cold)), fmt(Math.min(...cold)), fmt(Math.max(...cold))],
      ['a second adapter while Chromium runs (context, page, load; what `check` pays for a browser baseline)', fmt(median(warmBrowser)), fmt(Math.min(...warmBrowser)), fmt(Math.max(...warmBrowser))],
    ],
  ),
  '',
  '## A default run through the built CLI',
  '',
  '`node dist/cli.js conformance --adapter-browser <bundle> --json`: a fresh process, Chromium launch, profile `accept` with the default runs, close.',
  '',
  markdownTable(
    ['measurement', 'median', 'min', 'max'],
    [
      ['wall time of the command (ms)', fmt(median(cliRuns.map((c) => c.wallMs))), fmt(Math.min(...cliRuns.map((c) => c.wallMs))), fmt(Math.max(...cliRuns.map((c) => c.wallMs)))],
      ['the run itself, as the report gives it (ms)', fmt(median(cliRuns.map((c) => c.runMs))), fmt(Math.min(...cliRuns.map((c) => c.runMs))), fmt(Math.max(...cliRuns.map((c) => c.runMs)))],
      [`cases/s of the run (${cliRuns[0].cases} cases, cold JIT in Node and in the page)`, fmt(median(cliRuns.map((c) => c.casesPerSecond))), fmt(Math.min(...cliRuns.map((c) => c.casesPerSecond))), fmt(Math.max(...cliRuns.map((c) => c.casesPerSecond)))],
    ],
  ),
  '',
].join('\n');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(path.join(resultsDir, `conformance-browser-${stamp}.md`), md);
const raw = writeRaw('conformance-browser', { rounds: ROUNDS, runs: RUNS, chromiumVersion, samples: Object.fromEntries(samples), transport, cold, warmBrowser, cliRuns });
console.log(md);
console.log(`raw: ${raw}`);
