import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AdapterError, createUrlAdapter, runConformance } from '../../src/conformance/index.js';
import { example, NODE_ADAPTER_ENV, SEED } from './support.js';

let server: ChildProcess;
let url = '';

beforeAll(async () => {
  // The example server, importing captoken from src/ through tsx; it prints its URL first.
  server = spawn('node', ['--import', 'tsx', example('server/captoken-server.mjs'), '0'], { env: NODE_ADAPTER_ENV, stdio: ['ignore', 'pipe', 'inherit'] });
  url = await new Promise<string>((resolve, reject) => {
    server.stdout!.setEncoding('utf8');
    server.stdout!.once('data', (line: string) => { resolve(line.trim()); });
    server.once('exit', (code) => { reject(new Error(`server exited ${String(code)}`)); });
  });
});

afterAll(() => {
  server.kill();
});

async function withServer(handler: http.RequestListener, test: (url: string) => Promise<void>): Promise<void> {
  const s = http.createServer(handler);
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', resolve));
  try {
    await test(`http://127.0.0.1:${(s.address() as AddressInfo).port}/decode`);
  } finally {
    s.closeAllConnections();
    await new Promise((resolve) => s.close(resolve));
  }
}

describe('createUrlAdapter', () => {
  it('the example server listens on 127.0.0.1 and passes hardened (failing on hardened)', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/decode$/);
    const report = await runConformance(createUrlAdapter(url), { profile: 'hardened', failOn: 'hardened', seed: SEED, runs: 300 });
    expect(report.failures).toEqual([]);
  });

  it('a 400 answer with {"error", "code"} rejects, with the category of the captoken code', async () => {
    const answer = await createUrlAdapter(url).decode('a.b');
    expect(answer).toMatchObject({ ok: false, category: 'structure' });
    expect(!answer.ok && answer.error).toMatch(/^TOKEN_MALFORMED/);
  });

  it.each([404, 405, 401, 500, 502])('HTTP %i is an http AdapterError with the status, never a rejection', async (status) => {
    await withServer(
      (_req, res) => {
        res.writeHead(status, { 'content-type': 'text/html' }).end('<html>Not here</html>');
      },
      async (u) => {
        const error = await createUrlAdapter(u).decode('t').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AdapterError);
        expect(error).toMatchObject({ kind: 'http', status, token: 't' });
        expect((error as Error).message).toContain(`HTTP ${status}`);
      },
    );
  });

  it('a 400 without the protocol JSON body is an http AdapterError; with it, a rejection', async () => {
    await withServer(
      (req, res) => {
        let body = '';
        req.on('data', (c: Buffer) => (body += c.toString()));
        req.on('end', () => {
          const { token } = JSON.parse(body) as { token: string };
          if (token === 'html') res.writeHead(400, { 'content-type': 'text/html' }).end('<h1>Bad Request</h1>');
          else if (token === 'v2') res.writeHead(200).end(JSON.stringify({ ok: false, error: 'nope', category: 'json' }));
          else if (token === 'nan') res.writeHead(200).end('{"header":{},"payload":{"n":NaN}}');
          else if (token === 'not-json') res.writeHead(200).end('ok');
          else res.writeHead(422).end(JSON.stringify({ error: 'bad token' }));
        });
      },
      async (u) => {
        const adapter = createUrlAdapter(u);
        expect(await adapter.decode('x')).toEqual({ ok: false, error: 'bad token' });
        expect(await adapter.decode('v2')).toEqual({ ok: false, error: 'nope', category: 'json' });
        expect(await adapter.decode('nan')).toMatchObject({ ok: true, problem: expect.stringMatching(/payload\.n is NaN/) as string });
        expect(await adapter.decode('html').catch((e: unknown) => e)).toMatchObject({ kind: 'http', status: 400 });
        expect(await adapter.decode('not-json').catch((e: unknown) => e)).toMatchObject({ kind: 'protocol', status: 200 });
      },
    );
  });

  it('a URL nobody serves (every request 404) stops the run with an AdapterError: no report of a parser that rejects everything', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(404).end('Cannot POST /decode');
      },
      async (u) => {
        const error = await runConformance(createUrlAdapter(u), { seed: SEED, runs: 10 }).catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'http', status: 404 });
      },
    );
  });

  it('refuses a URL that is not http(s) at construction (CONFIG_INVALID)', () => {
    expect(() => createUrlAdapter('ftp://x/decode')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }) as Error);
    expect(() => createUrlAdapter('not a url')).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }) as Error);
  });

  it('a 5xx answer is an http AdapterError', async () => {
    await withServer(
      (_req, res) => {
        res.writeHead(503).end('busy');
      },
      async (u) => {
        const error = await createUrlAdapter(u).decode('t').catch((e: unknown) => e);
        expect(error).toBeInstanceOf(AdapterError);
        expect(error).toMatchObject({ kind: 'http', token: 't' });
        expect((error as Error).message).toMatch(/HTTP 503/);
      },
    );
  });

  it('a server that does not answer is a timeout', async () => {
    await withServer(
      () => {},
      async (u) => {
        const error = await createUrlAdapter(u, { timeoutMs: 200 }).decode('t').catch((e: unknown) => e);
        expect(error).toMatchObject({ kind: 'timeout' });
      },
    );
  });

  it('a refused connection is an http AdapterError', async () => {
    const error = await createUrlAdapter('http://127.0.0.1:1/decode').decode('t').catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'http' });
  });

  it('user:pass@ in the URL is sent as HTTP Basic auth, and never shown: not in the name, not in an error', async () => {
    let seen: string | undefined;
    await withServer(
      (req, res) => {
        seen = req.headers.authorization;
        res.writeHead(503).end('busy');
      },
      async (u) => {
        const withCredentials = u.replace('http://', 'http://alice:s3cret%40pass@') + '?api_key=s3cret-key';
        const adapter = createUrlAdapter(withCredentials);
        expect(adapter.name).toBe(u);
        const error = (await adapter.decode('t').catch((e: unknown) => e)) as Error;
        expect(error.message).toMatch(/HTTP 503/);
        expect(error.message).not.toMatch(/s3cret|alice/);
        expect(seen).toBe(`Basic ${Buffer.from('alice:s3cret@pass').toString('base64')}`);
      },
    );
  });

  it('a bad URL is refused without echoing it (it may carry a secret)', () => {
    const error = (() => {
      try {
        createUrlAdapter('http://user:s3cret@[bad');
      } catch (e) {
        return e as Error;
      }
      return undefined;
    })();
    expect(error).toMatchObject({ code: 'CONFIG_INVALID' });
    expect(error?.message).not.toContain('s3cret');
    expect(() => createUrlAdapter('http://127.0.0.1:1/', { maxInFlight: 0 })).toThrow(/'maxInFlight' must be/);
  });
});
