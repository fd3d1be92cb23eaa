// Helpers shared by the packaging, bundle-size and browser tests: bundle code that imports `captoken`
// the way an application does (bare specifier, resolved through package.json `exports` of the built
// package in dist/), and find what ended up in the bundle.
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import * as esbuild from 'esbuild';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const DIST = path.join(ROOT, 'dist');

/** Fails with an actionable message when the package has not been built (npm test builds first). */
export function requireBuild(files: readonly string[] = ['index.js', 'index.cjs', 'browser.js', 'cli.js']): void {
  const missing = files.filter((f) => !existsSync(path.join(DIST, f)));
  if (missing.length > 0) {
    throw new Error(`dist/ is missing ${missing.join(', ')}: run \`npm run build\` first (npm test does)`);
  }
}

/**
 * A throwaway project whose node_modules/captoken is a symlink to this checkout, so a bare
 * `import 'captoken'` resolves through the real `exports` map (and `browser` condition) of dist/.
 */
export function consumerDir(prefix = 'captoken-consumer-'): { dir: string; cleanup: () => void } {
  const dir = mkdtempSync(path.join(os.tmpdir(), prefix));
  mkdirSync(path.join(dir, 'node_modules'));
  symlinkSync(ROOT, path.join(dir, 'node_modules', 'captoken'), 'dir');
  return { dir, cleanup: () => { rmSync(dir, { recursive: true, force: true }); } };
}

export interface BundleResult {
  code: string;
  minified: number;
  gzipped: number;
  /** Every input file esbuild loaded (paths relative to the working directory), used or not. */
  inputs: string[];
  /** The input files that contribute bytes to the output (after tree shaking). */
  included: string[];
}

export interface BundleOptions {
  platform?: 'browser' | 'node' | 'neutral';
  conditions?: string[];
  minify?: boolean;
  define?: Record<string, string>;
  external?: string[];
  plugins?: esbuild.Plugin[];
  format?: 'esm' | 'iife';
  /** Bundle this file instead of `source` (an entry point is kept even under `sideEffects: false`). */
  entryPoint?: string;
}

/** Bundles `source` (an ES module that imports `captoken`) from a directory where it resolves. */
export async function bundle(source: string, resolveDir: string, options: BundleOptions = {}): Promise<BundleResult> {
  const result = await esbuild.build({
    ...(options.entryPoint
      ? { entryPoints: [options.entryPoint] }
      : { stdin: { contents: source, resolveDir, loader: 'ts' as const, sourcefile: 'entry.ts' } }),
    absWorkingDir: resolveDir,
    bundle: true,
    write: false,
    metafile: true,
    minify: options.minify ?? true,
    format: options.format ?? 'esm',
    platform: options.platform ?? 'browser',
    target: 'es2022',
    logLevel: 'silent',
    ...(options.conditions ? { conditions: options.conditions } : {}),
    ...(options.define ? { define: options.define } : {}),
    ...(options.external ? { external: options.external } : {}),
    ...(options.plugins ? { plugins: options.plugins } : {}),
  });
  const output = result.outputFiles[0];
  if (output === undefined) throw new Error('esbuild produced no output');
  return {
    code: output.text,
    minified: output.contents.byteLength,
    gzipped: gzipSync(output.contents, { level: 9 }).byteLength,
    inputs: Object.keys(result.metafile.inputs),
    included: Object.values(result.metafile.outputs).flatMap((o) =>
      Object.entries(o.inputs)
        .filter(([, info]) => info.bytesInOutput > 0)
        .map(([file]) => file),
    ),
  };
}

/** The package (by node_modules directory name) each input file belongs to, or '(captoken)' for this repo. */
export function packagesOf(inputs: readonly string[]): Set<string> {
  const out = new Set<string>();
  for (const input of inputs) {
    const parts = input.split(/[\\/]/);
    const at = parts.lastIndexOf('node_modules');
    if (at === -1) {
      out.add('(captoken)');
      continue;
    }
    const name = parts[at + 1] ?? '';
    out.add(name.startsWith('@') ? `${name}/${parts[at + 2] ?? ''}` : name);
  }
  return out;
}
