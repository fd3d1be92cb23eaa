/**
 * bench/conformance.mjs — throughput of the conformance kit as users run it: the built CLI
 * (`node dist/cli.js conformance --json`), one fresh CLI process per run, against
 *   module   examples/adapters/captoken-module.mjs, in the CLI's process (`--adapter-module`)
 *   node     examples/adapters/captoken-node.mjs, a subprocess speaking JSON lines (`--adapter-cmd`)
 *   python   examples/adapters/captoken_python.py, the same through Python 3 (skipped without python3)
 * Both example adapters import `captoken`, the package's self-reference: dist/.
 *
 *   node bench/conformance.mjs '<spec json>'
 *     spec: { runs, rounds, out }
 *
 * Per round, each adapter (order rotating) runs profile accept, then rfc, with `--runs <runs>`;
 * the figure is the kit's own `casesPerSecond` (cases / duration of the run, adapter start-up
 * included, Node start-up and import not), and the wall time of the whole command beside it. Then,
 * what bounds the figures: generating the cases alone (fast-check over `validToken()` from
 * `captoken/arbitraries`, in this process) and the transport alone (20,000 vector tokens pipelined
 * to each subprocess adapter, no kit).
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { validToken } from 'captoken/arbitraries';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const spec = JSON.parse(process.argv[2]);
const started = new Date();
const loadStart = os.loadavg();
const cli = path.join(root, 'dist', 'cli.js');
const example = (f) => path.join(root, 'examples', 'adapters', f);
const hasPython = spawnSync('python3', ['--version']).status === 0;

const ADAPTERS = [
  { id: 'module', name: 'module adapter (in the CLI process)', args: ['--adapter-module', example('captoken-module.mjs')] },
  { id: 'node', name: 'subprocess: Node.js command adapter', args: ['--adapter-cmd', `${JSON.stringify(process.execPath)} ${JSON.stringify(example('captoken-node.mjs'))}`], command: [process.execPath, example('captoken-node.mjs')] },
  ...(hasPython ? [{ id: 'python', name: 'subprocess: Python 3 command adapter', args: ['--adapter-cmd', `python3 ${JSON.stringify(example('captoken_python.py'))}`], command: ['python3', example('captoken_python.py')] }] : []),
];
const PROFILES = ['accept', 'rfc'];

function runCli(adapter, profile, seed) {
  const t0 = performance.now();
  const out = execFileSync(process.execPath, [cli, 'conformance', ...adapter.args, '--profile', profile, '--runs', String(spec.runs), '--seed', String(seed), '--json'], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  const wallMs = performance.now() - t0;
  const report = JSON.parse(out);
  if (!report.passed) throw new Error(`${adapter.id} ${profile} failed: the benchmark needs a correct adapter`);
  return { cases: report.cases, casesPerSecond: report.casesPerSecond, durationMs: report.durationMs, wallMs };
}

const samples = {};
const generation = [];
let seed = 1000;
for (let r = 0; r < spec.rounds; r++) {
  const t0 = performance.now();
  fc.check(
    fc.property(validToken(), () => true),
    { seed: r, numRuns: spec.runs },
  );
  generation.push((spec.runs * 1000) / (performance.now() - t0));
  for (let k = 0; k < ADAPTERS.length; k++) {
    const adapter = ADAPTERS[(k + r) % ADAPTERS.length];
    for (const profile of PROFILES) {
      (samples[`${adapter.id}/${profile}`] ??= []).push({ round: r, ...runCli(adapter, profile, seed++) });
    }
  }
}

/** The transport alone: N vector tokens pipelined to an adapter process, tokens/s. */
async function transport(command, tokens) {
  const child = spawn(command[0], command.slice(1), { cwd: root, stdio: ['pipe', 'pipe', 'inherit'] });
  let answers = 0;
  let partial = '';
  const done = new Promise((resolve, reject) => {
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      answers += lines.length;
      if (answers >= tokens.length) resolve();
    });
    child.on('exit', (code) => (answers >= tokens.length ? resolve() : reject(new Error(`adapter exited with ${code}`))));
  });
  const t0 = performance.now();
  child.stdin.write(tokens.map((token, id) => JSON.stringify({ id, token })).join('\n') + '\n');
  await done;
  const ms = performance.now() - t0;
  child.stdin.end();
  return (tokens.length * 1000) / ms;
}
const vectorTokens = JSON.parse(readFileSync(path.join(root, 'vectors', 'captoken-vectors.json'), 'utf8')).testGroups.flatMap((g) => g.tests.map((t) => t.token));
const tokens = Array.from({ length: 20_000 }, (_, i) => vectorTokens[i % vectorTokens.length]);
const transportRates = {};
for (const adapter of ADAPTERS.filter((a) => a.command)) {
  transportRates[adapter.id] = [];
  for (let r = 0; r < spec.rounds; r++) transportRates[adapter.id].push(await transport(adapter.command, tokens));
}

writeFileSync(
  spec.out,
  `${JSON.stringify({
    kind: 'conformance',
    spec,
    adapters: ADAPTERS.map(({ id, name }) => ({ id, name })),
    skipped: hasPython ? [] : ['python: python3 not found'],
    samples,
    generation,
    transport: transportRates,
    node: process.version,
    startedAt: started.toISOString(),
    durationMs: Date.now() - started.getTime(),
    loadavg: { start: loadStart, end: os.loadavg() },
  })}\n`,
);
