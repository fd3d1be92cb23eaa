// A JSON Web Key Set compiled into a lookup from (alg, kid) to a signature check. One compiler for
// both set sources: a local `jwks` (given by the application: a bad member is CONFIG_INVALID) and a
// fetched `jwksUrl` (published by someone else: a member captoken cannot use is skipped, so one odd
// key in an issuer's set cannot stop every verification). The JWK rules are jwk-policy.ts's.
import { CaptokenError, configError } from '../errors.js';
import { keyMismatch, type JwsAlgorithm } from './algorithms.js';
import { jwksMemberSkipReason } from './jwk-policy.js';
import type { CryptoProvider, SignatureCheck } from './provider.js';

/** KEY_NOT_FOUND. `kid` is a header member: the error points at the header, naming `kid`. */
export function keyNotFound(message: string): CaptokenError {
  return new CaptokenError('KEY_NOT_FOUND', message, { segment: 'header', offset: 0, claim: 'kid' });
}

export interface KeySetIndex {
  /** The check for a token's (alg, kid). Throws KEY_NOT_FOUND. */
  find(alg: JwsAlgorithm, kid: string | undefined): SignatureCheck;
  /** True when `kid` names a key of this set usable with `alg`. */
  hasKid(alg: JwsAlgorithm, kid: string): boolean;
}

interface AlgKeys {
  readonly byKid: Map<string, SignatureCheck>;
  /** Kids that two keys of a fetched set share for this alg: a token naming one is KEY_NOT_FOUND. */
  readonly ambiguous: Set<string>;
  readonly all: SignatureCheck[];
}

/** `local`: the application's own set (faults are CONFIG_INVALID); `remote`: a fetched set (unusable members are skipped). */
export type KeySetOrigin = 'local' | 'remote';

function memberError(origin: KeySetOrigin, message: string): CaptokenError | undefined {
  return origin === 'local' ? configError(message) : undefined;
}

/**
 * Compiles `keys` (the `keys` array of a JWKS) for `algorithms`. A local set must give every allowed
 * algorithm a key (CONFIG_INVALID otherwise); a fetched set need not (a token for a missing
 * algorithm is then KEY_NOT_FOUND).
 */
export function compileKeySet(keys: readonly unknown[], algorithms: readonly JwsAlgorithm[], provider: CryptoProvider, origin: KeySetOrigin): KeySetIndex {
  const allowed = new Set<string>(algorithms);
  const byAlg = new Map<JwsAlgorithm, AlgKeys>();
  for (const alg of algorithms) byAlg.set(alg, { byKid: new Map(), ambiguous: new Set(), all: [] });
  for (let index = 0; index < keys.length; index++) {
    const jwk = keys[index];
    if (typeof jwk !== 'object' || jwk === null || Array.isArray(jwk)) {
      const error = memberError(origin, `jwks.keys[${index}] is not a JWK object`);
      if (error !== undefined) throw error;
      continue;
    }
    const record = jwk as Record<string, unknown>;
    if (jwksMemberSkipReason(record, allowed) !== undefined) continue;
    const kid = record['kid'];
    if (kid !== undefined && typeof kid !== 'string') {
      const error = memberError(origin, `jwks.keys[${index}] has a non-string kid`);
      if (error !== undefined) throw error;
      continue;
    }
    let prepared;
    try {
      prepared = provider.prepareKey({ kind: 'jwk', jwk });
    } catch (error) {
      if (origin === 'local') throw configError(`jwks.keys[${index}]: ${(error as Error).message}`);
      continue;
    }
    for (const alg of algorithms) {
      if (keyMismatch(alg, prepared.facts) !== undefined) continue;
      const entry = byAlg.get(alg)!;
      const check = prepared.check(alg);
      if (kid !== undefined) {
        if (entry.byKid.has(kid) || entry.ambiguous.has(kid)) {
          if (origin === 'local') throw configError(`jwks has two keys with kid ${JSON.stringify(kid)} for ${alg}; a token could not name one`);
          entry.byKid.delete(kid);
          entry.ambiguous.add(kid);
        } else {
          entry.byKid.set(kid, check);
        }
      }
      entry.all.push(check);
    }
  }
  if (origin === 'local') {
    for (const [alg, entry] of byAlg) {
      if (entry.all.length === 0) throw configError(`algorithm ${alg} has no matching key in jwks`);
    }
  }
  const where = origin === 'local' ? 'the key set' : 'the fetched key set';
  return {
    find(alg, kid) {
      const entry = byAlg.get(alg)!;
      if (kid !== undefined) {
        const check = entry.byKid.get(kid);
        if (check !== undefined) return check;
        if (entry.ambiguous.has(kid)) throw keyNotFound(`${where} has several keys with the token's kid for ${alg}; it cannot name one`);
        throw keyNotFound(`no key in ${where} has the token's kid for ${alg}`);
      }
      if (entry.all.length !== 1) {
        throw keyNotFound(`the token has no kid and ${where} holds ${entry.all.length} keys for ${alg}; the token must name one`);
      }
      return entry.all[0]!;
    },
    hasKid(alg, kid) {
      return byAlg.get(alg)?.byKid.has(kid) === true;
    },
  };
}
