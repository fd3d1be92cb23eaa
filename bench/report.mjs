/**
 * bench/report.mjs — turns one run's raw files into the report: the same data rendered as text (the
 * console), markdown (bench/results/summary.md) and the README table. Reporters render data; none
 * reads another's output.
 *
 *   node bench/report.mjs [<run id> | latest] [--text | --markdown | --readme | --json] [--write]
 *     default: the newest run under bench/results/raw/, printed as text.
 *     --readme  the "Benchmarks" table for README.md: every row names the run it comes from.
 *     --write   regenerate the committed tables from that run: bench/results/summary.md,
 *               bench/results/summary.json and bench/results/readme-table.md.
 *
 *   loadRun(dir) -> run                   run.json and every job file of the folder
 *   summariseRun(run) -> summary          plain data (see the return value of summariseRun)
 *   formatText(summary), formatMarkdown(summary), formatReadmeTable(summary) -> string
 *   writeCommitted(summary) -> [paths]
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { median, pairSummary, summarise, verdict } from './stats.mjs';
import { ALLOC_TARGETS, COMPARISONS, CONFORMANCE_TARGETS } from './targets.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
export const resultsDir = path.join(here, 'results');
export const rawDir = path.join(resultsDir, 'raw');

export function latestRunDir() {
  const runs = existsSync(rawDir) ? readdirSync(rawDir).filter((d) => existsSync(path.join(rawDir, d, 'run.json'))) : [];
  if (runs.length === 0) throw new Error('no run under bench/results/raw/: run `npm run bench` first');
  // Run ids start with their ISO time, so the newest sorts last.
  return path.join(rawDir, runs.sort().at(-1));
}

export function loadRun(dir) {
  const meta = JSON.parse(readFileSync(path.join(dir, 'run.json'), 'utf8'));
  const jobs = readdirSync(dir)
    .filter((f) => f.endsWith('.json') && f.startsWith('job-'))
    .sort()
    .map((f) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')));
  return { dir, meta, jobs };
}

// ---------------------------------------------------------------------------------------------
// Data

const fmtRatio = (x) => (Number.isFinite(x) ? `${x.toFixed(2)}×` : 'n/a');

function requiredText(metric, required, unit = '') {
  if (required === null || required === undefined) return 'information';
  const n = unit ? `${required.toLocaleString('en-US')} ${unit}` : `${required.toFixed(2)}×`;
  return metric === 'slowdown' || metric === 'at-most' ? `≤ ${n}` : `≥ ${n}`;
}

function gapText(metric, required, value, met, unit = '') {
  if (required === null || required === undefined || met) return '';
  const pct = (x) => (x < 0.01 ? '<1%' : `${(x * 100).toFixed(0)}%`);
  if (metric === 'speedup' || metric === 'at-least') return `${pct(1 - value / required)} short`;
  if (metric === 'slowdown') return `${pct(value / required - 1)} over`;
  return `${(value - required).toFixed(1)}${unit ? ` ${unit}` : ''} over`;
}

const MEASURE = {
  slowdown: 'time(captoken) ÷ time(peer)',
  speedup: 'time(peer) ÷ time(captoken)',
};

/**
 * The share of a core the single-threaded timing processes got: process CPU time ÷ wall time of their
 * batches (median over every round). On a quiet machine it is about 1 (a little more while V8's helper
 * threads work); well under 1, the process waited for a core and its wall times carry that wait.
 */
export function coreShare(jobs) {
  const shares = jobs.filter((j) => j.kind === 'pair').flatMap((j) => j.rounds.flatMap((r) => [r.a.cpuNs / r.a.ns, r.b.cpuNs / r.b.ns]));
  return shares.length === 0 ? undefined : median(shares);
}

function quality(meta, share) {
  const loads = [meta.machine.loadavg[0], meta.loadavgEnd?.[0] ?? 0];
  const notes = [];
  if (meta.options.quick) notes.push('QUICK run (few processes and rounds): indicative only');
  if (Math.max(...loads) > meta.machine.cores * 0.5) notes.push(`NOISY: 1-minute load average ${loads.join(' → ')} on ${meta.machine.cores} cores`);
  if (share !== undefined && share < 0.9) notes.push(`NOISY: the timing processes got ${(share * 100).toFixed(0)}% of a core (median CPU time ÷ wall time of their batches)`);
  if (meta.build.stale) notes.push('dist/ was older than src/ (run with --no-build): not the current code');
  if (meta.git.dirty) notes.push('uncommitted changes in src/ were built and measured');
  return notes;
}

