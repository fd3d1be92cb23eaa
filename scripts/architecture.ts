// The layer table of src/ and the check that keeps imports running one way (docs/architecture.md).
// Run it with `npm run check:architecture`; test/architecture/layers.test.ts runs it under vitest.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * A unit is a top-level entry of src/: a folder (`verify` for src/verify/**) or a root module
 * (`errors` for src/errors.ts). Layers run from the bottom up: a unit may import only units of a
 * LOWER layer. Units of the same layer are siblings and may not import each other.
 */
export interface Layer {
  readonly units: readonly string[];
}

// What each layer holds, and why some units sit where they do: docs/architecture.md (a test keeps the
// two tables equal).
export const LAYERS: readonly Layer[] = [
  { units: ['errors'] },
  { units: ['limits', 'options', 'shown-url', 'utf8'] },
  { units: ['base64url'] },
  { units: ['json'] },
  { units: ['parse', 'format'] },
  { units: ['verify', 'capabilities'] },
  { units: ['mint', 'arbitraries'] },
  { units: ['index', 'conformance'] },
  { units: ['otel'] },
  { units: ['cli'] },
];

/**
 * An import the check knows is wrong and lets through for now, named exactly (file → target).
 */
export interface KnownException {
  readonly from: string;
  readonly to: string;
  readonly reason: string;
}

/**
 * Imports the check lets through, named exactly. Empty: the runtime split removed the last ones, and
 * a new entry needs a reason a reviewer accepts.
 */
export const KNOWN_EXCEPTIONS: readonly KnownException[] = [];

/** One import between two modules of src/, paths relative to the repository root with `/`. */
export interface ImportEdge {
  readonly from: string;
  readonly line: number;
  readonly to: string;
  /** `import type`, `export type`, or every named binding marked `type`: erased from the output. */
  readonly typeOnly: boolean;
}

export type ViolationKind = 'upward' | 'sideways' | 'no-layer' | 'unresolved';

export interface Violation {
  readonly kind: ViolationKind;
  readonly edge: ImportEdge;
  readonly detail: string;
}

/**
 * A cycle: of units (src/verify ↔ src/runtime), of nested folders inside one unit
 * (src/cli/commands ↔ src/cli/output), or of modules (a.ts → b.ts → a.ts, an ES module
 * initialisation-order hazard); with the imports between its members.
 */
export interface Cycle {
  readonly grain: 'unit' | 'folder' | 'module';
  readonly members: readonly string[];
  readonly edges: readonly ImportEdge[];
}

export interface ArchitectureReport {
  readonly modules: number;
  readonly edges: readonly ImportEdge[];
  /** Imports that break the layer table and are not a known exception: each one fails the check. */
  readonly violations: readonly Violation[];
  /** Cycles that remain with the known exceptions left out: each one fails the check. */
  readonly cycles: readonly Cycle[];
  /** Violations let through by KNOWN_EXCEPTIONS, printed every run so they stay visible. */
  readonly excused: readonly (Violation & { readonly reason: string })[];
  /** Cycles that only exist through excused imports. */
  readonly excusedCycles: readonly Cycle[];
  /** KNOWN_EXCEPTIONS entries that match no import any more: delete them. */
  readonly stale: readonly KnownException[];
  readonly ok: boolean;
}

function listModules(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) out.push(...listModules(full));
    else if (name.endsWith('.ts') && !name.endsWith('.d.ts')) out.push(full);
  }
  return out;
}

function toPosix(file: string): string {
  return file.split(path.sep).join('/');
}

function isTypeOnlyClause(node: ts.ImportDeclaration | ts.ExportDeclaration): boolean {
  if (ts.isImportDeclaration(node)) {
    const clause = node.importClause;
    if (clause === undefined) return false; // `import './x.js'`: run for its effect
    if (clause.phaseModifier === ts.SyntaxKind.TypeKeyword) return true;
    if (clause.name !== undefined) return false;
    const bindings = clause.namedBindings;
    return bindings !== undefined && ts.isNamedImports(bindings) && bindings.elements.length > 0 && bindings.elements.every((e) => e.isTypeOnly);
  }
  if (node.isTypeOnly) return true;
  const clause = node.exportClause;
  return clause !== undefined && ts.isNamedExports(clause) && clause.elements.length > 0 && clause.elements.every((e) => e.isTypeOnly);
}

