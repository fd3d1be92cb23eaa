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
const FORBIDDEN = new Set(['__proto__', 'constructor', 'prototype']);

const jsonParse = JSON.parse;
const isArray = Array.isArray;

/**
 * Counts the members in JSON text: one ':' outside a string per member. Used to detect a repeated
 * member, which JSON.parse silently collapses (the last one wins).
 */
function countMembers(text: string): number {
  let members = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // Skip the string: a backslash escapes the next character.
      for (i++; i < n; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x3a) {
      members++;
    }
  }
  return members;
}

/**
 * Walks the parsed value without recursion (deep nesting cannot overflow the stack), counting object
 * keys and failing on a forbidden name. Returns the key count, or the forbidden name found.
 */
function walk(root: JsonValue): number | string {
  let keys = 0;
  const stack: JsonValue[] = [root];
  while (stack.length > 0) {
    const value = stack.pop();
    if (typeof value !== 'object' || value === null) continue;
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) stack.push(value[i]!);
      continue;
    }
    for (const key in value) {
      if (FORBIDDEN.has(key)) return key;
      keys++;
      stack.push(value[key]!);
    }
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
