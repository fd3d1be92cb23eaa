// bench/corpus.mjs: corpus replay through the built CLI (dist/cli.js), the real code path of
// `captoken check --corpus`: tokens/s and peak RSS on a generated corpus of N lines (default
// 1,000,000), streamed from a temporary file that is deleted afterwards (never committed).
// The candidate is captoken itself as an in-process module adapter (examples/adapters/captoken-module.mjs);
// a second run adds the same adapter as the baseline (two adapters per token).
//
//   npm run build && node bench/corpus.mjs [--lines 1000000]
// Writes bench/results/corpus.md and a raw JSON file under bench/results/raw/.
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { machineInfo, markdownTable, resultsDir, writeRaw } from './harness.mjs';

const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const i = process.argv.indexOf('--lines');
const LINES = i === -1 ? 1_000_000 : Number(process.argv[i + 1]);
const cli = path.join(root, 'dist/cli.js');
if (!existsSync(cli)) throw new Error('run npm run build first: the benchmark measures dist/cli.js');
const adapter = path.join(root, 'examples/adapters/captoken-module.mjs');

const b64 = (x) => Buffer.from(x).toString('base64url');

/** Writes the corpus: realistic tokens (HS256/ES256 headers, 6-10 claims, some non-ASCII, 32/64-byte signatures); 1 in 100 lines invalid, 1 in 1000 a comment. */
async function generate(file) {
  const out = createWriteStream(file);
  const pool = randomBytes(1 << 20);
  let at = 0;
  const bytes = (n) => {
    if (at + n > pool.length) at = 0;
    const b = pool.subarray(at, at + n);
    at += n;
    return b;
  };
  for (let n = 0; n < LINES; n++) {
    let line;
    if (n % 1000 === 999) line = '# rotated keys here';
    else {
      const es = n % 3 === 0;
      const header = b64(JSON.stringify({ alg: es ? 'ES256' : 'HS256', typ: 'JWT', kid: `key-${n % 17}` }));
      const payload = { iss: 'https://staging.example.com', sub: `user-${b64(bytes(9))}`, aud: 'voice', iat: 1764547200 + n, exp: 1764550800 + n, jti: b64(bytes(12)), grants: { identity: n % 7 === 0 ? 'José Müller' : `agent ${n % 1000}`, room: b64(bytes(5)) } };
      line = `${header}.${b64(JSON.stringify(payload))}.${b64(bytes(es ? 64 : 32))}`;
      if (n % 100 === 42) line = line.replace('.', '=.'); // padded header: captoken rejects it
    }
    if (!out.write(`${line}\n`)) await new Promise((r) => out.once('drain', r));
  }
  await new Promise((r) => out.end(r));
}

const dir = mkdtempSync(path.join(tmpdir(), 'captoken-bench-corpus-'));
try {
  const file = path.join(dir, 'corpus.txt');
  const t0 = performance.now();
  await generate(file);
  const genMs = performance.now() - t0;
  const size = statSync(file).size;
  const rows = [];
  const raw = [];
  for (const [name, extra, candidate = adapter] of [
    ['candidate only', []],
    ['candidate + baseline', ['--baseline-module', adapter]],
    // A regressed candidate: a finding on about one token in four (capped at 10,000 listed), reproductions searched.
    ['regressed candidate (examples/regressed/atob.mjs)', [], path.join(root, 'examples/regressed/atob.mjs')],
  ]) {
    const out = path.join(dir, 'report.json');
    const started = performance.now();
    let code = 0;
    try {
      execFileSync(process.execPath, [cli, 'check', '--candidate-module', candidate, ...extra, '--corpus', file, '--runs', '0', '--seed', '1', '--out', out, '--json'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'], maxBuffer: 1 << 30 });
    } catch (e) {
      code = e.status ?? -1;
    }
    const wallMs = performance.now() - started;
    const report = JSON.parse((await import('node:fs')).readFileSync(out, 'utf8'));
    const c = report.corpus;
    raw.push({ name, code, wallMs, corpus: { ...c, findings: c.findings.length } });
    rows.push([name, String(c.tokens), c.tokensPerSecond.toFixed(0), String(c.peakRssMiB), (c.durationMs / 1000).toFixed(1), (wallMs / 1000).toFixed(1), String(c.findings.length), String(code)]);
    console.log(`${name}: ${c.tokens} tokens, ${c.tokensPerSecond.toFixed(0)} tokens/s, peak RSS ${c.peakRssMiB} MiB, exit ${code}`);
  }
  const md = [
    '# Corpus replay (`captoken check --corpus`)',
    '',
    `${LINES.toLocaleString('en')} lines (${(size / 1e6).toFixed(0)} MB, generated in ${(genMs / 1000).toFixed(1)} s into a temporary file, deleted after), through dist/cli.js with captoken as an in-process module adapter, \`--runs 0\` (vectors only before the corpus). tokens/s counts reading and judging the corpus (the vectors phase and the synthetic-reproduction search excluded); peak RSS is the CLI process's maxRSS at the end of the corpus phase (the vectors phase included).`,
    '',
    markdownTable(['run', 'tokens judged', 'tokens/s', 'peak RSS (MiB)', 'corpus phase (s)', 'wall (s)', 'findings', 'exit'], rows),
    '',
    'Findings: with captoken as the candidate there are none (the padded-header lines, 1 in 100, are rejected by both). The regressed candidate fails every valid token with a \'-\' or \'_\': the report lists the first 10,000 findings and counts the rest (bounded memory), and the run includes the search for synthetic reproductions.',
    '',
    `Machine: \`${JSON.stringify(machineInfo())}\``,
    '',
  ].join('\n');
  (await import('node:fs')).writeFileSync(path.join(resultsDir, 'corpus.md'), md);
  writeRaw('corpus', { lines: LINES, size, genMs, runs: raw });
} finally {
  rmSync(dir, { recursive: true, force: true });
}