function comparisonRows(run) {
  const rows = [];
  for (const c of COMPARISONS) {
    const processes = run.jobs.filter((j) => (j.kind === 'pair' || j.kind === 'throughput') && j.spec.id === c.id);
    if (processes.length === 0) continue;
    const s = pairSummary(processes, c.metric);
    const v = c.required === null ? undefined : verdict(c.metric, c.required, s.wall);
    rows.push({
      id: c.id,
      suite: c.suite,
      what: c.what,
      peer: c.peer,
      metric: c.metric,
      measure: MEASURE[c.metric],
      required: c.required,
      requiredText: requiredText(c.metric, c.required),
      median: s.wall.median,
      iqr: [s.wall.q1, s.wall.q3],
      range: [s.wall.min, s.wall.max],
      perProcess: [s.perProcess.min, s.perProcess.max],
      cpuMedian: s.cpu?.median,
      cpuIqr: s.cpu ? [s.cpu.q1, s.cpu.q3] : undefined,
      processes: s.processes,
      rounds: s.rounds,
      nsPerOp: s.nsPerOp,
      status: v === undefined ? 'info' : v.met ? 'met' : 'NOT met',
      borderline: v?.borderline ?? false,
      gap: v === undefined ? '' : gapText(c.metric, c.required, s.wall.median, v.met),
      describe: { captoken: processes[0].a.describe, peer: processes[0].b.describe },
      captokenEntry: processes[0].captokenEntry,
    });
  }
  return rows;
}

function allocData(run) {
  const jobs = run.jobs.filter((j) => j.kind === 'alloc');
  if (jobs.length === 0) return undefined;
  const by = (name) => jobs.filter((j) => j.candidate.name === name).sort((x, y) => x.spec.processIndex - y.spec.processIndex);
  const candidates = {};
  for (const name of new Set(jobs.map((j) => j.candidate.name))) {
    const js = by(name);
    const fig = (f) => median(js.map((j) => f(j.figures)));
    candidates[name] = {
      processes: js.length,
      ops: js[0].figures.ops,
      heapBytesPerOp: fig((x) => x.heapBytesPerOp),
      windowHeapBytesPerOp: fig((x) => x.windows.heapBytesPerOp),
      arrayBufferBytesPerOp: fig((x) => x.arrayBufferBytesPerOp),
      arrayBufferBytesRange: [Math.min(...js.map((j) => j.figures.windows.arrayBufferBytesPerOpMin)), Math.max(...js.map((j) => j.figures.windows.arrayBufferBytesPerOpMax))],
      gcPauseNsPerOp: fig((x) => x.gcPauseNsPerOp),
      gcPer1kOps: fig((x) => x.gcPer1kOps),
      gcTypes: [...new Set(js.flatMap((j) => Object.keys(j.figures.gcByType)))],
      wallNsPerOp: fig((x) => x.wallNsPerOp),
      userCpuNsPerOp: fig((x) => x.userCpuNsPerOp),
      systemCpuNsPerOp: fig((x) => x.systemCpuNsPerOp),
      voluntaryContextSwitchesPer1kOps: fig((x) => x.voluntaryContextSwitchesPer1kOps),
      windows: js.reduce((s, j) => s + j.figures.windows.count, 0),
      discardedWindows: js.reduce((s, j) => s + j.figures.windows.discarded, 0),
      describe: js[0].candidate.describe,
    };
  }
  const targets = [];
  for (const t of ALLOC_TARGETS) {
    let s;
    if (t.of.includes('/')) {
      const [a, b] = t.of.split('/');
      const A = by(a);
      const B = by(b);
      if (A.length === 0 || B.length === 0) continue;
      // Process p of one candidate against process p of the other (they ran next to each other).
      const ratios = A.slice(0, B.length).map((j, i) => j.figures[t.figure] / B[i].figures[t.figure]);
      s = summarise(ratios);
    } else {
      const A = by(t.of);
      if (A.length === 0) continue;
      s = summarise(A.map((j) => j.figures[t.figure]));
    }
    targets.push(targetRow(t, 'alloc', t.of.includes('/') ? `${t.figure}: captoken ÷ fast-jwt (per process pair)` : `${t.figure} of ${t.of}`, s));
  }
  return { candidates, targets };
}

