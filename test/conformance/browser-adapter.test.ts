// The browser adapter: parsers run in headless Chromium (Debian's, through playwright-core), the
// way an SDK build runs in customers' browsers. Gated like the other browser suites: skipped loudly
// without Chromium, and under CAPTOKEN_REQUIRE_BROWSER=1 (CI) run and failing instead.
// One Chromium serves the whole file: `captoken` (captoken's own browser build) stays open from
// beforeAll to afterAll, and every other adapter opens its own context in the same browser.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBrowserAdapter, type BrowserAdapterOptions } from '../../src/conformance/browser-adapter.js';
import { acquireBrowser, chromiumPath } from '../../src/conformance/browser-chromium.js';
import { formatJson, formatJunit, formatText, isAdapterError, loadVectors, runConformance, type Adapter, type AdapterError, type ConformanceReport } from '../../src/conformance/index.js';
import { SKIP_BROWSER } from '../support/browser-availability.js';
import { bundle, consumerDir, DIST, requireBuild } from '../support/browser-bundle.js';
import { requireChromium } from '../support/browser-harness.js';
import { cli, json } from '../cli/support.js';
import { example, fixture, ROOT, SEED } from './support.js';

const browserFixture = (name: string): string => fixture(`browser/${name}`);
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln';

/** The AdapterError a promise rejects with (fails the test when it resolves or rejects otherwise). */
async function adapterErrorOf(promise: Promise<unknown>): Promise<AdapterError> {
  const outcome = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isAdapterError(outcome)) throw new Error(`expected an AdapterError, got ${String(outcome)}`);
  return outcome;
}

async function withAdapter<T>(file: string, options: BrowserAdapterOptions, use: (adapter: Adapter) => Promise<T>): Promise<T> {
  const adapter = await createBrowserAdapter(file, options);
  try {
    return await use(adapter);
  } finally {
    await adapter.close();
  }
}

const segments = (token: string): string[] => token.split('.');
const twoOfAKind = (token: string): boolean => segments(token).some((s) => s.split('-').length > 2 || s.split('_').length > 2);
const validVectors = loadVectors().testGroups.flatMap((g) => g.tests).filter((t) => t.result === 'valid');

let work = '';
let captoken: Adapter | undefined;

