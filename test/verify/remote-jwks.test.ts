// The remote key set's fetcher (src/verify/remote-jwks.ts): what it caps, refuses and backs off
// from, against a loopback HTTP server (no other network).
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import * as jose from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CaptokenError } from '../../src/errors.js';
import { createVerifier } from '../../src/verify/index.js';
import type { KeySetIndex } from '../../src/verify/key-set.js';
import {
  createRemoteKeySource,
  FAILURE_BACKOFF_MS,
  isLoopbackHost,
  readRemoteKeySet,
  REMOTE_JWKS_DEFAULTS,
} from '../../src/verify/remote-jwks.js';
import { shownUrl } from '../../src/shown-url.js';
import { expectCode, expectRejectCode } from './support.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

let server: Server | undefined;
let base = '';
let closedPort = 0;
const hits = new Map<string, number>();
/** Bytes the server managed to write per path before the client hung up. */
const written = new Map<string, number>();
let es: CryptoKeyPair;
let jwks: { keys: jose.JWK[] } = { keys: [] };
let rotating: { keys: jose.JWK[] } = { keys: [] };

/** Streams 64 KiB chunks until `limit` bytes or the client hangs up, counting what was written. */
function stream(path: string, res: ServerResponse, limit: number): void {
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  let total = 0;
  let closed = false;
  res.on('close', () => {
    closed = true;
    written.set(path, total);
  });
  const pump = (): void => {
    while (!closed && total < limit) {
      total += chunk.length;
      if (!res.write(chunk)) {
        res.once('drain', pump);
        return;
      }
    }
    if (!closed) res.end();
  };
  pump();
}

const routes: Record<string, Handler> = {
  '/jwks.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(jwks)),
  '/rotating.json': (_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(rotating)),
  '/status/503': (_req, res) => res.writeHead(503).end('down for maintenance: secret-internal-detail'),
  '/status/500': (_req, res) => res.writeHead(500).end(),
  '/redirect': (_req, res) => res.writeHead(302, { location: '/jwks.json' }).end(),
  '/not-json': (_req, res) => res.writeHead(200).end('<html>hello</html>'),
  '/not-jwks': (_req, res) => res.writeHead(200).end('{"issuer":"x"}'),
  '/slow': () => {
    // Never answers: the client's timeout must end the exchange.
  },
  '/huge-declared': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(256 * 1024 * 1024) });
    stream('/huge-declared', res, 256 * 1024 * 1024);
  },
  '/huge-chunked': (_req, res) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    stream('/huge-chunked', res, 256 * 1024 * 1024);
  },
};

beforeAll(async () => {
  es = await jose.generateKeyPair('ES256', { extractable: true });
  jwks = { keys: [{ ...(await jose.exportJWK(es.publicKey)), kid: 'es', alg: 'ES256', use: 'sig' }] };
  const http = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const route = routes[path];
    if (route === undefined) res.writeHead(404).end();
    else route(req, res);
  });
  server = http;
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise((resolve) => probe.close(resolve));
});

afterAll(async () => {
  const http = server;
  if (http !== undefined) {
    http.closeAllConnections();
    await new Promise((resolve) => http.close(resolve));
  }
});

const sign = (kid: string, key: CryptoKey = es.privateKey) => new jose.SignJWT({ sub: 'alice' }).setProtectedHeader({ alg: 'ES256', kid }).sign(key);

async function unavailable(path: string, options: Record<string, unknown> = {}): Promise<CaptokenError> {
  const v = createVerifier({ algorithms: ['ES256'], jwksUrl: `${base}${path}`, jwksOptions: options });
  const error: unknown = await expectRejectCode(v.verify(await sign('es')), 'KEY_SOURCE_UNAVAILABLE');
  return error as CaptokenError;
}

