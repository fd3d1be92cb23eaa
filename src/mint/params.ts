// Checks for capability parameters and extra grants before they are signed: what the readers in
// src/capabilities would refuse is refused here first, as CONFIG_INVALID.
import { configError } from '../errors.js';
import type { CapabilityParamValue } from '../capabilities/types.js';
import { FORBIDDEN_PARAM_NAMES } from '../capabilities/query.js';
import { APP_PARAMS } from '../capabilities/scope.js';
import type { JsonObject, JsonValue } from '../json.js';
import { checkSid, checkText } from './options.js';

const MAX_GRANT_DEPTH = 64;

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function checkName(name: string, where: string): void {
  checkText(name, `a parameter name in ${where}`, true);
  if (FORBIDDEN_PARAM_NAMES.has(name)) throw configError(`${where} has a parameter named '${name}', which is not allowed`);
}

/** name → string, as `appParams` / `outgoing.params` carry them. */
export function checkStringParams(value: unknown, where: string): Record<string, string> {
  if (!isPlainObject(value)) throw configError(`${where} must be an object of strings`);
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
  if (!isPlainObject(value)) throw configError(`${where} must be an object`);
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
  if (depth > MAX_GRANT_DEPTH) throw configError(`${where} nests deeper than ${MAX_GRANT_DEPTH} levels`);
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return checkText(value, where, false);
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw configError(`${where} must be a finite number`);
    return value;
  }
  if (Array.isArray(value)) return value.map((item, i) => checkJson(item, `${where}[${i}]`, depth + 1));
  if (!isPlainObject(value)) throw configError(`${where} must be JSON: null, a boolean, number, string, array or plain object`);
  const out: JsonObject = {};
  for (const [name, inner] of Object.entries(value)) {
    if (FORBIDDEN_PARAM_NAMES.has(name)) throw configError(`${where} has a member named '${name}', which is not allowed`);
    out[name] = checkJson(inner, `${where}.${name}`, depth + 1);
  }
  return out;
}

/** Extra grants (video, chat, …): name → JSON object, signed as they are. `identity`/`voice` have their own options. */
export function checkExtraGrants(value: unknown): JsonObject {
  if (value === undefined) return {};
  if (!isPlainObject(value)) throw configError('grants must be an object of grant name → JSON object');
  const out: JsonObject = {};
  for (const [name, grant] of Object.entries(value)) {
    if (name === 'identity' || name === 'voice') throw configError(`grants.${name} is set with the '${name}' option, not in grants`);
    if (FORBIDDEN_PARAM_NAMES.has(name) || name.length === 0) throw configError(`grants has a grant name that is not allowed`);
    if (!isPlainObject(grant)) throw configError(`grants.${name} must be a JSON object`);
    out[name] = checkJson(grant, `grants.${name}`, 1);
  }
  return out;
}
