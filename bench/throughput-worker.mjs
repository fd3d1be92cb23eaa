/**
 * bench/throughput-worker.mjs — one worker thread of bench/throughput.mjs: builds one candidate (and
 * checks it, as every bench process does), then on each { ms } message calls it in a plain loop for
 * `ms` of wall time and answers { ops, ns }.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadContext, prepareCandidates } from './cases.mjs';
import { sink } from './timing.mjs';

const ctx = await loadContext(workerData.inputs);
const [candidate] = await prepareCandidates(workerData.case, [workerData.name], ctx);
const fn = candidate.fn;
const STEP = 64; // calls between clock reads

parentPort.on('message', ({ ms }) => {
  const t0 = process.hrtime.bigint();
  const until = t0 + BigInt(Math.round(ms * 1e6));
  let ops = 0;
  let v;
  let now = t0;
  while (now < until) {
    for (let i = 0; i < STEP; i++) v = fn();
    ops += STEP;
    now = process.hrtime.bigint();
  }
  sink.value = v;
  parentPort.postMessage({ ops, ns: Number(now - t0) });
});
parentPort.postMessage({ ready: true });
