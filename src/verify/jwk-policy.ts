// The JWK policy, in one place: which JWKs may verify JWS signatures (RFC 7517 §4.2-4.4), whatever
// jose's or node:crypto's import would allow. Two uses, one rule set:
// - a JWK given as `key` (checkJwkPolicy, applied by the runtime's prepareKey): a key that breaks a
//   rule is a configuration mistake, CONFIG_INVALID;
// - a member of a key set (`jwks`, or a fetched `jwksUrl`): a member meant for something else (an
//   encryption key, a key for an algorithm the verifier does not allow) is skipped, not an error —
//   key sets routinely publish such keys beside the signing ones (jwksMemberSkipReason).
import type { JWK } from 'jose';
import { configError } from '../errors.js';
import { isJwsAlgorithm, type JwsAlgorithm } from './algorithms.js';

const PRIVATE_MEMBERS = ['d', 'p', 'q', 'dp', 'dq', 'qi', 'oth'] as const;

/** `use`, when present, must be `sig` (§4.2): an encryption key never verifies. */
function useFault(jwk: Readonly<Record<string, unknown>>): string | undefined {
  const use = jwk['use'];
  if (use === undefined || use === 'sig') return undefined;
  return `a JWK with "use": ${JSON.stringify(use)} cannot verify signatures; only "use": "sig" keys may (RFC 7517 §4.2)`;
}

/** `key_ops`, when present, must be an array of strings that contains `verify` (§4.3). */
function keyOpsFault(jwk: Readonly<Record<string, unknown>>): string | undefined {
  const ops = jwk['key_ops'];
  if (ops === undefined) return undefined;
  if (!Array.isArray(ops) || !ops.every((op) => typeof op === 'string')) return "a JWK's key_ops must be an array of strings";
  if (!ops.includes('verify')) return `a JWK whose key_ops (${JSON.stringify(ops)}) lack "verify" cannot verify signatures (RFC 7517 §4.3)`;
  return undefined;
}

/** `alg`, when present, must be a JWS algorithm captoken verifies (§4.4); it binds the key to it. */
function algFault(jwk: Readonly<Record<string, unknown>>): string | undefined {
  const alg = jwk['alg'];
  if (alg === undefined || isJwsAlgorithm(alg)) return undefined;
  return `a JWK with "alg": ${JSON.stringify(alg)} is bound to an algorithm captoken does not verify (RFC 7517 §4.4)`;
}

/** No private members: a verifier is given public keys (a leaked private JWK in its configuration is worth failing on). */
function privateFault(jwk: Readonly<Record<string, unknown>>): string | undefined {
  if (jwk['kty'] === 'oct') return undefined;
  for (const member of PRIVATE_MEMBERS) {
    if (jwk[member] !== undefined) return `the JWK has the private member '${member}'; pass the public JWK`;
  }
  return undefined;
}

/**
 * The JWK rules a signature verifier applies before using a key:
 * - `kty` is a string;
 * - `use`, when present, is `sig` (RFC 7517 §4.2);
 * - `key_ops`, when present, is an array of strings containing `verify` (§4.3);
 * - `alg`, when present, is a supported JWS algorithm (§4.4), and binds the key to it;
 * - no private members.
 * Returns the algorithm the key is bound to, if any. Throws CONFIG_INVALID with the reason.
 */
export function checkJwkPolicy(jwk: JWK): JwsAlgorithm | undefined {
  const record = jwk as Readonly<Record<string, unknown>>;
  if (typeof record['kty'] !== 'string') throw configError("a JWK needs a string 'kty'");
  const fault = useFault(record) ?? keyOpsFault(record) ?? algFault(record) ?? privateFault(record);
  if (fault !== undefined) throw configError(fault);
  return record['alg'] as JwsAlgorithm | undefined;
}

/**
 * Why a key set member is not for verifying any of the `allowed` algorithms (it is then skipped),
 * or undefined when it is a candidate. The `use`, `key_ops` and `alg` rules of checkJwkPolicy, read
 * as "not meant for us" instead of "a mistake"; a candidate still goes through checkJwkPolicy when
 * it is prepared, so a private member in a set is still CONFIG_INVALID.
 */
export function jwksMemberSkipReason(jwk: Readonly<Record<string, unknown>>, allowed: ReadonlySet<string>): string | undefined {
  const fault = useFault(jwk) ?? keyOpsFault(jwk) ?? algFault(jwk);
  if (fault !== undefined) return fault;
  const alg = jwk['alg'];
  if (alg !== undefined && !allowed.has(alg as string)) return `it is bound to ${alg as string}, which the verifier does not allow`;
  return undefined;
}
