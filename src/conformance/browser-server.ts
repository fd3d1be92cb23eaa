// The browser adapter's loopback server: the page, the adapter file's directory, and the page's
// work loop, on 127.0.0.1 only.
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { BATCH_HEADER, pageHtml } from './browser-page.js';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.cjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** What the adapter's server serves: the page, the file's directory, and the page's work loop. */
export interface PageServer {
  /** The page's URL; the file's directory is served below it. */
  base: string;
  /** Where the page's work loops POST answers and receive batches. */
  rpcUrl: string;
  close(): Promise<void>;
}

/**
 * Serves, on 127.0.0.1 only: the page at `/<secret>/`, the files of `root` (the adapter file's
 * directory, and below it) at `/<secret>/<relative path>`, and the work loop at `/<secret>.rpc`,
 * whose requests go to `onRpc` with their batch header and body. The random prefix keeps other
 * local processes from reading the directory during the run. Requests it cannot serve are logged.
 */
export async function servePage(root: string, log: (line: string) => void, onRpc: (batch: string, body: string, res: http.ServerResponse) => void): Promise<PageServer> {
  const secret = randomBytes(16).toString('hex');
  const prefix = `/${secret}/`;
  const rpcPath = `/${secret}.rpc`;
  const html = pageHtml();
  const headers = { 'cache-control': 'no-store' };
  const serveFile = async (pathname: string, head: boolean, res: http.ServerResponse): Promise<void> => {
    let relative = '';
    try {
      relative = decodeURIComponent(pathname.slice(prefix.length));
    } catch {
      // not a path we serve
    }
    const file = path.resolve(root, relative);
    const shown = pathname.slice(prefix.length - 1);
    if (relative === '' || !file.startsWith(root + path.sep)) {
      log(`server: 404 ${shown}: outside the served directory ${root}`);
      res.writeHead(404, headers).end();
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file);
    } catch {
      log(`server: 404 ${shown}: no such file under ${root}`);
      res.writeHead(404, headers).end();
      return;
    }
    const type = CONTENT_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
    res.writeHead(200, { ...headers, 'content-type': type, 'content-length': body.length });
    res.end(head ? undefined : body);
  };
  const server = http.createServer((req, res) => {
    const { pathname } = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (pathname === rpcPath && req.method === 'POST') {
      const batch = req.headers[BATCH_HEADER];
      let body = '';
      req.setEncoding('utf8');
      req.on('data', (chunk: string) => {
        body += chunk;
      });
      req.on('end', () => {
        onRpc(typeof batch === 'string' ? batch : '', body, res);
      });
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      log(`server: ${req.method ?? '?'} ${pathname}: only GET is served`);
      res.writeHead(405, headers).end();
    } else if (pathname === prefix) {
      res.writeHead(200, { ...headers, 'content-type': 'text/html; charset=utf-8' }).end(html);
    } else if (pathname.startsWith(prefix)) {
      void serveFile(pathname, req.method === 'HEAD', res);
    } else if (pathname === '/favicon.ico') {
      res.writeHead(204, headers).end();
    } else {
      log(`server: 404 ${pathname}: not served`);
      res.writeHead(404, headers).end();
    }
  });
  // The page's work loops keep their connections between batches, however long a batch takes: an
  // idle keep-alive timeout would close a socket under a loop that is about to post its answers.
  server.keepAliveTimeout = 0;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    base: origin + prefix,
    rpcUrl: origin + rpcPath,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}

