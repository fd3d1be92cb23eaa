// Checks for capability parameters and extra grants before they are signed: what the readers in
// src/capabilities would refuse is refused here first, as CONFIG_INVALID.
import { configError } from '../errors.js';
import type { CapabilityParamValue } from '../capabilities/types.js';
import { FORBIDDEN_PARAM_NAMES } from '../capabilities/query.js';
import { APP_PARAMS } from '../capabilities/scope.js';
import type { JsonObject, JsonValue } from '../json.js';
import { isPlainObject, optionError } from '../options.js';
import { checkSid, checkText } from './options.js';

const MAX_GRANT_DEPTH = 64;

function checkName(name: string, where: string): void {
  if (name.length === 0) throw optionError(where, 'free of empty parameter names');
  if (/\p{Cs}/u.test(name)) throw optionError(where, 'free of parameter names with a lone surrogate');
  if (FORBIDDEN_PARAM_NAMES.has(name)) throw optionError(where, `free of the parameter name '${name}' (it could reach a prototype)`);
}

/** name → string, as `appParams` / `outgoing.params` carry them. */
export function checkStringParams(value: unknown, where: string): Record<string, string> {
  if (!isPlainObject(value)) throw optionError(where, 'an object of strings');
  const out: Record<string, string> = {};
  for (const [name, inner] of Object.entries(value)) {
    checkName(name, where);
    out[name] = checkText(inner, `${where}.${name}`, false);
  }
  return out;
}

/** A scope's parameters: strings, `appParams` an object of strings, `appSid` an AP sid. */
export function checkScopeParams(value: unknown, where: string): Record<string, CapabilityParamValue> {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw optionError(where, 'an object');
  const out: Record<string, CapabilityParamValue> = {};
  for (const [name, inner] of Object.entries(value)) {
    checkName(name, where);
    if (name === APP_PARAMS) out[name] = checkStringParams(inner, `${where}.${APP_PARAMS}`);
    else if (name === 'appSid') out[name] = checkSid(inner, `${where}.appSid`, 'AP');
    else out[name] = checkText(inner, `${where}.${name}`, false);
  }
  return out;
}

function checkJson(value: unknown, where: string, depth: number): JsonValue {
  if (depth > MAX_GRANT_DEPTH) throw optionError(where, `JSON nested at most ${MAX_GRANT_DEPTH} levels deep`);
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return checkText(value, where, false);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw optionError(where, 'a finite number');
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => checkJson(item, `${where}[${i}]`, depth + 1));
  if (!isPlainObject(value)) throw optionError(where, 'JSON: null, a boolean, number, string, array or plain object');
  const out: JsonObject = {};
  for (const [name, inner] of Object.entries(value)) {
    if (FORBIDDEN_PARAM_NAMES.has(name)) throw optionError(where, `free of the member name '${name}' (it could reach a prototype)`);
    out[name] = checkJson(inner, `${where}.${name}`, depth + 1);
  }
  return out;
}

/** Extra grants (video, chat, …): name → JSON object, signed as they are. `identity`/`voice` have their own options. */
export function checkExtraGrants(value: unknown): JsonObject {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw optionError('grants', 'an object of grant name → JSON object');
  const out: JsonObject = {};
  for (const [name, grant] of Object.entries(value)) {
    if (name === 'identity' || name === 'voice') throw configError(`'grants.${name}' is set with the '${name}' option, not in grants`);
    if (FORBIDDEN_PARAM_NAMES.has(name) || name.length === 0) throw optionError('grants', 'free of empty and reserved grant names');
    if (!isPlainObject(grant)) throw optionError(`grants.${name}`, 'a JSON object');
    out[name] = checkJson(grant, `grants.${name}`, 1);
  }
  return out;
}
