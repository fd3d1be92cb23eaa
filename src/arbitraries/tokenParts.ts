import fc from 'fast-check';
import { configError } from '../errors.js';
import type { JsonObject } from '../json.js';
import type { JwsAlgorithm } from '../verify/algorithms.js';
import { claimString, claimValue, newObject, privateMembers, scalarClaimValue } from './jsonClaims.js';
import { REGISTERED_CLAIMS, REGISTERED_HEADER_PARAMETERS, REGISTERED_JWS_ALGORITHMS } from './registered.js';
import { signatureBytes } from './signatureBytes.js';

export interface TokenParts {
  header: JsonObject;
  payload: JsonObject;
  signature: Uint8Array;
}

/** What `tokenParts()` (and the token arbitraries built on it) draws. */
export interface TokenPartsOptions {
  /**
   * The `alg` values drawn: registered JWS algorithms only (RFC 7518 §3.1, RFC 8037 §3.1). Default:
   * all of them. Narrow it to what the parser under test supports. `none` is never drawn.
   */
  algorithms?: readonly JwsAlgorithm[];
  /** Largest header, in bytes of its UTF-8 JSON text. Default 511 (under 512 bytes, as real headers are). */
  maxHeaderBytes?: number;
  /** Largest payload, in bytes of its UTF-8 JSON text. Default 8191 (under 8 KiB). A few payloads come near it. */
  maxPayloadBytes?: number;
}

/** Default of {@link TokenPartsOptions.maxHeaderBytes}: headers under 512 bytes. */
export const DEFAULT_MAX_HEADER_BYTES = 511;
/** Default of {@link TokenPartsOptions.maxPayloadBytes}: payloads under 8 KiB. */
export const DEFAULT_MAX_PAYLOAD_BYTES = 8191;

/** Bytes of the UTF-8 encoding of a well-formed string, counted without encoding it. */
function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      n += 4; // a surrogate pair: one 4-byte sequence
      i++;
    } else n += 3;
  }
  return n;
}

const jsonBytes = (value: JsonObject): number => utf8Length(JSON.stringify(value));

const typ = fc.constantFrom('JWT', 'at+jwt', 'application/cap+jwt', 'cap~token?');
// Never "JWT": that cty announces a nested JWT (RFC 7519 §5.2), which a parser may try to unwrap.
const cty = fc.constantFrom('twilio-fpa;v=1', 'application/json');

/** StringOrURI (RFC 7519 §2): any string, but one holding ':' must be a URI, so none holds ':'. */
const stringOrUri = claimString.filter((s) => !s.includes(':'));
/** NumericDate (RFC 7519 §2) as integers: issued and valid from the past, expiring after 2100. */
const pastDate = fc.integer({ min: 946_684_800, max: 1_700_000_000 });
const futureDate = fc.integer({ min: 4_102_444_800, max: 4_294_967_295 });

/** The registered claims (RFC 7519 §4.1), each optional, each with its registered type. */
const registeredClaims: fc.Arbitrary<JsonObject> = fc.record(
  {
    iss: stringOrUri,
    sub: stringOrUri,
    aud: fc.oneof(stringOrUri, fc.array(stringOrUri, { minLength: 1, maxLength: 3 })),
    exp: futureDate,
    nbf: pastDate,
    iat: pastDate,
    jti: claimString,
  },
  { requiredKeys: [] },
);

/** Members in either order: private first is what puts a '-'/'_' at index 3 of a segment. */
function merge(a: JsonObject, b: JsonObject, bFirst: boolean): JsonObject {
  // A fresh object also gives Object.prototype: fc.record may build null-prototype objects.
  const out = newObject();
  const x = bFirst ? b : a;
  const y = bFirst ? a : b;
  const xs = Object.keys(x);
  for (let i = 0; i < xs.length; i++) out[xs[i]!] = x[xs[i]!]!;
  const ys = Object.keys(y);
  for (let i = 0; i < ys.length; i++) out[ys[i]!] = y[ys[i]!]!;
  return out;
}

/** Characters for the long claim of a large payload: plain, with '-'/'_' makers, with 2- and 3-byte UTF-8. */
const FILLERS = ['abc', 'a?~>', 'é€a'];

/** Appends a `pad` claim of about `target` bytes, never making the payload larger than `max`. */
function padded(payload: JsonObject, target: number, pattern: string, max: number): JsonObject {
  const room = Math.min(target, max - jsonBytes({ ...payload, pad: '' }));
  let pad = '';
  let bytes = 0;
  for (let i = 0; room > 0; i++) {
    const c = pattern.charAt(i % pattern.length);
    const size = utf8Length(c);
    if (bytes + size > room) break;
    pad += c;
    bytes += size;
  }
  const out = merge(payload, {}, false);
  out['pad'] = pad;
  return out;
}

function checkBytes(name: string, value: number | undefined, fallback: number, min: number): number {
  if (value === undefined) return fallback;
  if (!Number.isSafeInteger(value) || value < min) throw configError(`tokenParts: ${name} must be an integer >= ${min}`);
  return value;
}

