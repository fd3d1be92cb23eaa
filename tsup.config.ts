import path from 'node:path';
import type { Plugin } from 'esbuild';
import { defineConfig } from 'tsup';

/**
 * The browser build swaps each Node runtime module for its web sibling: a relative import
 * of `<name>-node.js` inside src/ resolves to `<name>-web.ts` beside it, which has the same exports
 * (plain TypeScript, TextDecoder, WebCrypto through jose), so the browser bundle has no Node
 * references. Two modules use this: src/base64url/runtime-node.ts (the codec) and
 * src/verify/crypto-node.ts (the crypto provider); test/packaging/tsup-plugins.test.ts checks that
 * every `-node` module has a `-web` sibling with the same export names.
 */
export const webRuntime: Plugin = {
  name: 'captoken-web-runtime',
  setup(build) {
    build.onResolve({ filter: /^\.\.?\/(?:[\w-]+\/)*[\w-]+-node\.js$/ }, (args) =>
      /[\\/]src[\\/]/.test(args.importer)
        ? { path: path.resolve(args.resolveDir, args.path.replace(/-node\.js$/, '-web.ts')) }
        : undefined,
    );
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
    esbuildPlugins: [webRuntime],
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
