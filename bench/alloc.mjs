/**
 * bench/alloc.mjs — allocation and GC per HS256 verifySync (no cache), one candidate per fresh process,
 * started by run.mjs with --expose-gc (this process measures memory, not speed).
 *
 *   node --expose-gc bench/alloc.mjs '<spec json>'
 *     spec: { candidate: 'captoken' | 'fast-jwt', ops, windows, windowOps, processIndex, inputs, out }
 *
 * Two measurements, because Node 20 offers no allocation counter and frees ArrayBuffers late:
 *
 * 1. The long run: `ops` (10^6) verifications in one plain loop, no gc() inside, with v8.GCProfiler
 *    (Node >= 19.6) recording every GC: its type, its main-thread pause (`cost`, µs) and the heap
 *    statistics just before and after it. Then
 *      heap bytes allocated = used heap at the end - used heap at the start + sum over GCs of
 *                             (used before - used after)
 *    which counts every byte that was allocated and freed in between (exact up to the allocation
 *    buffer V8 has not yet accounted, a few KiB per run). GC pause per op = sum of `cost` / ops.
 *    process.resourceUsage() gives the CPU time (user, system) and the context switches of the run:
 *    the concurrent ArrayBuffer sweeper and concurrent marking run on helper threads, do not count as
 *    pauses, and show up there instead.
 * 2. Windows free of GC: the ArrayBuffer bytes. A backing store is freed by a helper thread some
 *    time after the GC that found it dead, so a counter of live ArrayBuffer memory
 *    (process.memoryUsage().arrayBuffers: every backing store made through Node's allocator, Buffers
 *    included) cannot be read as "allocated" across GCs. Within a window that has no GC and starts
 *    after the sweeper is idle (gc(), then a wait until the heap figures hold still), nothing is freed, so its growth is
 *    exactly the bytes of the ArrayBuffers the `windowOps` calls allocated (Buffer pool slabs
 *    amortised). A window in which GCProfiler saw a GC is discarded and retried. The same windows give
 *    a second, exact, heap bytes per op: of the spaces that hold data, because after a forced gc() V8
 *    may flush and recompile a candidate's code (fast-jwt's is), which lands in the code spaces and is
 *    not the call's allocation (reported apart, as codeBytesPerOp). Each window is followed by one of an empty function, measured
 *    the same way: the median of those (the counters' own allocation) is subtracted.
 *
 * Limits: typed arrays of at most 64 bytes live on V8's heap and count as heap bytes until something
 * (such as crypto.timingSafeEqual) moves them to a backing store, which then counts; ArrayBuffers made
 * outside Node's allocator (none in these candidates) would be missed. The figures are per process;
 * run.mjs runs several and the report takes medians.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import v8 from 'node:v8';
import { loadContext, prepareCandidates } from './cases.mjs';
import { median } from './stats.mjs';
import { sink } from './timing.mjs';

const spec = JSON.parse(process.argv[2]);
if (typeof globalThis.gc !== 'function') throw new Error('bench/alloc.mjs needs node --expose-gc');
const started = new Date();
const loadStart = os.loadavg();
const ctx = await loadContext(spec.inputs);
const [candidate] = await prepareCandidates('verify-HS256', [spec.candidate], ctx);

const loop = new Function('fn', 'n', 'sink', 'let v; for (let i = 0; i < n; i++) v = fn(); sink.value = v;');
const noop = () => undefined;
const noopLoop = new Function('fn', 'n', 'sink', 'let v; for (let i = 0; i < n; i++) v = fn(); sink.value = v;');
const used = () => v8.getHeapStatistics().used_heap_size;
/** Used bytes of the heap spaces that hold data, and of those that hold JIT code. */
function spaces() {
  let data = 0;
  let code = 0;
  for (const s of v8.getHeapSpaceStatistics()) {
    if (s.space_name.startsWith('code_')) code += s.space_used_size;
    else data += s.space_used_size;
  }
  return { data, code };
}
const arrayBuffers = () => process.memoryUsage().arrayBuffers;

// Warm-up: the JIT settles before anything is counted.
const warmOps = Math.min(50_000, Math.max(10_000, Math.round(spec.ops / 20)));
loop(candidate.fn, warmOps, sink);
noopLoop(noop, warmOps, sink);

/**
 * After gc(), helper threads keep sweeping for a while and V8's used-heap figure moves with them;
 * wait (up to 1 s) until two reads in a row differ only by what a read allocates.
 */
