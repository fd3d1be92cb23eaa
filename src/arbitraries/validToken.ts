import fc from 'fast-check';
import { encodeBase64url } from '../base64url/index.js';
import { tokenParts, type TokenParts } from './tokenParts.js';

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
 * A valid token with the JSON texts its header and payload were encoded from (for the conformance
 * kit, which re-spells them; not part of the published API).
 */
export interface ValidTokenWithJson extends ValidToken {
  headerJson: string;
  payloadJson: string;
}

function withJson(parts: TokenParts): ValidTokenWithJson {
  const headerJson = jsonStringify(parts.header);
  const payloadJson = jsonStringify(parts.payload);
  const token = `${encodeJsonText(headerJson)}.${encodeJsonText(payloadJson)}.${encodeBase64url(parts.signature)}`;
  return { token, header: parts.header, payload: parts.payload, signature: parts.signature, headerJson, payloadJson };
}

/** The tokens of `validToken()` (same values for the same seed), each with its two JSON texts. */
export function validTokenWithJson(): fc.Arbitrary<ValidTokenWithJson> {
  return tokenParts().map(withJson);
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
  return tokenParts().map((parts) => {
    const token = `${encodeJsonText(jsonStringify(parts.header))}.${encodeJsonText(jsonStringify(parts.payload))}.${encodeBase64url(parts.signature)}`;
    return { token, ...parts };
  });
}