/** A target's row of the summary: the figure `s` (a summarise() result) held against `t.required`. */
function targetRow(t, suite, measure, s) {
  const v = t.required === null ? undefined : verdict(t.metric, t.required, s);
  return {
    id: t.id,
    suite,
    what: t.what,
    metric: t.metric,
    measure,
    required: t.required,
    requiredText: requiredText(t.metric, t.required, t.unit),
    unit: t.unit,
    median: s.median,
    iqr: [s.q1, s.q3],
    range: [s.min, s.max],
    processes: s.n,
    status: v === undefined ? 'info' : v.met ? 'met' : 'NOT met',
    borderline: v?.borderline ?? false,
    gap: v === undefined ? '' : gapText(t.metric, t.required, s.median, v.met, t.unit),
  };
}

function conformanceData(run) {
  const job = run.jobs.find((j) => j.kind === 'conformance');
  if (!job) return undefined;
  const rows = [];
  for (const a of job.adapters) {
    for (const profile of ['accept', 'rfc']) {
      const s = job.samples[`${a.id}/${profile}`];
      if (!s) continue;
      const rates = s.map((x) => x.casesPerSecond);
      rows.push({ adapter: a.id, name: a.name, profile, cases: s[0].cases, casesPerSecond: summarise(rates), wallMs: median(s.map((x) => x.wallMs)) });
    }
  }
  const moduleAccept = job.samples['module/accept'] ?? [];
  const ratios = job.adapters
    .filter((a) => a.id !== 'module')
    .map((a) => {
      const s = job.samples[`${a.id}/accept`] ?? [];
      const r = s.map((x) => x.casesPerSecond / moduleAccept.find((m) => m.round === x.round).casesPerSecond);
      return { adapter: a.id, name: a.name, ratio: median(r) };
    });
  const targets = [];
  for (const t of CONFORMANCE_TARGETS) {
    const row = rows.find((r) => r.adapter === t.adapter && r.profile === t.profile);
    if (!row) continue;
    const s = row.casesPerSecond;
    targets.push(targetRow(t, 'conformance', 'cases/s (absolute: depends on the machine)', s));
  }
  return {
    runs: job.spec.runs,
    rounds: job.spec.rounds,
    rows,
    ratios,
    generation: summarise(job.generation),
    transport: Object.fromEntries(Object.entries(job.transport).map(([k, v]) => [k, median(v)])),
    skipped: job.skipped,
    targets,
  };
}

export function summariseRun(run) {
  const comparisons = comparisonRows(run);
  const alloc = allocData(run);
  const conformance = conformanceData(run);
  const targets = [...comparisons.filter((r) => r.required !== null), ...(alloc?.targets.filter((t) => t.required !== null) ?? []), ...(conformance?.targets ?? [])];
  return {
    runId: run.meta.runId,
    meta: run.meta,
    coreShare: coreShare(run.jobs),
    quality: quality(run.meta, coreShare(run.jobs)),
    targets,
    comparisons,
    alloc,
    conformance,
    counts: { met: targets.filter((t) => t.status === 'met').length, notMet: targets.filter((t) => t.status === 'NOT met').length },
  };
}

// ---------------------------------------------------------------------------------------------
// Rendering

function figure(t, x) {
  if (!Number.isFinite(x)) return 'n/a';
  if (t.unit === 'cases/s') return Math.round(x).toLocaleString('en-US');
  if (t.unit === 'B/op') return `${x.toFixed(1)} B/op`;
  // A ratio that rounds to its target but misses it (1.3527 against ≤ 1.35) shows a third decimal.
  if (typeof t.required === 'number' && x !== t.required && x.toFixed(2) === t.required.toFixed(2)) return `${x.toFixed(3)}×`;
  return fmtRatio(x);
}
const spreadText = (t) => `IQR ${figure(t, t.iqr[0])}–${figure(t, t.iqr[1])}, range ${figure(t, t.range[0])}–${figure(t, t.range[1])}`;
const statusText = (t) => `${t.status}${t.borderline ? ' (borderline: the target is inside the IQR)' : ''}${t.gap ? `, ${t.gap}` : ''}`;
const ns = (x) => (x < 1e3 ? `${x.toFixed(0)} ns` : x < 1e6 ? `${(x / 1e3).toFixed(2)} µs` : `${(x / 1e6).toFixed(2)} ms`);