describe.skipIf(SKIP_BROWSER)('createBrowserAdapter in headless Chromium', () => {
  beforeAll(async () => {
    requireBuild(['browser.js']);
    requireChromium();
    work = mkdtempSync(path.join(tmpdir(), 'captoken-browser-adapter-'));
    // captoken's own browser build, as an application bundles it: `captoken` resolves through the
    // package's `browser` export condition to dist/browser.js; a thin wrapper exports decode.
    const consumer = consumerDir();
    try {
      const { code, included } = await bundle(
        "import { parseToken } from 'captoken';\nexport function decode(token) {\n  const { header, payload } = parseToken(token);\n  return { header, payload };\n}\n",
        consumer.dir,
        { minify: false },
      );
      expect(included.some((f) => f.endsWith(path.join('dist', 'browser.js'))), `bundled from ${DIST}/browser.js`).toBe(true);
      writeFileSync(path.join(work, 'captoken-browser.mjs'), code);
    } finally {
      consumer.cleanup();
    }
    writeFileSync(path.join(work, 'syntax-error.mjs'), 'export function decode(token) {\n  return { header: , payload: token };\n}\n');
    captoken = await createBrowserAdapter(path.join(work, 'captoken-browser.mjs'));
  }, 180_000);

  afterAll(async () => {
    await captoken?.close();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  describe("captoken's own browser build (dist/browser.js)", () => {
    it('passes the default profile (accept, default runs)', async () => {
      const report = await runConformance(captoken!, { seed: SEED });
      expect(report.failures).toEqual([]);
      expect(report.passed).toBe(true);
      expect(report.profile).toBe('accept');
      expect(report.cases).toBeGreaterThan(2000);
      console.info(`[browser adapter] captoken, accept: ${report.cases} cases in ${Math.round(report.durationMs)} ms (${Math.round(report.casesPerSecond)} cases/s)`);
    }, 120_000);

    it('passes strict', async () => {
      const report = await runConformance(captoken!, { seed: SEED, profile: 'strict', runs: 500 });
      expect(report.failures).toEqual([]);
      expect(report.passed).toBe(true);
    }, 120_000);
  });

  describe('the page', () => {
    it('is a real headless Chromium, served from 127.0.0.1, with no Node globals', async () => {
      await withAdapter(browserFixture('behaviours.mjs'), {}, async (adapter) => {
        const answer = await adapter.decode('facts');
        expect(answer).toMatchObject({ ok: true, payload: {} });
        const facts = (answer as { header: Record<string, unknown> }).header;
        expect(facts['userAgent']).toMatch(/HeadlessChrome\/\d+/);
        expect(facts).toMatchObject({ buffer: 'undefined', process: 'undefined', require: 'undefined', secure: true });
        expect(facts['origin']).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      });
    });

    it('runs sync and async decodes; a throw or a rejection rejects with `CODE: message`', async () => {
      await withAdapter(browserFixture('behaviours.mjs'), {}, async (adapter) => {
        const answers = await Promise.all(['async', 'reject-me', 'throw-string', 'async-reject', TOKEN, 'x.y'].map((t) => adapter.decode(t)));
        expect(answers).toEqual([
          { ok: true, header: { async: true }, payload: {} },
          { ok: false, error: 'E_NOPE: no thanks' },
          { ok: false, error: 'plain string' },
          { ok: false, error: 'later' },
          { ok: true, header: { alg: 'HS256' }, payload: {} },
          { ok: false, error: 'not three segments' },
        ]);
      });
    });

    it('carries tokens and answers exactly: lone surrogates, NUL, non-ASCII, `__proto__` members, class instances', async () => {
      await withAdapter(browserFixture('behaviours.mjs'), {}, async (adapter) => {
        const odd = 'a\ud800b\u0000c\udfffé😀\u2028"\\';
        expect(await adapter.decode(`echo:${odd}`)).toEqual({ ok: true, header: {}, payload: { token: odd } });
        const proto = await adapter.decode('proto');
        expect(proto.ok && Object.keys(proto.header as object)).toEqual(['__proto__', 'alg']);
        expect(proto.ok && Object.getOwnPropertyDescriptor(proto.header, '__proto__')?.value).toEqual({ x: 1 });
        expect(proto).toMatchObject({ payload: { a: 1 } });
        // A class instance is read by its own enumerable members (its getter on the prototype is not one).
        expect(await adapter.decode('class')).toEqual({ ok: true, header: { alg: 'HS256' }, payload: { list: [1, 'two', null, true, { x: 0 }] } });
      });
    });

    it('turns every value JSON cannot carry into a marked value, one wrong answer each, never a crash', async () => {
      await withAdapter(browserFixture('behaviours.mjs'), {}, async (adapter) => {
        const kinds = ['bigint', 'nan', 'infinity', 'undefined', 'function', 'cycle', 'date', 'map', 'hole', 'getter'];
        const answers = await Promise.all(kinds.map((k) => adapter.decode(`not-json:${k}`)));
        const payloads = answers.map((a) => (a.ok ? a.payload : a.error));
        expect(payloads).toEqual([
          { n: '[not JSON: the BigInt 12n]' },
          { n: '[not JSON: NaN]' },
          { n: '[not JSON: -Infinity]' },
          { n: '[not JSON: undefined]' },
          { n: '[not JSON: a function]' },
          { a: 1, self: '[not JSON: a cycle]' },
          { n: '[not JSON: a Date object]' },
          { n: '[not JSON: a Map object]' },
          { n: [1, '[not JSON: a hole]', 3] },
          '[not JSON: reading it failed: no reading]',
        ]);
      });
    });

    it('a run against a parser that answers a BigInt records failures with the reason, and every reporter renders them', async () => {
      const file = path.join(work, 'bigint-claims.mjs');
      writeFileSync(
        file,
        "import { decode as inner } from './captoken-browser.mjs';\nexport function decode(token) {\n  const { header, payload } = inner(token);\n  return { header, payload: { ...payload, n: 1n } };\n}\n",
      );
      const report = await withAdapter(file, {}, (adapter) => runConformance(adapter, { seed: SEED, runs: 20 }));
      expect(report.passed).toBe(false);
      expect(report.failures.length).toBeGreaterThan(0);
      for (const f of report.failures) expect(f.difference).toMatch(/^payload\.n: .*"\[not JSON: the BigInt 1n\]"/);
      expect(() => [formatText(report), formatJson(report), formatJunit(report)]).not.toThrow();
      expect(JSON.parse(formatJson(report))).toMatchObject({ passed: false });
    }, 120_000);
  });

  describe('examples', () => {
    it(`catches the browser-style regression (atob + replace('-', '+')) in the default run, with a minimal token [seed=${SEED}]`, async () => {
      const report: ConformanceReport = await withAdapter(example('regressed/browser-replace-first.js'), {}, (adapter) => runConformance(adapter, { seed: SEED }));
      expect(report.passed).toBe(false);
      expect(report.profile).toBe('accept');
      // Exactly the valid vectors with two '-' (or two '_') in one segment fail, none dropped.
      const failedVectors = report.failures.filter((f) => f.kind === 'vector').map((f) => f.token);
      expect(failedVectors.sort()).toEqual(validVectors.filter((t) => twoOfAKind(t.token)).map((t) => t.token).sort());
      const minimal = report.failures.find((f) => f.kind === 'property' && f.shrunk === true);
      expect(minimal, 'a property failed and shrank').toBeDefined();
      expect(twoOfAKind(minimal!.token), minimal!.token).toBe(true);
      expect(minimal!.token.length).toBeLessThan(80);
      expect(minimal!.numShrinks).toBeGreaterThan(0);
      expect(minimal!.expected).toBe('accept');
      // Chromium's own atob refused it (Node's atob words its error differently).
      expect(minimal!.answer.ok).toBe(false);
      expect(minimal!.answer.ok ? '' : minimal!.answer.error).toMatch(/^Failed to execute 'atob' on 'Window'/);
    }, 120_000);

    it('the UMD "SDK" bundle passes through --browser-global (MyVoice.decodeToken)', async () => {
      const report = await withAdapter(example('adapters/browser/voice-sdk.umd.js'), { global: 'MyVoice.decodeToken' }, (adapter) => runConformance(adapter, { seed: SEED, runs: 500 }));
      expect(report.failures).toEqual([]);
    }, 120_000);

    it('the ES-module wrapper around the same bundle passes', async () => {
      const report = await withAdapter(example('adapters/browser/captoken-browser-adapter.mjs'), {}, (adapter) => runConformance(adapter, { seed: SEED, runs: 500 }));
      expect(report.failures).toEqual([]);
    }, 120_000);
  });

  describe('adapter errors (exit 2), each with the console tail', () => {
    it('no decode export: protocol, naming the exports and the global the module set', async () => {
      const error = await adapterErrorOf(createBrowserAdapter(browserFixture('no-decode.mjs')));
      expect(error.kind).toBe('protocol');
      expect(error.message).toMatch(/does not export a decode\(token\) function \(its exports: version\)/);
      expect(error.message).toMatch(/set the global VoiceThing: .*--browser-global \(e\.g\. VoiceThing\.decode\)/);
    });

    it('a script error at load: crash, with the error and the console lines before it', async () => {
      const error = await adapterErrorOf(createBrowserAdapter(browserFixture('throws-at-load.mjs')));
      expect(error.kind).toBe('crash');
      expect(error.message).toMatch(/could not load .*throws-at-load\.mjs in the browser: Error: the SDK failed to boot/);
      expect(error.stderrTail).toContain('console.log: voice sdk: booting');
    });

    it('a syntax error, and a missing import (the server logs the 404): crash', async () => {
      const syntax = await adapterErrorOf(createBrowserAdapter(path.join(work, 'syntax-error.mjs')));
      expect(syntax.kind).toBe('crash');
      expect(syntax.message).toMatch(/SyntaxError/);
      const missing = await adapterErrorOf(createBrowserAdapter(browserFixture('imports-missing.mjs')));
      expect(missing.kind).toBe('crash');
      expect(missing.stderrTail.join('\n')).toMatch(/server: 404 \/not-built-yet\.mjs: no such file/);
    });

    it('--browser-global: a path that is not a function is a protocol error; an ES module loaded as a classic script is a load error with a hint', async () => {
      const notThere = await adapterErrorOf(createBrowserAdapter(example('adapters/browser/voice-sdk.umd.js'), { global: 'MyVoice.parse' }));
      expect(notThere.kind).toBe('protocol');
      expect(notThere.message).toMatch(/window\.MyVoice\.parse is undefined/);
      const noOwner = await adapterErrorOf(createBrowserAdapter(example('adapters/browser/voice-sdk.umd.js'), { global: 'TheirVoice.decodeToken' }));
      expect(noOwner.message).toMatch(/window\.TheirVoice is undefined/);
      const esm = await adapterErrorOf(createBrowserAdapter(browserFixture('behaviours.mjs'), { global: 'X.decode' }));
      expect(esm.kind).toBe('crash');
      expect(esm.message).toMatch(/SyntaxError: .*drop --browser-global/);
    });

    it('per-case timeout: an async decode that never settles, with the token', async () => {
      await withAdapter(browserFixture('behaviours.mjs'), { timeoutMs: 300 }, async (adapter) => {
        const [fine, hung] = await Promise.allSettled([adapter.decode(TOKEN), adapter.decode('hang')]);
        expect(fine).toMatchObject({ status: 'fulfilled', value: { ok: true } });
        expect(hung.status).toBe('rejected');
        const error = (hung as PromiseRejectedResult).reason as AdapterError;
        expect(error).toMatchObject({ kind: 'timeout', token: 'hang' });
        expect(error.message).toMatch(/did not settle within 300 ms/);
      });
    });

    it('a synchronous endless loop blocks the page: timeout, and the adapter refuses further cases', async () => {
      await withAdapter(browserFixture('behaviours.mjs'), { timeoutMs: 300 }, async (adapter) => {
        await adapter.decode('log');
        const error = await adapterErrorOf(adapter.decode('spin'));
        expect(error).toMatchObject({ kind: 'timeout', token: 'spin' });
        expect(error.message).toMatch(/synchronous endless loop/);
        expect(error.stderrTail).toContain('console.warn: decode saw the log token');
        expect(await adapterErrorOf(adapter.decode(TOKEN))).toBe(error);
      });
    });

    it('a page crash: every case in flight and every later one fails with a crash error', async () => {
      // The test reaches the adapter's page through the shared Chromium and crashes its renderer
      // (CDP Page.crash), as an out-of-memory SDK would.
      const { browser, release } = await acquireBrowser(chromiumPath());
      try {
        const before = new Set(browser.contexts().flatMap((c) => c.pages()));
        await withAdapter(browserFixture('behaviours.mjs'), {}, async (adapter) => {
          const page = browser.contexts().flatMap((c) => c.pages()).find((p) => !before.has(p));
          expect(page, "the adapter's page").toBeDefined();
          expect(await adapter.decode(TOKEN)).toMatchObject({ ok: true });
          const session = await page!.context().newCDPSession(page!);
          const inFlight = adapter.decode('hang');
          void session.send('Page.crash').catch(() => undefined);
          const error = await adapterErrorOf(inFlight);
          expect(error.kind).toBe('crash');
          expect(error.message).toMatch(/crashed/);
          expect(error.stderrTail).toContain('the page crashed');
          expect(await adapterErrorOf(adapter.decode(TOKEN))).toBe(error);
        });
      } finally {
        await release();
      }
    });

    it('a value without header and payload: protocol, with the token', async () => {
      await withAdapter(browserFixture('behaviours.mjs'), {}, async (adapter) => {
        expect(await adapterErrorOf(adapter.decode('bad-shape'))).toMatchObject({ kind: 'protocol', token: 'bad-shape' });
      });
    });

    it('no such file: crash, before Chromium starts', async () => {
      expect(await adapterErrorOf(createBrowserAdapter(browserFixture('missing.mjs')))).toMatchObject({ kind: 'crash', message: expect.stringMatching(/no such file/) as unknown });
    });
  });

  describe('the CLI', () => {
    const RUNS = ['--seed', String(SEED), '--runs', '200'];

    it('exit 0: conformance --adapter-browser with --browser-global, report as JSON', async () => {
      const run = await cli(['conformance', '--adapter-browser', example('adapters/browser/voice-sdk.umd.js'), '--browser-global', 'MyVoice.decodeToken', ...RUNS, '--json']);
      expect(run.stderr).toBe('');
      expect(run.code).toBe(0);
      expect(json(run)).toMatchObject({ passed: true, failures: [], adapter: expect.stringMatching(/voice-sdk\.umd\.js$/) as unknown });
    }, 120_000);

    it('exit 1: the browser regression, default run', async () => {
      const run = await cli(['conformance', '--adapter-browser', 'examples/regressed/browser-replace-first.js', '--seed', String(SEED)], { cwd: ROOT });
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/^captoken conformance: adapter examples\/regressed\/browser-replace-first\.js, profile accept, seed /);
      expect(run.stdout).toMatch(/^conformance\s+FAIL/m);
      expect(run.stdout).toContain("Failed to execute 'atob' on 'Window'");
    }, 120_000);

    it('exit 1: check with a browser candidate and a browser baseline', async () => {
      const dir = mkdtempSync(path.join(tmpdir(), 'captoken-browser-check-'));
      try {
        const run = await cli(
          ['check', '--candidate-browser', example('regressed/browser-replace-first.js'), '--baseline-browser', example('adapters/browser/captoken-browser-adapter.mjs'), ...RUNS, '--reporter', 'json', '--out', 'check.json'],
          { cwd: dir },
        );
        expect(run.code).toBe(1);
        const doc = JSON.parse(readFileSync(path.join(dir, 'check.json'), 'utf8')) as { conformance: { passed: boolean }; differential: { passed: boolean } };
        expect(doc.conformance.passed).toBe(false);
        expect(doc.differential.passed).toBe(false);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }, 180_000);

    it('exit 2: no Chromium at CAPTOKEN_CHROMIUM, with the install command; a load error with the console tail', async () => {
      const missing = await cli(['conformance', '--adapter-browser', example('regressed/browser-replace-first.js'), ...RUNS], { env: { CAPTOKEN_CHROMIUM: '/nonexistent/chromium' } });
      expect(missing.code).toBe(2);
      expect(missing.stderr).toMatch(/^adapter error \(crash\): Chromium not found at \/nonexistent\/chromium/);
      expect(missing.stderr).toContain('apt-get install -y chromium');
      expect(missing.stderr).toContain('CAPTOKEN_CHROMIUM');
      const boom = await cli(['conformance', '--adapter-browser', browserFixture('throws-at-load.mjs'), ...RUNS]);
      expect(boom.code).toBe(2);
      expect(boom.stderr).toMatch(/^adapter error \(crash\): could not load .* the SDK failed to boot/);
      expect(boom.stderr).toMatch(/adapter stderr \(last \d+ lines\):\n {2}console\.log: voice sdk: booting/);
    }, 120_000);
  });
});

describe('createBrowserAdapter without a browser', () => {
  it('no Chromium at CAPTOKEN_CHROMIUM: a crash AdapterError with the install command, before anything starts', async () => {
    const saved = process.env['CAPTOKEN_CHROMIUM'];
    process.env['CAPTOKEN_CHROMIUM'] = '/nonexistent/chromium';
    try {
      const error = await adapterErrorOf(createBrowserAdapter(browserFixture('behaviours.mjs')));
      expect(error.kind).toBe('crash');
      expect(error.message).toMatch(/^Chromium not found at \/nonexistent\/chromium: /);
      expect(error.message).toContain('apt-get install -y chromium');
      expect(error.message).toContain('CAPTOKEN_CHROMIUM');
    } finally {
      if (saved === undefined) delete process.env['CAPTOKEN_CHROMIUM'];
      else process.env['CAPTOKEN_CHROMIUM'] = saved;
    }
    // The option wins over the environment.
    await expect(createBrowserAdapter(browserFixture('behaviours.mjs'), { chromium: '/nonexistent/chrome' })).rejects.toMatchObject({ kind: 'crash', message: expect.stringMatching(/Chromium not found at \/nonexistent\/chrome:/) as unknown });
  });

  it('checks its options at construction (CONFIG_INVALID, like every option of the kit)', async () => {
    await expect(createBrowserAdapter(browserFixture('behaviours.mjs'), { global: 'My Voice' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(createBrowserAdapter(browserFixture('behaviours.mjs'), { global: 'MyVoice.' })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(createBrowserAdapter(browserFixture('behaviours.mjs'), { timeoutMs: 0 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
  });

  it('--browser-global mistakes are usage errors (exit 2)', async () => {
    const alone = await cli(['conformance', '--adapter-module', browserFixture('behaviours.mjs'), '--browser-global', 'MyVoice.decodeToken']);
    expect(alone.code).toBe(2);
    expect(alone.stderr).toMatch(/--browser-global applies to a browser adapter: give --adapter-browser too/);
    const bad = await cli(['conformance', '--adapter-browser', browserFixture('behaviours.mjs'), '--browser-global', 'window["x"]']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toMatch(/--browser-global needs a global path such as MyVoice\.decodeToken/);
    const two = await cli(['check', '--candidate-browser', 'a.js', '--candidate-module', 'b.mjs']);
    expect(two.code).toBe(2);
    expect(two.stderr).toMatch(/give only one of --candidate-cmd, --candidate-module, --candidate-url or --candidate-browser; got --candidate-module and --candidate-browser/);
  });

  it('the library entry does not load playwright-core: only the conformance kit imports it, on demand', () => {
    requireBuild(['index.js']);
    // Every file dist/index.js reaches through static imports.
    const seen = new Set<string>();
    const visit = (file: string): void => {
      if (seen.has(file)) return;
      seen.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bfrom\s*["'](\.\/[^"']+)["']|\bimport\s*["'](\.\/[^"']+)["']/g)) visit(path.join(path.dirname(file), m[1] ?? m[2]!));
    };
    visit(path.join(DIST, 'index.js'));
    expect(seen.size).toBeGreaterThan(1);
    for (const file of seen) expect(readFileSync(file, 'utf8'), file).not.toMatch(/playwright/);
    // The CLI (its entry and every chunk it loads, statically or on demand) imports it dynamically, never statically.
    const cli = new Set<string>();
    const reach = (file: string): void => {
      if (cli.has(file)) return;
      cli.add(file);
      const code = readFileSync(file, 'utf8');
      for (const m of code.matchAll(/\bfrom\s*["'](\.\/[^"']+)["']|\bimport\s*\(?["'](\.\/[^"']+)["']/g)) reach(path.join(path.dirname(file), m[1] ?? m[2]!));
    };
    reach(path.join(DIST, 'cli.js'));
    const cliCode = [...cli].map((file) => readFileSync(file, 'utf8'));
    expect(cliCode.some((code) => /import\(["']playwright-core["']\)/.test(code))).toBe(true);
    for (const code of cliCode) expect(code).not.toMatch(/^import .*["']playwright-core["']/m);
    expect(readdirSync(DIST)).toContain('browser.js');
  });
});
