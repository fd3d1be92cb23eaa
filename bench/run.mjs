/**
 * bench/run.mjs — `npm run bench`: build if needed, run every suite in several fresh processes, keep the
 * raw results, regenerate bench/README.md.
 *
 *   node --expose-gc bench/run.mjs [--procs 3] [--no-build] [--quick] [--only decode,parse]
 *
 * Each suite runs in `--procs` separate Node processes, alternating suites (decode, parse, decode, ...),
 * because JIT decisions differ from one process to the next; the report pools their paired rounds.
 * Raw output goes to bench/results/raw/<run id>/: one JSON per suite and process, plus run.log (all
 * console output of the run) and build.json (which build was measured).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { preparedBuild } from './build.mjs';
import { machineInfo, rawDir } from './harness.mjs';
import { generateReport } from './report.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const argv = process.argv.slice(2);
const flag = (name) => argv.includes(name);
const value = (name, fallback) => {
  const i = argv.indexOf(name);
  return i === -1 ? fallback : argv[i + 1];
};
const procs = Number(value('--procs', '3'));
const suites = value('--only', 'decode,parse').split(',');
const quick = flag('--quick');

const runId = new Date().toISOString().replace(/[:.]/g, '-');
const dir = path.join(rawDir, runId);
mkdirSync(dir, { recursive: true });
const log = [];
const say = (line) => {
  console.log(line);
  log.push(line);
};

const build = await preparedBuild({ build: !flag('--no-build') });
const git = (...a) => {
  try {
    return execFileSync('git', a, { cwd: path.dirname(here), encoding: 'utf8' }).trim();
  } catch {
    return '';
  }
};
const dirty = git('status', '--porcelain', '--', 'src').length > 0;
build.commit = `commit ${git('rev-parse', '--short', 'HEAD') || 'unknown'}${dirty ? ' + uncommitted changes in src/' : ''}`;
writeFileSync(path.join(dir, 'build.json'), `${JSON.stringify({ ...build, machine: machineInfo() }, null, 2)}\n`);
say(`[bench] run ${runId}: measuring ${path.relative(process.cwd(), build.entry)} (copy of dist/ built ${build.distTime}${build.stale ? ', STALE: older than src/' : ''})`);

function runChild(suite, index) {
  const out = path.join(dir, `${suite}-${index}.json`);
  const args = ['--expose-gc', path.join(here, `${suite}.mjs`), '--entry', build.entry, '--out', out, ...(quick ? ['--quick'] : [])];
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let buffered = '';
    const onData = (chunk) => {
      buffered += chunk;
      const lines = buffered.split('\n');
      buffered = lines.pop();
      for (const line of lines) say(`  [p${index}] ${line}`);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      if (buffered) say(`  [p${index}] ${buffered}`);
      if (code === 0) resolve();
      else reject(new Error(`${suite} (process ${index}) exited with ${code}`));
    });
  });
}

const started = Date.now();
for (let i = 1; i <= procs; i++) {
  // Alternate the order so neither suite always runs first on a fresh machine state.
  const order = i % 2 === 1 ? suites : [...suites].reverse();
  for (const suite of order) await runChild(suite, i);
}
say(`[bench] ${procs} process(es) per suite in ${((Date.now() - started) / 1000).toFixed(0)} s`);
writeFileSync(path.join(dir, 'run.log'), `${log.join('\n')}\n`);

const readme = await generateReport(runId);
console.log(`[bench] wrote ${path.relative(process.cwd(), readme)}`);
