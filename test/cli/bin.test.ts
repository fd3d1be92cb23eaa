// The package bin itself: dist/cli.js as tsup builds it (rebuilt here only when missing or older than
// src/), and `npm start` (scripts/start.mjs) on top of it.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { cli, cleanEnv, json, ROOT, token } from './support.js';

const BIN = path.join(ROOT, 'dist', 'cli.js');

function newest(dir: string): number {
  let latest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = path.join(dir, entry.name);
    latest = Math.max(latest, entry.isDirectory() ? newest(full) : statSync(full).mtimeMs);
  }
  return latest;
}

beforeAll(() => {
  if (existsSync(BIN) && statSync(BIN).mtimeMs >= newest(path.join(ROOT, 'src'))) return;
  const build = spawnSync('npx', ['tsup'], { cwd: ROOT, encoding: 'utf8' });
  expect(build.status, build.stderr).toBe(0);
}, 300_000);

describe('dist/cli.js (the package bin)', () => {
  it('starts with the shebang and prints the usage', async () => {
    expect(readFileSync(BIN, 'utf8').startsWith('#!/usr/bin/env node\n')).toBe(true);
    const run = await cli(['--help'], { script: BIN });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^Usage: captoken/);
  });

  it('decodes, and exits 1 with the caret on a fault', async () => {
    const good = token({ alg: 'HS256' }, { sub: '?~?~' });
    const ok = await cli(['decode', good, '--json'], { script: BIN });
    expect(ok.code).toBe(0);
    expect(json(ok)).toMatchObject({ ok: true, payload: { sub: '?~?~' } });
    const bad = await cli(['decode', `${good}=`], { script: BIN });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/^BASE64URL_PADDING/);
  });

  it('runs the conformance chunks it loads on demand (check on the committed example adapter)', async () => {
    const run = await cli(['check', '--candidate-module', 'examples/adapters/captoken-module.mjs', '--runs', '20', '--seed', '3', '--json', '--out', '.tmp/cli-test/bin-check.json'], { script: BIN });
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ passed: true, differential: null });
  });

  it('npm start: codec demo, a passing check and a caught regression; exit 0', () => {
    const run = spawnSync(process.execPath, ['scripts/start.mjs'], { cwd: ROOT, encoding: 'utf8', env: cleanEnv({ CAPTOKEN_DEMO_RUNS: '100' }) });
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain('"note": "?~>>>~~?"');
    for (const code of ['BASE64URL_PADDING', 'BASE64URL_INVALID_CHAR', 'BASE64URL_NONCANONICAL']) expect(run.stderr).toContain(code);
    expect(run.stdout).toMatch(/conformance +PASS/);
    expect(run.stdout).toMatch(/differential +FAIL/);
    expect(run.stdout).toContain('minimal token: property valid');
    expect(run.stdout).toMatch(/only the first '-' or '_' of a segment is translated/);
    expect(run.stdout).toContain('report written to reports/captoken-check.replace-first.txt');
    expect(run.stdout).toContain('demo behaved as expected');
  });
});
