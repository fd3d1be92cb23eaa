// Small readers for claims whose JSON type is fixed: a wrong type is CLAIM_INVALID naming the path.
// Members are read as own properties (json.ts ownMember), never through Object.prototype.
import { CaptokenError } from '../errors.js';
import { ownMember, type JsonObject, type JsonValue } from '../json.js';

export function isJsonObject(value: JsonValue | undefined): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function wrongType(path: string, expected: string): CaptokenError {
  return new CaptokenError('CLAIM_INVALID', `the ${path} claim must be ${expected}`, { claim: path });
}

/** `object[key]` as a string; `undefined` when absent and not `required`. */
export function readString(object: JsonObject, key: string, path: string, required: true): string;
export function readString(object: JsonObject, key: string, path: string, required: false): string | undefined;
export function readString(object: JsonObject, key: string, path: string, required: boolean): string | undefined {
  const value = ownMember(object, key);
  if (value === undefined && !required) return undefined;
  if (typeof value !== 'string') throw wrongType(path, required ? 'present and a string' : 'a string when present');
  return value;
}

/** `object[key]` as a JSON object; `undefined` when absent. */
export function readObject(object: JsonObject, key: string, path: string): JsonObject | undefined {
  const value = ownMember(object, key);
  if (value === undefined) return undefined;
  if (!isJsonObject(value)) throw wrongType(path, 'a JSON object when present');
  return value;
}
