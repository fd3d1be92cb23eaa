import { SCOPE_NAME, encodeScope } from '../capabilities/scope.js';
import type { CapabilityParamValue } from '../capabilities/types.js';
import { optionError, readOptions, required } from '../options.js';
import { checkNow, checkSecret, checkSid, checkTtl } from './options.js';
import { checkScopeParams } from './params.js';
import { signHs256 } from './sign.js';

/** One scope to grant: a `Capability` from `capabilitiesOf` or a scope builder fits. */
export interface CapabilityInput {
  readonly service: string;
  readonly privilege: string;
  /** Strings, except `appParams`: an object of strings. Written in this order. */
  readonly params?: Readonly<Record<string, CapabilityParamValue>>;
}

export interface MintCapabilityTokenOptions {
  /** The account sid (`AC…`), written as `iss`. */
  readonly accountSid: string;
  /** The account's auth token (HMAC key, ≥ 32 bytes; a string is used as its UTF-8). */
  readonly secret: string | Uint8Array;
  /** The scopes, in order. An empty list writes `scope: ""`, as twilio does. */
  readonly capabilities: readonly CapabilityInput[];
  /** Lifetime in seconds (default 3600). */
  readonly ttl?: number;
  /** Clock in milliseconds since the epoch (default `Date.now`). */
  readonly now?: () => number;
}

const OPTIONS = new Set(['accountSid', 'secret', 'capabilities', 'ttl', 'now']);
const CAPABILITY_MEMBERS = new Set(['service', 'privilege', 'params']);

function scopeOf(capability: unknown, index: number): string {
  const where = `capabilities[${index}]`;
  if (typeof capability !== 'object' || capability === null || Array.isArray(capability)) throw optionError(where, 'an object');
  const { service, privilege, params } = readOptions(capability, CAPABILITY_MEMBERS, where);
  if (typeof service !== 'string' || !SCOPE_NAME.test(service)) throw optionError(`${where}.service`, 'a name of A-Z a-z 0-9 _ -');
  if (typeof privilege !== 'string' || !SCOPE_NAME.test(privilege)) throw optionError(`${where}.privilege`, 'a name of A-Z a-z 0-9 _ -');
  return encodeScope(service, privilege, checkScopeParams(params, `${where}.params`));
}

/**
 * Mints a legacy capability token (HS256): claims `scope`, `iss`, `exp`, `iat` in the order and
 * encoding twilio's `jwt.ClientCapability` writes them, header `{ alg: 'HS256', typ: 'JWT' }`.
 *
 * @example
 * const token = await mintCapabilityToken({
 *   accountSid: 'AC' + '0'.repeat(32),
 *   secret: authToken,
 *   capabilities: [incomingScope('alice'), outgoingScope({ appSid: 'AP' + '1'.repeat(32), clientName: 'alice' })],
 * });
 * // scope: 'scope:client:incoming?clientName=alice scope:client:outgoing?appSid=AP111…&clientName=alice'
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for an unknown option or capability member, a bad
 * `accountSid` or `appSid`, a secret under 32 bytes, a bad service/privilege name, parameter or
 * `ttl`, or a `now` that does not return milliseconds.
 */
export async function mintCapabilityToken(options: MintCapabilityTokenOptions): Promise<string> {
  const o = readOptions(options, OPTIONS, 'mintCapabilityToken');
  const iss = checkSid(o['accountSid'], 'accountSid', 'AC');
  const secret = checkSecret(o['secret'], 'secret');
  const capabilities = required(o['capabilities'], 'capabilities', 'an array of capabilities');
  if (!Array.isArray(capabilities)) throw optionError('capabilities', 'an array of capabilities');
  const scope = capabilities.map(scopeOf).join(' ');
  const ttl = checkTtl(o['ttl'], undefined);
  const iat = checkNow(o['now'])();
  return signHs256({ typ: 'JWT' }, { scope, iss, exp: iat + ttl, iat }, secret);
}
