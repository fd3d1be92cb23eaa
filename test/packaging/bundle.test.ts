// What an application gets when it bundles captoken: the browser bundle of `.` is free of Node
// (Buffer, process, node: modules), nothing under `.` pulls in fast-check or commander (they serve
// only ./arbitraries and the CLI), and codec + parser stay within a size budget.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { bundle, consumerDir, DIST, packagesOf, requireBuild, ROOT } from '../support/browser-bundle.js';

/**
 * Budget for `import { parseToken, decodeBase64url } from 'captoken'` in a minified browser bundle,
 * gzipped at level 9. The issue asks for "under 4 KB"; the budget leaves ~30% headroom over the
 * 0.1.0 size (~2.3 KB) so growth is noticed long before the 4 KB line. Raise it only on purpose.
 */
export const CODEC_PARSER_BUDGET = { gzipped: 3 * 1024, minified: 8 * 1024 } as const;

/** Node-only names: a reference to any of these as a free (global) variable fails the browser check. */
const NODE_GLOBALS = ['Buffer', 'process', 'global', 'setImmediate', 'globalThis.process', 'globalThis.Buffer', '__dirname', '__filename'];
const TRAP = '__captoken_node_global__';
const trapDefines = Object.fromEntries(NODE_GLOBALS.map((name, i) => [name, `${TRAP}${i}`]));

/** The Node globals that `code` (bundled with trapDefines) still refers to. */
function nodeGlobalsIn(code: string): string[] {
  return NODE_GLOBALS.filter((_, i) => new RegExp(`${TRAP}${i}(?!\\d)`).test(code));
}

let consumer: ReturnType<typeof consumerDir>;
beforeAll(() => {
  requireBuild();
  consumer = consumerDir();
});
afterAll(() => { consumer.cleanup(); });

describe('browser bundle of captoken', () => {
  it(`codec + parser stay within ${CODEC_PARSER_BUDGET.gzipped} B gzipped / ${CODEC_PARSER_BUDGET.minified} B minified`, async () => {
    const result = await bundle("export { parseToken, decodeBase64url } from 'captoken';", consumer.dir);
    console.info(
      `[bundle-size] parseToken + decodeBase64url, browser, minified: ${result.minified} B, gzipped: ${result.gzipped} B ` +
        `(budget ${CODEC_PARSER_BUDGET.minified} B / ${CODEC_PARSER_BUDGET.gzipped} B); included: ${result.included.join(', ')}`,
    );
    // It resolved through the `browser` condition to the web build, not the Node one.
    expect(result.inputs.some((f) => f.endsWith('dist/browser.js'))).toBe(true);
    expect(result.inputs.some((f) => /dist[\\/]index\.c?js$/.test(f))).toBe(false);
    // Codec and parser need no third-party code at all (jose may be loaded, but none of it is kept).
    expect([...packagesOf(result.included)]).toEqual(['(captoken)']);
    expect(result.gzipped).toBeLessThanOrEqual(CODEC_PARSER_BUDGET.gzipped);
    expect(result.minified).toBeLessThanOrEqual(CODEC_PARSER_BUDGET.minified);
  });

  it('the whole of `.` refers to no Node global, no node: module and no require', async () => {
    const result = await bundle("export * from 'captoken';", consumer.dir, { define: trapDefines });
    console.info(
      `[bundle-size] all of 'captoken' (browser), minified: ${result.minified} B, gzipped: ${result.gzipped} B; ` +
        `packages: ${[...packagesOf(result.included)].join(', ')}`,
    );
    expect(nodeGlobalsIn(result.code)).toEqual([]);
    expect(result.code).not.toMatch(/["'`]node:/);
    expect(result.code).not.toMatch(/\b__require\b|\brequire\(/);
    expect(result.inputs.filter((f) => f.startsWith('node:'))).toEqual([]);
  });

  it("captoken/otel bundles for the browser too: it reaches the verifier through 'captoken' (browser build)", async () => {
    const result = await bundle("export * from 'captoken/otel';", consumer.dir, { define: trapDefines });
    expect(nodeGlobalsIn(result.code)).toEqual([]);
    expect(result.code).not.toMatch(/["'`]node:/);
    expect(result.included.some((f) => f.endsWith('dist/otel.js'))).toBe(true);
    expect(result.inputs.some((f) => f.endsWith('dist/browser.js'))).toBe(true);
    expect(result.inputs.some((f) => /dist[\\/](?:index|chunk-[^/\\]*)\.js$/.test(f))).toBe(false);
    expect(packagesOf(result.inputs).has('@opentelemetry/api')).toBe(false);
  });

  it('the check above does catch Node globals (positive control)', async () => {
    const result = await bundle(
      "export const f = () => typeof process !== 'undefined' ? Buffer.from('x') : globalThis.process;",
      consumer.dir,
      { define: trapDefines },
    );
    expect(nodeGlobalsIn(result.code)).toEqual(['Buffer', 'process', 'globalThis.process']);
  });

  it('dist/browser.js itself imports no node: module', () => {
    const code = readFileSync(path.join(DIST, 'browser.js'), 'utf8');
    expect(code).not.toMatch(/from\s*["']node:|import\(\s*["']node:|require\(/);
    expect(code).not.toMatch(/\bBuffer\b/);
  });
});

describe('fast-check and commander stay out of `.`', () => {
  // Every condition set an application can resolve `.` with: browser bundlers, Node ESM, Node CJS.
  const cases = [
    { name: 'browser (ESM)', source: "export * from 'captoken';", platform: 'browser' as const, entry: 'browser.js' },
    { name: 'node import', source: "export * from 'captoken';", platform: 'node' as const, entry: 'index.js' },
    { name: 'node require', source: "module.exports = require('captoken');", platform: 'node' as const, entry: 'index.cjs' },
  ];
  for (const c of cases) {
    it(`${c.name}: only captoken's own files and jose are bundled`, async () => {
      const result = await bundle(c.source, consumer.dir, { platform: c.platform, minify: false });
      expect(result.inputs.some((f) => f.endsWith(`dist/${c.entry}`))).toBe(true);
      const packages = packagesOf(result.inputs);
      expect(packages.has('fast-check')).toBe(false);
      expect(packages.has('commander')).toBe(false);
      expect([...packages].filter((p) => p !== '(captoken)' && p !== 'jose')).toEqual([]);
    });
  }

  it('the detection sees fast-check when it is imported (positive control)', async () => {
    const result = await bundle("export { default as fc } from 'fast-check';", ROOT, {
      platform: 'node',
      minify: false,
    });
    expect(packagesOf(result.inputs).has('fast-check')).toBe(true);
  });
});
