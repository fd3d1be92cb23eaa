// The JWS layer: the token read in parseToken's order (parse.ts readCompact), then the header policy,
// the key lookup and the signature check. No claims. The JWT verifier is built on it; createJwsVerifier
// exposes it.
import { CaptokenError } from '../errors.js';
import { ownMember, type JsonObject } from '../json.js';
import { readCompact, type HeaderMemo, type ReadPlan, type TokenHeader, type TokenReading } from '../parse.js';
import type { JwsAlgorithm } from './algorithms.js';
import { deepFreeze } from './cache.js';
import { compileKeyRing, type KeyRing, type KeySource } from './keys.js';
import type { CryptoProvider, SignatureCheck } from './provider.js';

/** Why a header fails the policy: kept in place of its entry, thrown only after the token is read. */
interface HeaderFault {
  readonly code: 'ALG_NOT_ALLOWED' | 'CRIT_UNSUPPORTED' | 'CLAIM_INVALID';
  readonly claim: string;
  readonly message: string;
}

/** A header read once, past the policy, and kept: frozen, because one object is shared by every token that carries it. */
export interface HeaderEntry {
  readonly header: TokenHeader;
  readonly alg: JwsAlgorithm;
  readonly kid: string | undefined;
  /** The local key's check, found on first use (local key sources only). */
  check: SignatureCheck | undefined;
}

/** One token read and past the header policy (no crypto yet). */
export type JwsReading<P> = TokenReading<HeaderEntry, P>;

const HEADER_CACHE_MAX = 64;

function fault(code: HeaderFault['code'], claim: string, message: string): HeaderFault {
  return { code, claim, message };
}

/**
 * The header rules: allowed alg, no crit, no b64, string kid/typ/cty. Never throws: a fault is
 * returned, and kept. Members are read as own members (json.ts `ownMember`): a polluted
 * Object.prototype cannot lend a header an `alg` or hide its `crit`. Runs once per distinct header.
 */
function readHeader(header: JsonObject, allowed: ReadonlySet<string>): HeaderEntry | HeaderFault {
  const alg = ownMember(header, 'alg');
  if (typeof alg !== 'string') return fault('ALG_NOT_ALLOWED', 'alg', "the header has no string 'alg'");
  if (!allowed.has(alg)) {
    return fault(
      'ALG_NOT_ALLOWED',
      'alg',
      alg.toLowerCase() === 'none' ? "'alg: none' (an unsigned token) is never accepted" : 'the header alg is not in the allowed algorithms',
    );
  }
  if (ownMember(header, 'crit') !== undefined) {
    return fault('CRIT_UNSUPPORTED', 'crit', "the header has 'crit'; captoken implements no critical header extensions (RFC 7515 §4.1.11)");
  }
  if (ownMember(header, 'b64') !== undefined) {
    return fault('CRIT_UNSUPPORTED', 'b64', "the header has 'b64'; unencoded payloads (RFC 7797) are not supported");
  }
  const kid = ownMember(header, 'kid');
  if (kid !== undefined && typeof kid !== 'string') return fault('CLAIM_INVALID', 'kid', "the header 'kid' must be a string");
  for (const member of ['typ', 'cty'] as const) {
    const value = ownMember(header, member);
    if (value !== undefined && typeof value !== 'string') {
      return fault('CLAIM_INVALID', member, `the header '${member}' must be a string`);
    }
  }
  return { header: deepFreeze(header), alg: alg as JwsAlgorithm, kid, check: undefined };
}

/** KEY_ASYNC: the one place it is made. */
function keyAsync(): CaptokenError {
  return new CaptokenError('KEY_ASYNC', 'verifySync needs a local key source and a synchronous crypto runtime (Node); use verify()');
}

