#!/usr/bin/env node
/**
 * bench/run.mjs — `npm run bench`: build, then run every suite against the built package, one fresh
 * process per measurement, and print the report. Flags: bench/options.mjs (or `npm run bench -- --help`).
 *
 * A run gets an id (ISO time, git short sha, Node version, CPU model, 1-minute load average) and a
 * folder bench/results/raw/<run id>/ (git-ignored) holding:
 *   run.json      the machine, versions, options, build and git state, load average at start and end
 *   inputs.json   the verify tokens and public keys every process of the run uses (no private key)
 *   job-*.json    one file per child process: its raw samples
 *   report.txt, report.md   the report of this run
 * The committed tables (bench/results/summary.md, summary.json, readme-table.md) change only with --write.
 */
import { execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createVerifyInputs } from './inputs.mjs';
import { gitInfo, machineInfo, makeRunId } from './machine.mjs';
import { parseOptions, planJobs, selectComparisons } from './options.mjs';
import { formatMarkdown, formatText, loadRun, rawDir, summariseRun, writeCommitted } from './report.mjs';
import { median, pairedRatios, asMetric } from './stats.mjs';
import { ALLOC_TARGETS, COMPARISONS, CONFORMANCE_TARGETS } from './targets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);

let options;
try {
  options = parseOptions(process.argv.slice(2), process.env);
} catch (error) {
  console.error(`[bench] ${error.message}`);
  process.exit(2);
}
if (options.help) {
  const source = readFileSync(path.join(here, 'options.mjs'), 'utf8');
  console.log(source.slice(source.indexOf('npm run bench ['), source.indexOf('*/')).replace(/^ \* ?/gm, ''));
  process.exit(0);
}

const comparisons = selectComparisons(COMPARISONS, options);
const jobs = planJobs(comparisons, options);
if (options.list) {
  for (const c of comparisons) console.log(`${c.id.padEnd(36)} ${c.required === null ? 'information' : `${c.metric} ${c.required}`}  ${c.what}`);
  // The allocation and conformance suites are measured by their own jobs, not as timed pairs.
  const extra = [
    ...(options.only.includes('alloc') ? ALLOC_TARGETS : []),
    ...(options.only.includes('conformance') ? CONFORMANCE_TARGETS : []),
  ].filter((t) => options.filter === undefined || t.id.includes(options.filter));
  for (const t of extra) console.log(`${t.id.padEnd(36)} ${t.required === null ? 'information' : `${t.metric} ${t.required}${t.unit ? ` ${t.unit}` : ''}`}  ${t.what}`);
  console.log(`${jobs.length} processes`);
  process.exit(0);
}
if (jobs.length === 0) {
  console.error('[bench] nothing selected (check --only and --filter)');
  process.exit(2);
}

// ---------------------------------------------------------------------------------------------
// Build: the benches import `captoken`, i.e. dist/ through the package's exports.

function files(p) {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).flatMap((name) => files(path.join(p, name)));
}

function buildState() {
  const entry = path.join(root, 'dist', 'index.js');
  const distTime = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const newer = ['src', 'tsup.config.ts', 'tsconfig.json', 'package.json']
    .flatMap((p) => files(path.join(root, p)))
    .filter((f) => statSync(f).mtimeMs > distTime)
    .map((f) => path.relative(root, f));
  return { distTime: distTime === 0 ? null : new Date(distTime).toISOString(), stale: distTime === 0 || newer.length > 0, newerThanDist: newer.slice(0, 20) };
}

function distHash() {
  const h = createHash('sha256');
  for (const f of files(path.join(root, 'dist')).filter((x) => /\.(?:js|cjs)$/.test(x)).sort()) h.update(path.basename(f)).update(readFileSync(f));
  return h.digest('hex').slice(0, 16);
}

let built = false;
const before = buildState();
if (options.build && (!options.quick || before.stale)) {
  console.log('[bench] npm run build');
  try {
    execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  } catch (error) {
    console.error(String(error.stdout ?? ''), String(error.stderr ?? ''));
    console.error('[bench] npm run build failed: nothing is measured against a build that is not the current code');
    process.exit(1);
  }
  built = true;
} else if (options.build) {
  console.log('[bench] --quick: dist/ is newer than src/, not rebuilding');
}
const build = { ...buildState(), built, distSha256: distHash() };
if (build.stale) console.warn(`[bench] WARNING: dist/ is older than ${build.newerThanDist.join(', ')}: the run measures an old build`);

// ---------------------------------------------------------------------------------------------
// The run's folder, id and inputs.

