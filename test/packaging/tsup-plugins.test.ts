// The build's esbuild plugins, on small inputs. webRuntime swaps a `<name>-node` module for its
// `<name>-web` sibling in the browser build, so every such pair must export the same names; the
// otel plugin turns the add-on's `../index.js` into the external package `captoken`.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as esbuild from 'esbuild';
import { afterAll, describe, expect, it } from 'vitest';
import { otelUsesPackageEntry, webRuntime } from '../../tsup.config.js';
import { ROOT } from '../support/browser-bundle.js';

const dir = mkdtempSync(path.join(os.tmpdir(), 'captoken-plugin-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

function write(files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
}

async function build(entry: string, plugins: esbuild.Plugin[]): Promise<string> {
  const result = await esbuild.build({ entryPoints: [path.join(dir, entry)], bundle: true, write: false, format: 'esm', plugins, logLevel: 'silent' });
  return result.outputFiles[0]?.text ?? '';
}

/** Every `<name>-node.ts` under src/, relative to src/. */
function nodeModules(folder = path.join(ROOT, 'src')): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory()) return nodeModules(full);
    return entry.name.endsWith('-node.ts') ? [path.relative(path.join(ROOT, 'src'), full)] : [];
  });
}

describe('webRuntime', () => {
  it('resolves a relative `<name>-node.js` import inside src/ to `<name>-web.ts`, in any folder depth', async () => {
    write({
      'src/codec/runtime-node.ts': "export const RUNTIME = 'node';",
      'src/codec/runtime-web.ts': "export const RUNTIME = 'web';",
      'src/parse.ts': "import { RUNTIME } from './codec/runtime-node.js'; export const a = RUNTIME;",
      'src/verify/index.ts': "import { RUNTIME } from '../codec/runtime-node.js'; export const b = RUNTIME;",
    });
    expect(await build('src/parse.ts', [webRuntime])).toContain('"web"');
    expect(await build('src/verify/index.ts', [webRuntime])).toContain('"web"');
    expect(await build('src/parse.ts', [])).toContain('"node"');
  });

  it('leaves other modules alone (a plain `node.js`, a package, a file outside src/)', async () => {
    write({
      'src/base/node.ts': "export const N = 'plain-node';",
      'src/base/index.ts': "import { N } from './node.js'; export const n = N;",
      'lib/x-node.ts': "export const X = 'lib-node';",
      'lib/x-web.ts': "export const X = 'lib-web';",
      'lib/index.ts': "import { X } from './x-node.js'; export const x = X;",
    });
    expect(await build('src/base/index.ts', [webRuntime])).toContain('"plain-node"');
    expect(await build('lib/index.ts', [webRuntime])).toContain('"lib-node"');
  });

  it('every `-node` module in src/ has a `-web` sibling with the same export names', async () => {
    const pairs = nodeModules();
    expect(pairs.sort()).toEqual(['base64url/runtime-node.ts', 'verify/crypto-node.ts']);
    for (const file of pairs) {
      const node = (await import(path.join(ROOT, 'src', file))) as Record<string, unknown>;
      const web = (await import(path.join(ROOT, 'src', file.replace(/-node\.ts$/, '-web.ts')))) as Record<string, unknown>;
      // hmacForTest is the Node HMAC's test hook; the web provider has no HMAC of its own.
      const shared = (m: Record<string, unknown>) => Object.keys(m).filter((k) => k !== 'hmacForTest').sort();
      expect(shared(web), file).toEqual(shared(node));
    }
  });
});

describe('otelUsesPackageEntry', () => {
  it("makes src/otel's `../index.js` the external package `captoken`, and nothing else", async () => {
    write({
      'src/index.ts': "export const lib = 'bundled';",
      'src/otel/index.ts': "export { lib } from '../index.js';",
      'src/other/index.ts': "export { lib } from '../index.js';",
    });
    const otel = await build('src/otel/index.ts', [otelUsesPackageEntry]);
    expect(otel).toMatch(/from\s*"captoken"/);
    expect(otel).not.toContain('"bundled"');
    expect(await build('src/other/index.ts', [otelUsesPackageEntry])).toContain('"bundled"');
  });
});
