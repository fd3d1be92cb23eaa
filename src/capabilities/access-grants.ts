// The `grants` claim of an access token, mapped onto the capabilities a capability token would
// carry for the same permissions: voice `incoming.allow` → `client:incoming` { clientName: identity },
// voice `outgoing` → `client:outgoing` { appSid, clientName: identity, appParams }.
import { CaptokenError } from '../errors.js';
import { copyJson, ownMember, type JsonObject } from '../json.js';
import { readObject, readString, wrongType } from './claims.js';
import { FORBIDDEN_PARAM_NAMES } from './query.js';
import type { Capability, CapabilityParamValue } from './types.js';

/** What the grants say, normalised: the identity (if any) and the voice capabilities. */
export interface GrantCapabilities {
  identity: string | undefined;
  capabilities: Capability[];
  grants: JsonObject;
}

function readParams(outgoing: JsonObject): Record<string, string> | undefined {
  const params = readObject(outgoing, 'params', 'grants.voice.outgoing.params');
  if (params === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    // parseJsonObject already refuses these names; checked again so a hand-built payload cannot slip one in.
    if (FORBIDDEN_PARAM_NAMES.has(name)) throw wrongType('grants.voice.outgoing.params', 'an object without reserved member names');
    if (typeof value !== 'string') throw wrongType('grants.voice.outgoing.params', 'an object whose values are strings');
    out[name] = value;
  }
  return out;
}

function voiceCapabilities(voice: JsonObject, identity: string | undefined): Capability[] {
  const capabilities: Capability[] = [];
  const incoming = readObject(voice, 'incoming', 'grants.voice.incoming');
  if (incoming !== undefined) {
    const allow = ownMember(incoming, 'allow');
    if (allow !== undefined && typeof allow !== 'boolean') throw wrongType('grants.voice.incoming.allow', 'a boolean when present');
    if (allow === true) {
      if (identity === undefined) {
        throw new CaptokenError('CLAIM_INVALID', 'grants.voice.incoming.allow is true but the token has no grants.identity to receive calls as', {
          claim: 'grants.identity',
        });
      }
      capabilities.push({ service: 'client', privilege: 'incoming', params: { clientName: identity } });
    }
  }
  const outgoing = readObject(voice, 'outgoing', 'grants.voice.outgoing');
  if (outgoing !== undefined) {
    const appSid = readString(outgoing, 'application_sid', 'grants.voice.outgoing.application_sid', true);
    const appParams = readParams(outgoing);
    const params: Record<string, CapabilityParamValue> = { appSid };
    if (identity !== undefined) params['clientName'] = identity;
    if (appParams !== undefined) params['appParams'] = appParams;
    capabilities.push({ service: 'client', privilege: 'outgoing', params });
  }
  readString(voice, 'push_credential_sid', 'grants.voice.push_credential_sid', false);
  readString(voice, 'endpoint_id', 'grants.voice.endpoint_id', false);
  return capabilities;
}

/**
 * Reads an access token's `grants` claim. Grants other than `identity` and `voice` are not
 * interpreted; they are returned with the rest in `grants` (a copy).
 *
 * @throws {CaptokenError} `CLAIM_INVALID` with the claim path (`grants`, `grants.identity`,
 * `grants.voice.outgoing.application_sid`, …) for a missing or wrongly typed member.
 */
export function readGrants(payload: JsonObject): GrantCapabilities {
  if (ownMember(payload, 'grants') === undefined) throw wrongType('grants', 'present in an access token');
  const object = readObject(payload, 'grants', 'grants')!;
  const identity = readString(object, 'identity', 'grants.identity', false);
  const voice = readObject(object, 'voice', 'grants.voice');
  const capabilities = voice === undefined ? [] : voiceCapabilities(voice, identity);
  // copyJson, not structuredClone: grants may nest thousands of levels deep within 16 KiB, and a
  // recursive copy would overflow the stack (RangeError) instead of returning or throwing CaptokenError.
  return { identity, capabilities, grants: copyJson(object) };
}
