// The published artefact, tested as a user gets it: `npm pack`, publint --strict and
// are-the-types-wrong on the tarball, then install it into a fresh project and use it from ESM, from
// CommonJS, through its bin, and from TypeScript against the shipped declarations.
import { execFileSync, spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SKIP_BROWSER } from '../support/browser-availability.js';
import { requireBuild, ROOT } from '../support/browser-bundle.js';

const FIXTURES = path.join(ROOT, 'test', 'packaging', 'fixtures');
const BIN = path.join(ROOT, 'node_modules', '.bin');
const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  exports: Record<string, unknown>;
  bin: Record<string, string>;
};
const otelApiVersion = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/@opentelemetry/api/package.json'), 'utf8')) as { version: string })
  .version;

function run(cmd: string, args: string[], cwd: string, timeout = 120_000, extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
  // npm_config_* from a surrounding `npm test` would leak into the nested npm (e.g. its own prefix).
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k)));
  return spawnSync(cmd, args, { cwd, encoding: 'utf8', timeout, env: { ...env, ...extraEnv, NO_COLOR: '1', FORCE_COLOR: '0' } });
}

function ok(result: SpawnSyncReturns<string>, what: string): string {
  if (result.error) throw new Error(`${what}: ${result.error.message}`);
  if (result.status !== 0) throw new Error(`${what} exited ${result.status}\n${result.stdout}\n${result.stderr}`);
  return result.stdout;
}

