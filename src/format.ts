// The token formats captoken reads, and how to tell them apart: a token-format concept that the
// verifier (onResult's `format`), capabilities/ (capabilitiesOf) and mint/ (the access token's `cty`)
// all depend on, so it lives below them.
import { configError } from './errors.js';
import { ownMember, type JsonObject } from './json.js';

/** How a token reads: a legacy capability token, a Twilio access token, or another JWT. */
export type TokenFormat = 'capability' | 'access' | 'jwt';

/** The `cty` of a Twilio access token. */
export const ACCESS_TOKEN_CTY = 'twilio-fpa;v=1';

/**
 * How a token reads: `'access'` when the header's `cty` is `"twilio-fpa;v=1"` and the payload has a
 * `grants` object; `'capability'` when the payload has a string `scope`; otherwise `'jwt'`.
 *
 * @example
 * tokenFormat({ alg: 'HS256', cty: 'twilio-fpa;v=1' }, { grants: { identity: 'alice' } }) // 'access'
 * tokenFormat({ alg: 'HS256' }, { scope: 'scope:client:incoming?clientName=alice' }) // 'capability'
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when `header` or `payload` is not an object; never for
 * the JSON objects of a parsed or verified token.
 */
export function tokenFormat(header: JsonObject, payload: JsonObject): TokenFormat {
  const [h, p]: unknown[] = [header, payload];
  if (typeof h !== 'object' || h === null || typeof p !== 'object' || p === null) {
    throw configError('tokenFormat expects the header and payload objects of a parsed or verified token');
  }
  const grants = ownMember(payload, 'grants');
  if (ownMember(header, 'cty') === ACCESS_TOKEN_CTY && typeof grants === 'object' && grants !== null && !Array.isArray(grants)) return 'access';
  if (typeof ownMember(payload, 'scope') === 'string') return 'capability';
  return 'jwt';
}
