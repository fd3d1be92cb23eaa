// The remote key set (`jwksUrl`): a small fetcher with the limits jose's createRemoteJWKSet lacks,
// feeding the same key-set compiler as a local `jwks` (key-set.ts), so one JWK policy applies to
// every key source. What it caps and refuses:
// - the response size (jwksOptions.maxResponseBytes, default 1 MiB), checked against Content-Length
//   and again while the body streams in: a huge body is never read whole;
// - the time (timeoutDuration, default 5 s) for the whole exchange, body included;
// - `http://`, except to loopback hosts (localhost, 127.0.0.0/8, [::1]) unless allowHttp is set;
//   credentials in the URL; redirects (not followed: a redirect could leave https);
// - repeated fetches: one fetch in flight is shared; a set is kept `cacheMaxAge` (default 10 min);
//   an unknown kid refetches at most once per `cooldownDuration` (default 30 s); after a failed fetch,
//   verifications fail fast for a back-off that starts at 1 s and doubles to at most 60 s.
// A failing or unusable set is KEY_SOURCE_UNAVAILABLE, with the HTTP status or network error; the
// URL in messages is origin and path only (no credentials, no query).
import { CaptokenError, configError } from '../errors.js';
import { isPlainObject, optionError, readBoolean, readNested, readNumber } from '../options.js';
import { shownUrl } from '../shown-url.js';
import type { KeySetIndex } from './key-set.js';

/** Options of a remote key set (`jwksOptions`). Durations are in milliseconds. */
export interface RemoteKeySetOptions {
  /** Time limit for one fetch, response body included. Default 5000. */
  timeoutDuration?: number;
  /** Least time between two fetches caused by a kid the cached set lacks (a key rotation). Default 30000. */
  cooldownDuration?: number;
  /** How long a fetched set is used before it is fetched again. Default 600000 (10 min). */
  cacheMaxAge?: number;
  /** Extra request headers (an API key for the key server, say). */
  headers?: Record<string, string>;
  /** Largest accepted response body, in bytes. Default 1 MiB (1048576). */
  maxResponseBytes?: number;
  /** Allow `http://` to a host that is not loopback. Default false: key sets travel over https. */
  allowHttp?: boolean;
}

export const REMOTE_JWKS_DEFAULTS = /* @__PURE__ */ Object.freeze({
  timeoutDuration: 5000,
  cooldownDuration: 30_000,
  cacheMaxAge: 600_000,
  maxResponseBytes: 1024 * 1024,
});

/** After a failed fetch, no new fetch for 1 s, doubling per consecutive failure, at most 60 s. */
export const FAILURE_BACKOFF_MS = /* @__PURE__ */ Object.freeze({ first: 1000, max: 60_000 });

const REMOTE_OPTIONS = ['timeoutDuration', 'cooldownDuration', 'cacheMaxAge', 'headers', 'maxResponseBytes', 'allowHttp'] as const;

export interface RemoteKeySetConfig {
  readonly url: URL;
  /** `origin + path` of the URL: what messages show (never credentials or the query). */
  readonly shown: string;
  readonly timeoutDuration: number;
  readonly cooldownDuration: number;
  readonly cacheMaxAge: number;
  readonly maxResponseBytes: number;
  readonly headers: Readonly<Record<string, string>>;
}

/** True for loopback hosts: `localhost` (and `*.localhost`, RFC 6761), 127.0.0.0/8, `[::1]`. */
export function isLoopbackHost(hostname: string): boolean {
  const host = hostname.toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '[::1]') return true;
  return /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