function headerLines(s) {
  const m = s.meta;
  return [
    `run ${s.runId}`,
    `${m.machine.cpuModel}, ${m.machine.cores} cores, ${m.machine.memoryGiB} GiB; Node ${m.machine.node} (V8 ${m.machine.v8}); load average ${m.machine.loadavg.join(' ')} at start, ${m.loadavgEnd?.join(' ') ?? '?'} at end`,
    `captoken ${m.versions.captoken} (${m.git.sha}${m.git.dirty ? ' + uncommitted src/' : ''}), built dist/ imported as \`captoken\`; jose ${m.versions.jose}, fast-jwt ${m.versions['fast-jwt']}`,
    `method: plain loop, wall clock, no forced GC; each pair in ${m.options.procs} fresh processes × ${m.options.rounds} interleaved rounds (A B, B A, ...) of ≥ ${m.options.roundMs} ms per candidate; figures are medians of the paired per-round ratios pooled over processes`,
    ...(s.coreShare === undefined ? [] : [`timing processes got ${(s.coreShare * 100).toFixed(0)}% of a core (median CPU time ÷ wall time of their batches; about 100% on a quiet machine)`]),
  ];
}

export function formatText(s) {
  const out = [];
  out.push(...headerLines(s).map((l) => `[bench] ${l}`));
  for (const q of s.quality) out.push(`[bench] ** ${q} **`);
  out.push('', `Targets: ${s.counts.met} met, ${s.counts.notMet} not met. Run ${s.runId}`, '');
  for (const t of s.targets) {
    out.push(`${t.status === 'met' ? ' ok ' : t.status === 'info' ? '  . ' : 'MISS'}  ${t.id}`);
    out.push(`      ${t.what}`);
    out.push(
      `      required ${t.requiredText}  measured ${figure(t, t.median)}  (${spreadText(t)}${t.perProcess ? `, per-process medians ${figure(t, t.perProcess[0])}–${figure(t, t.perProcess[1])}` : ''})`,
    );
    const extra = [];
    if (t.measure) extra.push(t.measure);
    if (t.cpuMedian !== undefined) extra.push(`CPU-clock ${fmtRatio(t.cpuMedian)} (second column)`);
    if (t.nsPerOp) extra.push(`~${ns(t.nsPerOp.a)} vs ~${ns(t.nsPerOp.b)} per op (indicative)`);
    if (t.processes) extra.push(`${t.processes} process${t.processes === 1 ? '' : 'es'}${t.rounds ? `, ${t.rounds} rounds` : ''}`);
    out.push(`      ${statusText(t)}; ${extra.join('; ')}`);
  }
  const info = s.comparisons.filter((r) => r.required === null);
  if (info.length > 0) {
    out.push('', 'For information (no target):');
    for (const r of info) out.push(`      ${r.id}: ${r.measure} = ${fmtRatio(r.median)} (IQR ${fmtRatio(r.iqr[0])}–${fmtRatio(r.iqr[1])}); CPU-clock ${fmtRatio(r.cpuMedian)}`);
  }
  if (s.alloc) {
    const first = Object.values(s.alloc.candidates)[0];
    out.push('', `Allocation, HS256 verifySync (medians of ${first.processes} process${first.processes === 1 ? '' : 'es'} per candidate, ${first.ops.toLocaleString('en-US')} ops each):`);
    for (const [name, c] of Object.entries(s.alloc.candidates)) {
      out.push(
        `      ${name.padEnd(9)} heap ${c.heapBytesPerOp.toFixed(0)} B/op (GC-free windows: ${c.windowHeapBytesPerOp.toFixed(0)}), ArrayBuffer ${c.arrayBufferBytesPerOp.toFixed(1)} B/op, ` +
          `GC pause ${ns(c.gcPauseNsPerOp)}/op, ${c.gcPer1kOps.toFixed(2)} GCs per 1k ops (${c.gcTypes.join(', ')}), ` +
          `CPU ${ns(c.userCpuNsPerOp)} user + ${ns(c.systemCpuNsPerOp)} system per op, ${c.voluntaryContextSwitchesPer1kOps.toFixed(1)} voluntary context switches per 1k ops`,
      );
    }
  }
  if (s.conformance) {
    const c = s.conformance;
    out.push('', `Conformance kit through the built CLI (--runs ${c.runs}, ${c.rounds} round(s)):`);
    for (const r of c.rows) out.push(`      ${r.name.padEnd(40)} ${r.profile.padEnd(6)} ${Math.round(r.casesPerSecond.median).toLocaleString('en-US').padStart(7)} cases/s (${r.cases} cases, ${Math.round(r.wallMs)} ms per command)`);
    for (const r of c.ratios) out.push(`      ${r.name}: ${fmtRatio(r.ratio)} of the module adapter's cases/s (accept, same round)`);
    out.push(`      generating cases alone: ${Math.round(c.generation.median).toLocaleString('en-US')} valid tokens/s; transport alone: ${Object.entries(c.transport).map(([k, v]) => `${k} ${Math.round(v).toLocaleString('en-US')} tokens/s`).join(', ')}`);
    for (const sk of c.skipped) out.push(`      skipped: ${sk}`);
  }
  return out.join('\n');
}

