// What differs between what a parser should have answered and what it answered.
import { escapeInvisible, show } from './display.js';

const isArray = Array.isArray;
const objectKeys = Object.keys;
const hasOwn = Object.hasOwn;
const jsonStringify = JSON.stringify;

function codePoint(s: string, i: number): string {
  const cp = s.codePointAt(i);
  if (cp === undefined) return 'end of string';
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} "${escapeInvisible(String.fromCodePoint(cp))}"`;
}

/**
 * The two sides of a comparison as the messages name them: the spec's value and an answer (`expected`
 * ... `but got`), or two parsers (`baseline` ... `candidate`).
 */
export interface Sides {
  expected: string;
  actual: string;
}

const SPEC: Sides = { expected: 'expected', actual: 'got' };

function values(sides: Sides, expected: string, actual: string): string {
  return sides === SPEC ? `expected ${expected} but got ${actual}` : `${sides.expected} ${expected}, ${sides.actual} ${actual}`;
}

function stringDifference(where: string, expected: string, actual: string, sides: Sides): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  const first = sides === SPEC ? `${codePoint(expected, i)} expected, ${codePoint(actual, i)} found` : `${sides.expected} ${codePoint(expected, i)}, ${sides.actual} ${codePoint(actual, i)}`;
  return `${where}: ${values(sides, show(expected), show(actual))} (first difference at index ${i}: ${first})`;
}

const member = (where: string, key: string): string => (/^[A-Z_$][\w$]*$/i.test(key) ? `${where}.${key}` : `${where}[${jsonStringify(key)}]`);

/**
 * The first difference between two JSON values as a sentence with a path (`payload.grants.identity:
 * expected "José" but got "JosÃ©" ...`), or undefined when they are deep-equal. Member order does
 * not matter; 0 and -0 are equal (JSON cannot tell them apart).
 *
 * `sides` names the two values otherwise (`{ expected: 'baseline', actual: 'candidate' }`).
 *
 * @example
 * jsonDifference({ a: [1, 2] }, { a: [1, 3] }, 'payload') // 'payload.a[1]: expected 2 but got 3'
 *
 * @throws never
 */
export function jsonDifference(expected: unknown, actual: unknown, where = 'value', sides: Sides = SPEC): string | undefined {
  if (jsonEqual(expected, actual)) return undefined;
  return describeDifference(expected, actual, where, sides);
}

/** Deep equality of JSON values (member order aside), without building any message: the common case. */
function jsonEqual(expected: unknown, actual: unknown): boolean {
  if (expected === actual) return true;
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) return false;
  if (isArray(expected)) {
    if (!isArray(actual) || expected.length !== actual.length) return false;
    for (let i = 0; i < expected.length; i++) if (!jsonEqual(expected[i], actual[i])) return false;
    return true;
  }
  if (isArray(actual)) return false;
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  const keys = objectKeys(e);
  if (keys.length !== objectKeys(a).length) return false;
  for (let i = 0; i < keys.length; i++) {
    const key = keys[i]!;
    if (!hasOwn(a, key) || !jsonEqual(e[key], a[key])) return false;
  }
  return true;
}

function describeDifference(expected: unknown, actual: unknown, where: string, sides: Sides): string | undefined {
  if (expected === actual) return undefined;
  if (typeof expected === 'string' && typeof actual === 'string') return stringDifference(where, expected, actual, sides);
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    return `${where}: ${values(sides, show(expected), show(actual))}`;
  }
  if (isArray(expected) !== isArray(actual)) return `${where}: ${values(sides, show(expected), show(actual))}`;
  if (isArray(expected) && isArray(actual)) {
    if (expected.length !== actual.length) return `${where}: ${values(sides, `an array of ${expected.length}`, `${actual.length} elements`)}`;
    for (let i = 0; i < expected.length; i++) {
      const d = jsonDifference(expected[i], actual[i], `${where}[${i}]`, sides);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of objectKeys(e)) {
    if (!hasOwn(a, key)) return sides === SPEC ? `${member(where, key)}: missing (expected ${show(e[key])})` : `${member(where, key)}: only the ${sides.expected} has it (${show(e[key])})`;
  }
  for (const key of objectKeys(a)) {
    if (!hasOwn(e, key)) return sides === SPEC ? `${member(where, key)}: unexpected member (got ${show(a[key])})` : `${member(where, key)}: only the ${sides.actual} has it (${show(a[key])})`;
  }
  for (const key of objectKeys(e)) {
    const d = jsonDifference(e[key], a[key], member(where, key), sides);
    if (d !== undefined) return d;
  }
  return undefined;
}