export interface JwsCore<P> {
  readonly ring: KeyRing;
  readonly provider: CryptoProvider;
  /**
   * Reads the token in parseToken's order, then applies the header policy: every fault parseToken
   * reports comes first, with its code, offset and segment; then ALG_NOT_ALLOWED, CRIT_UNSUPPORTED,
   * CLAIM_INVALID (kid, typ, cty).
   */
  read(token: string): JwsReading<P>;
  /** Throws KEY_ASYNC when verifySync cannot run (a remote key set, or a runtime without synchronous crypto). */
  requireSync(): void;
  /** The synchronous signature check, right after `read`: KEY_NOT_FOUND, SIGNATURE_INVALID. */
  checkSync(reading: JwsReading<P>, trace?: { keyFound: boolean }): void;
  checkAsync(reading: JwsReading<P>, trace?: { keyFound: boolean }): Promise<void>;
}

function invalid(reading: TokenReading<unknown, unknown>): CaptokenError {
  return new CaptokenError('SIGNATURE_INVALID', 'signature verification failed', { segment: 'signature', offset: reading.signingInput.length + 1 });
}

/**
 * Compiles the JWS layer once per verifier. `payloadJson`: the payload is read as a strict JSON object
 * (JWT) or as bytes (JWS).
 */
export function compileJws<P extends JsonObject | Uint8Array>(
  source: KeySource,
  algorithms: readonly JwsAlgorithm[],
  maxLength: number,
  provider: CryptoProvider,
  payloadJson: P extends JsonObject ? true : false,
): JwsCore<P> {
  const ring = compileKeyRing(source, algorithms, provider);
  const allowed = new Set<string>(algorithms);
  const headers = new Map<string, HeaderEntry | HeaderFault>();
  const local = ring.local;
  const syncAvailable = local !== undefined && provider.sync;
  let lastHeader = '';
  let lastEntry: HeaderEntry | HeaderFault | undefined;

  const memo: HeaderMemo<HeaderEntry | HeaderFault> = {
    find(token, first) {
      // Most tokens repeat the previous header: compare in place before slicing and hashing a key.
      if (first === lastHeader.length && token.startsWith(lastHeader)) return lastEntry; // lastHeader is never empty once matched
      const segment = token.slice(0, first);
      const entry = headers.get(segment);
      if (entry !== undefined) {
        lastHeader = segment;
        lastEntry = entry;
      }
      return entry;
    },
    keep(token, first, header) {
      const segment = token.slice(0, first);
      const entry = readHeader(header, allowed);
      if (headers.size >= HEADER_CACHE_MAX) headers.clear();
      headers.set(segment, entry);
      lastHeader = segment;
      lastEntry = entry;
      return entry;
    },
  };
  // The signature may live in the codec's scratch only when every check is synchronous: with a remote
  // key set or WebCrypto, verify() awaits between reading the token and checking its signature.
  const plan: ReadPlan<HeaderEntry | HeaderFault, P> = { headers: memo, payloadJson, signatureScratch: syncAvailable };

  function read(token: string): JwsReading<P> {
    const reading = readCompact(token, maxLength, plan);
    const kept = reading.header;
    if ('code' in kept) throw new CaptokenError(kept.code, kept.message, { segment: 'header', offset: 0, claim: kept.claim });
    return reading as JwsReading<P>;
  }

  function requireSync(): void {
    if (!syncAvailable) throw keyAsync();
  }

  function checkSync(reading: JwsReading<P>, trace?: { keyFound: boolean }): void {
    const entry = reading.header;
    // requireSync() has passed: the key source is local and every check has a sync path.
    const check = (entry.check ??= local!(entry.alg, entry.kid));
    if (trace !== undefined) trace.keyFound = true;
    if (!check.sync!(reading.signingInput, reading.signature)) throw invalid(reading);
  }

  async function checkAsync(reading: JwsReading<P>, trace?: { keyFound: boolean }): Promise<void> {
    const entry = reading.header;
    const check = local === undefined ? await ring.resolve(entry.alg, entry.kid) : (entry.check ??= local(entry.alg, entry.kid));
    if (trace !== undefined) trace.keyFound = true;
    const input = reading.signingInput;
    const ok = check.sync !== undefined ? check.sync(input, reading.signature) : await check.async(input, reading.signature);
    if (!ok) throw invalid(reading);
  }

  return { ring, provider, read, requireSync, checkSync, checkAsync };
}
