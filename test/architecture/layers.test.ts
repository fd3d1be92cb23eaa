// Imports in src/ run one way (docs/architecture.md): the real tree passes the check, and the check
// itself catches what it must, on small trees written to a temporary folder.
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import {
  KNOWN_EXCEPTIONS,
  LAYERS,
  checkArchitecture,
  formatEdge,
  formatReport,
  type KnownException,
  type Layer,
} from '../../scripts/architecture.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('src/ (the real tree)', () => {
  const report = checkArchitecture(ROOT);

  it('has no import against the layer table', () => {
    // Each failure reads `file:line → target (why)`, so a red run names the import to fix.
    expect(report.violations.map((v) => `${v.kind}: ${formatEdge(v.edge)} (${v.detail})`)).toEqual([]);
  });

  it('has no unit, folder or module cycle', () => {
    expect(report.cycles.map((c) => `${c.grain} cycle: ${c.members.join(' ↔ ')}`)).toEqual([]);
  });

  it('excuses no import', () => {
    expect(KNOWN_EXCEPTIONS).toEqual([]);
    expect(report.excused).toEqual([]);
  });

  it('gives every top-level folder and root module of src/ a layer', () => {
    const units = new Set(LAYERS.flatMap((l) => l.units));
    const present = readdirSync(path.join(ROOT, 'src')).map((name) => name.replace(/\.ts$/, ''));
    expect(present.filter((unit) => !units.has(unit))).toEqual([]);
  });

  it('names each unit once', () => {
    const units = LAYERS.flatMap((l) => l.units);
    expect(new Set(units).size).toBe(units.length);
  });

  it('is what docs/architecture.md shows: the same layers, bottom up', () => {
    const doc = readFileSync(path.join(ROOT, 'docs/architecture.md'), 'utf8');
    const rows = [...doc.matchAll(/^\| (\d+) \| ([^|]+) \|/gm)].map((m) => ({
      layer: Number(m[1]),
      units: m[2]!.split(',').map((u) => u.trim().replace(/^`|`$/g, '').replace(/\/$/, '').replace(/\.ts$/, '')),
    }));
    expect(rows).toEqual(LAYERS.map((l, i) => ({ layer: i, units: [...l.units] })));
  });
});

