// captoken vectors: the committed vector file, byte for byte, to stdout or a file.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { vectorsPath } from '../../src/conformance/vector-file.js';
import { cli, json } from './support.js';

const committed = readFileSync(vectorsPath(), 'utf8');

describe('captoken vectors', () => {
  it('writes the vectors to stdout: exactly the committed file', async () => {
    const run = await cli(['vectors']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toBe(committed);
  });

  it('--out writes the file (creating directories) and says where; --json gives a summary document', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'captoken-cli-vectors-'));
    const text = await cli(['vectors', '--out', 'a/b/v.json'], { cwd: dir });
    expect(text.code).toBe(0);
    const { numberOfTests, version } = JSON.parse(committed) as { numberOfTests: number; version: string };
    expect(text.stdout).toBe(`wrote ${numberOfTests} vectors (version ${version}) to a/b/v.json\n`);
    expect(readFileSync(path.join(dir, 'a/b/v.json'), 'utf8')).toBe(committed);
    const asJson = await cli(['vectors', '--out', 'v2.json', '--json'], { cwd: dir });
    expect(json(asJson)).toEqual({ ok: true, out: path.join(dir, 'v2.json'), version, numberOfTests });
  });

  it('an --out that cannot be written exits 2; an unknown option exits 2', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'captoken-cli-vectors-'));
    writeFileSync(path.join(dir, 'file'), '');
    const blocked = await cli(['vectors', '--out', 'file/v.json'], { cwd: dir });
    expect(blocked.code).toBe(2);
    expect(blocked.stderr).toMatch(/^error: /);
    expect((await cli(['vectors', '--format', 'x'])).code).toBe(2);
  });
});