describe('remote JWKS: failures are KEY_SOURCE_UNAVAILABLE', () => {
  it('finding 6: an unreachable or failing JWKS reports KEY_SOURCE_UNAVAILABLE with the HTTP status or network error, and no claim', async () => {
    const status = await unavailable('/status/503');
    expect(status.message).toBe(`the key set at ${base}/status/503 is unavailable: HTTP 503`);
    expect(status.message).not.toContain('secret-internal-detail');
    for (const field of ['claim', 'segment', 'offset', 'index'] as const) expect(field in status, field).toBe(false);
    expect((await unavailable('/status/500')).message).toContain('HTTP 500');
    expect((await unavailable('/nowhere')).message).toContain('HTTP 404');
    const refused = createVerifier({ algorithms: ['ES256'], jwksUrl: `http://127.0.0.1:${closedPort}/jwks.json` });
    expect((await expectRejectCode(refused.verify(await sign('es')), 'KEY_SOURCE_UNAVAILABLE')).message).toContain('network error ECONNREFUSED');
    const slow = await unavailable('/slow', { timeoutDuration: 150 });
    expect(slow.message).toContain('no complete response within 150 ms');
    expect((await unavailable('/not-json')).message).toContain('not UTF-8 JSON');
    expect((await unavailable('/not-jwks')).message).toContain('not a JWK Set');
  });

  it('does not follow redirects (a redirect could leave https)', async () => {
    const redirect = await unavailable('/redirect');
    expect(redirect.message).toContain('HTTP 302 (a redirect; redirects are not followed)');
  });

  it('messages show scheme, host and path only: never a query (it may hold an API key)', async () => {
    const error = await unavailable('/status/503?api_key=sekrit-value');
    expect(error.message).not.toContain('sekrit');
    expect(shownUrl(new URL('https://h.example:8443/a/b?q=1#f'))).toBe('https://h.example:8443/a/b');
  });
});

describe('remote JWKS: response size cap', () => {
  it('finding 6: a JWKS response over maxResponseBytes is refused without being read whole (declared or streamed)', async () => {
    const declared = await unavailable('/huge-declared');
    expect(declared.message).toContain(`the response is ${256 * 1024 * 1024} bytes, over the limit of ${REMOTE_JWKS_DEFAULTS.maxResponseBytes}`);
    const streamed = await unavailable('/huge-chunked');
    expect(streamed.message).toContain(`over the limit of ${REMOTE_JWKS_DEFAULTS.maxResponseBytes} bytes`);
    // The server stops as soon as the client hangs up: far less than the 256 MiB it offered.
    await expect.poll(() => written.get('/huge-chunked'), { timeout: 5000 }).toBeDefined();
    expect(written.get('/huge-chunked')!).toBeLessThan(32 * 1024 * 1024);
    const small = await unavailable('/jwks.json', { maxResponseBytes: 64 });
    expect(small.message).toContain('over the limit of 64');
  });

  it('the default cap is 1 MiB', () => {
    expect(REMOTE_JWKS_DEFAULTS.maxResponseBytes).toBe(1024 * 1024);
  });
});