/** Checks `jwksUrl` and `jwksOptions` once, at construction. CONFIG_INVALID for anything that cannot work. */
export function readRemoteKeySet(value: unknown, options: unknown): RemoteKeySetConfig {
  let url: URL | undefined;
  if (typeof value === 'string' || value instanceof URL) {
    try {
      url = new URL(value instanceof URL ? value.href : value);
    } catch {
      url = undefined;
    }
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:')) throw optionError('jwksUrl', 'an absolute http(s) URL');
  if (url.username !== '' || url.password !== '') {
    throw configError("'jwksUrl' must not carry credentials (user:pass@); send them in jwksOptions.headers");
  }
  const o = readNested(options, 'jwksOptions', REMOTE_OPTIONS) ?? {};
  const allowHttp = readBoolean(o['allowHttp'], 'jwksOptions.allowHttp') ?? false;
  if (url.protocol === 'http:' && !allowHttp && !isLoopbackHost(url.hostname)) {
    throw configError(`'jwksUrl' ${shownUrl(url)} is http:// to a host that is not loopback; key sets must travel over https (set jwksOptions.allowHttp to opt in)`);
  }
  const headers = o['headers'];
  if (headers !== undefined && (!isPlainObject(headers) || !Object.values(headers).every((v) => typeof v === 'string'))) {
    throw optionError('jwksOptions.headers', 'an object of header name → string');
  }
  const ms = (name: 'timeoutDuration' | 'cooldownDuration' | 'cacheMaxAge', rule: { above?: number; min?: number }) =>
    readNumber(o[name], `jwksOptions.${name}`, { ...rule, unit: 'milliseconds' }) ?? REMOTE_JWKS_DEFAULTS[name];
  return {
    url,
    shown: shownUrl(url),
    timeoutDuration: ms('timeoutDuration', { above: 0 }),
    cooldownDuration: ms('cooldownDuration', { min: 0 }),
    cacheMaxAge: ms('cacheMaxAge', { above: 0 }),
    maxResponseBytes:
      readNumber(o['maxResponseBytes'], 'jwksOptions.maxResponseBytes', { integer: true, above: 0, unit: 'bytes' }) ?? REMOTE_JWKS_DEFAULTS.maxResponseBytes,
    headers: { ...(headers as Record<string, string> | undefined) },
  };
}

function unavailable(config: RemoteKeySetConfig, reason: string): CaptokenError {
  return new CaptokenError('KEY_SOURCE_UNAVAILABLE', `the key set at ${config.shown} is unavailable: ${reason}`);
}

/** What went wrong on the network, without anything the server sent. */
function networkReason(error: unknown, config: RemoteKeySetConfig): string {
  const name = (error as { name?: unknown } | null)?.name;
  if (name === 'TimeoutError' || name === 'AbortError') return `no complete response within ${config.timeoutDuration} ms (jwksOptions.timeoutDuration)`;
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (typeof cause?.code === 'string') return `network error ${cause.code}`;
  if (typeof cause?.message === 'string') return `network error: ${cause.message}`;
  return `network error: ${error instanceof Error ? error.message : String(error)}`;
}

/** The body, read chunk by chunk and abandoned as soon as it passes the cap. */
async function readCapped(response: Response, config: RemoteKeySetConfig): Promise<Uint8Array> {
  const cap = config.maxResponseBytes;
  const declared = Number(response.headers.get('content-length'));
  if (Number.isFinite(declared) && declared > cap) {
    await response.body?.cancel().catch(() => undefined);
    throw unavailable(config, `the response is ${declared} bytes, over the limit of ${cap} (jwksOptions.maxResponseBytes)`);
  }
  const body = response.body;
  if (body === null) return new Uint8Array(0);
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.length;
    if (total > cap) {
      await reader.cancel().catch(() => undefined);
      throw unavailable(config, `the response is over the limit of ${cap} bytes (jwksOptions.maxResponseBytes)`);
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.length;
  }
  return bytes;
}

/** One fetch of the set: the `keys` array, or KEY_SOURCE_UNAVAILABLE saying why not. */
export async function fetchKeySet(config: RemoteKeySetConfig): Promise<unknown[]> {
  let response: Response;
  try {
    response = await fetch(config.url, {
      headers: { accept: 'application/jwk-set+json, application/json', ...config.headers },
      redirect: 'manual',
      signal: AbortSignal.timeout(config.timeoutDuration),
    });
  } catch (error) {
    throw unavailable(config, networkReason(error, config));
  }
  if (response.status !== 200) {
    await response.body?.cancel().catch(() => undefined);
    const redirect = (response.status >= 300 && response.status < 400) || response.type === 'opaqueredirect';
    throw unavailable(config, `HTTP ${response.status}${redirect ? ' (a redirect; redirects are not followed)' : ''}`);
  }
  let bytes: Uint8Array;
  try {
    bytes = await readCapped(response, config);
  } catch (error) {
    if (error instanceof CaptokenError) throw error;
    throw unavailable(config, networkReason(error, config));
  }
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw unavailable(config, 'the response is not UTF-8 JSON');
  }
  const keys: unknown = isPlainObject(json) ? json['keys'] : undefined;
  if (!Array.isArray(keys)) throw unavailable(config, 'the response is not a JWK Set ({"keys": [...]})');
  return keys as unknown[];
}

