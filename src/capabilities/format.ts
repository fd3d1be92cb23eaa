import type { JsonObject } from '../json.js';
import type { CapabilityFormat } from './types.js';

/** The `cty` header member that marks an access token. */
export const ACCESS_TOKEN_CTY = 'twilio-fpa;v=1';

/**
 * Which format a token's claims are in: `access` when the header's `cty` is `twilio-fpa;v=1`,
 * else `capability` when the payload has a `scope` member, else `jwt`.
 */
export function detectFormat(header: JsonObject, payload: JsonObject): CapabilityFormat {
  if (header['cty'] === ACCESS_TOKEN_CTY) return 'access';
  if (Object.hasOwn(payload, 'scope')) return 'capability';
  return 'jwt';
}
