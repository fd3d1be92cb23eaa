// captoken check: the pre-deploy gate. The headline with the seed first; pass, a caught regression
// with its minimal token, a stricter candidate that passes, the report file (default location, every
// reporter), --json, adapter errors and usage errors.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cleanEnv, cli, example, fixture, json, ROOT, SEED } from './support.js';

const GOOD = fixture('captoken-src.ts');
const REGRESSED = example('regressed/replace-first.mjs');
const LENIENT = example('regressed/lenient-buffer.mjs');
const RUNS = ['--runs', '40', '--seed', String(SEED)];
const workdir = (): string => mkdtempSync(path.join(tmpdir(), 'captoken-cli-check-'));

describe('captoken check', () => {
  it('passes on captoken (exit 0) and writes reports/captoken-check.txt by default, saying where', async () => {
    const cwd = workdir();
    const run = await cli(['check', '--candidate-module', GOOD, ...RUNS], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toMatch(/^captoken check: candidate .*captoken-src\.ts, profile accept, seed 20261121\n/);
    expect(run.stdout).toMatch(/\nconformance +PASS/);
    expect(run.stdout).not.toContain('differential');
    expect(run.stdout).toContain('report written to reports/captoken-check.txt\n');
    expect(run.stdout).toMatch(/check passed\n$/);
    expect(readFileSync(path.join(cwd, 'reports/captoken-check.txt'), 'utf8')).toMatch(/^captoken check: candidate .*\nconformance +PASS/);
  });

  it('catches a regression against a baseline (exit 1): the minimal token, both verdicts named, the replay seed; under 60 lines', async () => {
    const cwd = workdir();
    const run = await cli(['check', '--candidate-module', REGRESSED, '--baseline-module', GOOD, ...RUNS], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout.split('\n')[0]).toMatch(/^captoken check: candidate .*replace-first\.mjs, baseline .*captoken-src\.ts, profile accept, seed 20261121$/);
    expect(run.stdout).toMatch(/\nconformance +FAIL/);
    expect(run.stdout).toMatch(/\ndifferential +FAIL +\d+ regressions, 0 improvements/);
    const [, token] = /minimal token: property valid, minimal.*\n +token: +(\S+)/.exec(run.stdout)!;
    expect(token!.split('.').some((s) => s.split('-').length > 2 || s.split('_').length > 2), token).toBe(true);
    expect(run.stdout).toContain('replay:    --seed 20261121');
    expect(run.stdout).toMatch(/: as above, \d+ regressions/);
    expect(run.stdout).toMatch(/check failed\n$/);
    expect(run.stdout.trimEnd().split('\n').length).toBeLessThan(60);
    const report = readFileSync(path.join(cwd, 'reports/captoken-check.txt'), 'utf8');
    expect(report).toMatch(/\ndifferences \(\d+, none left out\):\n1\. regression: /);
    expect(report).toMatch(/ {3}baseline: +accepts: header/);
    expect(report).toMatch(/ {3}candidate: rejects: "Invalid character" +\(wrong: rejected a valid token\)/);
  });

  it('passes a candidate that is only stricter than its baseline; a newly lenient one fails only under --profile rfc', async () => {
    const stricter = await cli(['check', '--candidate-module', GOOD, '--baseline-module', LENIENT, ...RUNS, '--profile', 'rfc'], { cwd: workdir() });
    expect(stricter.code).toBe(0);
    expect(stricter.stdout).toMatch(/\ndifferential +PASS +0 regressions, \d+ improvements/);
    expect(stricter.stdout).toMatch(/improvements \(the candidate conforms where the baseline does not\): /);
    const lenientAccept = await cli(['check', '--candidate-module', LENIENT, '--baseline-module', GOOD, ...RUNS], { cwd: workdir() });
    expect(lenientAccept.code).toBe(0);
    const lenientRfc = await cli(['check', '--candidate-module', LENIENT, '--baseline-module', GOOD, ...RUNS, '--profile', 'rfc'], { cwd: workdir() });
    expect(lenientRfc.code).toBe(1);
  });

  it('--json: one document {ok, reportPath, kind, passed, candidate, baseline, conformance, differential}', async () => {
    const cwd = workdir();
    const run = await cli(['check', '--candidate-module', REGRESSED, '--baseline-module', GOOD, ...RUNS, '--json', '--reporter', 'json'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    const doc = json(run) as Record<string, unknown> & { differential: { differences: Array<{ outcome: string; candidate: { ok: boolean }; baseline: { ok: boolean }; expected: string }> } };
    expect(doc).toMatchObject({ ok: false, kind: 'check', passed: false, candidate: REGRESSED, baseline: GOOD, reportPath: path.join(cwd, 'reports/captoken-check.json') });
    expect(doc['conformance']).toMatchObject({ passed: false, seed: SEED });
    const d = doc.differential.differences[0]!;
    expect(d).toMatchObject({ outcome: 'regression', expected: 'accept', candidate: { ok: false }, baseline: { ok: true } });
    // The json report file holds the same report.
    const { ok: _ok, reportPath: _path, ...report } = doc;
    expect(JSON.parse(readFileSync(path.join(cwd, 'reports/captoken-check.json'), 'utf8'))).toEqual(report);
  });

  it('--out ci/check.xml: one JUnit document with the conformance and differential suites', async () => {
    const cwd = workdir();
    const run = await cli(['check', '--candidate-module', REGRESSED, '--baseline-module', GOOD, ...RUNS, '--out', 'ci/check.xml'], { cwd });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('report written to ci/check.xml');
    const xml = readFileSync(path.join(cwd, 'ci/check.xml'), 'utf8');
    expect(xml.match(/<testsuites /g)).toHaveLength(1);
    expect([...xml.matchAll(/<testsuite name="([^"]+)"/g)].map((m) => m[1])).toEqual([
      'conformance.classes',
      'conformance.vectors',
      'conformance.properties',
      'differential.classes',
      'differential.vectors',
      'differential.properties',
    ]);
    const [, tests, failures] = /<testsuites [^>]*tests="(\d+)" failures="(\d+)"/.exec(xml)!;
    const sum = (attr: string): number => [...xml.matchAll(new RegExp(`<testsuite [^>]*${attr}="(\\d+)"`, 'g'))].reduce((n, m) => n + Number(m[1]), 0);
    expect(Number(tests)).toBe(sum('tests'));
    expect(Number(failures)).toBe(sum('failures'));
    expect(Number(failures)).toBeGreaterThan(0);
  });

  it('every adapter kind: a command candidate against a URL baseline (both captoken from src/ via tsx) pass', async () => {
    const env = { CAPTOKEN_MODULE: path.join(ROOT, 'src/index.ts') };
    const server = spawn(process.execPath, ['--import', 'tsx', example('server/captoken-server.mjs'), '0'], { cwd: ROOT, env: cleanEnv(env), stdio: ['ignore', 'pipe', 'inherit'] });
    try {
      const url = await new Promise<string>((resolve, reject) => {
        server.stdout.setEncoding('utf8').once('data', (line: string) => {
          resolve(line.trim().split('\n')[0]!);
        });
        server.once('exit', (code) => {
          reject(new Error(`the example server exited (${String(code)})`));
        });
      });
      const command = `${JSON.stringify(process.execPath)} --import tsx ${JSON.stringify(example('adapters/captoken-node.mjs'))}`;
      // Run from the repository: `--import tsx` resolves tsx from the working directory.
      const out = path.join(workdir(), 'check.json');
      const run = await cli(['check', '--candidate-cmd', command, '--baseline-url', url, ...RUNS, '--json', '--out', out], { cwd: ROOT, env });
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(json(run)).toMatchObject({ passed: true, candidate: command, baseline: url, reportPath: out, differential: { passed: true, differences: [] } });
    } finally {
      server.kill();
    }
  });

  it('a candidate adapter that crashes: exit 2 and no report', async () => {
    const cwd = workdir();
    const run = await cli(['check', '--candidate-cmd', `${JSON.stringify(process.execPath)} ${JSON.stringify(fixture('crash.mjs'))}`, '--baseline-module', GOOD, ...RUNS], { cwd });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/adapter error \(crash\)/);
    expect(existsSync(path.join(cwd, 'reports'))).toBe(false);
  });

  it('usage errors exit 2: no candidate, two candidates, two baselines, --out x.xml with --reporter text', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['check', ...RUNS], /give the candidate with one of --candidate-cmd, --candidate-module, --candidate-url or --candidate-browser/],
      [['check', '--candidate-module', GOOD, '--candidate-url', 'http://x', ...RUNS], /give only one of --candidate-cmd/],
      [['check', '--candidate-module', GOOD, '--baseline-module', GOOD, '--baseline-cmd', 'x', ...RUNS], /give only one of --baseline-cmd/],
      [['check', '--candidate', GOOD], /unknown option '--candidate'/],
      [['check', '--candidate-module', GOOD, '--out', 'r.xml', '--reporter', 'text', ...RUNS], /is a \.xml file but --reporter is text/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args, { cwd: workdir() });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