export interface RemoteKeySource {
  /** The set to use now: the cached one while younger than cacheMaxAge, else a fresh fetch. */
  current(): Promise<KeySetIndex>;
  /** A fresh set when the cooldown allows a fetch (an unknown kid may be a rotated key), else undefined. */
  refreshed(): Promise<KeySetIndex | undefined>;
  /** The set fetched last, if any. */
  last(): KeySetIndex | undefined;
}

/**
 * The fetch policy around {@link fetchKeySet}: caching, cooldown, one fetch in flight, back-off after
 * failures. `compile` turns a fetched `keys` array into a lookup; `clock` is injectable for tests.
 */
export function createRemoteKeySource(
  config: RemoteKeySetConfig,
  compile: (keys: unknown[]) => KeySetIndex,
  fetchKeys: (config: RemoteKeySetConfig) => Promise<unknown[]> = fetchKeySet,
  clock: () => number = Date.now,
): RemoteKeySource {
  let index: KeySetIndex | undefined;
  let fetchedAt = 0;
  let inflight: Promise<KeySetIndex> | undefined;
  let failures = 0;
  let retryAt = 0;
  let lastFailure: CaptokenError | undefined;

  function load(): Promise<KeySetIndex> {
    if (inflight !== undefined) return inflight;
    const now = clock();
    if (lastFailure !== undefined && now < retryAt) {
      const wait = Math.ceil((retryAt - now) / 1000);
      return Promise.reject(new CaptokenError('KEY_SOURCE_UNAVAILABLE', `${lastFailure.message} (not fetched again for ${wait} s after ${failures} failed fetch${failures === 1 ? '' : 'es'})`));
    }
    const attempt = (async () => {
      try {
        const fresh = compile(await fetchKeys(config));
        index = fresh;
        fetchedAt = clock();
        failures = 0;
        lastFailure = undefined;
        return fresh;
      } catch (error) {
        failures++;
        retryAt = clock() + Math.min(FAILURE_BACKOFF_MS.first * 2 ** (failures - 1), FAILURE_BACKOFF_MS.max);
        lastFailure = error instanceof CaptokenError ? error : unavailable(config, networkReason(error, config));
        throw lastFailure;
      }
    })();
    // Cleared once settled (also when fetchKeys failed synchronously, before `attempt` was assigned).
    const settled = (): void => {
      if (inflight === attempt) inflight = undefined;
    };
    attempt.then(settled, settled);
    inflight = attempt;
    return attempt;
  }

  return {
    current() {
      if (index !== undefined && clock() - fetchedAt < config.cacheMaxAge) return Promise.resolve(index);
      return load();
    },
    refreshed() {
      if (index !== undefined && clock() - fetchedAt < config.cooldownDuration) return Promise.resolve(undefined);
      return load();
    },
    last: () => index,
  };
}
