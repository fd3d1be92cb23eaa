import { CaptokenError } from '../errors.js';
import type { JsonObject } from '../json.js';
import { readGrants } from './access-grants.js';
import { isJsonObject, readString } from './claims.js';
import { detectFormat } from './format.js';
import { parseScopeClaim } from './scope.js';
import type { Capability, CapabilitySet, TokenClaims } from './types.js';

function clientName(capabilities: readonly Capability[], privilege: string): string | undefined {
  for (const capability of capabilities) {
    if (capability.service !== 'client' || capability.privilege !== privilege) continue;
    const name = capability.params['clientName'];
    if (typeof name === 'string') return name;
  }
  return undefined;
}

function fromCapabilityToken(payload: JsonObject): CapabilitySet {
  const account = readString(payload, 'iss', 'iss', true);
  const capabilities = parseScopeClaim(payload['scope']);
  const identity = clientName(capabilities, 'incoming') ?? clientName(capabilities, 'outgoing');
  return identity === undefined ? { format: 'capability', account, capabilities } : { format: 'capability', identity, account, capabilities };
}

function fromAccessToken(payload: JsonObject): CapabilitySet {
  readString(payload, 'iss', 'iss', true);
  const account = readString(payload, 'sub', 'sub', true);
  const { identity, capabilities, grants } = readGrants(payload);
  return identity === undefined
    ? { format: 'access', account, capabilities, grants }
    : { format: 'access', identity, account, capabilities, grants };
}

/**
 * Normalises a token's claims, in either format, onto one capability model, so "may this token
 * place outgoing calls for app X" has one answer whatever the format. Reads claims only: pass a
 * token you have verified (signature, `exp`, `nbf`) first.
 *
 * - capability token (`scope` claim): one capability per scope, parameters decoded, `appParams` as
 *   an object; `account` = `iss`.
 * - access token (`cty: "twilio-fpa;v=1"`): voice `incoming.allow: true` → `client:incoming`
 *   { clientName: identity }; voice `outgoing` → `client:outgoing` { appSid, clientName: identity,
 *   appParams }; `account` = `sub`; the whole `grants` claim is returned as `grants`.
 * - any other JWT: no capabilities.
 *
 * @example
 * const { payload } = await jwtVerify(token, secret, { algorithms: ['HS256'] });
 * const set = capabilitiesOf(parseToken(token));
 * hasCapability(set, 'client:outgoing', { appSid: 'AP…' }); // true or false, in either format
 *
 * @throws {CaptokenError} `CLAIM_INVALID` with `claim` (and `index` for a malformed scope, the
 * 0-based position in `scope`) when a claim the format needs is missing, mistyped or malformed;
 * `CONFIG_INVALID` when `token` has no header and payload objects.
 */
export function capabilitiesOf(token: TokenClaims): CapabilitySet {
  if (typeof token !== 'object' || token === null || !isJsonObject(token.header) || !isJsonObject(token.payload)) {
    throw new CaptokenError('CONFIG_INVALID', 'capabilitiesOf expects a verified or parsed token: { header, payload } JSON objects');
  }
  switch (detectFormat(token.header, token.payload)) {
    case 'capability':
      return fromCapabilityToken(token.payload);
    case 'access':
      return fromAccessToken(token.payload);
    case 'jwt':
      return { format: 'jwt', capabilities: [] };
  }
}