/** Every relative import, re-export, dynamic `import()` and `import('…').T` type of one file. */
function importsOf(file: string, text: string): { specifier: string; line: number; typeOnly: boolean }[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, ts.ScriptKind.TS);
  const found: { specifier: string; line: number; typeOnly: boolean }[] = [];
  const add = (literal: ts.Node, typeOnly: boolean): void => {
    if (!ts.isStringLiteralLike(literal)) return;
    found.push({ specifier: literal.text, line: source.getLineAndCharacterOfPosition(literal.getStart(source)).line + 1, typeOnly });
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier !== undefined) {
      add(node.moduleSpecifier, isTypeOnlyClause(node));
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && node.arguments[0] !== undefined) {
      add(node.arguments[0], false);
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) {
      add(node.argument.literal, true);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found.filter((i) => i.specifier.startsWith('.'));
}

/** `src/x.js` → `src/x.ts` (the import spelling the sources use), or undefined when no module is there. */
function resolveModule(root: string, importer: string, specifier: string): string | undefined {
  const target = path.resolve(path.dirname(path.join(root, importer)), specifier);
  const candidates = [target.replace(/\.js$/, '.ts'), target.replace(/\.mjs$/, '.mts'), target, `${target}.ts`, path.join(target, 'index.ts')];
  for (const candidate of candidates) {
    if (existsSync(candidate) && statSync(candidate).isFile()) return toPosix(path.relative(root, candidate));
  }
  return undefined;
}

/** The unit of a module: `src/verify/keys.ts` → `verify`, `src/errors.ts` → `errors`. */
export function unitOf(module: string): string {
  const parts = module.split('/');
  return parts.length > 2 ? parts[1]! : parts[1]!.replace(/\.ts$/, '');
}

/** The folder of a module, for the folder-cycle check: a top-level unit, or a nested folder inside one. */
function folderOf(module: string): string {
  const parts = module.split('/');
  return parts.length > 2 ? parts.slice(0, -1).join('/') : module;
}

function isAncestorFolder(ancestor: string, folder: string): boolean {
  return folder.startsWith(`${ancestor}/`);
}

/** Strongly connected components of more than one node (Tarjan), each as a cycle with its edges. */
function findCycles(
  grain: Cycle['grain'],
  edges: readonly ImportEdge[],
  nodeOf: (module: string) => string,
  counts: (edge: ImportEdge) => boolean,
): Cycle[] {
  const graph = new Map<string, Map<string, ImportEdge>>();
  for (const edge of edges) {
    if (!counts(edge)) continue;
    const a = nodeOf(edge.from);
    const b = nodeOf(edge.to);
    if (a === b) continue;
    let out = graph.get(a);
    if (out === undefined) graph.set(a, (out = new Map<string, ImportEdge>()));
    if (!out.has(b)) out.set(b, edge);
    if (!graph.has(b)) graph.set(b, new Map<string, ImportEdge>());
  }
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const components: string[][] = [];
  let next = 0;
  const strongConnect = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of [...graph.get(v)!.keys()].sort()) {
      if (!index.has(w)) {
        strongConnect(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) {
        low.set(v, Math.min(low.get(v)!, index.get(w)!));
      }
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1) components.push(component.sort());
    }
  };
  for (const v of [...graph.keys()].sort()) if (!index.has(v)) strongConnect(v);
  return components.map((members) => {
    const inside = new Set(members);
    const cycleEdges: ImportEdge[] = [];
    for (const a of members) {
      for (const [b, edge] of graph.get(a)!) if (inside.has(b)) cycleEdges.push(edge);
    }
    return { grain, members, edges: cycleEdges };
  });
}

/**
 * Reads every module under `<root>/src`, and checks each import against the layer table and the
 * folder graph for cycles. Pure apart from reading files: the CLI and the test print its report.
 */
