// fast-check arbitraries for tokens, published as `captoken/arbitraries`: the inputs of captoken's own
// property suite and of the conformance runner for other parsers.
export { urlCharBytes, type ByteLengthConstraints } from './urlCharBytes.js';
export { canonicalBase64url } from './canonicalBase64url.js';
export { base64urlish } from './base64urlish.js';
export { jsonClaims } from './jsonClaims.js';
export { REGISTERED_JWS_ALGORITHMS } from './registered.js';
export { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PAYLOAD_BYTES, tokenParts, type TokenParts, type TokenPartsOptions } from './tokenParts.js';
export { validToken, type ValidToken } from './validToken.js';
export { FAULT_CLASSES, invalidToken, type FaultClass, type InvalidToken, type InvalidTokenOptions } from './invalidToken.js';