const version = (name) => JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
const machine = machineInfo();
const git = gitInfo(root);
const date = new Date();
const runId = makeRunId({ date, sha: git.sha, dirty: git.dirty, node: machine.node, cpuModel: machine.cpuModel, loadavg: machine.loadavg });
const dir = path.join(rawDir, runId);
mkdirSync(dir, { recursive: true });
const inputsFile = path.join(dir, 'inputs.json');
writeFileSync(inputsFile, `${JSON.stringify(createVerifyInputs(), null, 2)}\n`);
const meta = {
  runId,
  startedAt: date.toISOString(),
  command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
  options,
  machine,
  git,
  build,
  versions: { captoken: JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')).version, jose: version('jose'), 'fast-jwt': version('fast-jwt'), 'fast-check': version('fast-check') },
  nodeOptionsRemoved: process.env.NODE_OPTIONS ?? null,
  jobs: jobs.length,
};
const writeMeta = () => writeFileSync(path.join(dir, 'run.json'), `${JSON.stringify(meta, null, 2)}\n`);
writeMeta();
console.log(`[bench] run ${runId}: ${jobs.length} processes${options.quick ? ' (quick)' : ''}; raw results in ${path.relative(process.cwd(), dir)}/`);

// ---------------------------------------------------------------------------------------------
// The jobs, one fresh process each, one after the other (never two at once).

const env = { ...process.env };
delete env.NODE_OPTIONS; // no loader (tsx) and no --expose-gc leaks into a measuring process

function spawnJob(args) {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    child.on('exit', (code, signal) => resolve({ code, signal, output }));
  });
}

function jobSpec(job, out) {
  if (job.kind === 'alloc') {
    return { candidate: job.candidate, ops: options.allocOps, windows: options.allocWindows, windowOps: options.allocWindowOps, processIndex: job.processIndex, inputs: inputsFile, out };
  }
  if (job.kind === 'conformance') return { runs: options.conformanceRuns, rounds: options.conformanceRounds, out };
  const c = job.comparison;
  return { id: c.id, case: c.case, peer: c.peer, processIndex: job.processIndex, rounds: options.rounds, roundMs: options.roundMs, warmupMs: options.warmupMs, inputs: inputsFile, out };
}

const SCRIPT = { pair: ['pair.mjs'], throughput: ['throughput.mjs'], alloc: ['--expose-gc', 'alloc.mjs'], conformance: ['conformance.mjs'] };
const started = Date.now();
for (const [i, job] of jobs.entries()) {
  const label = job.kind === 'alloc' ? `alloc/HS256/${job.candidate}` : job.kind === 'conformance' ? 'conformance' : job.comparison.id;
  const out = path.join(dir, `job-${String(i + 1).padStart(4, '0')}-${label.replace(/[^\w.-]+/g, '_')}-p${job.processIndex}.json`);
  const script = SCRIPT[job.kind];
  const t0 = Date.now();
  const result = await spawnJob([...script.slice(0, -1), path.join(here, script.at(-1)), JSON.stringify(jobSpec(job, out))]);
  if (result.code !== 0 || !existsSync(out)) {
    console.error(result.output);
    console.error(`[bench] ${label} (process ${job.processIndex}) failed with ${result.signal ?? `exit code ${result.code}`}; partial results in ${dir}`);
    meta.failed = { job: label, processIndex: job.processIndex, output: result.output.slice(-4000) };
    writeMeta();
    process.exit(1);
  }
  let note = '';
  if (job.kind === 'pair' || job.kind === 'throughput') {
    const raw = JSON.parse(readFileSync(out, 'utf8'));
    note = `${job.comparison.metric} ${median(asMetric(job.comparison.metric, pairedRatios(raw.rounds))).toFixed(2)}×`;
  }
  console.log(`[bench] ${String(i + 1).padStart(3)}/${jobs.length} ${label} p${job.processIndex} ${note} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
}

meta.finishedAt = new Date().toISOString();
meta.durationSeconds = Math.round((Date.now() - started) / 1000);
meta.loadavgEnd = os.loadavg().map((x) => Number(x.toFixed(2)));
writeMeta();

const summary = summariseRun(loadRun(dir));
const text = formatText(summary);
writeFileSync(path.join(dir, 'report.txt'), `${text}\n`);
writeFileSync(path.join(dir, 'report.md'), `${formatMarkdown(summary)}\n`);
console.log(`\n${text}\n`);
console.log(`[bench] ${meta.durationSeconds} s of measuring; report: ${path.relative(process.cwd(), path.join(dir, 'report.md'))}`);
console.log(`[bench] README table: node bench/report.mjs ${runId} --readme`);
if (options.write) {
  for (const f of writeCommitted(summary)) console.log(`[bench] wrote ${path.relative(process.cwd(), f)}`);
} else {
  console.log('[bench] committed tables unchanged (regenerate them with: npm run bench -- --write)');
}