export function checkArchitecture(
  root: string,
  layers: readonly Layer[] = LAYERS,
  exceptions: readonly KnownException[] = KNOWN_EXCEPTIONS,
): ArchitectureReport {
  const rank = new Map<string, number>();
  layers.forEach((layer, i) => {
    for (const unit of layer.units) rank.set(unit, i);
  });
  const modules = listModules(path.join(root, 'src')).map((file) => toPosix(path.relative(root, file)));
  const edges: ImportEdge[] = [];
  const all: Violation[] = [];
  for (const from of modules) {
    for (const found of importsOf(from, readFileSync(path.join(root, from), 'utf8'))) {
      const to = resolveModule(root, from, found.specifier);
      if (to === undefined) {
        const edge = { from, line: found.line, to: found.specifier, typeOnly: found.typeOnly };
        all.push({ kind: 'unresolved', edge, detail: 'no module at this path' });
        continue;
      }
      if (!to.startsWith('src/')) continue; // package.json and the like: data, not a layer
      const edge = { from, line: found.line, to, typeOnly: found.typeOnly };
      edges.push(edge);
      const a = unitOf(from);
      const b = unitOf(to);
      if (a === b) continue;
      const ra = rank.get(a);
      const rb = rank.get(b);
      if (ra === undefined || rb === undefined) {
        const missing = [ra === undefined ? a : undefined, rb === undefined ? b : undefined].filter((u) => u !== undefined);
        all.push({ kind: 'no-layer', edge, detail: `${missing.join(' and ')} ${missing.length > 1 ? 'have' : 'has'} no layer in the table` });
      } else if (rb > ra) {
        all.push({ kind: 'upward', edge, detail: `${a} (layer ${ra}) imports ${b} (layer ${rb}), a higher layer` });
      } else if (rb === ra) {
        all.push({ kind: 'sideways', edge, detail: `${a} and ${b} are siblings on layer ${ra} and may not import each other` });
      }
    }
  }
  const exceptionFor = (edge: ImportEdge): KnownException | undefined => exceptions.find((e) => e.from === edge.from && e.to === edge.to);
  const isExcused = (edge: ImportEdge): boolean => exceptionFor(edge) !== undefined;
  const violations = all.filter((v) => !isExcused(v.edge));
  const excused = all.flatMap((v) => {
    const exception = exceptionFor(v.edge);
    return exception === undefined ? [] : [{ ...v, reason: exception.reason }];
  });
  const stale = exceptions.filter((e) => !excused.some((v) => v.edge.from === e.from && v.edge.to === e.to));

  // Folder cycles, at two grains: between units (src/verify ↔ src/runtime), and between the nested
  // folders of one unit (src/cli/commands ↔ src/cli/output). A subfolder may use its parent folder's
  // own modules (src/cli/commands → src/cli/context.ts): the parent is the toolkit its subfolders share,
  // so that edge is not counted; the parent's composition root reaching down (program.ts → commands/) is.
  const nestedCounts = (edge: ImportEdge): boolean =>
    unitOf(edge.from) === unitOf(edge.to) && !isAncestorFolder(folderOf(edge.to), folderOf(edge.from));
  // Module cycles are checked too: within a folder they break no layer, but they make ES module
  // initialisation order matter.
  const cyclesWith = (counts: (edge: ImportEdge) => boolean): Cycle[] => [
    ...findCycles('unit', edges, (m) => `src/${unitOf(m)}`, counts),
    ...findCycles('folder', edges, folderOf, (edge) => nestedCounts(edge) && counts(edge)),
    ...findCycles('module', edges, (m) => m, counts),
  ];
  const key = (c: Cycle): string => `${c.grain} ${c.members.join(' ')}`;
  const cycles = cyclesWith((edge) => !isExcused(edge));
  const strict = new Set(cycles.map(key));
  const excusedCycles = cyclesWith(() => true).filter((c) => !strict.has(key(c)));
  return {
    modules: modules.length,
    edges,
    violations,
    cycles,
    excused,
    excusedCycles,
    stale,
    ok: violations.length === 0 && cycles.length === 0,
  };
}

export function formatEdge(edge: ImportEdge): string {
  return `${edge.from}:${edge.line} → ${edge.to}${edge.typeOnly ? ' (type-only)' : ''}`;
}

/** The report as lines: failures first (each `file:line → target`), then what is excused and why. */
export function formatReport(report: ArchitectureReport, layers: readonly Layer[] = LAYERS): string {
  const lines: string[] = [];
  const crossUnit = report.edges.filter((e) => unitOf(e.from) !== unitOf(e.to)).length;
  lines.push(`architecture: ${report.modules} modules, ${report.edges.length} imports inside src/ (${crossUnit} between units), ${layers.length} layers`);
  for (const v of report.violations) lines.push(`FAIL ${v.kind}: ${formatEdge(v.edge)}  (${v.detail})`);
  for (const c of report.cycles) {
    lines.push(`FAIL ${c.grain} cycle: ${c.members.join(' ↔ ')}`);
    for (const e of c.edges) lines.push(`       ${formatEdge(e)}`);
  }
  for (const v of report.excused) lines.push(`known (${v.reason}): ${v.kind}: ${formatEdge(v.edge)}`);
  for (const c of report.excusedCycles) lines.push(`known ${c.grain} cycle, only through the imports above: ${c.members.join(' ↔ ')}`);
  for (const e of report.stale) lines.push(`stale exception, delete it from KNOWN_EXCEPTIONS in scripts/architecture.ts: ${e.from} → ${e.to}`);
  lines.push(
    report.ok
      ? `ok: every import runs down the layer table, no cycles${report.excused.length > 0 ? ` (${report.excused.length} known exceptions listed above)` : ''}`
      : `failed: ${report.violations.length} import(s) against the layer table, ${report.cycles.length} cycle(s); see docs/architecture.md`,
  );
  return lines.join('\n');
}
