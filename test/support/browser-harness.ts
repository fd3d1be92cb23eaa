// A real browser for tests: Debian's Chromium (installed by .ci/run), driven by playwright-core,
// loading pages from a node http server on 127.0.0.1. Nothing here downloads a browser.
import { existsSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import type * as esbuild from 'esbuild';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../../src/conformance/browser-chromium.js';
import { CHROMIUM, missingBrowserMessage, SKIP_BROWSER } from './browser-availability.js';
import { bundle, consumerDir, ROOT } from './browser-bundle.js';

export { CHROMIUM, SKIP_BROWSER };

/** Throws with the install command when Chromium is missing (only reached when the run requires it). */
export function requireChromium(): void {
  if (!existsSync(CHROMIUM)) throw new Error(missingBrowserMessage());
}

export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    // The browser adapter's own flags: the tests run Chromium the way the kit does.
    args: [...CHROMIUM_ARGS],
    timeout: 60_000,
  });
}

/**
 * Bundles a test page script (an ES module under test/) for the browser. A bare `captoken` import
 * resolves as in an application: through package.json `exports` with the `browser` condition.
 */
export async function bundlePage(entry: string): Promise<string> {
  const consumer = consumerDir('captoken-page-');
  try {
    const resolveCaptoken: esbuild.Plugin = {
      name: 'captoken-as-installed',
      setup(build) {
        build.onResolve({ filter: /^captoken(\/.*)?$/ }, async (args) => {
          if (args.pluginData === 'captoken-as-installed') return undefined;
          const result = await build.resolve(args.path, {
            kind: args.kind,
            resolveDir: consumer.dir,
            pluginData: 'captoken-as-installed',
          });
          return { path: result.path, errors: result.errors, warnings: result.warnings };
        });
      },
    };
    // An entry point, not `import './page.ts'`: the package says sideEffects: false, which would let
    // esbuild drop a bare import of a file inside it.
    const result = await bundle('', ROOT, {
      entryPoint: path.resolve(ROOT, entry),
      platform: 'browser',
      minify: false,
      plugins: [resolveCaptoken],
    });
    return result.code;
  } finally {
    consumer.cleanup();
  }
}

export interface PageServer {
  url: string;
  close(): Promise<void>;
}

/**
 * Serves `/` (a page that loads `/page.js` as a module), `/page.js` and any `extra` scripts (by path,
 * e.g. `/worker.js`) on 127.0.0.1, a free port.
 */
export async function servePage(script: string, extra: Record<string, string> = {}, title = 'captoken browser test'): Promise<PageServer> {
  const scripts = new Map<string, string>([['/page.js', script], ...Object.entries(extra)]);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><script type="module" src="/page.js"></script></body></html>`;
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
      res.end(html);
    } else if (scripts.has(url.pathname)) {
      res.writeHead(200, { 'content-type': 'text/javascript; charset=utf-8', 'cache-control': 'no-store' });
      res.end(scripts.get(url.pathname));
    } else if (url.pathname === '/favicon.ico') {
      res.writeHead(204).end();
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => {
          resolve();
        });
      }),
  };
}
