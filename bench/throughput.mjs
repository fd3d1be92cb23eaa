/**
 * bench/throughput.mjs — one fresh process measuring throughput with worker threads: captoken against
 * one peer, each with `workers` (2) threads that verify in a plain loop for a fixed wall time.
 *
 *   node bench/throughput.mjs '<spec json>'
 *     spec: as bench/pair.mjs, plus workers (default 2)
 *
 * Both candidates' workers are started and warmed up first (A and B alternating); then in each round
 * one candidate's workers run together for roundMs while the other's wait (blocked on their port,
 * using no CPU), then the other's, in the order A B, B A, ... A round's figure for a candidate is the
 * time per verification over all its workers: mean wall time of the workers / total operations, the
 * inverse of its ops/s, so the report's paired ratio time(fast-jwt)/time(captoken) is the ops/s ratio.
 * The CPU column is the process's CPU time (all threads) over the same batch.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { loadContext } from './cases.mjs';
import { roundOrder } from './stats.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const spec = JSON.parse(process.argv[2]);
const workers = spec.workers ?? 2;
const started = new Date();
const loadStart = os.loadavg();
const { captokenEntry } = await loadContext(spec.inputs);

function startWorker(name) {
  const worker = new Worker(path.join(here, 'throughput-worker.mjs'), { workerData: { case: spec.case, name, inputs: spec.inputs } });
  const replies = [];
  const waiting = [];
  worker.on('message', (m) => (waiting.length > 0 ? waiting.shift()(m) : replies.push(m)));
  worker.on('error', (e) => {
    console.error(`worker ${name}: ${e.stack ?? e}`);
    process.exit(1);
  });
  const next = () => (replies.length > 0 ? Promise.resolve(replies.shift()) : new Promise((resolve) => waiting.push(resolve)));
  return { worker, next };
}

const group = {
  a: Array.from({ length: workers }, () => startWorker('captoken')),
  b: Array.from({ length: workers }, () => startWorker(spec.peer)),
};
for (const ws of Object.values(group)) await Promise.all(ws.map((w) => w.next())); // ready

async function run(k, ms) {
  const cpu0 = process.cpuUsage();
  for (const w of group[k]) w.worker.postMessage({ ms });
  const answers = await Promise.all(group[k].map((w) => w.next()));
  const cpu = process.cpuUsage(cpu0);
  const ops = answers.reduce((s, x) => s + x.ops, 0);
  const ns = answers.reduce((s, x) => s + x.ns, 0) / answers.length;
  return { ns, cpuNs: (cpu.user + cpu.system) * 1000, ops, perWorker: answers };
}

const warmEnd = performance.now() + spec.warmupMs;
while (performance.now() < warmEnd) {
  await run('a', spec.roundMs / 4);
  await run('b', spec.roundMs / 4);
}
const rounds = [];
for (let r = 0; r < spec.rounds; r++) {
  const order = roundOrder(r, spec.processIndex);
  const round = { first: order[0] };
  for (const k of order) round[k] = await run(k, spec.roundMs);
  rounds.push(round);
}
for (const w of [...group.a, ...group.b]) await w.worker.terminate();

writeFileSync(
  spec.out,
  `${JSON.stringify({
    kind: 'throughput',
    spec,
    workers,
    a: { name: 'captoken', describe: `captoken verifySync in ${workers} worker threads` },
    b: { name: spec.peer, describe: `${spec.peer} in ${workers} worker threads` },
    rounds,
    captokenEntry,
    node: process.version,
    execArgv: process.execArgv,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    loadavg: { start: loadStart, end: os.loadavg() },
  })}\n`,
);
