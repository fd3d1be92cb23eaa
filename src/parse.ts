import { CaptokenError, configError, type TokenSegment } from './errors.js';
import { parseJsonObject, type JsonObject } from './json.js';
import { DEFAULT_MAX_LENGTH } from './limits.js';
import { decodeBase64urlBytes, decodeBase64urlText } from './base64url/runtime-node.js';

export { DEFAULT_MAX_LENGTH };

/** The JOSE header of a token: a plain JSON object (`alg`, `typ`, `kid`, `cty`, …). */
export type TokenHeader = JsonObject;
/** The claims of a token: a plain JSON object. */
export type TokenPayload = JsonObject;

export interface ParsedToken {
  header: TokenHeader;
  payload: TokenPayload;
  /** The decoded signature bytes. */
  signature: Uint8Array;
  /** `<header>.<payload>` exactly as received: the bytes the signature covers (ASCII). */
  signingInput: string;
}

export interface ParseOptions {
  /** Reject longer tokens before any other work. Default 16 KiB. */
  maxLength?: number;
}

function checkMaxLength(maxLength: unknown): number {
  if (maxLength === undefined) return DEFAULT_MAX_LENGTH;
  if (typeof maxLength !== 'number' || !Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw configError('maxLength must be a positive integer');
  }
  return maxLength;
}

function decodeSegment(token: string, start: number, end: number, segment: TokenSegment): Uint8Array {
  return decodeBase64urlBytes(token.slice(start, end), start, segment);
}

/**
 * The text of a header or payload segment (undefined: it was not UTF-8) as a strict JSON object:
 * TOKEN_UTF8, or parseJsonObject's rules. The verifier's JWS layer shares it.
 */
export function decodeJson(text: string | undefined, segment: 'header' | 'payload', offset: number): JsonObject {
  if (text === undefined) {
    throw new CaptokenError('TOKEN_UTF8', `the ${segment} segment is not valid UTF-8`, { offset, segment });
  }
  return parseJsonObject(text, segment, offset);
}

/**
 * Splits a compact token at its two dots. Returns the dot positions; throws TOKEN_MALFORMED unless
 * there are exactly three segments with a non-empty header and signature.
 */
export function splitToken(token: string, maxLength: number): [number, number] {
  if (typeof token !== 'string') {
    throw new CaptokenError('TOKEN_MALFORMED', 'a token must be a string');
  }
  if (token.length > maxLength) {
    throw new CaptokenError('TOKEN_TOO_LARGE', `the token is ${token.length} characters long, over the limit of ${maxLength}`);
  }
  const first = token.indexOf('.');
  const second = first === -1 ? -1 : token.indexOf('.', first + 1);
  if (second === -1) {
    throw new CaptokenError('TOKEN_MALFORMED', `a compact token has three segments separated by '.'; this one has ${first === -1 ? 1 : 2}`);
  }
  const third = token.indexOf('.', second + 1);
  if (third !== -1) {
    throw new CaptokenError('TOKEN_MALFORMED', `a compact token has three segments; a fourth starts after the '.' at ${third}`, {
      offset: third,
    });
  }
  if (first === 0) {
    throw new CaptokenError('TOKEN_MALFORMED', 'the header segment is empty', { offset: 0, segment: 'header' });
  }
  if (second === token.length - 1) {
    throw new CaptokenError('TOKEN_MALFORMED', "the signature segment is empty (unsecured 'alg: none' tokens are not accepted)", {
      offset: token.length,
      segment: 'signature',
    });
  }
  return [first, second];
}

/** The parser behind `parseToken`, with `maxLength` already validated. */
export function parseCompact(token: string, maxLength: number): ParsedToken {
  const [first, second] = splitToken(token, maxLength);
  // Decode all three segments first, so the leftmost encoding fault is the one reported.
  // Header and payload are needed as text only: no owned bytes for them. A UTF-8 fault is reported
  // after all three segments decoded, so the leftmost encoding fault still wins.
  const headerText = decodeBase64urlText(token.slice(0, first), 0, 'header');
  const payloadText = decodeBase64urlText(token.slice(first + 1, second), first + 1, 'payload');
  const signature = decodeSegment(token, second + 1, token.length, 'signature');
  const header = decodeJson(headerText, 'header', 0);
  const payload = decodeJson(payloadText, 'payload', first + 1);
  return { header, payload, signature, signingInput: token.slice(0, second) };
}

/**
 * Strictly parses a compact JWS/JWT without verifying it: exactly three canonical base64url segments,
 * a header and a payload that are UTF-8 JSON objects with no repeated or prototype-reaching member
 * names. Offsets in errors index into `token`, so a caret can point at the fault.
 *
 * @example
 * const { header, payload } = parseToken(token);
 * console.log(header.alg, payload.sub);
 *
 * @throws {CaptokenError} `TOKEN_TOO_LARGE`, `TOKEN_MALFORMED`, `BASE64URL_INVALID_CHAR`,
 * `BASE64URL_PADDING`, `BASE64URL_LENGTH`, `BASE64URL_NONCANONICAL`, `TOKEN_UTF8`, `TOKEN_JSON`,
 * `TOKEN_DUPLICATE_MEMBER`, `TOKEN_FORBIDDEN_MEMBER`; `CONFIG_INVALID` for a bad `maxLength`.
 */
export function parseToken(token: string, options?: ParseOptions): ParsedToken {
  return parseCompact(token, checkMaxLength(options?.maxLength));
}

export { checkMaxLength };
