import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { generateVectors, loadVectors } from '../../src/conformance/index.js';
import { checkVectorFile } from '../../src/conformance/vector-file.js';
import { ROOT } from './support.js';

describe('loadVectors', () => {
  it('finds the committed file from a bundle one directory deep, as dist/cli.js does', async () => {
    // Bundle the loader into a fresh directory under the package (like dist/) and run it there.
    mkdirSync(path.join(ROOT, '.tmp'), { recursive: true });
    const dir = mkdtempSync(path.join(ROOT, '.tmp', 'bundle-'));
    try {
      const outfile = path.join(dir, 'cli.mjs');
      await build({
        stdin: { contents: "import { loadVectors } from './src/conformance/vector-file.ts'; console.log(loadVectors().numberOfTests);", resolveDir: ROOT, loader: 'ts' },
        bundle: true,
        platform: 'node',
        format: 'esm',
        outfile,
        logLevel: 'silent',
      });
      expect(Number(execFileSync('node', [outfile]).toString().trim())).toBe(loadVectors().numberOfTests);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('checks the layout it relies on', () => {
    const file = generateVectors();
    expect(() => checkVectorFile({ ...file, schema: 'other' })).toThrow(/not a captoken-vectors-v1 file/);
    expect(() => checkVectorFile({ ...file, numberOfTests: 1 })).toThrow(/numberOfTests is 1/);
    const broken = structuredClone(file);
    delete broken.testGroups[0]!.tests[0]!.payload;
    expect(() => checkVectorFile(broken)).toThrow(/valid test 1 lacks header or payload/);
  });
});
