// What differs between what a parser should have answered and what it answered.
import type { AdapterAnswer } from './adapter.js';

const isArray = Array.isArray;
const objectKeys = Object.keys;
const hasOwn = Object.hasOwn;
const jsonStringify = JSON.stringify;

/** A value for a message: JSON where possible, never longer than ~120 characters. */
export function show(value: unknown): string {
  let text: string;
  try {
    // JSON.stringify returns undefined for undefined, functions and symbols, whatever its declared type says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    text = jsonStringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  return text.length > 120 ? `${text.slice(0, 117)}...` : text;
}

function codePoint(s: string, i: number): string {
  const cp = s.codePointAt(i);
  if (cp === undefined) return 'end of string';
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')} ${jsonStringify(String.fromCodePoint(cp))}`;
}

function stringDifference(where: string, expected: string, actual: string): string {
  let i = 0;
  while (i < expected.length && i < actual.length && expected[i] === actual[i]) i++;
  return `${where}: expected ${show(expected)} but got ${show(actual)} (first difference at index ${i}: ${codePoint(expected, i)} expected, ${codePoint(actual, i)} found)`;
}

const member = (where: string, key: string): string => (/^[A-Z_$][\w$]*$/i.test(key) ? `${where}.${key}` : `${where}[${jsonStringify(key)}]`);

/**
 * The first difference between two JSON values as a sentence with a path (`payload.grants.identity:
 * expected "José" but got "JosÃ©" ...`), or undefined when they are deep-equal. Member order does
 * not matter; 0 and -0 are equal (JSON cannot tell them apart).
 *
 * @example
 * jsonDifference({ a: [1, 2] }, { a: [1, 3] }, 'payload') // 'payload.a[1]: expected 2 but got 3'
 *
 * @throws never
 */
export function jsonDifference(expected: unknown, actual: unknown, where = 'value'): string | undefined {
  if (expected === actual) return undefined;
  if (typeof expected === 'string' && typeof actual === 'string') return stringDifference(where, expected, actual);
  if (typeof expected !== 'object' || expected === null || typeof actual !== 'object' || actual === null) {
    return `${where}: expected ${show(expected)} but got ${show(actual)}`;
  }
  if (isArray(expected) !== isArray(actual)) return `${where}: expected ${show(expected)} but got ${show(actual)}`;
  if (isArray(expected) && isArray(actual)) {
    if (expected.length !== actual.length) return `${where}: expected an array of ${expected.length} but got ${actual.length} elements`;
    for (let i = 0; i < expected.length; i++) {
      const d = jsonDifference(expected[i], actual[i], `${where}[${i}]`);
      if (d !== undefined) return d;
    }
    return undefined;
  }
  const e = expected as Record<string, unknown>;
  const a = actual as Record<string, unknown>;
  for (const key of objectKeys(e)) {
    if (!hasOwn(a, key)) return `${member(where, key)}: missing (expected ${show(e[key])})`;
  }
  for (const key of objectKeys(a)) {
    if (!hasOwn(e, key)) return `${member(where, key)}: unexpected member (got ${show(a[key])})`;
  }
  for (const key of objectKeys(e)) {
    const d = jsonDifference(e[key], a[key], member(where, key));
    if (d !== undefined) return d;
  }
  return undefined;
}

/** What a case expects: acceptance with a header and payload, or rejection. */
export type Expectation = { expected: 'accept'; header: unknown; payload: unknown } | { expected: 'reject'; code?: string | undefined };

/**
 * Why `answer` does not meet `expectation`, or undefined when it does.
 *
 * @example
 * answerDifference({ expected: 'accept', header: {}, payload: {} }, { ok: false, error: 'bad' })
 * // 'rejected a valid token: bad'
 *
 * @throws never
 */
export function answerDifference(expectation: Expectation, answer: AdapterAnswer): string | undefined {
  if (expectation.expected === 'accept') {
    if (!answer.ok) return `rejected a valid token: ${answer.error}`;
    return jsonDifference(expectation.header, answer.header, 'header') ?? jsonDifference(expectation.payload, answer.payload, 'payload');
  }
  if (answer.ok) return `accepted an invalid token${expectation.code === undefined ? '' : ` (captoken rejects it with ${expectation.code})`}`;
  return undefined;
}
