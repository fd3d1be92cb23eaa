// Every public function documents an `@example` and its `@throws` (the CaptokenError codes it can
// raise, or `@throws never`), and every code named in a `@throws` exists. Read with the TypeScript
// compiler from the four entry points, so a new export is checked the moment it is exported.
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CAPTOKEN_ERROR_CODES } from '../../src/index.js';
import { ROOT } from '../support/browser-bundle.js';

const ENTRY_POINTS = {
  captoken: 'src/index.ts',
  'captoken/arbitraries': 'src/arbitraries/index.ts',
  'captoken/conformance': 'src/conformance/index.ts',
  'captoken/otel': 'src/otel/index.ts',
};

interface PublicFunction {
  name: string;
  entry: string;
  file: string;
  tags: Map<string, string[]>;
}

function publicFunctions(): PublicFunction[] {
  const program = ts.createProgram(
    Object.values(ENTRY_POINTS).map((f) => path.join(ROOT, f)),
    { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, moduleResolution: ts.ModuleResolutionKind.Bundler, strict: true, noEmit: true, skipLibCheck: true },
  );
  const checker = program.getTypeChecker();
  const out: PublicFunction[] = [];
  for (const [entry, file] of Object.entries(ENTRY_POINTS)) {
    const source = program.getSourceFile(path.join(ROOT, file));
    const moduleSymbol = source && checker.getSymbolAtLocation(source);
    if (!moduleSymbol) throw new Error(`cannot read ${file}`);
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Function)) continue;
      const tags = new Map<string, string[]>();
      for (const declaration of symbol.getDeclarations() ?? []) {
        for (const tag of ts.getJSDocTags(declaration)) {
          const text = ts.getTextOfJSDocComment(tag.comment) ?? '';
          const typeExpression = ts.isJSDocThrowsTag(tag) && tag.typeExpression ? tag.typeExpression.getText() : '';
          tags.set(tag.tagName.text, [...(tags.get(tag.tagName.text) ?? []), `${typeExpression} ${text}`.trim()]);
        }
      }
      out.push({ name: exported.name, entry, file: path.relative(ROOT, symbol.getDeclarations()?.[0]?.getSourceFile().fileName ?? ''), tags });
    }
  }
  return out;
}

const functions = publicFunctions();
const where = (f: PublicFunction): string => `${f.entry}: ${f.name} (${f.file})`;

describe('API reference (JSDoc of every public function)', () => {
  it('finds the public functions of all four entry points', () => {
    expect(functions.map((f) => f.name)).toEqual(expect.arrayContaining(['parseToken', 'decodeBase64url', 'createVerifier', 'instrumentVerifier', 'runConformance', 'runCheck', 'createModuleAdapter']));
  });

  it('names only real error codes in @throws (a trailing * matches a family)', () => {
    const known = new Set<string>(CAPTOKEN_ERROR_CODES);
    const unknown: string[] = [];
    for (const f of functions) {
      for (const text of f.tags.get('throws') ?? []) {
        for (const [, code = ''] of text.matchAll(/`([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*_?\*?)`/g)) {
          if (!code.includes('_')) continue;
          const ok = code.endsWith('*') ? CAPTOKEN_ERROR_CODES.some((c) => c.startsWith(code.slice(0, -1))) : known.has(code);
          if (!ok) unknown.push(`${where(f)}: ${code}`);
        }
      }
    }
    expect(unknown).toEqual([]);
  });

  for (const tag of ['example', 'throws'] as const) {
    it(`every public function has ${tag === 'example' ? 'an @example' : 'a @throws (its codes, or `@throws never`)'}`, () => {
      expect(functions.filter((f) => !f.tags.has(tag)).map(where)).toEqual([]);
    });
  }
});
