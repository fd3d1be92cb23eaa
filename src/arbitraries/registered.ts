// The registered JOSE header parameters and JWT claims, as the token generators model them. This is
// the generators' own model of the registries, not a rule captoken enforces: a valid generated token
// carries registered names only with their registered types, and never a parameter whose presence
// changes how a conforming parser must treat the token (crit, b64, zip, ...). Restated here on
// purpose, as the generators' independent reading of the RFCs; the parser does not use these lists.
import { JWS_ALGORITHMS, type JwsAlgorithm } from '../verify/algorithms.js';

/**
 * The JWS `alg` values a valid generated token carries: every registered JWS digital-signature or MAC
 * algorithm (RFC 7518 §3.1: HS/RS/ES/PS 256/384/512) and EdDSA (RFC 8037 §3.1); never `none`.
 * Imported from captoken's one algorithm table, which lists exactly these.
 */
export const REGISTERED_JWS_ALGORITHMS: readonly JwsAlgorithm[] = JWS_ALGORITHMS;

/**
 * Header parameter names registered for JWS and JWE (RFC 7515 §4.1, RFC 7516 §4.1, RFC 7518 §4.6-4.8,
 * RFC 7797 §3, RFC 8555 §6.4, RFC 8225 §8, RFC 7519 §5.3 replicated claims). A private header
 * parameter drawn by the generators never takes one of these names.
 */
export const REGISTERED_HEADER_PARAMETERS: ReadonlySet<string> = new Set([
  'alg', 'jku', 'jwk', 'kid', 'x5u', 'x5c', 'x5t', 'x5t#S256', 'typ', 'cty', 'crit',
  'enc', 'zip', 'epk', 'apu', 'apv', 'iv', 'tag', 'p2s', 'p2c',
  'b64', 'url', 'nonce', 'ppt', 'svt',
  'iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti',
]);

/** Claim names registered by RFC 7519 §4.1. A private claim drawn by the generators never takes one. */
export const REGISTERED_CLAIMS: ReadonlySet<string> = new Set(['iss', 'sub', 'aud', 'exp', 'nbf', 'iat', 'jti']);
