// captoken conformance: pass, failure, every adapter error, reporters, --out, --json, no progress when piped.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, example, fixture, json, SEED } from './support.js';

const GOOD = ['--adapter-module', fixture('captoken-src.ts')];
const RUNS = ['--runs', '40', '--seed', String(SEED)];
const node = (file: string): string => `${JSON.stringify(process.execPath)} ${JSON.stringify(file)}`;

describe('captoken conformance', () => {
  it('captoken itself passes: text report on stdout, exit 0, no progress bar when stderr is piped', async () => {
    const run = await cli(['conformance', ...GOOD, ...RUNS]);
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^captoken conformance: PASS: adapter .*captoken-src\.ts, profile accept, seed 20261121\n/);
    expect(run.stderr).toBe('');
  });

  it('a regressed parser fails (exit 1), with its shrunk token and the seed to replay', async () => {
    const run = await cli(['conformance', '--adapter-module', example('regressed/replace-first.mjs'), ...RUNS]);
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^captoken conformance: FAIL/);
    expect(run.stdout).toMatch(/property valid: .*\n {3}token: {6}"[^"]+"/);
    expect(run.stdout).toContain('seed 20261121');
  });

  it('--json: the report as one JSON document; --profile strict runs the invalid-token properties', async () => {
    const run = await cli(['conformance', ...GOOD, ...RUNS, '--profile', 'strict', '--json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = json(run);
    expect(report).toMatchObject({ passed: true, profile: 'strict', seed: SEED, failures: [] });
    expect((report['properties'] as Array<{ name: string }>).some((p) => p.name.startsWith('invalid:'))).toBe(true);
  });

  it('--reporter junit --out: XML in the file, the text report and where it went on stdout', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'captoken-cli-conf-'));
    const run = await cli(['conformance', '--adapter-module', example('regressed/atob.mjs'), ...RUNS, '--reporter', 'junit', '--out', 'out/c.xml'], { cwd: dir });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^captoken conformance: FAIL/);
    expect(run.stdout).toMatch(/report written to out\/c\.xml\n$/);
    const xml = readFileSync(path.join(dir, 'out/c.xml'), 'utf8');
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    expect(xml).toContain('<failure ');
  });

  it('--json with a junit reporter needs --out (exit 2); with --out stdout is the JSON report plus reportPath', async () => {
    const clash = await cli(['conformance', ...GOOD, ...RUNS, '--json', '--reporter', 'junit']);
    expect(clash.code).toBe(2);
    expect(json(clash)).toEqual({ ok: false, error: { code: 'USAGE', message: expect.stringMatching(/--out/) as string } });
    const dir = mkdtempSync(path.join(tmpdir(), 'captoken-cli-conf-'));
    const run = await cli(['conformance', ...GOOD, ...RUNS, '--json', '--reporter', 'junit', '--out', 'c.xml'], { cwd: dir });
    expect(run.code).toBe(0);
    expect(json(run)).toMatchObject({ passed: true, reportPath: path.join(dir, 'c.xml') });
  });

  it('a command adapter that crashes: exit 2, with its stderr tail', async () => {
    const run = await cli(['conformance', '--adapter-cmd', node(fixture('crash.mjs')), ...RUNS]);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^adapter error \(crash\): /);
    expect(run.stderr).toContain('fatal: decoder exploded');
  });

  it('a command adapter that hangs: exit 2 after --timeout-ms', async () => {
    const started = Date.now();
    const run = await cli(['conformance', '--adapter-cmd', node(fixture('hang.mjs')), ...RUNS, '--timeout-ms', '300', '--json']);
    expect(run.code).toBe(2);
    expect(json(run)).toMatchObject({ ok: false, error: { code: 'ADAPTER_ERROR', kind: 'timeout' } });
    expect(Date.now() - started).toBeLessThan(20_000);
  });

  it('a command adapter that breaks the protocol: exit 2', async () => {
    const run = await cli(['conformance', '--adapter-cmd', node(fixture('garbage.mjs')), ...RUNS]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^adapter error \(protocol\): /);
  });

  it('a module that cannot be loaded, or a URL nobody answers: exit 2', async () => {
    const missing = await cli(['conformance', '--adapter-module', fixture('does-not-exist.mjs'), ...RUNS]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/adapter error \(crash\): could not load/);
    const url = await cli(['conformance', '--adapter-url', 'http://127.0.0.1:9/decode', ...RUNS, '--timeout-ms', '2000']);
    expect(url.code).toBe(2);
    expect(url.stderr).toMatch(/^adapter error \(http\)/);
  });

  it('adapter and option mistakes are usage errors (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['conformance', ...RUNS], /give the parser under test with one of --adapter-cmd, --adapter-module, --adapter-url or --adapter-browser/],
      [['conformance', ...GOOD, '--adapter-cmd', 'x', ...RUNS], /give only one of/],
      [['conformance', ...GOOD, '--profile', 'lenient'], /Allowed choices are accept, strict/],
      [['conformance', ...GOOD, '--runs', 'many'], /--runs <n>.*non-negative integer/],
      [['conformance', ...GOOD, '--seed', '1.5'], /--seed <seed>.*32-bit integer/],
      [['conformance', ...GOOD, '--reporter', 'html'], /Allowed choices are text, json, junit/],
      [['conformance', '--adapter-url', 'ftp://x', ...RUNS], /http\(s\) URL/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
    }
  });
});
