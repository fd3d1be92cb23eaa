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

export default defineConfig([
  {
    entry: {
      index: 'src/index.ts',
      arbitraries: 'src/arbitraries/index.ts',
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