describe('remote JWKS: back-off', () => {
  it('finding 6: after a failed fetch, 200 verifications against a failing endpoint make 1 fetch, not 200', async () => {
    const v = createVerifier({ algorithms: ['ES256'], jwksUrl: `${base}/status/500` });
    const token = await sign('es');
    const before = hits.get('/status/500') ?? 0;
    const concurrent = await Promise.allSettled(Array.from({ length: 100 }, () => v.verify(token)));
    for (let i = 0; i < 100; i++) await expectRejectCode(v.verify(token), 'KEY_SOURCE_UNAVAILABLE');
    expect(concurrent.every((r) => r.status === 'rejected' && (r.reason as CaptokenError).code === 'KEY_SOURCE_UNAVAILABLE')).toBe(true);
    expect((hits.get('/status/500') ?? 0) - before).toBe(1);
    const later = await expectRejectCode(v.verify(token), 'KEY_SOURCE_UNAVAILABLE');
    expect(later.message).toMatch(/HTTP 500 \(not fetched again for 1 s after 1 failed fetch\)$/);
  });

  it('the back-off doubles per consecutive failure, up to 60 s, and ends with a good fetch', async () => {
    let now = 1_000_000;
    let fail = true;
    let fetches = 0;
    const index: KeySetIndex = { find: () => ({ sync: undefined, async: () => Promise.resolve(true) }), hasKid: () => false };
    const config = readRemoteKeySet('https://issuer.example/jwks', undefined);
    const source = createRemoteKeySource(
      config,
      () => index,
      () => {
        fetches++;
        return fail ? Promise.reject(new CaptokenError('KEY_SOURCE_UNAVAILABLE', 'HTTP 503')) : Promise.resolve([]);
      },
      () => now,
    );
    await expect(source.current()).rejects.toMatchObject({ code: 'KEY_SOURCE_UNAVAILABLE' });
    expect(fetches).toBe(1);
    // Step the clock in 250 ms until a verification fetches again: that is the back-off of the round.
    const waits: number[] = [];
    for (let round = 0; round < 8; round++) {
      const fetched = fetches;
      let waited = 0;
      while (fetches === fetched) {
        now += 250;
        waited += 250;
        await expect(source.current()).rejects.toMatchObject({ code: 'KEY_SOURCE_UNAVAILABLE' });
      }
      waits.push(waited);
    }
    // Doubling from FAILURE_BACKOFF_MS.first, capped at .max.
    expect(waits).toStrictEqual([1000, 2000, 4000, 8000, 16_000, 32_000, 60_000, 60_000]);
    expect(FAILURE_BACKOFF_MS).toStrictEqual({ first: 1000, max: 60_000 });
    fail = false;
    now += 60_000;
    await expect(source.current()).resolves.toBe(index);
    expect(source.last()).toBe(index);
  });

  it('a cached set is used for cacheMaxAge; an unknown kid refetches at most once per cooldown (key rotation)', async () => {
    const old = await jose.generateKeyPair('ES256', { extractable: true });
    rotating = { keys: [{ ...(await jose.exportJWK(old.publicKey)), kid: 'old' }] };
    const v = createVerifier({ algorithms: ['ES256'], jwksUrl: `${base}/rotating.json`, jwksOptions: { cooldownDuration: 0 } });
    const before = hits.get('/rotating.json') ?? 0;
    expect((await v.verify(await sign('old', old.privateKey))).kid).toBe('old');
    expect((await v.verify(await sign('old', old.privateKey))).kid).toBe('old');
    expect((hits.get('/rotating.json') ?? 0) - before).toBe(1);
    // The issuer rotates in a new key: the unknown kid triggers one refetch, which finds it.
    const next = await jose.generateKeyPair('ES256', { extractable: true });
    rotating = { keys: [...rotating.keys, { ...(await jose.exportJWK(next.publicKey)), kid: 'new' }] };
    expect((await v.verify(await sign('new', next.privateKey))).kid).toBe('new');
    expect((hits.get('/rotating.json') ?? 0) - before).toBe(2);
    // With the default 30 s cooldown, an unknown kid right after a fetch does not fetch again.
    const cooled = createVerifier({ algorithms: ['ES256'], jwksUrl: `${base}/rotating.json` });
    expect((await cooled.verify(await sign('old', old.privateKey))).kid).toBe('old');
    const mid = hits.get('/rotating.json') ?? 0;
    for (let i = 0; i < 20; i++) await expectRejectCode(cooled.verify(await sign(`forged-${i}`, old.privateKey)), 'KEY_NOT_FOUND');
    expect(hits.get('/rotating.json')).toBe(mid);
  });

  it('skips members it cannot use instead of failing the whole set', async () => {
    rotating = {
      keys: [
        { kty: 'RSA', n: 'AQAB', e: 'AQAB', kid: 'broken' },
        { kty: 'EC', crv: 'P-256', x: 'not-base64url!', y: 'x', kid: 'bad' },
        { kty: 'oct', k: 'c2VjcmV0', use: 'enc', kid: 'enc' },
        'not an object' as unknown as jose.JWK,
        { ...(await jose.exportJWK(es.publicKey)), kid: 'es' },
        { ...(await jose.exportJWK(es.publicKey)), kid: 5 as unknown as string },
      ],
    };
    const v = createVerifier({ algorithms: ['ES256'], jwksUrl: `${base}/rotating.json` });
    expect((await v.verify(await sign('es'))).kid).toBe('es');
  });
});