/** Every file path (relative, without ./) named by the exports map and bin. */
function exportTargets(value: unknown, out: string[] = []): string[] {
  if (typeof value === 'string') out.push(value.replace(/^\.\//, ''));
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) exportTargets(v, out);
  return out;
}

// The consumer sources live here as text: as files under test/ the repo's own tsconfig would compile them.
const CONSUMER_MTS = `// A TypeScript consumer (ESM, module nodenext) type-checked against the shipped declarations.
import {
  CAPTOKEN_ERROR_CODES,
  createVerifier,
  decodeBase64url,
  encodeBase64url,
  isCaptokenError,
  parseToken,
  type CaptokenErrorCode,
  type ParsedToken,
  type VerifyKey,
} from 'captoken';
import * as arbitraries from 'captoken/arbitraries';
import { runConformance, type ClassSummary, type ConformanceReport } from 'captoken/conformance';
import * as otel from 'captoken/otel';

// The conformance kit from an SDK's own suite: a parser as a decode function, per-class verdicts.
export async function conformanceVerdicts(decode: (token: string) => unknown): Promise<ClassSummary[]> {
  const report: ConformanceReport = await runConformance({ decode, name: 'sdk' }, { profile: 'rfc', seed: 1, runs: 10 });
  return report.classes;
}

const bytes: Uint8Array = decodeBase64url('-_8');
const text: string = encodeBase64url(bytes);
const codes: readonly CaptokenErrorCode[] = CAPTOKEN_ERROR_CODES;
// The verifier's key type, named and used without @types/node or lib dom.
const key: VerifyKey = new Uint8Array(32);
export const verifier = createVerifier({ algorithms: ['HS256'], key, issuer: 'AC0' });

export function describeToken(token: string): string {
  try {
    const parsed: ParsedToken = parseToken(token, { maxLength: 4096 });
    return \`\${JSON.stringify(parsed.header['alg'])} \${parsed.signature.byteLength}\`;
  } catch (error) {
    if (isCaptokenError(error)) {
      const code: CaptokenErrorCode = error.code;
      const offset: number | undefined = error.offset;
      return \`\${code}@\${offset ?? '-'}\`;
    }
    throw error;
  }
}

// @ts-expect-error the error-code union is closed
const notACode: CaptokenErrorCode = 'NOT_A_CODE';

export { arbitraries, codes, notACode, otel, text };
`;

const CONSUMER_CTS = `// A TypeScript consumer (CommonJS, module nodenext): require resolves index.d.cts.
import captoken = require('captoken');

const bytes: Uint8Array = captoken.decodeBase64url('QQ');
const error: captoken.CaptokenError | undefined = captoken.isCaptokenError(bytes) ? bytes : undefined;
export = { bytes, error, encoded: captoken.encodeBase64url(bytes) };
`;

let work: string;
let tarball: string;
let packedFiles: string[];
let app: string;

beforeAll(() => {
  requireBuild();
  work = mkdtempSync(path.join(os.tmpdir(), 'captoken-pack-'));
  // --ignore-scripts: the prepack build already ran (npm test builds first); do not rebuild mid-test.
  const packed = JSON.parse(ok(run('npm', ['pack', '--ignore-scripts', '--json', '--pack-destination', work], ROOT), 'npm pack')) as {
    filename: string;
    files: { path: string }[];
  }[];
  const first = packed[0];
  if (!first) throw new Error('npm pack reported nothing');
  tarball = path.join(work, first.filename);
  packedFiles = first.files.map((f) => f.path);

  app = path.join(work, 'app');
  execFileSync('mkdir', ['-p', app]);
  writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'captoken-consumer', private: true, version: '0.0.0' }));
  // Offline-first from the npm cache (filled by `npm ci`), falling back to the registry if needed.
  ok(
    run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error', tarball, `@opentelemetry/api@${otelApiVersion}`], app, 180_000),
    'npm install <tarball>',
  );
  for (const f of ['load-hooks.mjs', 'record-loads.mjs', 'record-requires.cjs']) copyFileSync(path.join(FIXTURES, f), path.join(app, f));
}, 240_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe('the tarball', () => {
  it('ships every file the exports map and bin name, and no sources, tests or generated API docs', () => {
    const targets = [...exportTargets(pkg.exports), ...Object.values(pkg.bin).map((b) => b.replace(/^\.\//, ''))];
    for (const target of targets) expect(packedFiles, target).toContain(target);
    expect(packedFiles.filter((f) => /^(?:src|test|bench|scripts|node_modules|docs\/api)\//.test(f))).toEqual([]);
    expect(packedFiles).toContain('package.json');
  });

  it('passes publint --strict', () => {
    const result = run(path.join(BIN, 'publint'), ['run', tarball, '--strict'], work);
    expect(result.status, result.stdout + result.stderr).toBe(0);
    expect(result.stdout).toMatch(/All good/);
  });

  it('passes are-the-types-wrong (node16 CJS + ESM and bundler resolution of every subpath)', () => {
    // node10 (TypeScript's pre-exports resolution) cannot see subpaths; engines is node >= 20.
    const result = run(path.join(BIN, 'attw'), [tarball, '--profile', 'node16', '--format', 'json'], work);
    const report = JSON.parse(result.stdout) as {
      analysis: { problems: { resolutionKind?: string }[]; entrypoints: Record<string, unknown> };
    };
    // The JSON lists problems of ignored resolutions too; the exit status honours the profile.
    expect(report.analysis.problems.filter((p) => p.resolutionKind !== 'node10')).toEqual([]);
    expect(Object.keys(report.analysis.entrypoints).sort()).toEqual(Object.keys(pkg.exports).sort());
    expect(result.status).toBe(0);
  });
});

describe('installed into a fresh project', () => {
  it('imports from ESM and works', () => {
    const out = ok(
      run(
        process.execPath,
        [
          '--input-type=module',
          '-e',
          `import { decodeBase64url, encodeBase64url, parseToken, isCaptokenError } from 'captoken';
           const bytes = decodeBase64url('-_8');
           let code; try { decodeBase64url('QR'); } catch (e) { code = isCaptokenError(e) && e.code; }
           const h = encodeBase64url(new TextEncoder().encode('{"alg":"HS256"}'));
           const p = encodeBase64url(new TextEncoder().encode('{"sub":"a"}'));
           const t = parseToken(h + '.' + p + '.AAAA');
           console.log(JSON.stringify({ bytes: [...bytes], code, alg: t.header.alg, sub: t.payload.sub }));`,
        ],
        app,
      ),
      'node ESM import',
    );
    expect(JSON.parse(out)).toEqual({ bytes: [0xfb, 0xff], code: 'BASE64URL_NONCANONICAL', alg: 'HS256', sub: 'a' });
  });

  it('requires from CommonJS and works', () => {
    const out = ok(
      run(
        process.execPath,
        ['-e', `const c = require('captoken'); console.log(JSON.stringify({ enc: c.encodeBase64url(new Uint8Array([0xfb, 0xff])), codes: c.CAPTOKEN_ERROR_CODES.length, cjs: typeof module }));`],
        app,
      ),
      'node CJS require',
    );
    const parsed = JSON.parse(out) as { enc: string; codes: number };
    expect(parsed.enc).toBe('-_8');
    expect(parsed.codes).toBeGreaterThan(0);
  });

  it("importing `.` (ESM) loads neither fast-check, commander nor playwright-core; './otel' does not load @opentelemetry/api", () => {
    const log = path.join(app, 'loads.log');
    writeFileSync(log, '');
    ok(run(process.execPath, ['record-loads.mjs', log, 'captoken', 'captoken/otel'], app), 'record ESM loads');
    const loaded = readFileSync(log, 'utf8').split('\n').filter(Boolean);
    expect(loaded.some((u) => u.includes('/node_modules/captoken/dist/index.js'))).toBe(true);
    expect(loaded.filter((u) => /node_modules\/(?:fast-check|commander|playwright-core|@opentelemetry)\//.test(u))).toEqual([]);
  });

  it("requiring `.` (CJS) loads neither fast-check, commander nor playwright-core; './otel' does not load @opentelemetry/api", () => {
    const out = ok(run(process.execPath, ['record-requires.cjs', 'captoken', 'captoken/otel'], app), 'record CJS loads');
    const { files } = JSON.parse(out) as { files: string[] };
    expect(files.some((f) => f.endsWith(path.join('node_modules', 'captoken', 'dist', 'index.cjs')))).toBe(true);
    expect(files.filter((f) => /node_modules[\\/](?:fast-check|commander|playwright-core|@opentelemetry)[\\/]/.test(f))).toEqual([]);
  });

  it('captoken/conformance runs from ESM and from CommonJS, with the shipped vectors', () => {
    const script = `const report = await c.runConformance({ decode: (t) => { const { header, payload } = p.parseToken(t); return { header, payload }; } }, { profile: 'rfc', seed: 1, runs: 20 });
      console.log(JSON.stringify({ passed: report.passed, vectors: report.vectors.total, version: report.vectorsVersion, classes: report.classes.filter((k) => k.status === 'pass').length }));`;
    const esm = JSON.parse(ok(run(process.execPath, ['--input-type=module', '-e', `import * as c from 'captoken/conformance'; import * as p from 'captoken'; ${script}`], app), 'ESM conformance')) as { passed: boolean; vectors: number; classes: number };
    expect(esm).toMatchObject({ passed: true });
    expect(esm.vectors).toBeGreaterThan(50);
    const cjs = JSON.parse(ok(run(process.execPath, ['-e', `const c = require('captoken/conformance'); const p = require('captoken'); (async () => { ${script} })();`], app), 'CJS conformance')) as { passed: boolean; vectors: number };
    expect(cjs).toEqual(esm);
  });

  it('the loader-hook check does see a package that is loaded (positive control)', () => {
    const log = path.join(app, 'loads-control.log');
    writeFileSync(log, '');
    ok(run(process.execPath, ['record-loads.mjs', log, '@opentelemetry/api'], app), 'record ESM loads (control)');
    expect(readFileSync(log, 'utf8')).toMatch(/node_modules\/@opentelemetry\/api\//);
  });

  it('links and runs the bin: npx captoken --help prints the usage and the commands', () => {
    expect(existsSync(path.join(app, 'node_modules', '.bin', 'captoken'))).toBe(true);
    const result = run('npx', ['--no-install', 'captoken', '--help'], app);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^Usage: captoken/m);
    for (const command of ['decode', 'verify', 'mint', 'conformance', 'check']) expect(result.stdout).toMatch(new RegExp(`^\\s+${command}\\b`, 'm'));
  });

  it('the installed bin decodes a token (it runs on the installed dependencies, fast-check and commander)', () => {
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const payload = Buffer.from('{"sub":"alice"}').toString('base64url');
    const result = run('npx', ['--no-install', 'captoken', 'decode', `${header}.${payload}.AAAA`], app);
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout).toContain('alice');
  });

  // Every command from the installed bin (node_modules/.bin/captoken, what npx runs), in the
  // installed layout: the vectors, the examples and the dependencies are the tarball's.
  function captoken(args: string[], extraEnv: Record<string, string> = {}): SpawnSyncReturns<string> {
    return run(path.join(app, 'node_modules', '.bin', 'captoken'), args, app, 120_000, extraEnv);
  }
  const installed = (): string => path.join(app, 'node_modules', 'captoken');

  it("the installed bin's `vectors` prints the shipped vector file byte for byte", () => {
    const result = captoken(['vectors']);
    expect(result.status, result.stderr).toBe(0);
    const repo = readFileSync(path.join(ROOT, 'vectors', 'captoken-vectors.json'), 'utf8');
    expect(result.stdout === repo, 'stdout differs from vectors/captoken-vectors.json').toBe(true);
    expect(readFileSync(path.join(installed(), 'vectors', 'captoken-vectors.json'), 'utf8') === repo).toBe(true);
    const out = path.join(work, 'vectors-out.json');
    const written = captoken(['vectors', '--out', out, '--json']);
    expect(written.status, written.stderr).toBe(0);
    expect(JSON.parse(written.stdout)).toMatchObject({ ok: true, out });
    expect(readFileSync(out, 'utf8') === repo, '--out file differs from vectors/captoken-vectors.json').toBe(true);
  });

  it('the installed bin mints a capability token (--secret-env) and verifies it', () => {
    const accountSid = `AC${'0123456789abcdef'.repeat(2)}`;
    const env = { CAPTOKEN_PACK_SECRET: 'packaging-test-secret-of-32-bytes!!' };
    const minted = captoken(['mint', 'capability', '--account-sid', accountSid, '--secret-env', 'CAPTOKEN_PACK_SECRET', '--incoming', 'alice'], env);
    expect(minted.status, minted.stderr).toBe(0);
    const token = minted.stdout.trim();
    expect(token).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(minted.stdout + minted.stderr).not.toContain(env.CAPTOKEN_PACK_SECRET);

    const verified = captoken(['verify', token, '--alg', 'HS256', '--secret-env', 'CAPTOKEN_PACK_SECRET', '--iss', accountSid, '--json'], env);
    expect(verified.status, verified.stdout + verified.stderr).toBe(0);
    const doc = JSON.parse(verified.stdout) as { ok: boolean; alg: string; payload: { iss?: unknown; scope?: unknown } };
    expect(doc).toMatchObject({ ok: true, alg: 'HS256', payload: { iss: accountSid } });
    expect(String(doc.payload.scope)).toContain('client:incoming');
    expect(verified.stdout + verified.stderr).not.toContain(env.CAPTOKEN_PACK_SECRET);

    // The negative control: another secret fails verification (exit 1, not a usage error).
    const wrong = captoken(['verify', token, '--alg', 'HS256', '--secret-env', 'CAPTOKEN_PACK_SECRET', '--json'], {
      CAPTOKEN_PACK_SECRET: 'another-secret-also-of-32-bytes!!!!',
    });
    expect(wrong.status, wrong.stdout + wrong.stderr).toBe(1);
    expect((JSON.parse(wrong.stdout) as { ok: boolean }).ok).toBe(false);
  });

  it("the installed bin's `check` passes the shipped captoken adapter (exit 0) and catches the shipped regression (exit 1)", () => {
    const args = (module: string, out: string): string[] => ['check', '--candidate-module', module, '--runs', '50', '--seed', '20261121', '--json', '--out', out];
    const good = captoken(args(path.join(installed(), 'examples', 'adapters', 'captoken-module.mjs'), path.join(work, 'check-good.json')));
    expect(good.status, good.stdout + good.stderr).toBe(0);
    expect(JSON.parse(good.stdout)).toMatchObject({ ok: true, passed: true });

    const bad = captoken(args(path.join(installed(), 'examples', 'regressed', 'replace-first.mjs'), path.join(work, 'check-bad.json')));
    expect(bad.status, bad.stdout + bad.stderr).toBe(1);
    expect(JSON.parse(bad.stdout)).toMatchObject({ ok: false, passed: false });
    expect(existsSync(path.join(work, 'check-bad.json'))).toBe(true);
  });

  // playwright-core is a runtime dependency of the bin (not a dev one): the installed package drives
  // Chromium with its own copy, and catches the shipped browser regression.
  it.skipIf(SKIP_BROWSER)("the installed bin's `conformance --adapter-browser` runs the shipped browser regression in Chromium (exit 1)", () => {
    expect(existsSync(path.join(app, 'node_modules', 'playwright-core', 'package.json'))).toBe(true);
    const bad = captoken(['conformance', '--adapter-browser', path.join(installed(), 'examples', 'regressed', 'browser-replace-first.js'), '--runs', '50', '--seed', '20261121', '--json']);
    expect(bad.status, bad.stderr).toBe(1);
    const report = JSON.parse(bad.stdout) as { passed: boolean; failures: { answer: { ok: boolean; error?: string } }[] };
    expect(report.passed).toBe(false);
    expect(report.failures.some((f) => !f.answer.ok && (f.answer.error ?? '').includes("Failed to execute 'atob' on 'Window'"))).toBe(true);
  });

  /** Writes tsconfig.<name>.json for the consumer sources and runs this repo's tsc on it. */
  function typecheck(name: string, types: string[], lib: string[], flags: string[] = []): SpawnSyncReturns<string> {
    writeFileSync(path.join(app, 'consumer.mts'), CONSUMER_MTS);
    writeFileSync(path.join(app, 'consumer.cts'), CONSUMER_CTS);
    writeFileSync(
      path.join(app, `tsconfig.${name}.json`),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          lib,
          types,
          // @types/node from this checkout: the consumer project installs only captoken.
          typeRoots: [path.join(ROOT, 'node_modules', '@types')],
          strict: true,
          exactOptionalPropertyTypes: true,
          noUncheckedIndexedAccess: true,
          skipLibCheck: false,
          noEmit: true,
        },
        files: ['consumer.mts', 'consumer.cts'],
      }),
    );
    return run(process.execPath, [path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', `tsconfig.${name}.json`, ...flags], app);
  }

  it('type-checks a consumer (ESM .mts and CommonJS .cts; lib dom + @types/node) against the shipped declarations', () => {
    const result = typecheck('isomorphic', ['node'], ['es2022', 'dom'], ['--traceResolution']);
    const errors = result.stdout.split('\n').filter((line) => /error TS\d+/.test(line));
    expect(errors).toEqual([]);
    expect(result.status).toBe(0);
    // The dual package shape: import -> index.d.ts, require -> index.d.cts.
    expect(result.stdout).toMatch(/Module name 'captoken' was successfully resolved to '[^']*node_modules\/captoken\/dist\/index\.d\.ts'/);
    expect(result.stdout).toMatch(/Module name 'captoken' was successfully resolved to '[^']*node_modules\/captoken\/dist\/index\.d\.cts'/);
  });

  // The verifier's public types (VerifyKey) describe KeyObject and CryptoKey structurally, so the
  // declarations import nothing from node:crypto and name no DOM global: a browser/edge project
  // without @types/node, and a Node project without lib dom, both type-check with skipLibCheck off.
  it('type-checks a browser consumer (lib dom, no @types/node)', () => {
    const result = typecheck('browser', [], ['es2022', 'dom']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });

  it('type-checks a Node consumer (@types/node, no lib dom)', () => {
    const result = typecheck('node', ['node'], ['es2022']);
    expect(result.stdout + result.stderr).toBe('');
    expect(result.status).toBe(0);
  });
});