async function settled() {
  globalThis.gc();
  await sleep(30);
  for (let i = 0; i < 100; i++) {
    const a = used();
    const b = used();
    if (b - a < 2048) return true;
    await sleep(10);
  }
  return false;
}

/** One window of `n` calls with no GC in it: { heap, ab } bytes per call, or undefined if a GC happened. */
function window(l, fn, n) {
  const profiler = new v8.GCProfiler();
  profiler.start();
  const ab0 = arrayBuffers();
  const h0 = spaces();
  l(fn, n, sink);
  const h1 = spaces();
  const ab1 = arrayBuffers();
  if (profiler.stop().statistics.length > 0) return undefined;
  return { heap: (h1.data - h0.data) / n, code: (h1.code - h0.code) / n, ab: (ab1 - ab0) / n };
}

/** GC-free windows of the candidate, each followed by one of the empty function (the counters' own cost). */
async function windows(count, n) {
  const got = { heap: [], code: [], ab: [], baseHeap: [], baseAb: [], discarded: 0, unsettled: 0 };
  while (got.heap.length < count && got.discarded < count * 3) {
    if (!(await settled())) got.unsettled++;
    const w = window(loop, candidate.fn, n);
    if (!(await settled())) got.unsettled++;
    const b = window(noopLoop, noop, n);
    if (w === undefined || b === undefined) {
      got.discarded++;
      continue;
    }
    got.heap.push(w.heap);
    got.code.push(w.code);
    got.ab.push(w.ab);
    got.baseHeap.push(b.heap);
    got.baseAb.push(b.ab);
  }
  return got;
}

const win = await windows(spec.windows, spec.windowOps);

// The long run.
globalThis.gc();
await sleep(30);
const profiler = new v8.GCProfiler();
const ru0 = process.resourceUsage();
const h0 = used();
profiler.start();
const t0 = process.hrtime.bigint();
loop(candidate.fn, spec.ops, sink);
const wallNs = Number(process.hrtime.bigint() - t0);
const profile = profiler.stop();
const h1 = used();
const ru1 = process.resourceUsage();

const gcs = profile.statistics;
const freed = gcs.reduce((s, g) => s + (g.beforeGC.heapStatistics.usedHeapSize - g.afterGC.heapStatistics.usedHeapSize), 0);
const pauseUs = gcs.reduce((s, g) => s + g.cost, 0);
const byType = {};
for (const g of gcs) {
  byType[g.gcType] ??= { count: 0, pauseUs: 0 };
  byType[g.gcType].count++;
  byType[g.gcType].pauseUs += g.cost;
}
const n = spec.ops;
const figures = {
  ops: n,
  heapBytesPerOp: (h1 - h0 + freed) / n,
  gcPauseNsPerOp: (pauseUs * 1000) / n,
  gcCount: gcs.length,
  gcByType: byType,
  wallNsPerOp: wallNs / n,
  userCpuNsPerOp: ((ru1.userCPUTime - ru0.userCPUTime) * 1000) / n,
  systemCpuNsPerOp: ((ru1.systemCPUTime - ru0.systemCPUTime) * 1000) / n,
  voluntaryContextSwitchesPer1kOps: ((ru1.voluntaryContextSwitches - ru0.voluntaryContextSwitches) * 1000) / n,
  involuntaryContextSwitchesPer1kOps: ((ru1.involuntaryContextSwitches - ru0.involuntaryContextSwitches) * 1000) / n,
  gcPer1kOps: (gcs.length * 1000) / n,
  windows: {
    count: win.heap.length,
    discarded: win.discarded,
    unsettled: win.unsettled,
    windowOps: spec.windowOps,
    baselineHeapBytesPerOp: median(win.baseHeap),
    baselineArrayBufferBytesPerOp: median(win.baseAb),
    heapBytesPerOp: median(win.heap) - median(win.baseHeap),
    codeBytesPerOp: median(win.code),
    arrayBufferBytesPerOp: median(win.ab) - median(win.baseAb),
    arrayBufferBytesPerOpMin: Math.min(...win.ab) - median(win.baseAb),
    arrayBufferBytesPerOpMax: Math.max(...win.ab) - median(win.baseAb),
  },
};
figures.arrayBufferBytesPerOp = figures.windows.arrayBufferBytesPerOp;

writeFileSync(
  spec.out,
  `${JSON.stringify({
    kind: 'alloc',
    spec,
    candidate: { name: candidate.name, describe: candidate.describe },
    figures,
    captokenEntry: ctx.captokenEntry,
    node: process.version,
    execArgv: process.execArgv,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    loadavg: { start: loadStart, end: os.loadavg() },
  })}\n`,
);
