#!/usr/bin/env node
// `npm start`: the project's main job, run as `npm ci && npm start` on a fresh clone.
//   1. builds dist/ when it is missing or older than src/ (or the build configuration);
//   2. the codec demo: `captoken decode` on tokens with '-' and '_', and the precise errors for a
//      padded, a standard-alphabet and a non-canonical token;
//   3. the pre-deploy gate: `captoken check` on captoken's own adapter (a pass), then on a regressed
//      parser (examples/regressed/replace-first.mjs) against captoken as the baseline (a caught
//      regression: the diagnosis names the cause, with its minimal token), each writing its report
//      under reports/.
// Exits 0 when every step behaved as expected (the regression being caught is the expected outcome).
// CAPTOKEN_DEMO_RUNS=<n> passes --runs <n> to both checks (the CLI tests use a small number).
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const CLI = path.join(ROOT, 'dist', 'cli.js');
const SEED = 20261121;
const RUNS = process.env.CAPTOKEN_DEMO_RUNS ? ['--runs', process.env.CAPTOKEN_DEMO_RUNS] : [];
const color = process.stdout.isTTY && !process.env.NO_COLOR;
const bold = (s) => (color ? `\u001b[1m${s}\u001b[22m` : s);

/** Newest modification time under `dir` (recursively), in ms. */
function newest(dir) {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

function buildIfNeeded() {
  const inputs = Math.max(newest(path.join(ROOT, 'src')), ...['tsup.config.ts', 'package.json'].map((f) => statSync(path.join(ROOT, f)).mtimeMs));
  const outputs = ['cli.js', 'index.js'].map((f) => path.join(ROOT, 'dist', f));
  if (outputs.every((f) => existsSync(f) && statSync(f).mtimeMs >= inputs)) return;
  console.log(bold('building captoken (dist/ is missing or older than src/) ...'));
  const result = spawnSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
  if (result.status !== 0) {
    console.error('npm run build failed; see above');
    process.exit(2);
  }
}

const b64 = (text) => Buffer.from(text, 'utf8').toString('base64url');
const DEMO_SECRET = 'a demo secret, 32 bytes or more, not a real one';

/** A real HS256 token over the given header and payload JSON. */
function hs256(header, payload) {
  const input = `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', DEMO_SECRET).update(input).digest('base64url')}`;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function demoTokens() {
  // '~' (0x7E) and '?' (0x3F) put 6-bit groups 62 and 63 ('-' and '_') into base64url.
  const plain = hs256({ alg: 'HS256', typ: 'JWT' }, { sub: 'demo', note: '?~>>>~~?' });
  const capability = hs256(
    { alg: 'HS256', typ: 'JWT' },
    { scope: 'scope:client:incoming?clientName=q%3F~', iss: `AC${'0'.repeat(32)}`, exp: 2000000000, iat: 1999996400 },
  );
  const [h, p, s] = plain.split('.');
  if (!/-.*-/.test(p) || !p.includes('_')) throw new Error('demo token: the payload should hold two "-" and a "_"');
  // 32 signature bytes are 43 characters: the last one carries 2 unused bits, which must be zero.
  const last = s.at(-1);
  const nonCanonical = `${h}.${p}.${s.slice(0, -1)}${ALPHABET[ALPHABET.indexOf(last) | 1]}`;
  return {
    valid: [
      ['a plain JWT: the payload has two "-" and a "_"', plain],
      ['a capability token (capabilities are listed)', capability],
    ],
    invalid: [
      ['padded: "=" after the header segment', `${h}=.${p}.${s}`],
      ['standard alphabet: "+" where base64url has "-"', plain.replace('-', '+')],
      ['non-canonical: the last signature character has non-zero unused bits', nonCanonical],
    ],
  };
}

/** Runs the CLI with the terminal as its stdout/stderr (colours and the progress bar where they apply). */
function cli(args) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, stdio: 'inherit' }).status;
}

const problems = [];
function expect(what, status, wanted) {
  if (status !== wanted) problems.push(`${what}: exit code ${status}, expected ${wanted}`);
}

buildIfNeeded();

console.log(bold('\n== 1. The codec: strict base64url, and errors that point at the fault ==\n'));
const tokens = demoTokens();
for (const [what, token] of tokens.valid) {
  console.log(bold(`$ captoken decode <${what}>`));
  expect(`decode ${what}`, cli(['decode', token]), 0);
  console.log();
}
for (const [what, token] of tokens.invalid) {
  console.log(bold(`$ captoken decode <${what}>`));
  expect(`decode ${what}`, cli(['decode', token]), 1);
  console.log();
}

console.log(bold('== 2. The pre-deploy gate: captoken check ==\n'));
const good = ['--candidate-module', 'examples/adapters/captoken-module.mjs', '--seed', String(SEED), ...RUNS, '--out', 'reports/captoken-check.captoken.txt'];
console.log(bold(`$ captoken check ${good.join(' ')}`));
expect('check on captoken itself', cli(['check', ...good]), 0);
console.log();

const regressed = [
  '--candidate-module',
  'examples/regressed/replace-first.mjs',
  '--baseline-module',
  'examples/adapters/captoken-module.mjs',
  '--seed',
  String(SEED),
  ...RUNS,
  '--out',
  'reports/captoken-check.replace-first.txt',
];
console.log(bold(`$ captoken check ${regressed.join(' ')}`));
console.log("(the candidate replaces only the first '-' and '_' of a segment: the check must fail, exit 1, and say why)");
expect('check on the replace-first regression', cli(['check', ...regressed]), 1);
console.log();

if (problems.length > 0) {
  console.error(bold('the demo did not behave as expected:'));
  for (const p of problems) console.error(`  - ${p}`);
  process.exit(1);
}
console.log(bold('demo behaved as expected: valid tokens decoded, faults located, captoken passed its own gate, and the regression was caught (exit 1) with its cause and minimal token.'));
