// Asking a capability set one question: does it grant `service:privilege` with these parameters?
import { CaptokenError, configError } from '../errors.js';
import type { Capability, CapabilityParamValue, CapabilitySet } from './types.js';

/** The parameters a question requires: each given one must match; the token's others are ignored. */
export type CapabilityQuery = Readonly<Record<string, CapabilityParamValue>>;

const WANTED = /^([\w-]+):([\w-]+)$/;

interface Question {
  service: string;
  privilege: string;
  params: [string, CapabilityParamValue][];
}

function isStringRecord(value: unknown): value is Readonly<Record<string, string>> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  for (const inner of Object.values(value)) if (typeof inner !== 'string') return false;
  return true;
}

function question(wanted: unknown, params: unknown): Question {
  const match = typeof wanted === 'string' ? WANTED.exec(wanted) : null;
  if (match === null) {
    throw configError("the capability asked for must be '<service>:<privilege>', e.g. 'client:outgoing'");
  }
  if (params !== undefined && (typeof params !== 'object' || params === null || Array.isArray(params))) {
    throw configError('the parameters asked for must be an object');
  }
  const entries = Object.entries((params ?? {}) as Record<string, unknown>);
  for (const [name, value] of entries) {
    // An undefined value must not mean "any": `{ appSid: maybeUndefined }` would then match every app.
    if (typeof value !== 'string' && !isStringRecord(value)) {
      throw configError(`the parameter '${name}' asked for must be a string (or, for appParams, an object of strings)`);
    }
  }
  return { service: match[1]!, privilege: match[2]!, params: entries as [string, CapabilityParamValue][] };
}

/** An array of capabilities as capabilitiesOf makes them: objects with string names and a params object. */
function isCapabilityList(value: unknown): value is readonly Capability[] {
  if (!Array.isArray(value)) return false;
  for (const item of value as unknown[]) {
    if (typeof item !== 'object' || item === null) return false;
    const { service, privilege, params } = item as Record<string, unknown>;
    if (typeof service !== 'string' || typeof privilege !== 'string' || typeof params !== 'object' || params === null) return false;
    for (const inner of Object.values(params)) if (typeof inner !== 'string' && (typeof inner !== 'object' || inner === null)) return false;
  }
  return true;
}

function sameValue(held: CapabilityParamValue, asked: CapabilityParamValue): boolean {
  if (typeof asked === 'string' || typeof held === 'string') return held === asked;
  const heldKeys = Object.keys(held);
  if (heldKeys.length !== Object.keys(asked).length) return false;
  for (const key of heldKeys) if (!Object.hasOwn(asked, key) || asked[key] !== held[key]) return false;
  return true;
}

function find(set: CapabilitySet | readonly Capability[], q: Question): Capability | undefined {
  const given: unknown = set;
  const capabilities: unknown = typeof given === 'object' && given !== null && 'capabilities' in given ? given.capabilities : given;
  if (!isCapabilityList(capabilities)) {
    throw configError('expected a capability set from capabilitiesOf, or its capabilities array');
  }
  outer: for (const capability of capabilities) {
    if (capability.service !== q.service || capability.privilege !== q.privilege) continue;
    for (const [name, value] of q.params) {
      if (!Object.hasOwn(capability.params, name) || !sameValue(capability.params[name] as CapabilityParamValue, value)) continue outer;
    }
    return capability;
  }
  return undefined;
}

/**
 * Whether `set` grants `capability` ('service:privilege') with every parameter in `params` equal
 * (an `appParams` object must equal exactly: same names, same values). Parameters not asked about
 * are ignored.
 *
 * @example
 * hasCapability(set, 'client:outgoing', { appSid: 'AP0123…' }); // may it call app AP0123…?
 * hasCapability(set, 'client:incoming', { clientName: 'alice' });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for a malformed `capability`, or a parameter that is not
 * a string (an `undefined` value is refused rather than read as "any").
 */
export function hasCapability(set: CapabilitySet | readonly Capability[], capability: string, params?: CapabilityQuery): boolean {
  return find(set, question(capability, params)) !== undefined;
}

/**
 * Like `hasCapability`, but returns the matching capability and throws when there is none.
 *
 * @example
 * const outgoing = requireCapability(set, 'client:outgoing', { appSid });
 * outgoing.params.appParams; // what the app will receive
 *
 * @throws {CaptokenError} `CAPABILITY_MISSING` naming `service:privilege` and the parameter names
 * asked for (never their values); `CONFIG_INVALID` as for `hasCapability`.
 */
export function requireCapability(set: CapabilitySet | readonly Capability[], capability: string, params?: CapabilityQuery): Capability {
  const q = question(capability, params);
  const found = find(set, q);
  if (found === undefined) {
    const names = q.params.map(([name]) => name);
    const what = `${q.service}:${q.privilege}`;
    throw new CaptokenError(
      'CAPABILITY_MISSING',
      names.length === 0 ? `the token does not grant ${what}` : `the token does not grant ${what} with the ${names.join(', ')} asked for`,
    );
  }
  return found;
}
