// createVerifier: options checked and compiled once; returns hot verify functions.
import { isCaptokenError, type CaptokenErrorCode, configError } from '../errors.js';
import type { JsonObject } from '../json.js';
import type { JwsAlgorithm } from './algorithms.js';
import { deepFreeze, estimateEntryBytes, LruCache } from './cache.js';
import { compileStaticChecks, compileTimeChecks, type ClaimOptions } from './claims.js';
import { tokenFormat } from '../format.js';
import { compileJws, type HeaderEntry, type JwsReading } from './jws.js';
import {
  readAlgorithms,
  readCache,
  readFunction,
  readMaxLength,
  readOptions,
  readSeconds,
  readString,
  readStrings,
  VERIFIER_OPTIONS,
} from './options.js';
import type { CryptoProvider } from './provider.js';
import type { VerifiedToken, Verifier, VerifierOptions, VerifyResultEvent } from './types.js';

interface CacheEntry {
  readonly result: VerifiedToken;
  readonly insertedMs: number;
}

/** What a verification got to, for the metrics event. */
interface Trace {
  entry: HeaderEntry | undefined;
  payload: JsonObject | undefined;
  /** The token's kid named a configured key: only then is the (attacker-chosen) kid reported. */
  keyFound: boolean;
}

function readClaimOptions(o: Record<string, unknown>): ClaimOptions {
  const required = o['requiredClaims'];
  if (required !== undefined && (!Array.isArray(required) || !required.every((c) => typeof c === 'string' && c.length > 0))) {
    throw configError("'requiredClaims' must be an array of claim names");
  }
  return {
    issuer: readStrings(o['issuer'], 'issuer'),
    audience: readStrings(o['audience'], 'audience'),
    subject: readString(o['subject'], 'subject'),
    typ: readString(o['typ'], 'typ'),
    requiredClaims: required === undefined ? [] : [...(required as string[])],
    clockTolerance: readSeconds(o['clockTolerance'], 'clockTolerance', 0)!,
    maxTokenAge: readSeconds(o['maxTokenAge'], 'maxTokenAge', undefined),
  };
}

/** createVerifier with an explicit crypto provider (tests drive the Node and the WebCrypto paths). */
export function buildVerifier(options: VerifierOptions, provider: CryptoProvider): Verifier {
  const o = readOptions(options, VERIFIER_OPTIONS, 'verifier');
  const algorithms = readAlgorithms(o['algorithms']);
  const maxLength = readMaxLength(o['maxLength']);
  const claimOptions = readClaimOptions(o);
  const now = (readFunction(o['now'], 'now') as (() => number) | undefined) ?? Date.now;
  const cacheOptions = readCache(o['cache']);
  const onResult = readFunction(o['onResult'], 'onResult') as ((event: VerifyResultEvent) => void) | undefined;
  const core = compileJws<JsonObject>(
    { key: o['key'], jwks: o['jwks'], jwksUrl: o['jwksUrl'], jwksOptions: o['jwksOptions'] },
    algorithms,
    maxLength,
    provider,
    true,
  );
  const timeChecks = compileTimeChecks(claimOptions);
  const staticChecks = compileStaticChecks(claimOptions);
  const cache = cacheOptions === undefined ? undefined : new LruCache<string, CacheEntry>(cacheOptions.max, cacheOptions.maxBytes);
  const ttlMs = cacheOptions?.ttlMs ?? 0;

  function fromCache(token: string): VerifiedToken | undefined {
    const hit = cache!.get(token);
    if (hit === undefined) return undefined;
    const nowMs = now();
    if (nowMs - hit.insertedMs >= ttlMs || nowMs < hit.insertedMs) {
      cache!.delete(token);
      return undefined;
    }
    try {
      timeChecks(hit.result.payload, nowMs);
    } catch (error) {
      cache!.delete(token);
      throw error;
    }
    return hit.result;
  }

  function finish(token: string, reading: JwsReading<JsonObject>, trace: Trace | undefined): VerifiedToken {
    const entry = reading.header;
    const payload = reading.payload;
    if (trace !== undefined) trace.payload = payload;
    staticChecks(entry.header, payload);
    const nowMs = now();
    timeChecks(payload, nowMs);
    const alg: JwsAlgorithm = entry.alg;
    const result: VerifiedToken = entry.kid === undefined ? { header: entry.header, payload, alg } : { header: entry.header, payload, alg, kid: entry.kid };
    if (cache !== undefined) {
      // Bounded in bytes as well as entries: a 16 KiB token can decode to a few hundred KiB of objects.
      cache.set(token, { result: deepFreeze(result), insertedMs: nowMs }, estimateEntryBytes(token, [entry.header, payload]));
    }
    return result;
  }

  function verifySyncWith(token: string, trace: Trace | undefined): VerifiedToken {
    core.requireSync();
    if (cache !== undefined) {
      const hit = fromCache(token);
      if (hit !== undefined) return hit;
    }
    const reading = core.read(token);
    if (trace !== undefined) trace.entry = reading.header;
    core.checkSync(reading, trace);
    return finish(token, reading, trace);
  }

  async function verifyWith(token: string, trace: Trace | undefined): Promise<VerifiedToken> {
    if (cache !== undefined) {
      const hit = fromCache(token);
      if (hit !== undefined) return hit;
    }
    const reading = core.read(token);
    if (trace !== undefined) trace.entry = reading.header;
    await core.checkAsync(reading, trace);
    return finish(token, reading, trace);
  }

  if (onResult === undefined) {
    return {
      verify: (token) => verifyWith(token, undefined),
      verifySync: (token) => verifySyncWith(token, undefined),
    };
  }

  const report = (ok: boolean, error: unknown, trace: Trace, start: number, result?: VerifiedToken): void => {
    const event: VerifyResultEvent = { ok, durationMs: performance.now() - start };
    if (!ok) {
      const code: CaptokenErrorCode | undefined = isCaptokenError(error) ? error.code : undefined;
      if (code !== undefined) event.code = code;
    }
    const header = result?.header ?? trace.entry?.header;
    const payload = result?.payload ?? trace.payload;
    const alg = result?.alg ?? trace.entry?.alg;
    // A kid is reported only when it names a configured key (core.ring.namesKey), for every key
    // source: a single key is used whatever kid a token carries, so that kid is attacker text.
    const tokenKid = result !== undefined ? result.kid : trace.keyFound ? trace.entry?.kid : undefined;
    const kid = tokenKid !== undefined && alg !== undefined && core.ring.namesKey(alg, tokenKid) ? tokenKid : undefined;
    if (header !== undefined && payload !== undefined) event.format = tokenFormat(header, payload);
    if (alg !== undefined) event.alg = alg;
    if (kid !== undefined) event.kid = kid;
    try {
      onResult(event);
    } catch {
      // A metrics callback must never change a verification result.
    }
  };

  return {
    verifySync(token) {
      const start = performance.now();
      const trace: Trace = { entry: undefined, payload: undefined, keyFound: false };
      let result: VerifiedToken;
      try {
        result = verifySyncWith(token, trace);
      } catch (error) {
        report(false, error, trace, start);
        throw error;
      }
      report(true, undefined, trace, start, result);
      return result;
    },
    async verify(token) {
      const start = performance.now();
      const trace: Trace = { entry: undefined, payload: undefined, keyFound: false };
      let result: VerifiedToken;
      try {
        result = await verifyWith(token, trace);
      } catch (error) {
        report(false, error, trace, start);
        throw error;
      }
      report(true, undefined, trace, start, result);
      return result;
    },
  };
}
