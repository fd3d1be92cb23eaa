import { configError } from '../errors.js';
import { ACCESS_TOKEN_CTY } from '../format.js';
import type { JsonObject } from '../json.js';
import { optionError, readBoolean, readNested, readNumber, readOptions, readString } from '../options.js';
import { MAX_ACCESS_TOKEN_TTL_SECONDS, checkNow, checkSecret, checkSid, checkText, checkTtl } from './options.js';
import { checkExtraGrants, checkStringParams } from './params.js';
import { signHs256 } from './sign.js';

/** The voice grant, with twilio's `VoiceGrant` option names. */
export interface VoiceGrantOptions {
  /** Receive calls as the token's identity (`incoming.allow: true`). */
  readonly incomingAllow?: boolean;
  /** Place calls through this application (`AP…`): `outgoing.application_sid`. */
  readonly outgoingApplicationSid?: string;
  /** Parameters passed to the application: `outgoing.params`. Needs `outgoingApplicationSid`. */
  readonly outgoingApplicationParams?: Readonly<Record<string, string>>;
  /** Push credential (`CR…`) for incoming-call notifications. */
  readonly pushCredentialSid?: string;
  /** Identifies this device among several with the same identity. */
  readonly endpointId?: string;
}

export interface MintAccessTokenOptions {
  /** The account sid (`AC…`), written as `sub`. */
  readonly accountSid: string;
  /** The API key sid (`SK…`), written as `iss` and in `jti`. */
  readonly keySid: string;
  /** The API key secret (HMAC key, ≥ 32 bytes; a string is used as its UTF-8). */
  readonly secret: string | Uint8Array;
  /** `grants.identity`. */
  readonly identity: string;
  readonly voice?: VoiceGrantOptions;
  /** Other grants (`video`, `chat`, …), signed as they are, after `identity` and `voice`. */
  readonly grants?: Readonly<Record<string, JsonObject>>;
  /** Lifetime in seconds: default 3600, at most 86400. */
  readonly ttl?: number;
  /** `nbf`, in seconds since the epoch; must be before `exp`. */
  readonly nbf?: number;
  /** Twilio region, written as the `twr` header member. */
  readonly region?: string;
  /** Clock in milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
}

const OPTIONS = new Set(['accountSid', 'keySid', 'secret', 'identity', 'voice', 'grants', 'ttl', 'nbf', 'region', 'now']);
const VOICE_OPTIONS = new Set(['incomingAllow', 'outgoingApplicationSid', 'outgoingApplicationParams', 'pushCredentialSid', 'endpointId']);
const REGION = /^[a-z0-9-]+$/;

/** The voice grant's JSON, members written as twilio's VoiceGrant.toPayload writes them. */
function voiceGrant(value: unknown): JsonObject {
  const v = readNested(value, 'voice', VOICE_OPTIONS)!;
  const grant: JsonObject = {};
  const allow = readBoolean(v['incomingAllow'], 'voice.incomingAllow');
  if (allow === true) grant['incoming'] = { allow: true };
  const appSid = v['outgoingApplicationSid'];
  const appParams = v['outgoingApplicationParams'];
  if (appSid !== undefined) {
    const outgoing: JsonObject = { application_sid: checkSid(appSid, 'voice.outgoingApplicationSid', 'AP') };
    if (appParams !== undefined) outgoing['params'] = checkStringParams(appParams, 'voice.outgoingApplicationParams');
    grant['outgoing'] = outgoing;
  } else if (appParams !== undefined) {
    throw configError("'voice.outgoingApplicationParams' needs 'voice.outgoingApplicationSid'");
  }
  if (v['pushCredentialSid'] !== undefined) grant['push_credential_sid'] = checkSid(v['pushCredentialSid'], 'voice.pushCredentialSid', 'CR');
  if (v['endpointId'] !== undefined) grant['endpoint_id'] = checkText(v['endpointId'], 'voice.endpointId', true);
  return grant;
}

/**
 * Mints an access token (HS256) as twilio's `jwt.AccessToken` writes it: header
 * `{ alg, typ: 'JWT', cty: 'twilio-fpa;v=1', twr? }`, claims `jti` (`<keySid>-<iat>`), `grants`
 * (`identity`, `voice`, then the other grants), `nbf?`, `iat`, `exp`, `iss` (key sid), `sub` (account sid).
 *
 * @example
 * const token = await mintAccessToken({
 *   accountSid: 'AC' + '0'.repeat(32),
 *   keySid: 'SK' + '0'.repeat(32),
 *   secret: apiKeySecret,
 *   identity: 'alice',
 *   voice: { incomingAllow: true, outgoingApplicationSid: 'AP' + '1'.repeat(32) },
 * });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for an unknown option (also inside `voice`), a bad sid,
 * a secret under 32 bytes, an empty identity, a `ttl` over 24 h, an `nbf` not before `exp`, grants
 * that are not JSON objects (or that set `identity`/`voice`), or a `now` that does not return milliseconds.
 */
export async function mintAccessToken(options: MintAccessTokenOptions): Promise<string> {
  const o = readOptions(options, OPTIONS, 'mintAccessToken');
  const sub = checkSid(o['accountSid'], 'accountSid', 'AC');
  const iss = checkSid(o['keySid'], 'keySid', 'SK');
  const secret = checkSecret(o['secret'], 'secret');
  const grants: JsonObject = { identity: checkText(o['identity'], 'identity', true) };
  if (o['voice'] !== undefined) grants['voice'] = voiceGrant(o['voice']);
  Object.assign(grants, checkExtraGrants(o['grants']));
  const ttl = checkTtl(o['ttl'], MAX_ACCESS_TOKEN_TTL_SECONDS);
  const nbf = readNumber(o['nbf'], 'nbf', { integer: true, min: 0, unit: 'seconds since the epoch' });
  const header: JsonObject = { typ: 'JWT', cty: ACCESS_TOKEN_CTY };
  const region = readString(o['region'], 'region', { pattern: REGION, expectation: 'a region name of a-z 0-9 -' });
  if (region !== undefined) header['twr'] = region;
  const iat = checkNow(o['now'])();
  const exp = iat + ttl;
  if (nbf !== undefined && nbf >= exp) throw optionError('nbf', 'before exp: the token would never be valid');
  const payload: JsonObject = { jti: `${iss}-${iat}`, grants };
  if (nbf !== undefined) payload['nbf'] = nbf;
  payload['iat'] = iat;
  payload['exp'] = exp;
  payload['iss'] = iss;
  payload['sub'] = sub;
  return signHs256(header, payload, secret);
}
