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
  it('the example server listens on 127.0.0.1 and passes strict', async () => {
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/decode$/);
    const report = await runConformance(createUrlAdapter(url), { profile: 'strict', seed: SEED, runs: 300 });
    expect(report.failures).toEqual([]);
  });

  it('a 4xx answer rejects with its error member', async () => {
    const answer = await createUrlAdapter(url).decode('a.b');
    expect(answer.ok).toBe(false);
    expect(!answer.ok && answer.error).toMatch(/^TOKEN_MALFORMED/);
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
});
