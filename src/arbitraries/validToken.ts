import fc from 'fast-check';
import { encodeBase64url } from '../base64url/index.js';
import { tokenParts, type TokenParts, type TokenPartsOptions } from './tokenParts.js';

export interface ValidToken extends TokenParts {
  token: string;
}

const utf8 = new TextEncoder();
const jsonStringify = JSON.stringify;

/** `base64url(UTF-8(text))`: how a compact JWS encodes the JSON text of its header and payload. */
export function encodeJsonText(text: string): string {
  return encodeBase64url(utf8.encode(text));
}

/**
 * Well-formed compact tokens that every conforming parser must accept, with the parts that went in:
 * header and payload as `JSON.stringify` + UTF-8 + base64url, the signature as base64url of random
 * bytes (structure only: it does not verify). Registered `alg` values and claim types only, real
 * sizes (see `tokenParts()` for the options). Made for testing the conformance of *parsers*.
 *
 * @example
 * fc.assert(fc.property(validToken(), ({ token, payload }) => {
 *   expect(parseToken(token).payload).toEqual(payload);
 * }));
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for invalid options, as `tokenParts()`.
 */
export function validToken(options: TokenPartsOptions = {}): fc.Arbitrary<ValidToken> {
  return tokenParts(options).map((parts) => {
    const token = `${encodeJsonText(jsonStringify(parts.header))}.${encodeJsonText(jsonStringify(parts.payload))}.${encodeBase64url(parts.signature)}`;
    return { token, ...parts };
  });
}
