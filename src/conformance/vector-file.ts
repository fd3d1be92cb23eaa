// The shape of the committed vector file (Wycheproof layout) and how to read it.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** One test of the vector file. */
export interface VectorTest {
  /** Unique, stable within a file version. */
  tcId: number;
  comment: string;
  /** Keys of {@link VectorFile.notes}: what the test probes. */
  flags: string[];
  token: string;
  /** valid: every conforming parser accepts it; invalid: it must be rejected at the level of its check class (`fault`). */
  result: 'valid' | 'invalid';
  /** The decoded header, for valid tests. */
  header?: unknown;
  /** The decoded payload, for valid tests. */
  payload?: unknown;
  /** captoken's error code, for invalid tests (informative: other parsers need only reject). */
  error?: string;
  /** Where captoken locates the fault, for invalid tests, when it has a position. */
  offset?: number;
  segment?: 'header' | 'payload' | 'signature';
  /** Invalid tests: the check class of the fault (`char-plus`, `duplicate-member`, ...), which fixes its level and requirement. */
  fault?: string;
  /** Invalid tests: the valid token this one was made from. A parser that rejects `token` must accept it. */
  twin?: string;
  /** `duplicate-member` tests: what a parser keeping the lexically last member returns (accepting that is allowed). */
  acceptable?: { header: unknown; payload: unknown };
}

export interface VectorGroup {
  type: 'CompactTokenParse';
  /** What the tests of this group have in common. */
  comment: string;
  tests: VectorTest[];
}

export interface VectorNote {
  bugType: string;
  description: string;
}

/** The committed vectors/captoken-vectors.json, in the layout of Project Wycheproof's test vectors. */
export interface VectorFile {
  algorithm: 'captoken-compact-parse';
  /** The layout version: a change that breaks readers changes it. */
  schema: 'captoken-vectors-v1';
  /** Version of the vector set; bumped whenever tests are added, removed or changed. */
  version: string;
  numberOfTests: number;
  header: string[];
  notes: Record<string, VectorNote>;
  testGroups: VectorGroup[];
}

/**
 * The bytes the committed file holds for `file`: 2-space JSON, a final newline.
 *
 * @example
 * writeFileSync(vectorsPath(), serializeVectors(generateVectors()));
 *
 * @throws never
 */
export function serializeVectors(file: VectorFile): string {
  return `${JSON.stringify(file, null, 2)}\n`;
}

let packageRoot: string | undefined;

/**
 * The captoken package root: the nearest directory above this module with captoken's package.json.
 * Works from src/conformance (tests, tsx) and from dist/ (bundled), where the depth differs.
 */
export function findPackageRoot(): string {
  if (packageRoot !== undefined) return packageRoot;
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { name?: unknown };
      if (pkg.name === 'captoken') return (packageRoot = dir);
    } catch {
      // no package.json here: keep climbing
    }
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error('cannot find the captoken package root above ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
}

/**
 * Path of the committed vector file.
 *
 * @example
 * readFileSync(vectorsPath(), 'utf8');
 *
 * @throws {Error} when no captoken package.json is found above this module.
 */
export function vectorsPath(): string {
  return path.join(findPackageRoot(), 'vectors', 'captoken-vectors.json');
}

/** Checks the parts of the layout the runner relies on; throws a readable error otherwise. */
export function checkVectorFile(value: unknown, source = 'vector file'): VectorFile {
  const file = value as Partial<VectorFile> | null;
  if (typeof file !== 'object' || file === null || file.schema !== 'captoken-vectors-v1' || !Array.isArray(file.testGroups)) {
    throw new Error(`${source} is not a captoken-vectors-v1 file`);
  }
  let count = 0;
  for (const group of file.testGroups) {
    for (const test of group.tests) {
      count++;
      if (typeof test.tcId !== 'number' || typeof test.token !== 'string' || ((test.result as string) !== 'valid' && (test.result as string) !== 'invalid')) {
        throw new Error(`${source}: test ${String(test.tcId)} lacks tcId, token or result`);
      }
      if (test.result === 'valid' && (!('header' in test) || !('payload' in test))) {
        throw new Error(`${source}: valid test ${test.tcId} lacks header or payload`);
      }
    }
  }
  if (file.numberOfTests !== count) throw new Error(`${source}: numberOfTests is ${String(file.numberOfTests)} but it holds ${count} tests`);
  return file as VectorFile;
}

/**
 * Reads the committed vectors/captoken-vectors.json of the installed captoken package.
 *
 * @example
 * const vectors = loadVectors();
 * console.log(vectors.version, vectors.numberOfTests);
 *
 * @throws {Error} when the file is missing or not a captoken-vectors-v1 file.
 */
export function loadVectors(): VectorFile {
  const file = vectorsPath();
  return checkVectorFile(JSON.parse(readFileSync(file, 'utf8')), file);
}