function mdTable(headers, rows) {
  const esc = (x) => String(x).replace(/\|/g, '\\|');
  return [`| ${headers.join(' | ')} |`, `|${headers.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(esc).join(' | ')} |`)].join('\n');
}

/** The README "Benchmarks" table: one row per target, each naming its run. */
export function formatReadmeTable(s) {
  const lines = [
    `Run \`${s.runId}\` (\`${s.meta.command}\`)${s.quality.length > 0 ? `: ${s.quality.join('; ')}` : ''}.`,
    '',
    mdTable(
      ['target', 'measure', 'required', 'measured (median)', 'spread (IQR)', 'CPU clock', 'status', 'run'],
      s.targets.map((t) => [
        t.what,
        t.measure ?? '',
        t.requiredText,
        figure(t, t.median),
        `${figure(t, t.iqr[0])}–${figure(t, t.iqr[1])}`,
        t.cpuMedian === undefined ? '' : fmtRatio(t.cpuMedian),
        `${t.status === 'met' ? 'met' : t.status === 'NOT met' ? '**not met**' : 'info'}${t.borderline || t.gap ? ` (${[t.borderline ? 'borderline: the target is inside the IQR' : '', t.gap ?? ''].filter(Boolean).join('; ')})` : ''}`,
        `\`${s.runId.split('_').slice(0, 2).join('_')}\``,
      ]),
    ),
  ];
  return lines.join('\n');
}

