/**
 * bench/timing.mjs — the plain loop: how one process times a pair of candidates.
 *
 *   await timePair(a, b, { rounds, roundMs, warmupMs, processIndex }) -> { chunk: { a, b }, rounds }
 *     a, b: { name, fn }   fn is called with no argument; if it returns a promise, each call is awaited.
 *
 * - Wall clock (process.hrtime) per batch; the process CPU time (user + system, all threads) of the same
 *   batch is recorded beside it for the report's second column. No gc() is ever called.
 * - Warm-up: A and B alternate in growing chunks for at least `warmupMs` and until each chunk lasts a
 *   tenth of a round; that calibrates each candidate's chunk to about roundMs / 10.
 * - A batch repeats its candidate's chunk until at least `roundMs` of wall time has passed (the clock is
 *   read between chunks only), so a round never comes out short when calibration ran on a cold JIT.
 * - Rounds: A then B, then B then A, ... (stats.roundOrder): each round is one batch of each, back to
 *   back, so the pair shares whatever the machine was doing. Batches of `roundMs` (at least 100 ms) are
 *   long enough that a candidate's deferred work (scavenges, the ArrayBuffer sweeper's thread) mostly
 *   falls inside its own batches, not the next candidate's.
 * - Each candidate runs in its own compiled loop (new Function), so call-site feedback of one never
 *   reaches the other; the last result of every batch is kept in a sink, so no call is dead code.
 */
import { iterationsFor, roundOrder } from './stats.mjs';

export const sink = { value: undefined };

const CHUNKS_PER_ROUND = 10;

function makeLoop(isAsync) {
  const body = isAsync
    ? 'return (async () => { let v; for (let i = 0; i < n; i++) v = await fn(); sink.value = v; })();'
    : 'let v; for (let i = 0; i < n; i++) v = fn(); sink.value = v;';
  return new Function('fn', 'n', 'sink', body);
}

/** One call of the candidate's loop: `n` calls of fn. Returns { ns, cpuNs, ops }. */
async function chunk(c, n) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  const pending = c.loop(c.fn, n, sink);
  if (pending !== undefined) await pending;
  const ns = Number(process.hrtime.bigint() - t0);
  const cpu = process.cpuUsage(cpu0);
  return { ns, cpuNs: (cpu.user + cpu.system) * 1000, ops: n };
}

/** A round's batch: chunks of c.n calls until at least `roundNs` of wall time has passed. */
async function batch(c, roundNs) {
  const cpu0 = process.cpuUsage();
  const t0 = process.hrtime.bigint();
  let ops = 0;
  let ns = 0;
  do {
    const pending = c.loop(c.fn, c.n, sink);
    if (pending !== undefined) await pending;
    ops += c.n;
    ns = Number(process.hrtime.bigint() - t0);
  } while (ns < roundNs);
  const cpu = process.cpuUsage(cpu0);
  return { ns, cpuNs: (cpu.user + cpu.system) * 1000, ops };
}

function prepare(candidate) {
  const first = candidate.fn();
  const isAsync = first !== null && typeof first === 'object' && typeof first.then === 'function';
  return { ...candidate, loop: makeLoop(isAsync), n: 1, first };
}

export async function timePair(a, b, { rounds, roundMs, warmupMs, processIndex }) {
  const c = { a: prepare(a), b: prepare(b) };
  await c.a.first;
  await c.b.first;
  const roundNs = roundMs * 1e6;
  const last = {};
  const warmEnd = performance.now() + warmupMs;
  const chunkNs = roundNs / CHUNKS_PER_ROUND;
  for (;;) {
    for (const k of ['a', 'b']) {
      last[k] = await chunk(c[k], c[k].n);
      if (last[k].ns < chunkNs) c[k].n *= last[k].ns < chunkNs / 100 ? 10 : 2;
    }
    if (performance.now() >= warmEnd && last.a.ns >= chunkNs && last.b.ns >= chunkNs) break;
  }
  // Calibrated chunks of about a tenth of a round; a batch repeats them until roundMs has passed.
  for (const k of ['a', 'b']) c[k].n = iterationsFor(chunkNs, last[k].ops, last[k].ns);
  const out = [];
  for (let r = 0; r < rounds; r++) {
    const order = roundOrder(r, processIndex);
    const round = { first: order[0] };
    for (const k of order) round[k] = await batch(c[k], roundNs);
    out.push(round);
  }
  return { chunk: { a: c.a.n, b: c.b.n }, rounds: out };
}
