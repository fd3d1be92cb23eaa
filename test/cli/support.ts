// Shared helpers of the CLI tests: a private build of the CLI (per worker, so no test races the
// package build in dist/), and a runner that spawns it with pipes and a controlled environment.
import { spawn } from 'node:child_process';
import { mkdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { afterAll } from 'vitest';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (name: string): string => path.join(ROOT, 'test/cli/fixtures', name);
export const example = (name: string): string => path.join(ROOT, 'examples', name);
export const SEED = 20261121;

let built: Promise<string> | undefined;

// Each test file (its own module instance) builds once and removes its build when done.
afterAll(async () => {
  if (built !== undefined) rmSync(await built, { force: true });
});

/**
 * Bundles src/cli/main.ts as tsup does for dist/cli.js (ESM, node20, dependencies external, the
 * shebang), into .tmp/ inside the repository so node_modules resolve. bin.test.ts runs dist/cli.js itself.
 */
export function cliPath(): Promise<string> {
  built ??= (async () => {
    const dir = path.join(ROOT, '.tmp', 'cli-test');
    mkdirSync(dir, { recursive: true });
    const outfile = path.join(dir, `cli-${process.pid}-${Date.now()}.js`);
    await build({
      entryPoints: [path.join(ROOT, 'src/cli/main.ts')],
      bundle: true,
      platform: 'node',
      format: 'esm',
      target: 'node20',
      packages: 'external',
      banner: { js: '#!/usr/bin/env node' },
      outfile,
      logLevel: 'silent',
    });
    return outfile;
  })();
  return built;
}

export interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  input?: string;
  cwd?: string;
  /** Run this script instead of the private build (bin.test.ts: dist/cli.js). */
  script?: string;
}

/** The environment of every run: this one without colour or CI switches, plus `extra`. */
export function cleanEnv(extra: Record<string, string | undefined> = {}): NodeJS.ProcessEnv {
  const merged: Record<string, string | undefined> = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, CI: undefined, ...extra };
  return Object.fromEntries(Object.entries(merged).filter((entry): entry is [string, string] => entry[1] !== undefined));
}

/** Runs the CLI with piped stdin/stdout/stderr (not a terminal). */
export async function cli(args: readonly string[], options: RunOptions = {}): Promise<Run> {
  const script = options.script ?? (await cliPath());
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [script, ...args], { cwd: options.cwd ?? ROOT, env: cleanEnv(options.env), stdio: 'pipe' });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (d: string) => {
      stdout += d;
    });
    child.stderr.setEncoding('utf8').on('data', (d: string) => {
      stderr += d;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}

/** Parses stdout as exactly one JSON document (fails the test otherwise). */
export function json(run: Run): Record<string, unknown> {
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

/** An unsigned-but-well-formed token (the signature is 32 arbitrary bytes): decode does not verify. */
export function token(header: object, payload: object, signature = Buffer.alloc(32, 7).toString('base64url')): string {
  return `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}.${signature}`;
}

export const ACCOUNT = `AC${'0'.repeat(32)}`;
export const KEY_SID = `SK${'a'.repeat(32)}`;
export const APP = `AP${'1'.repeat(32)}`;
