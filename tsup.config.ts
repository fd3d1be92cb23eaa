import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * The browser build swaps the Node runtime primitives (Buffer, node:crypto) for the web ones
 * (plain TypeScript, TextDecoder, WebCrypto through jose), so the browser bundle has no Node references.
 */
export const webRuntime: Plugin = {
  name: 'captoken-web-runtime',
  setup(build) {
    build.onResolve({ filter: /(^|\/)runtime\/index\.js$/ }, (args) => ({
      path: path.resolve(args.resolveDir, args.path.replace(/index\.js$/, 'web.ts')),
    }));
  },
};

/**
 * `captoken/otel` imports the library through its public entry (`src/otel` -> `../index.js`). In the
 * build that import becomes the package itself, `captoken`, kept external: at run time the add-on
 * shares the application's copy of the verifier and of CaptokenError, and a browser bundler resolves
 * it through the `browser` condition to the WebCrypto build instead of pulling node:crypto in.
 */
export const otelUsesPackageEntry: Plugin = {
  name: 'captoken-otel-package-entry',
  setup(build) {
    build.onResolve({ filter: /^\.\.\/index\.js$/ }, (args) =>
      /[\\/]src[\\/]otel[\\/]/.test(args.importer) ? { path: 'captoken', external: true } : undefined,
    );
  },
};

/**
 * dist/browser.js is one file, so an application's bundler can drop only what it proves unused
 * *within* it. A top-level `const T = Object.freeze({...})` or `new TextEncoder()` looks like a side
 * effect and would keep, say, the WebCrypto provider (and with it all of jose) in a bundle that only
 * parses. This marks exactly those top-level initialisers `/* @__PURE__ *\/` (drop if unused), never
 * a call made for its effect (`Object.freeze(v);` in a deep freeze keeps working).
 */
const TOP_LEVEL_PURE_INIT = /^((?:export )?const [\w$]+(?::[^=\n]*)? = )(?=Object\.freeze\(|new (?:TextEncoder|TextDecoder|Uint8Array)\()/gm;

export const pureTopLevelInitialisers: Plugin = {
  name: 'captoken-pure-top-level-initialisers',
  setup(build) {
    build.onLoad({ filter: /[\\/]src[\\/].*\.ts$/ }, async (args) => ({
      contents: (await readFile(args.path, 'utf8')).replace(TOP_LEVEL_PURE_INIT, '$1/* @__PURE__ */ '),
      loader: 'ts',
    }));
  },
};

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      arbitraries: 'src/arbitraries/index.ts',
      conformance: 'src/conformance/index.ts',
      otel: 'src/otel/index.ts',
    },
    format: ['esm', 'cjs'],
    platform: 'node',
    target: 'node20',
    dts: true,
    clean: true,
    sourcemap: true,
    treeshake: true,
    splitting: true,
    esbuildPlugins: [otelUsesPackageEntry],
  },
  {
    entry: { browser: 'src/index.ts' },
    format: ['esm'],
    platform: 'browser',
    target: 'es2022',
    dts: false,
    sourcemap: true,
    treeshake: true,
    esbuildPlugins: [webRuntime, pureTopLevelInitialisers],
  },
  {
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    dts: false,
    sourcemap: true,
    banner: { js: '#!/usr/bin/env node' },
  },
]);
