/**
 * bench/harness.mjs — the shared micro-benchmark harness of captoken's bench/ folder.
 *
 * The machine is shared and noisy, so nothing here reports a lone absolute time as a result: every
 * candidate of a comparison runs in the same process, in interleaved rounds (the order rotates each
 * round), and results are medians of per-round figures; ratios are medians of *paired* per-round
 * ratios (candidate A in round r against candidate B in the same round r), which cancels most drift.
 *
 * API (all exports are plain functions; import what you need):
 *
 *   await measure(candidates, options?) -> Measurement
 *     candidates: [{ name: string, fn: () => unknown }]   fn may return a promise (it is then awaited
 *       per call, so async candidates pay one await each; compare async with async only).
 *     options: { rounds = 21, batchMs = 25, warmupMs = 250, gc = true, label = '', clock = 'wall' }
 *       Each candidate is calibrated to an iteration count that takes about batchMs, warmed up, then
 *       run once per round. With `node --expose-gc`, gc() runs before every batch (outside timing).
 *       Each candidate gets its own compiled loop, so call-site feedback of one does not slow another.
 *       The value of the last call of each batch is kept in a sink, so calls cannot be optimised away.
 *       clock: 'wall' (process.hrtime) or 'cpu' (process.cpuUsage: user + system CPU time of the whole
 *       process, µs resolution). On a machine shared with other jobs, 'cpu' does not count the time the
 *       process waits for a core; it does count V8's helper threads (GC, compiler) working meanwhile.
 *     Measurement: { label, rounds, batchMs, candidates: [{ name, iterations, samples: number[] (ns/op
 *       per round), median, q1, q3, min }] }  — JSON-serialisable: write it as a raw result.
 *
 *   ratio(measurement, a, b) -> { median, q1, q3 }   paired per-round ratio time(a)/time(b), by name.
 *     > 1 means a is slower than b. Use it for targets ("within 1.25x of Buffer.from").
 *   speedup(measurement, a, b) -> number             median of time(b)/time(a): "a is N.x faster than b".
 *   fasterLines(measurement, subject) -> string[]    "- subject is 3.1x faster than jose" (or "slower"),
 *     one line per other candidate, from paired ratios.
 *   median(numbers), quantile(numbers, q)           plain statistics.
 *   formatNs(ns) -> '123 ns' | '4.56 µs' | '7.89 ms';  formatRatio(x) -> '1.23x'.
 *   markdownTable(headers: string[], rows: (string|number)[][]) -> string   GitHub markdown table;
 *     numeric columns are right-aligned.
 *   machineInfo() -> { cpuModel, cores, node, v8, platform, arch, date, loadavg }
 *   libraryVersions(names: string[]) -> { [name]: version }   from node_modules/<name>/package.json.
 *   writeRaw(name, data) -> path    writes bench/results/raw/<name>-<timestamp>.json (data + machineInfo).
 *   resultsDir, rawDir                absolute paths of bench/results and bench/results/raw.
 *
 * Example:
 *   import { measure, fasterLines } from './harness.mjs';
 *   const m = await measure([{ name: 'a', fn: () => f(x) }, { name: 'b', fn: () => g(x) }], { label: 'f vs g' });
 *   console.log(fasterLines(m, 'a').join('\n'));
 */
import { readFileSync, mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
export const resultsDir = path.join(here, 'results');
export const rawDir = path.join(resultsDir, 'raw');
const root = path.dirname(here);

/** Keeps the last result of every batch alive so no call is dead code. */
export const sink = { value: undefined };

export function quantile(values, q) {
  const s = [...values].sort((x, y) => x - y);
  if (s.length === 0) return NaN;
  const pos = (s.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return s[lo] + (s[hi] - s[lo]) * (pos - lo);
}

export function median(values) {
  return quantile(values, 0.5);
}

// One freshly compiled loop per candidate: new Function gives each its own feedback vector, so the
// `fn()` call site stays monomorphic and can inline that candidate alone.
function makeLoop(isAsync) {
  const body = isAsync
    ? 'return (async () => { let v; for (let i = 0; i < n; i++) v = await fn(); sink.value = v; })();'
    : 'let v; for (let i = 0; i < n; i++) v = fn(); sink.value = v;';
  return new Function('fn', 'n', 'sink', body);
}

const wallNs = () => Number(process.hrtime.bigint());
const cpuNs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) * 1000;
};
const collect = typeof globalThis.gc === 'function' ? globalThis.gc : () => {};
let now = wallNs;

async function runBatch(c, n, gc) {
  if (gc) collect();
  const t0 = now();
  const r = c.loop(c.fn, n, sink);
  if (r !== undefined) await r;
  return now() - t0;
}