export function formatMarkdown(s) {
  const out = ['# captoken benchmark results', '', '<!-- Generated by `npm run bench -- --write` (bench/report.mjs). Do not edit by hand. -->', ''];
  if (s.quality.length > 0) out.push(...s.quality.map((q) => `> **${q}**`), '');
  out.push(...headerLines(s).map((l) => `- ${l}`), '', `Targets: ${s.counts.met} met, ${s.counts.notMet} not met. How the numbers are taken: [bench/README.md](../README.md).`, '');
  out.push('## Targets', '', formatReadmeTable(s), '');
  out.push('## Every pair', '');
  out.push(
    mdTable(
      ['id', 'measure', 'required', 'median', 'IQR', 'range', 'per-process medians', 'CPU clock (2nd column)', 'time/op captoken vs peer (indicative)', 'processes × rounds'],
      s.comparisons.map((r) => [
        r.id,
        r.measure,
        r.requiredText,
        fmtRatio(r.median),
        `${fmtRatio(r.iqr[0])}–${fmtRatio(r.iqr[1])}`,
        `${fmtRatio(r.range[0])}–${fmtRatio(r.range[1])}`,
        `${fmtRatio(r.perProcess[0])}–${fmtRatio(r.perProcess[1])}`,
        r.cpuMedian === undefined ? '' : `${fmtRatio(r.cpuMedian)} (IQR ${fmtRatio(r.cpuIqr[0])}–${fmtRatio(r.cpuIqr[1])})`,
        `${ns(r.nsPerOp.a)} vs ${ns(r.nsPerOp.b)}`,
        `${r.processes} × ${r.rounds / r.processes}`,
      ]),
    ),
    '',
  );
  const described = new Map();
  for (const r of s.comparisons) {
    described.set(`captoken (${r.id.split('/')[0]})`, r.describe.captoken);
    described.set(`${r.peer} (${r.id.split('/')[0]})`, r.describe.peer);
  }
  out.push('### What each candidate does', '', ...[...described].map(([k, v]) => `- **${k}**: ${v}`), '');
  if (s.alloc) {
    out.push('## Allocation and GC per HS256 verifySync', '');
    out.push(
      mdTable(
        ['candidate', 'heap B/op (10⁶-op run, GC-accounted)', 'heap B/op (GC-free windows)', 'ArrayBuffer B/op (GC-free windows)', 'GC pause per op', 'GCs per 1k ops', 'user + system CPU per op', 'voluntary ctx switches per 1k ops', 'processes'],
        Object.entries(s.alloc.candidates).map(([name, c]) => [
          name,
          c.heapBytesPerOp.toFixed(0),
          c.windowHeapBytesPerOp.toFixed(0),
          `${c.arrayBufferBytesPerOp.toFixed(1)} (windows ${c.arrayBufferBytesRange[0].toFixed(1)}–${c.arrayBufferBytesRange[1].toFixed(1)})`,
          ns(c.gcPauseNsPerOp),
          c.gcPer1kOps.toFixed(2),
          `${ns(c.userCpuNsPerOp)} + ${ns(c.systemCpuNsPerOp)}`,
          c.voluntaryContextSwitchesPer1kOps.toFixed(1),
          `${c.processes} × ${c.ops.toLocaleString('en-US')} ops`,
        ]),
      ),
      '',
    );
  }
  if (s.conformance) {
    const c = s.conformance;
    out.push('## Conformance kit throughput (built CLI)', '', `\`captoken conformance --runs ${c.runs}\`, ${c.rounds} round(s), adapters rotating; the kit's own cases/s (absolute: depends on the machine).`, '');
    out.push(
      mdTable(
        ['adapter', 'profile', 'cases per run', 'cases/s (median)', 'IQR', 'wall ms per command'],
        c.rows.map((r) => [r.name, r.profile, r.cases, Math.round(r.casesPerSecond.median).toLocaleString('en-US'), `${Math.round(r.casesPerSecond.q1).toLocaleString('en-US')}–${Math.round(r.casesPerSecond.q3).toLocaleString('en-US')}`, Math.round(r.wallMs)]),
      ),
      '',
      ...c.ratios.map((r) => `- ${r.name}: ${fmtRatio(r.ratio)} of the module adapter's cases/s (accept, same round)`),
      `- generating cases alone (fast-check over \`validToken()\`): ${Math.round(c.generation.median).toLocaleString('en-US')} tokens/s`,
      ...Object.entries(c.transport).map(([k, v]) => `- transport alone, ${k} adapter: ${Math.round(v).toLocaleString('en-US')} vector tokens/s pipelined`),
      ...c.skipped.map((x) => `- skipped: ${x}`),
      '',
    );
  }
  return out.join('\n');
}

export function writeCommitted(s) {
  mkdirSync(resultsDir, { recursive: true });
  const files = {
    'summary.md': formatMarkdown(s),
    'readme-table.md': `${formatReadmeTable(s)}\n`,
    'summary.json': `${JSON.stringify({ runId: s.runId, meta: s.meta, quality: s.quality, counts: s.counts, targets: s.targets, comparisons: s.comparisons, alloc: s.alloc, conformance: s.conformance }, null, 2)}\n`,
  };
  return Object.entries(files).map(([name, text]) => {
    const file = path.join(resultsDir, name);
    writeFileSync(file, text.endsWith('\n') ? text : `${text}\n`);
    return file;
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const args = process.argv.slice(2);
  const which = args.find((a) => !a.startsWith('--'));
  const dir = which === undefined || which === 'latest' ? latestRunDir() : existsSync(which) ? which : path.join(rawDir, which);
  const summary = summariseRun(loadRun(dir));
  if (args.includes('--json')) console.log(JSON.stringify(summary, null, 2));
  else if (args.includes('--readme')) console.log(formatReadmeTable(summary));
  else if (args.includes('--markdown')) console.log(formatMarkdown(summary));
  else console.log(formatText(summary));
  if (args.includes('--write')) for (const f of writeCommitted(summary)) console.log(`[bench] wrote ${path.relative(process.cwd(), f)}`);
}