/** Token parts with the JSON texts of the header and payload (what the size bounds were checked on). */
export interface TokenPartsWithJson {
  parts: TokenParts;
  headerJson: string;
  payloadJson: string;
}

/**
 * The three parts of a compact JWS before encoding, as real tokens have them:
 * - header: `alg` (a registered JWS algorithm, never `none`), often `typ`, `kid` (strings) and `cty`,
 *   sometimes private parameters with scalar values; never `crit`, `b64`, `jku`, `jwk`, `x5*`, `zip`
 *   or any other registered name with a meaning a parser must act on; under `maxHeaderBytes`;
 * - payload: the registered claims with their registered types (`exp`/`nbf`/`iat` NumericDates,
 *   `iss`/`sub` strings, `aud` a string or an array of strings, `jti` a string), each optional, and
 *   private claims as `jsonClaims()` draws them (UTF-8 up to 4 bytes, `?`/`>`/`~`, modest nesting,
 *   no lone surrogates); a few payloads are large, always under `maxPayloadBytes`;
 * - signature: random bytes (not a real signature) at real and free sizes, with '-'/'_' placed first,
 *   last and anywhere in its encoding, in every length class (0, 2, 3 mod 4).
 * Everything shrinks toward `{"alg":"HS256"}` (the first algorithm), `{}` and a one-byte signature.
 *
 * @example
 * fc.assert(fc.property(tokenParts({ algorithms: ['RS256', 'ES256'] }), ({ header }) => ['RS256', 'ES256'].includes(header.alg)));
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when `options` is not an object, `algorithms` is empty or names an unregistered algorithm, or a size
 * bound is not an integer of at least 128 (header) or 256 (payload) bytes.
 */
export function tokenParts(options: TokenPartsOptions = {}): fc.Arbitrary<TokenParts> {
  return tokenPartsWithJson(options).map((p) => p.parts);
}

/**
 * `tokenParts()` with the JSON texts kept (the size bounds are checked on them): for generators that
 * encode the parts, so that nothing is stringified twice. Same options, same values for a seed.
 *
 * @throws {CaptokenError} `CONFIG_INVALID`, as `tokenParts()`.
 */
export function tokenPartsWithJson(options: TokenPartsOptions = {}): fc.Arbitrary<TokenPartsWithJson> {
  const given: unknown = options;
  if (typeof given !== 'object' || given === null || Array.isArray(given)) throw configError('tokenParts: options must be an object');
  const algorithms: unknown = options.algorithms ?? REGISTERED_JWS_ALGORITHMS;
  if (!Array.isArray(algorithms) || algorithms.length === 0 || !algorithms.every((a) => REGISTERED_JWS_ALGORITHMS.includes(a as never))) {
    throw configError(`tokenParts: algorithms must be registered JWS algorithms (${REGISTERED_JWS_ALGORITHMS.join(', ')})`);
  }
  const maxHeaderBytes = checkBytes('maxHeaderBytes', options.maxHeaderBytes, DEFAULT_MAX_HEADER_BYTES, 128);
  const maxPayloadBytes = checkBytes('maxPayloadBytes', options.maxPayloadBytes, DEFAULT_MAX_PAYLOAD_BYTES, 256);

  const header = fc
    .tuple(
      fc.record({ alg: fc.constantFrom(...(algorithms as typeof REGISTERED_JWS_ALGORITHMS)), typ, kid: claimString, cty }, { requiredKeys: ['alg'] }),
      fc.option(privateMembers(scalarClaimValue, 3, REGISTERED_HEADER_PARAMETERS), { freq: 2, nil: undefined }),
      fc.boolean(),
    )
    .map(([known, extra, privateFirst]) => {
      const value = merge(known, extra ?? {}, privateFirst);
      return { value, json: JSON.stringify(value) };
    })
    .filter((h) => utf8Length(h.json) <= maxHeaderBytes);

  const claims = fc
    .tuple(registeredClaims, privateMembers(claimValue, 6, REGISTERED_CLAIMS), fc.boolean())
    .map(([registered, extra, privateFirst]) => merge(registered, extra, privateFirst));
  const payload = fc
    .oneof(
      { withCrossShrink: true },
      { weight: 99, arbitrary: claims },
      {
        weight: 1,
        arbitrary: fc
          .tuple(claims, fc.nat({ max: maxPayloadBytes }), fc.constantFrom(...FILLERS))
          .map(([c, target, pattern]) => padded(c, target, pattern, maxPayloadBytes)),
      },
    )
    .map((value) => ({ value, json: JSON.stringify(value) }))
    .filter((p) => utf8Length(p.json) <= maxPayloadBytes);

  return fc
    .tuple(header, payload, signatureBytes())
    .map(([h, p, signature]) => ({ parts: { header: h.value, payload: p.value, signature }, headerJson: h.json, payloadJson: p.json }));
}