describe('checkArchitecture', () => {
  let dir: string | undefined;
  afterEach(() => {
    if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
    dir = undefined;
  });

  /** Writes `files` (path under src/ → text) to a fresh folder and checks it. */
  function check(files: Record<string, string>, layers: readonly Layer[] = LAYERS, exceptions: readonly KnownException[] = []) {
    dir = mkdtempSync(path.join(tmpdir(), 'captoken-arch-'));
    for (const [name, text] of Object.entries(files)) {
      const file = path.join(dir, 'src', name);
      mkdirSync(path.dirname(file), { recursive: true });
      writeFileSync(file, text);
    }
    return checkArchitecture(dir, layers, exceptions);
  }

  const lines = (report: ReturnType<typeof check>): string[] => report.violations.map((v) => `${v.kind}: ${formatEdge(v.edge)}`);

  it('passes imports that run down the table', () => {
    const report = check({
      'errors.ts': 'export const e = 1;\n',
      'json.ts': "import { e } from './errors.js';\nexport const j = e;\n",
      'verify/index.ts': "import { j } from '../json.js';\nimport { k } from './keys.js';\nexport const v = j + k;\n",
      'verify/keys.ts': "import { e } from '../errors.js';\nexport const k = e;\n",
      'cli/main.ts': "import { v } from '../verify/index.js';\nconsole.log(v);\n",
    });
    expect(report.ok).toBe(true);
    expect(report.violations).toEqual([]);
    expect(report.cycles).toEqual([]);
    expect(report.edges).toHaveLength(5);
  });

  it('fails an import from a lower layer to a higher one, naming file:line → target', () => {
    const report = check({
      'errors.ts': "// the bottom layer\nimport { j } from './json.js';\nexport const e = j;\n",
      'json.ts': 'export const j = 1;\n',
    });
    expect(report.ok).toBe(false);
    expect(lines(report)).toEqual(['upward: src/errors.ts:2 → src/json.ts']);
    expect(formatReport(report)).toContain('FAIL upward: src/errors.ts:2 → src/json.ts  (errors (layer 0) imports json (layer 3), a higher layer)');
  });

  it('fails an import between siblings of one layer (verify ↔ capabilities)', () => {
    const report = check({
      'verify/format.ts': 'export const f = 1;\n',
      'capabilities/of.ts': "import { f } from '../verify/format.js';\nexport const c = f;\n",
    });
    expect(lines(report)).toEqual(['sideways: src/capabilities/of.ts:1 → src/verify/format.ts']);
  });

  it('counts type-only imports like any other, and labels them', () => {
    const report = check({
      'errors.ts': [
        "import type { A } from './verify/a.js';",
        "import { type B } from './verify/b.js';",
        "export type { C } from './verify/c.js';",
        "export type D = import('./verify/d.js').D;",
        "import {} from './verify/e.js';",
        '',
      ].join('\n'),
      'verify/a.ts': 'export type A = 1;\n',
      'verify/b.ts': 'export type B = 1;\n',
      'verify/c.ts': 'export type C = 1;\n',
      'verify/d.ts': 'export type D = 1;\n',
      'verify/e.ts': 'export type E = 1;\n',
    });
    expect(lines(report)).toEqual([
      'upward: src/errors.ts:1 → src/verify/a.ts (type-only)',
      'upward: src/errors.ts:2 → src/verify/b.ts (type-only)',
      'upward: src/errors.ts:3 → src/verify/c.ts (type-only)',
      'upward: src/errors.ts:4 → src/verify/d.ts (type-only)',
      // `import {}` is kept by verbatimModuleSyntax: it loads the module
      'upward: src/errors.ts:5 → src/verify/e.ts',
    ]);
  });

  it('sees re-exports and dynamic import()', () => {
    const report = check({
      'json.ts': "export { x } from './cli/x.js';\nexport async function later() {\n  return import('./mint/m.js');\n}\n",
      'cli/x.ts': 'export const x = 1;\n',
      'mint/m.ts': 'export const m = 1;\n',
    });
    expect(lines(report)).toEqual(['upward: src/json.ts:1 → src/cli/x.ts', 'upward: src/json.ts:3 → src/mint/m.ts']);
  });

  it('fails an import of a unit that has no layer, and a folder cycle through it', () => {
    const report = check({
      'base64url/index.ts': "import { r } from '../runtime/index.js';\nexport const b = r;\n",
      'runtime/index.ts': "import { k } from '../verify/keys.js';\nexport const r = k;\n",
      'verify/keys.ts': "import { b } from '../base64url/index.js';\nexport const k = b;\n",
    });
    expect(lines(report)).toEqual([
      'no-layer: src/base64url/index.ts:1 → src/runtime/index.ts',
      'no-layer: src/runtime/index.ts:1 → src/verify/keys.ts',
    ]);
    expect(report.cycles.map((c) => [c.grain, c.members])).toEqual([
      ['unit', ['src/base64url', 'src/runtime', 'src/verify']],
      ['module', ['src/base64url/index.ts', 'src/runtime/index.ts', 'src/verify/keys.ts']],
    ]);
    const text = formatReport(report);
    expect(text).toContain('FAIL unit cycle: src/base64url ↔ src/runtime ↔ src/verify');
    expect(text).toContain('       src/verify/keys.ts:1 → src/base64url/index.ts');
  });

  it('fails a cycle between nested folders of one unit, not a subfolder using its parent', () => {
    const cycle = check({
      'cli/commands/decode.ts': "import { paint } from '../output/color.js';\nexport const decode = paint;\n",
      'cli/output/color.ts': "import { decode } from '../commands/decode.js';\nexport const paint = 1;\nexport const d = decode;\n",
    });
    expect(cycle.violations).toEqual([]);
    expect(cycle.cycles.map((c) => [c.grain, c.members])).toEqual([
      ['folder', ['src/cli/commands', 'src/cli/output']],
      ['module', ['src/cli/commands/decode.ts', 'src/cli/output/color.ts']],
    ]);
    const parent = check({
      'cli/program.ts': "import { decode } from './commands/decode.js';\nexport const program = decode;\n",
      'cli/context.ts': 'export const context = 1;\n',
      'cli/commands/decode.ts': "import { context } from '../context.js';\nexport const decode = context;\n",
    });
    expect(parent.ok).toBe(true);
  });

  it('fails a module cycle inside one folder', () => {
    const report = check({
      'verify/a.ts': "import { b } from './b.js';\nexport const a = () => b;\n",
      'verify/b.ts': "import { a } from './a.js';\nexport const b = () => a;\n",
    });
    expect(report.ok).toBe(false);
    expect(report.cycles.map((c) => [c.grain, c.members])).toEqual([['module', ['src/verify/a.ts', 'src/verify/b.ts']]]);
  });

  it('fails an import of a module that does not exist', () => {
    const report = check({ 'json.ts': "import { x } from './gone.js';\nexport const j = x;\n" });
    expect(lines(report)).toEqual(['unresolved: src/json.ts:1 → ./gone.js']);
  });

  it('lets through exactly the excused imports, lists them, and reports stale ones', () => {
    const files = {
      'errors.ts': "import { j } from './json.js';\nimport { p } from './parse.js';\nexport const e = j + p;\n",
      'json.ts': 'export const j = 1;\n',
      'parse.ts': 'export const p = 1;\n',
    };
    const report = check(files, LAYERS, [
      { from: 'src/errors.ts', to: 'src/json.ts', reason: 'a test' },
      { from: 'src/errors.ts', to: 'src/limits.ts', reason: 'a test' },
    ]);
    expect(lines(report)).toEqual(['upward: src/errors.ts:2 → src/parse.ts']);
    expect(report.excused.map((v) => formatEdge(v.edge))).toEqual(['src/errors.ts:1 → src/json.ts']);
    expect(report.stale).toEqual([{ from: 'src/errors.ts', to: 'src/limits.ts', reason: 'a test' }]);
    const text = formatReport(report);
    expect(text).toContain('known (a test): upward: src/errors.ts:1 → src/json.ts');
    expect(text).toContain('stale exception, delete it from KNOWN_EXCEPTIONS in scripts/architecture.ts: src/errors.ts → src/limits.ts');
  });

  it('reads the layer table it is given', () => {
    const files = { 'a.ts': "import { b } from './b.js';\nexport const a = b;\n", 'b.ts': 'export const b = 1;\n' };
    expect(check(files, [{ units: ['b'] }, { units: ['a'] }]).ok).toBe(true);
    expect(lines(check(files, [{ units: ['a'] }, { units: ['b'] }]))).toEqual(['upward: src/a.ts:1 → src/b.ts']);
  });

  it('exists as an npm script', () => {
    const pkg = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts['check:architecture']).toBe('tsx scripts/check-architecture.ts');
    expect(existsSync(path.join(ROOT, 'scripts/check-architecture.ts'))).toBe(true);
  });
});
