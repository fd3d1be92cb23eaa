// The JWS layer: split, strict header, strict base64url payload and signature, key lookup, signature
// check. No claims. The JWT verifier is built on it; createJwsVerifier exposes it.
import { CaptokenError } from '../errors.js';
import { decodeJson, splitToken, type TokenHeader } from '../parse.js';
import { decodeBase64urlBytes, decodeBase64urlText } from '../base64url/runtime-node.js';
import { decodeUtf8 } from '../utf8.js';
import type { JwsAlgorithm } from './algorithms.js';
import { deepFreeze } from './cache.js';
import { compileKeyRing, type KeyRing, type KeySource } from './keys.js';
import type { CryptoProvider, SignatureCheck } from './provider.js';

/** A header read once and kept: frozen, because one object is shared by every token that carries it. */
export interface HeaderEntry {
  readonly header: TokenHeader;
  readonly alg: JwsAlgorithm;
  readonly kid: string | undefined;
  /** The local key's check, found on first use (local key sources only). */
  check: SignatureCheck | undefined;
}

/** One token taken apart (no crypto yet). */
export interface SplitJws {
  readonly entry: HeaderEntry;
  readonly first: number;
  readonly second: number;
  readonly payload: Uint8Array;
  readonly signature: Uint8Array;
}

const HEADER_CACHE_MAX = 64;

/** Decoded segment bytes as a strict JSON object (parse.ts's rule: TOKEN_UTF8, then strict JSON). */
export function decodeJsonSegment(bytes: Uint8Array, segment: 'header' | 'payload', offset: number): TokenHeader {
  return decodeJson(decodeUtf8(bytes), segment, offset);
}

function headerError(code: 'ALG_NOT_ALLOWED' | 'CRIT_UNSUPPORTED' | 'CLAIM_INVALID', claim: string, message: string): CaptokenError {
  return new CaptokenError(code, message, { segment: 'header', offset: 0, claim });
}

/** The header rules: allowed alg, no crit, no b64, string kid/typ/cty. */
function readHeader(segment: string, allowed: ReadonlySet<string>): HeaderEntry {
  const header = decodeJson(decodeBase64urlText(segment, 0, 'header'), 'header', 0);
  const alg = header['alg'];
  if (typeof alg !== 'string') throw headerError('ALG_NOT_ALLOWED', 'alg', "the header has no string 'alg'");
  if (!allowed.has(alg)) {
    throw headerError(
      'ALG_NOT_ALLOWED',
      'alg',
      alg.toLowerCase() === 'none' ? "'alg: none' (an unsigned token) is never accepted" : 'the header alg is not in the allowed algorithms',
    );
  }
  if (header['crit'] !== undefined) {
    throw headerError('CRIT_UNSUPPORTED', 'crit', "the header has 'crit'; captoken implements no critical header extensions (RFC 7515 §4.1.11)");
  }
  if (header['b64'] !== undefined) {
    throw headerError('CRIT_UNSUPPORTED', 'b64', "the header has 'b64'; unencoded payloads (RFC 7797) are not supported");
  }
  const kid = header['kid'];
  if (kid !== undefined && typeof kid !== 'string') throw headerError('CLAIM_INVALID', 'kid', "the header 'kid' must be a string");
  for (const member of ['typ', 'cty'] as const) {
    if (header[member] !== undefined && typeof header[member] !== 'string') {
      throw headerError('CLAIM_INVALID', member, `the header '${member}' must be a string`);
    }
  }
  return { header: deepFreeze(header), alg: alg as JwsAlgorithm, kid, check: undefined };
}

export interface JwsCore {
  readonly ring: KeyRing;
  readonly provider: CryptoProvider;
  /** Splits and decodes; throws the encoding, structure and header errors. */
  split(token: string): SplitJws;
  /** The synchronous signature check; throws KEY_ASYNC, KEY_NOT_FOUND, SIGNATURE_INVALID. */
  checkSync(token: string, parts: SplitJws, trace?: { keyFound: boolean }): void;
  checkAsync(token: string, parts: SplitJws, trace?: { keyFound: boolean }): Promise<void>;
}

function invalid(second: number): CaptokenError {
  return new CaptokenError('SIGNATURE_INVALID', 'signature verification failed', { segment: 'signature', offset: second + 1 });
}

export function compileJws(source: KeySource, algorithms: readonly JwsAlgorithm[], maxLength: number, provider: CryptoProvider): JwsCore {
  const ring = compileKeyRing(source, algorithms, provider);
  const allowed = new Set<string>(algorithms);
  const headers = new Map<string, HeaderEntry>();
  const remote = ring.remote;
  let lastHeader = '';
  let lastEntry: HeaderEntry | undefined;

  function split(token: string): SplitJws {
    if (typeof token === 'string' && token.charCodeAt(0) === 0x7b) {
      throw new CaptokenError('TOKEN_MALFORMED', 'this is a JWS JSON serialization; only the compact serialization is accepted', { offset: 0 });
    }
    const [first, second] = splitToken(token, maxLength);
    // Most tokens repeat the previous header: compare in place before slicing and hashing a key.
    let entry: HeaderEntry | undefined;
    if (first === lastHeader.length && token.startsWith(lastHeader)) {
      entry = lastEntry!; // set together with lastHeader, which is never empty once matched
    } else {
      const headerSegment = token.slice(0, first);
      entry = headers.get(headerSegment);
      if (entry === undefined) {
        entry = readHeader(headerSegment, allowed);
        if (headers.size >= HEADER_CACHE_MAX) headers.clear();
        headers.set(headerSegment, entry);
      }
      lastHeader = headerSegment;
      lastEntry = entry;
    }
    const payload = decodeBase64urlBytes(token.slice(first + 1, second), first + 1, 'payload');
    const signature = decodeBase64urlBytes(token.slice(second + 1), second + 1, 'signature');
    return { entry, first, second, payload, signature };
  }

  function localCheck(entry: HeaderEntry): SignatureCheck {
    return (entry.check ??= ring.local(entry.alg, entry.kid));
  }

  function checkSync(token: string, parts: SplitJws, trace?: { keyFound: boolean }): void {
    const check = remote ? ring.local(parts.entry.alg, parts.entry.kid) : localCheck(parts.entry);
    if (trace !== undefined) trace.keyFound = true;
    const sync = check.sync;
    if (sync === undefined) {
      throw new CaptokenError('KEY_ASYNC', `verifySync needs a synchronous crypto path, which the ${provider.name} runtime lacks; use verify()`);
    }
    if (!sync(token.slice(0, parts.second), parts.signature)) throw invalid(parts.second);
  }

  async function checkAsync(token: string, parts: SplitJws, trace?: { keyFound: boolean }): Promise<void> {
    const check = remote ? await ring.resolve(parts.entry.alg, parts.entry.kid) : localCheck(parts.entry);
    if (trace !== undefined) trace.keyFound = true;
    const input = token.slice(0, parts.second);
    const ok = check.sync !== undefined ? check.sync(input, parts.signature) : await check.async(input, parts.signature);
    if (!ok) throw invalid(parts.second);
  }

  return { ring, provider, split, checkSync, checkAsync };
}