async function calibrate(c, batchMs, gc) {
  let n = 1;
  for (;;) {
    const ns = await runBatch(c, n, gc);
    if (ns >= batchMs * 1e6 * 0.25 || n >= 2 ** 30) {
      return Math.max(1, Math.round((n * batchMs * 1e6) / Math.max(ns, 1)));
    }
    n *= ns < batchMs * 1e6 * 0.01 ? 10 : 2;
  }
}

/** Measures candidates in interleaved rounds. See the API notes at the top of this file. */
export async function measure(candidates, options = {}) {
  const { rounds = 21, batchMs = 25, warmupMs = 250, gc = true, label = '', clock = 'wall' } = options;
  now = clock === 'cpu' ? cpuNs : wallNs;
  const cs = candidates.map((c) => {
    const first = c.fn();
    const isAsync = first !== null && typeof first === 'object' && typeof first.then === 'function';
    return { name: c.name, fn: c.fn, loop: makeLoop(isAsync), iterations: 1, samples: [] };
  });
  // Warm up every candidate (interleaved, so JIT tiers settle for all), then calibrate.
  const warmEnd = Date.now() + warmupMs;
  while (Date.now() < warmEnd) for (const c of cs) await runBatch(c, 64, false);
  for (const c of cs) c.iterations = await calibrate(c, batchMs, gc);
  for (let r = 0; r < rounds; r++) {
    for (let k = 0; k < cs.length; k++) {
      const c = cs[(k + r) % cs.length];
      const ns = await runBatch(c, c.iterations, gc);
      c.samples.push(ns / c.iterations);
    }
  }
  return {
    label,
    rounds,
    batchMs,
    clock,
    candidates: cs.map((c) => ({
      name: c.name,
      iterations: c.iterations,
      samples: c.samples,
      median: median(c.samples),
      q1: quantile(c.samples, 0.25),
      q3: quantile(c.samples, 0.75),
      min: Math.min(...c.samples),
    })),
  };
}

function byName(m, name) {
  const c = m.candidates.find((x) => x.name === name);
  if (!c) throw new Error(`no candidate named ${name} in ${m.label}`);
  return c;
}

/** Paired per-round ratio time(a)/time(b): median and quartiles. */
export function ratio(m, a, b) {
  const A = byName(m, a).samples;
  const B = byName(m, b).samples;
  const rs = A.map((x, i) => x / B[i]);
  return { median: median(rs), q1: quantile(rs, 0.25), q3: quantile(rs, 0.75) };
}

/** "a is N.x faster than b": median of paired time(b)/time(a). */
export function speedup(m, a, b) {
  const A = byName(m, a).samples;
  const B = byName(m, b).samples;
  return median(A.map((x, i) => B[i] / x));
}

export function formatRatio(x) {
  return `${x.toFixed(2)}x`;
}

export function formatNs(ns) {
  if (ns < 1e3) return `${ns.toFixed(ns < 10 ? 2 : ns < 100 ? 1 : 0)} ns`;
  if (ns < 1e6) return `${(ns / 1e3).toFixed(2)} µs`;
  return `${(ns / 1e6).toFixed(2)} ms`;
}

export function fasterLines(m, subject) {
  return m.candidates
    .filter((c) => c.name !== subject)
    .map((c) => {
      const s = speedup(m, subject, c.name);
      return s >= 1
        ? `- ${subject} is ${s.toFixed(2)}x faster than ${c.name}`
        : `- ${subject} is ${(1 / s).toFixed(2)}x slower than ${c.name}`;
    });
}

export function markdownTable(headers, rows) {
  const cells = rows.map((r) => r.map((x) => String(x)));
  const numeric = headers.map((_, i) => cells.length > 0 && cells.every((r) => /^[-+]?[\d.,]+\s*(?:x|ns|µs|ms|%)?$/.test(r[i] ?? '')));
  const esc = (s) => s.replace(/\|/g, '\\|');
  const line = (r) => `| ${r.map(esc).join(' | ')} |`;
  return [line(headers), `|${numeric.map((n) => (n ? ' ---: ' : ' --- ')).join('|')}|`, ...cells.map(line)].join('\n');
}

export function machineInfo() {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: keep what os.cpus() says.
  }
  return {
    cpuModel,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    date: new Date().toISOString(),
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

export function libraryVersions(names) {
  const out = {};
  for (const name of names) {
    try {
      out[name] = JSON.parse(readFileSync(path.join(root, 'node_modules', name, 'package.json'), 'utf8')).version;
    } catch {
      out[name] = 'not installed';
    }
  }
  return out;
}

export function writeRaw(name, data) {
  mkdirSync(rawDir, { recursive: true });
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const file = path.join(rawDir, `${name}-${stamp}.json`);
  writeFileSync(file, `${JSON.stringify({ machine: machineInfo(), ...data }, null, 2)}\n`);
  return file;
}
