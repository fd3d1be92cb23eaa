// Strict JSON objects for token segments: JSON.parse for the values, plus the two rules JSON.parse
// does not enforce: no member name repeated within an object, and no name that can reach a prototype.
import { CaptokenError, type TokenSegment } from './errors.js';

export type JsonValue = string | number | boolean | null | JsonValue[] | JsonObject;
export interface JsonObject {
  [member: string]: JsonValue;
}

/**
 * Member names that are rejected at any depth. `__proto__` as an own property makes
 * `Object.assign({}, claims)` replace the target's prototype; `constructor` and `prototype` are the
 * gadgets of prototype pollution through naive deep merges. No real token needs them.
 */
export const FORBIDDEN_MEMBER_NAMES: readonly string[] = /* @__PURE__ */ Object.freeze(['__proto__', 'constructor', 'prototype']);

/** True for a member name in {@link FORBIDDEN_MEMBER_NAMES} (written out: this runs on every key). */
export const isForbiddenMemberName = (name: string): boolean => name === '__proto__' || name === 'constructor' || name === 'prototype';
const isForbidden = isForbiddenMemberName;

const jsonParse = JSON.parse;
const isArray = Array.isArray;
// Own keys only: a `for…in` would also see enumerable properties that some other code added to
// Object.prototype, and then count members that are not in the text.
const ownKeys = Object.keys;

/**
 * Index of the quote that closes the string opened at `open`. A quote after an odd run of backslashes
 * is escaped and does not close it. Only called on text JSON.parse has accepted.
 */
function closingQuote(text: string, open: number): number {
  let close = text.indexOf('"', open + 1);
  for (;;) {
    let run = 0;
    while (text.charCodeAt(close - 1 - run) === 0x5c) run++;
    if ((run & 1) === 0) return close;
    close = text.indexOf('"', close + 1);
  }
}

/**
 * Counts the members in JSON text: one ':' outside a string per member. Used to detect a repeated
 * member, which JSON.parse silently collapses (the last one wins). Strings are skipped with indexOf,
 * so the per-character loop only sees the few characters between them.
 */
function countMembers(text: string): number {
  let members = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      i = closingQuote(text, i);
      if (i === -1) break; // unreachable: JSON.parse accepted the text
    } else if (c === 0x3a) {
      members++;
    }
  }
  return members;
}

/**
 * Walks the parsed value without recursion (deep nesting cannot overflow the stack), counting object
 * keys and failing on a forbidden name. Returns the key count, or the forbidden name found. The root's
 * members are read first; a stack is made only when one of them is an object or array.
 */
function walk(root: JsonObject): number | string {
  const rootNames = ownKeys(root);
  let keys = rootNames.length;
  let stack: (JsonObject | JsonValue[])[] | undefined;
  for (let i = 0; i < rootNames.length; i++) {
    const key = rootNames[i]!;
    if (isForbidden(key)) return key;
    const member = root[key];
    if (typeof member === 'object' && member !== null) (stack ??= []).push(member);
  }
  if (stack === undefined) return keys;
  while (stack.length > 0) {
    const value = stack.pop()!;
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) {
        const item = value[i];
        if (typeof item === 'object' && item !== null) stack.push(item);
      }
      continue;
    }
    const names = ownKeys(value);
    for (let i = 0; i < names.length; i++) {
      const key = names[i]!;
      if (isForbidden(key)) return key;
      const member = value[key];
      if (typeof member === 'object' && member !== null) stack.push(member);
    }
    keys += names.length;
  }
  return keys;
}

/**
 * Parses `text` as a JSON object under the strict rules. `offset` (the segment's start in the
 * token) and `segment` locate errors.
 */
export function parseJsonObject(text: string, segment: TokenSegment, offset: number): JsonObject {
  let value: unknown;
  try {
    value = jsonParse(text);
  } catch {
    throw new CaptokenError('TOKEN_JSON', `the ${segment} segment is not valid JSON`, { offset, segment });
  }
  if (typeof value !== 'object' || value === null || isArray(value)) {
    throw new CaptokenError('TOKEN_JSON', `the ${segment} segment is JSON but not a JSON object`, { offset, segment });
  }
  const keys = walk(value as JsonObject);
  if (typeof keys === 'string') {
    throw new CaptokenError('TOKEN_FORBIDDEN_MEMBER', `the ${segment} has a member named '${keys}', which is not allowed`, {
      offset,
      segment,
    });
  }
  if (keys !== countMembers(text)) {
    throw new CaptokenError(
      'TOKEN_DUPLICATE_MEMBER',
      `the ${segment} repeats a member name; two parsers could read different values, so it is rejected`,
      { offset, segment },
    );
  }
  return value as JsonObject;
}

const hasOwn = Object.hasOwn;

/**
 * The member `name` of a parsed JSON object, read as an own property only: `undefined` when the
 * object does not itself have it. A plain `object[name]` would find `constructor`, `toString` or
 * `hasOwnProperty` on Object.prototype, so a claim check could be satisfied by no claim at all.
 * Every reader of claims and header members uses this.
 */
export function ownMember(object: JsonObject, name: string): JsonValue | undefined {
  return hasOwn(object, name) ? object[name] : undefined;
}

/**
 * A deep copy of a JSON value, made without recursion (any depth: structuredClone and a recursive
 * copy overflow the stack on a few thousand levels, which a 16 KiB token can hold). Own enumerable
 * members only; objects are plain `{}` (Object.prototype), as JSON.parse makes them.
 */
export function copyJson<T extends JsonValue>(value: T): T {
  if (typeof value !== 'object' || value === null) return value;
  const root: JsonObject | JsonValue[] = isArray(value) ? [] : {};
  const stack: [JsonObject | JsonValue[], JsonObject | JsonValue[]][] = [[value, root]];
  while (stack.length > 0) {
    const [from, to] = stack.pop()!;
    if (isArray(from)) {
      const target = to as JsonValue[];
      for (let i = 0; i < from.length; i++) target.push(copyMember(from[i]!, stack));
    } else {
      const target = to as JsonObject;
      const names = ownKeys(from);
      for (let i = 0; i < names.length; i++) {
        const name = names[i]!;
        // defineProperty, not assignment: a member named `__proto__` stays a member, never a prototype.
        Object.defineProperty(target, name, { value: copyMember(from[name]!, stack), enumerable: true, writable: true, configurable: true });
      }
    }
  }
  return root as T;
}

function copyMember(value: JsonValue, stack: [JsonObject | JsonValue[], JsonObject | JsonValue[]][]): JsonValue {
  if (typeof value !== 'object' || value === null) return value;
  const copy: JsonObject | JsonValue[] = isArray(value) ? [] : {};
  stack.push([value, copy]);
  return copy;
}
