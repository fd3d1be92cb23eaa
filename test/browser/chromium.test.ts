// captoken in a real browser: the browser build (dist/browser.js, resolved through the `browser`
// export condition) runs the codec's round-trip, oracle and incident properties in headless Chromium,
// with fast-check bundled into the page; the same properties with the same seed run in Node too, and
// both must pass with the same number of runs.
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as nodeBuild from '../../dist/index.js';
import fc from 'fast-check';
import { requireBuild } from '../support/browser-bundle.js';
import { bundlePage, launchChromium, requireChromium, servePage, SKIP_BROWSER, type PageServer } from '../support/browser-harness.js';
import { NUM_RUNS, SEED, seeded } from '../support/fc.js';
import type { PageReport } from './page.js';
import { runCodecProperties, type PropertyReport } from './properties.js';
import { runWebVerify } from './web-verify.js';

let browser: Browser | undefined;
let server: PageServer | undefined;
let report: PageReport;

describe.skipIf(SKIP_BROWSER)('headless Chromium', () => {
  beforeAll(async () => {
    requireBuild();
    requireChromium();
    server = await servePage(await bundlePage('test/browser/page.ts'), { '/worker.js': await bundlePage('test/browser/worker.ts') });
    const launched = await launchChromium();
    browser = launched;
    const page = await launched.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(String(e)));
    page.on('console', (m) => {
      if (m.type() === 'error') errors.push(m.text());
    });
    await page.goto(`${server.url}?seed=${SEED}&runs=${NUM_RUNS}`);
    await page.waitForFunction(() => window.__captoken !== undefined || window.__captokenError !== undefined, undefined, {
      timeout: 90_000,
    });
    const pageError = await page.evaluate(() => window.__captokenError);
    if (pageError !== undefined || errors.length > 0) throw new Error(`the page failed: ${pageError ?? errors.join('\n')}`);
    report = (await page.evaluate(() => window.__captoken)) as PageReport;
    console.info(
      `[browser] ${report.userAgent}\n` +
        report.properties.map((p) => `[browser] ${p.failed ? 'FAIL' : 'ok  '} runs=${p.numRuns} shrinks=${p.numShrinks} seed=${p.seed} ${p.name}`).join('\n') +
        '\n' +
        report.verify.map((c) => `[browser] ${c.got === c.expected ? 'ok  ' : 'FAIL'} ${c.name}: expected ${c.expected}, got ${c.got}`).join('\n'),
    );
  }, 180_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('is a real headless Chromium with no Node globals', () => {
    expect(report.userAgent).toMatch(/HeadlessChrome\/\d+/);
    expect(report.nodeGlobals).toEqual([]);
  });

  it(seeded(`runs the codec's round-trip, oracle and incident properties, ${NUM_RUNS} runs each, all passing`), () => {
    expect(report.properties.map((p) => p.name)).toEqual([
      expect.stringMatching(/^round-trip/),
      expect.stringMatching(/^oracle/),
      expect.stringMatching(/^incident/),
      expect.stringMatching(/^incident/),
      expect.stringMatching(/^incident/),
    ]);
    for (const p of report.properties) {
      expect(p, `${p.name}: counterexample ${String(p.counterexample)} ${String(p.error)}`).toMatchObject({
        failed: false,
        seed: SEED,
        numRuns: NUM_RUNS,
      });
    }
  });

  it(seeded('gets the same results as the Node build with the same seed'), () => {
    const inNode: PropertyReport[] = runCodecProperties(nodeBuild, fc, SEED, NUM_RUNS);
    expect(inNode.map((p) => [p.name, p.failed, p.numRuns])).toEqual(report.properties.map((p) => [p.name, p.failed, p.numRuns]));
  });

  it('verifies HS256 and ES256 tokens with the async verify on WebCrypto, mints, and reads capabilities', () => {
    expect(report.verify.length).toBeGreaterThanOrEqual(8);
    for (const c of report.verify) expect(c.got, c.name).toBe(c.expected);
  });

  it('verifySync says KEY_ASYNC on the web runtime (WebCrypto has no synchronous API)', () => {
    expect(report.verifySync).toBe('KEY_ASYNC');
  });

  it('the same verification cases give the same answers on the Node build', async () => {
    const inNode = await runWebVerify(nodeBuild);
    expect(inNode).toEqual(report.verify);
  });

  it(seeded('runs the same properties and verification cases in a module worker (no DOM, like an edge runtime)'), () => {
    const { worker } = report;
    expect(worker.error).toBeUndefined();
    expect(worker.hasDocument).toBe(false);
    expect(worker.properties?.map((p) => [p.name, p.failed, p.numRuns])).toEqual(report.properties.map((p) => [p.name, false, NUM_RUNS]));
    expect(worker.verify).toEqual(report.verify);
  });
});