describe('remote JWKS: what is refused at construction', () => {
  it('finding 6: http:// is refused except for loopback hosts, unless jwksOptions.allowHttp opts in', () => {
    const make = (jwksUrl: string, jwksOptions?: Record<string, unknown>) => () =>
      createVerifier({ algorithms: ['ES256'], jwksUrl, ...(jwksOptions === undefined ? {} : { jwksOptions }) });
    const refused = expectCode(make('http://issuer.example/jwks.json'), 'CONFIG_INVALID');
    expect(refused.message).toContain('allowHttp');
    expectCode(make('http://10.0.0.1/jwks.json'), 'CONFIG_INVALID');
    expectCode(make('http://127.0.0.1.nip.io/jwks.json'), 'CONFIG_INVALID');
    for (const ok of ['http://localhost/j', 'http://LOCALHOST:8080/j', 'http://keys.localhost/j', 'http://127.0.0.1:1/j', 'http://127.9.9.9/j', 'http://[::1]:8080/j']) {
      expect(make(ok), ok).not.toThrow();
    }
    expect(make('http://issuer.example/jwks.json', { allowHttp: true })).not.toThrow();
    expect(make('https://issuer.example/jwks.json')).not.toThrow();
    expectCode(make('ftp://issuer.example/jwks.json'), 'CONFIG_INVALID');
    expectCode(make('http://issuer.example/jwks.json', { allowHttp: 'yes' }), 'CONFIG_INVALID');
    expect(isLoopbackHost('127.0.0.1')).toBe(true);
    expect(isLoopbackHost('128.0.0.1')).toBe(false);
  });

  it('refuses credentials in the URL without echoing them', () => {
    const error = expectCode(() => createVerifier({ algorithms: ['ES256'], jwksUrl: 'https://alice-admin:hunter2@issuer.example/jwks' }), 'CONFIG_INVALID');
    expect(error.message).not.toContain('hunter2');
    expect(error.message).not.toContain('alice-admin');
  });

  it('checks every jwksOptions member', () => {
    const make = (jwksOptions: unknown) => () => createVerifier({ algorithms: ['ES256'], jwksUrl: 'https://i.example/j', jwksOptions: jwksOptions as never });
    for (const bad of [{ timeoutDuration: 0 }, { cacheMaxAge: -1 }, { cooldownDuration: Number.NaN }, { maxResponseBytes: 1.5 }, { headers: { a: 1 } }, { headers: [] }, { fetch: 1 }, 'x']) {
      expectCode(make(bad), 'CONFIG_INVALID');
    }
    expect(make({ timeoutDuration: 1, cooldownDuration: 0, cacheMaxAge: 1, headers: { 'x-api-key': 'k' }, maxResponseBytes: 10, allowHttp: false })).not.toThrow();
  });
});

describe('remote JWKS: the fetch policy is robust to odd failures', () => {
  it('a fetch that throws synchronously, or a compile that throws, is a failed fetch: backed off, then retried', async () => {
    let now = 0;
    let mode: 'sync-throw' | 'bad-compile' | 'ok' = 'sync-throw';
    const index: KeySetIndex = { find: () => ({ sync: undefined, async: () => Promise.resolve(true) }), hasKid: () => true };
    const source = createRemoteKeySource(
      readRemoteKeySet('https://issuer.example/jwks', undefined),
      () => {
        if (mode === 'bad-compile') throw new TypeError('compile exploded');
        return index;
      },
      () => {
        if (mode === 'sync-throw') throw new TypeError('fetch exploded');
        return Promise.resolve([]);
      },
      () => now,
    );
    await expect(source.current()).rejects.toMatchObject({ code: 'KEY_SOURCE_UNAVAILABLE', message: expect.stringContaining('fetch exploded') as string });
    mode = 'bad-compile';
    now += FAILURE_BACKOFF_MS.first;
    await expect(source.current()).rejects.toMatchObject({ code: 'KEY_SOURCE_UNAVAILABLE', message: expect.stringContaining('compile exploded') as string });
    mode = 'ok';
    now += 2 * FAILURE_BACKOFF_MS.first;
    await expect(source.current()).resolves.toBe(index);
  });
});
