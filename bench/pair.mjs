/**
 * bench/pair.mjs — one fresh process timing one pair: captoken against one peer (bench/targets.mjs),
 * started by run.mjs, never with --expose-gc. Only these two candidates are built and run here, so no
 * other library's JIT feedback or garbage is in the process.
 *
 *   node bench/pair.mjs '<spec json>'
 *     spec: { id, case, peer, processIndex, rounds, roundMs, warmupMs, inputs: <inputs.json>, out: <file> }
 *
 * Writes { spec, a, b, chunk, rounds: [{ first, a: { ns, cpuNs, ops }, b: {...} }], captokenEntry, ... }.
 */
import { writeFileSync } from 'node:fs';
import os from 'node:os';
import { loadContext, prepareCandidates } from './cases.mjs';
import { timePair } from './timing.mjs';

const spec = JSON.parse(process.argv[2]);
const started = new Date();
const loadStart = os.loadavg();
const ctx = await loadContext(spec.inputs);
const [a, b] = await prepareCandidates(spec.case, ['captoken', spec.peer], ctx);
const timed = await timePair(a, b, spec);
writeFileSync(
  spec.out,
  `${JSON.stringify({
    kind: 'pair',
    spec,
    a: { name: a.name, describe: a.describe },
    b: { name: b.name, describe: b.describe },
    ...timed,
    captokenEntry: ctx.captokenEntry,
    node: process.version,
    execArgv: process.execArgv,
    gcExposed: typeof globalThis.gc === 'function',
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    loadavg: { start: loadStart, end: os.loadavg() },
  })}\n`,
);
