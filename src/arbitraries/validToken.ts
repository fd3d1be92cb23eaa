import fc from 'fast-check';
import { encodeBase64url } from '../base64url/index.js';
import type { JsonObject } from '../json.js';
import { tokenParts, type TokenParts } from './tokenParts.js';

export interface ValidToken extends TokenParts {
  token: string;
}

const utf8 = new TextEncoder();

/** `base64url(UTF-8(JSON text))`: how a compact JWS encodes its header and payload. */
function encodeJsonSegment(value: JsonObject): string {
  return encodeBase64url(utf8.encode(JSON.stringify(value)));
}

/** Joins encoded parts as `<header>.<payload>.<signature>`. */
function assembleToken(parts: TokenParts): string {
  return `${encodeJsonSegment(parts.header)}.${encodeJsonSegment(parts.payload)}.${encodeBase64url(parts.signature)}`;
}

/**
 * Well-formed compact tokens that a strict parser must accept, with the parts that went in: header
 * and payload as `JSON.stringify` + UTF-8 + base64url, the signature as base64url of random bytes
 * (structure only: it does not verify). Made for testing the conformance of *parsers*.
 *
 * @example
 * fc.assert(fc.property(validToken(), ({ token, payload }) => {
 *   expect(parseToken(token).payload).toEqual(payload);
 * }));
 *
 * @throws never
 */
export function validToken(): fc.Arbitrary<ValidToken> {
  return tokenParts().map((parts) => ({ token: assembleToken(parts), ...parts }));
}
