// The build's esbuild plugins, on small inputs: the pure marking only ever touches a top-level
// `const X = Object.freeze(...)`-style initialiser, never a call made for its effect.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { pureTopLevelInitialisers } from '../../tsup.config.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'captoken-plugin-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

async function transform(source: string): Promise<string> {
  mkdirSync(path.join(dir, 'src'), { recursive: true });
  const file = path.join(dir, 'src', 'sample.ts');
  writeFileSync(file, source);
  const result = await esbuild.build({ entryPoints: [file], bundle: true, write: false, format: 'esm', plugins: [pureTopLevelInitialisers], logLevel: 'silent' });
  return result.outputFiles[0]?.text ?? '';
}

describe('pureTopLevelInitialisers', () => {
  it('marks top-level frozen tables and encoder instances pure', async () => {
    const out = await transform(
      [
        'export const TABLE = Object.freeze({ a: 1 });',
        'const typed: readonly string[] = Object.freeze(["x"]);',
        'const encoder = new TextEncoder();',
        'export const use = () => [typed, encoder];',
      ].join('\n'),
    );
    expect(out.match(/\/\* @__PURE__ \*\//g)?.length).toBe(3);
  });

  it('leaves calls made for their effect, and nested declarations, alone', async () => {
    const out = await transform(
      [
        'export function deepFreeze<T>(value: T): T {',
        '  const inner = Object.freeze({});',
        '  Object.freeze(value);',
        '  return Object.isFrozen(inner) ? value : value;',
        '}',
        'const shared = {};',
        'Object.freeze(shared);',
        'export { shared };',
      ].join('\n'),
    );
    expect(out).not.toContain('__PURE__');
    expect(out.match(/Object\.freeze\(/g)?.length).toBe(3);
  });
});
