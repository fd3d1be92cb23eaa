// The legacy `scope` claim: space-separated `scope:<service>:<privilege>[?<query>]`, read into
// capabilities and written the way twilio's ClientCapability writes it.
import { CaptokenError } from '../errors.js';
import type { JsonValue } from '../json.js';
import { encodeComponent, encodePairs, parseQuery } from './query.js';
import type { Capability, CapabilityParamValue } from './types.js';

/** A service or privilege name: what may sit between the colons of a scope. */
export const SCOPE_NAME = /^[\w-]+$/;

const SCOPE = /^scope:([\w-]+):([\w-]+)(?:\?(.*))?$/s;

/** The parameter whose value is itself a query string, encoded twice. */
export const APP_PARAMS = 'appParams';

function malformed(index: number, reason: string): CaptokenError {
  return new CaptokenError('CLAIM_INVALID', `scope ${index} (0-based) of the scope claim is malformed: ${reason}`, {
    claim: 'scope',
    index,
  });
}

function parseScope(text: string, index: number): Capability {
  const match = SCOPE.exec(text);
  if (match === null) {
    throw malformed(
      index,
      text.length === 0
        ? 'it is empty (scopes are separated by exactly one space, with none leading or trailing)'
        : "it is not 'scope:<service>:<privilege>' with an optional '?<query>' (service and privilege are A-Z a-z 0-9 _ -)",
    );
  }
  const service = match[1]!;
  const privilege = match[2]!;
  const query = match[3];
  const params: Record<string, CapabilityParamValue> = {};
  if (query !== undefined) {
    const parsed = parseQuery(query, false, text.length - query.length);
    if (!parsed.ok) throw malformed(index, parsed.reason);
    for (const [name, value] of parsed.pairs) {
      if (name === APP_PARAMS) {
        const inner = parseQuery(value, true);
        if (!inner.ok) throw malformed(index, `its decoded appParams: ${inner.reason}`);
        params[name] = Object.fromEntries(inner.pairs);
      } else {
        params[name] = value;
      }
    }
  }
  return { service, privilege, params };
}

/**
 * Reads the `scope` claim of a capability token. An empty string is no scopes (twilio writes one
 * for a token without scopes); anything malformed is an error for the scope at fault, never a skip.
 *
 * @throws {CaptokenError} `CLAIM_INVALID` with `claim: 'scope'` (and `index`, the 0-based position
 * of the offending scope, when one is at fault).
 */
export function parseScopeClaim(scope: JsonValue | undefined): Capability[] {
  if (typeof scope !== 'string') {
    throw new CaptokenError('CLAIM_INVALID', 'the scope claim of a capability token must be a string', { claim: 'scope' });
  }
  if (scope.length === 0) return [];
  const texts = scope.split(' ');
  const capabilities: Capability[] = [];
  for (let index = 0; index < texts.length; index++) capabilities.push(parseScope(texts[index]!, index));
  return capabilities;
}

/**
 * Writes one scope as twilio-node does: parameters in the given order, names and values escaped
 * like `querystring.escape`, `appParams` pairs escaped then the joined string escaped again, `path`
 * with its '/' left raw, and no '?' when there are no parameters. Inputs are validated by the caller.
 */
export function encodeScope(service: string, privilege: string, params: Readonly<Record<string, CapabilityParamValue>>): string {
  const parts: string[] = [];
  for (const [name, value] of Object.entries(params)) {
    const encoded =
      typeof value === 'string' ? encodeComponent(value, name === 'path') : encodeComponent(encodePairs(Object.entries(value)), false);
    parts.push(`${encodeComponent(name, false)}=${encoded}`);
  }
  const head = `scope:${service}:${privilege}`;
  return parts.length === 0 ? head : `${head}?${parts.join('&')}`;
}
