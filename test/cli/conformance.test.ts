// captoken conformance: pass, failure, the summary on stdout and everything in the report file, every
// adapter error, reporters from --reporter or the --out extension, --json, usage and option errors.
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cli, example, fixture, json, ROOT, SEED } from './support.js';

const GOOD = ['--adapter-module', fixture('captoken-src.ts')];
const RUNS = ['--runs', '40', '--seed', String(SEED)];
const node = (file: string): string => `${JSON.stringify(process.execPath)} ${JSON.stringify(file)}`;
const workdir = (): string => mkdtempSync(path.join(tmpdir(), 'captoken-cli-conf-'));

describe('captoken conformance', () => {
  it('captoken itself passes: the headline with the seed first, exit 0, no progress bar when stderr is piped, the report file written', async () => {
    const cwd = workdir();
    const run = await cli(['conformance', ...GOOD, ...RUNS], { cwd });
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^captoken conformance: adapter .*captoken-src\.ts, profile accept, seed 20261121\nconformance +PASS/);
    expect(run.stdout).toMatch(/report written to reports\/captoken-conformance\.txt\n$/);
    expect(run.stderr).toBe('');
    expect(readFileSync(path.join(cwd, 'reports/captoken-conformance.txt'), 'utf8')).toMatch(/\ncoverage of \d+ valid cases/);
  });

  it.each(['atob', 'replace-first', 'standard-regex', 'latin1', 'over-padding'])(
    'regressed %s: exit 1, under 60 lines on stdout (verdict, diagnosis, minimal token), every failure in the report file',
    async (name) => {
      const cwd = workdir();
      // The default run: no --runs.
      const run = await cli(['conformance', '--adapter-module', example(`regressed/${name}.mjs`), '--seed', String(SEED)], { cwd });
      expect(run.code).toBe(1);
      const lines = run.stdout.trimEnd().split('\n');
      expect(lines.length).toBeLessThan(60);
      expect(run.stdout).toMatch(/\nconformance +FAIL/);
      expect(run.stdout).toMatch(/\ndiagnosis:\n {2}1\. /);
      expect(run.stdout).toMatch(/minimal token: property valid/);
      const [, count] = /\n(\d+) failures; every one is in reports\/captoken-conformance\.txt/.exec(run.stdout)!;
      const full = readFileSync(path.join(cwd, 'reports/captoken-conformance.txt'), 'utf8');
      expect(full).toContain(`failures (${count!}, none left out):`);
      expect(full.match(/^\d+\. (?:vector|property) /gm)).toHaveLength(Number(count));
    },
  );

  it('--json: the report as one JSON document with reportPath; --profile rfc runs the rfc classes', async () => {
    const cwd = workdir();
    const run = await cli(['conformance', ...GOOD, ...RUNS, '--profile', 'rfc', '--json'], { cwd });
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    const report = json(run);
    expect(report).toMatchObject({ ok: true, kind: 'conformance', passed: true, profile: 'rfc', seed: SEED, failures: [], reportPath: path.join(cwd, 'reports/captoken-conformance.txt') });
    const classes = report['classes'] as Array<{ id: string; level: string; status: string }>;
    expect(classes.filter((c) => c.level === 'rfc').every((c) => c.status === 'pass')).toBe(true);
    expect(classes.filter((c) => c.level === 'hardened').every((c) => c.status === 'not-run')).toBe(true);
  });

  it('--out x.xml writes JUnit (from the extension); x.json writes JSON; a contradicting --reporter is a usage error', async () => {
    const cwd = workdir();
    const xml = await cli(['conformance', '--adapter-module', example('regressed/atob.mjs'), ...RUNS, '--out', 'out/c.xml'], { cwd });
    expect(xml.code).toBe(1);
    expect(xml.stdout).toMatch(/every one is in out\/c\.xml/);
    expect(readFileSync(path.join(cwd, 'out/c.xml'), 'utf8')).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<testsuites /);
    const js = await cli(['conformance', ...GOOD, ...RUNS, '--out', 'c.json'], { cwd });
    expect(js.code).toBe(0);
    expect(JSON.parse(readFileSync(path.join(cwd, 'c.json'), 'utf8'))).toMatchObject({ kind: 'conformance', passed: true });
    const clash = await cli(['conformance', ...GOOD, ...RUNS, '--out', 'c.xml', '--reporter', 'text'], { cwd });
    expect(clash.code).toBe(2);
    expect(clash.stderr).toMatch(/--out c\.xml is a \.xml file but --reporter is text: give --reporter junit/);
    const junit = await cli(['conformance', ...GOOD, ...RUNS, '--reporter', 'junit', '--json'], { cwd });
    expect(junit.code).toBe(0);
    expect(json(junit)).toMatchObject({ reportPath: path.join(cwd, 'reports/captoken-conformance.xml') });
    expect(readFileSync(path.join(cwd, 'reports/captoken-conformance.xml'), 'utf8')).toMatch(/^<\?xml/);
  });

  it('hardened is advisory: findings and exit 0, unless --fail-on hardened; --allow waives; strict still works, deprecated', async () => {
    const cwd = workdir();
    const freedoms = ['--adapter-module', path.join(ROOT, 'test/conformance/fixtures/parsers/rfc-freedoms.mjs')];
    const advisory = await cli(['conformance', ...freedoms, ...RUNS, '--profile', 'hardened'], { cwd });
    expect(advisory.code).toBe(0);
    expect(advisory.stdout).toMatch(/\n {2}hardened +ADVISORY/);
    const gate = await cli(['conformance', ...freedoms, ...RUNS, '--profile', 'hardened', '--fail-on', 'hardened'], { cwd });
    expect(gate.code).toBe(1);
    const classes = 'trailing-bits,json-bom,duplicate-member-accepted,forbidden-member,too-large,empty-signature,signature-syntax';
    const waived = await cli(['conformance', ...freedoms, ...RUNS, '--profile', 'hardened', '--fail-on', 'hardened', '--allow', classes, '--json'], { cwd });
    expect(waived.code).toBe(0);
    expect((json(waived)['classes'] as Array<{ status: string }>).filter((c) => c.status === 'waived').length).toBeGreaterThan(0);
    const strict = await cli(['conformance', ...GOOD, ...RUNS, '--profile', 'strict'], { cwd });
    expect(strict.code).toBe(0);
    expect(strict.stdout).toMatch(/profile hardened/);
    expect(strict.stdout).toMatch(/note: profile 'strict' is deprecated/);
  });

  it('a command adapter that crashes: exit 2, with its stderr tail', async () => {
    const run = await cli(['conformance', '--adapter-cmd', node(fixture('crash.mjs')), ...RUNS]);
    expect(run.code).toBe(2);
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
    expect(url.stderr).toMatch(/adapter error \(http\)/);
  });

  it('adapter and option mistakes are usage or configuration errors (exit 2)', async () => {
    const cases: Array<[string[], RegExp]> = [
      [['conformance', ...RUNS], /give the parser under test with one of --adapter-cmd, --adapter-module, --adapter-url or --adapter-browser/],
      [['conformance', ...GOOD, '--adapter-cmd', 'x', ...RUNS], /give only one of/],
      [['conformance', ...GOOD, '--profile', 'lenient'], /Allowed choices are accept, rfc, hardened, strict/],
      [['conformance', ...GOOD, '--fail-on', 'hardened', ...RUNS], /CONFIG_INVALID: 'failOn' must be within the profile: failOn 'hardened' needs profile 'hardened'/],
      [['conformance', ...GOOD, '--alg', 'HS256,none', ...RUNS], /CONFIG_INVALID: 'algorithms': "none" is not a registered JWS algorithm/],
      [['conformance', ...GOOD, '--allow', 'valid', ...RUNS], /CONFIG_INVALID: 'allow': class 'valid' cannot be waived/],
      [['conformance', ...GOOD, '--max-header-bytes', '10', ...RUNS], /CONFIG_INVALID: 'maxHeaderBytes' must be a whole number of bytes \(at least 128\)/],
      [['conformance', ...GOOD, '--runs', 'many'], /--runs <n>.*non-negative integer/],
      [['conformance', ...GOOD, '--seed', '1.5'], /--seed <seed>.*32-bit integer/],
      [['conformance', ...GOOD, '--reporter', 'html'], /Allowed choices are text, json, junit/],
      [['conformance', '--adapter-url', 'ftp://x', ...RUNS], /http\(s\) URL/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args, { cwd: workdir() });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(message);
    }
  });
});
