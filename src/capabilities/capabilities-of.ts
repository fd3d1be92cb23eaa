import { configError } from '../errors.js';
import { ownMember, type JsonObject } from '../json.js';
import { readGrants } from './access-grants.js';
import { ACCESS_TOKEN_CTY, tokenFormat } from '../format.js';
import { isJsonObject, readString, wrongType } from './claims.js';
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
  const capabilities = parseScopeClaim(ownMember(payload, 'scope'));
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
 * `tokenFormat` (the verifier's rule, shared so metrics and this agree) reads a token whose `cty`
 * says access but whose `grants` is not an object, or whose `scope` is not a string, as a plain JWT.
 * Here those are faults, not a silent "no capabilities".
 */
function checkFormatClaims(header: JsonObject, payload: JsonObject): void {
  if (ownMember(header, 'cty') === ACCESS_TOKEN_CTY) {
    if (!isJsonObject(ownMember(payload, 'grants'))) throw wrongType('grants', 'a JSON object in an access token');
  } else if (ownMember(payload, 'scope') !== undefined && typeof ownMember(payload, 'scope') !== 'string') {
    throw wrongType('scope', 'a string in a capability token');
  }
}

/**
 * Normalises a token's claims, in either format, onto one capability model, so "may this token
 * place outgoing calls for app X" has one answer whatever the format. Reads claims only: pass a
 * token you have verified (signature, `exp`, `nbf`) first.
 *
 * The format is `tokenFormat(header, payload)`:
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
  const given: unknown = token;
  if (typeof given !== 'object' || given === null || !isJsonObject(token.header) || !isJsonObject(token.payload)) {
    throw configError('capabilitiesOf expects a verified or parsed token: { header, payload } JSON objects');
  }
  checkFormatClaims(token.header, token.payload);
  switch (tokenFormat(token.header, token.payload)) {
    case 'capability':
      return fromCapabilityToken(token.payload);
    case 'access':
      return fromAccessToken(token.payload);
    case 'jwt':
      return { format: 'jwt', capabilities: [] };
  }
}
