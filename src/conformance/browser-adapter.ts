// The browser adapter: the parser runs where it ships, in headless Chromium. The file (an ES module
// exporting decode(token), or with `global` a UMD/IIFE bundle) is served from 127.0.0.1
// (browser-server.ts), opened in a page whose harness (browser-page.ts) runs every case, in batches;
// Chromium comes from browser-chromium.ts, the one place that imports playwright-core.
import { existsSync, statSync } from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { configError } from '../errors.js';
import { AdapterError, checkTimeout, type Adapter, type AdapterAnswer, type AdapterErrorKind } from './adapter.js';
import { acquireBrowser, chromiumPath, INSTALL_CHROMIUM, missingChromiumMessage } from './browser-chromium.js';
import { BATCH_HEADER, type LoadFailure, type PageHarness, type PageResult } from './browser-page.js';
import { servePage, type PageServer } from './browser-server.js';

// Builtins captured at load, as in the other adapters.
const jsonParse = JSON.parse;
const jsonStringify = JSON.stringify;
const setTimer = setTimeout;
const clearTimer = clearTimeout;

/** Tokens per batch, at most. */
const BATCH_SIZE = 1024;
/** The page's work loops, each with at most one batch: one runs while the next one travels. */
const WORK_LOOPS = 2;
/** The page stops starting new cases of a batch after this long, and returns what it has. */
const SLICE_MS = 100;
/** How long past the per-case timeout the adapter waits for a batch before calling the page hung. */
const GRACE_MS = 1000;
/** Loading the file (a large bundle on a loaded machine), at least. */
const LOAD_TIMEOUT_MS = 30_000;
/** Console lines kept for error reports. */
const TAIL_LINES = 20;
/** A dotted global path: `MyVoice.decodeToken`. */
export const GLOBAL_PATH = /^[A-Z_$][\w$]*(?:\.[A-Z_$][\w$]*)*$/i;

export interface BrowserAdapterOptions {
  /** Per-case timeout in milliseconds (default 5000): an async decode that does not settle in time, or a page that stops answering. */
  timeoutMs?: number;
  /**
   * For a bundle that is not an ES module: load the file with a classic `<script>` and call the
   * function at this dotted global path (`MyVoice.decodeToken` is `window.MyVoice.decodeToken`,
   * called with `this` = `window.MyVoice`).
   */
  global?: string;
  /** The Chromium (or Chrome) executable. Default: CAPTOKEN_CHROMIUM, else /usr/bin/chromium. */
  chromium?: string;
  /** The adapter's name in reports. Default: `file` as given. */
  name?: string;
}

/** The first line of an error's message, without Playwright's call log. */
function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0]!.trim();
}

interface Request {
  token: string;
  resolve: (answer: AdapterAnswer) => void;
  reject: (error: AdapterError) => void;
}

// Run in the page through the harness handle. Anonymous and closed over nothing: Playwright sends
// its source text.
const LOAD = (h: PageHarness, a: { url: string; global: string | null }): Promise<LoadFailure | null> => h.load(a.url, a.global);
const START = (h: PageHarness, a: { rpcUrl: string; timeoutMs: number; sliceMs: number; loops: number }): void => {
  h.start(a.rpcUrl, a.timeoutMs, a.sliceMs, a.loops);
};
const TAKE_HARNESS = (): PageHarness => {
  const w = globalThis as unknown as { __captokenHarness: PageHarness };
  const h = w.__captokenHarness;
  delete (w as { __captokenHarness?: PageHarness }).__captokenHarness;
  return h;
};

/**
 * Opens `file` in headless Chromium and wraps its decode function as an adapter. Without `global`
 * the file is an ES module exporting `decode(token)` (or a default export that is the function or
 * has `decode`); with `global` it is a classic script (UMD/IIFE) and decode is the function at that
 * dotted global path. decode may be sync or async; `{ header, payload }` accepts, a throw or a
 * rejected promise rejects, the same contract as {@link createModuleAdapter}. The file's directory
 * is served from 127.0.0.1, so the file may import or fetch what lies beside and below it.
 *
 * Cases go to the page in batches (one round trip for up to 1024 tokens). Answers cross as JSON
 * text: a value JSON cannot carry (a BigInt, NaN, a cycle, undefined, a Date...) arrives as the
 * string `"[not JSON: ...]"` in its place, so that case fails with the reason and the run goes on.
 *
 * @example
 * const adapter = await createBrowserAdapter('dist/sdk.browser.mjs');
 * const report = await runConformance(adapter);
 * await adapter.close();
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for a bad `timeoutMs` or `global`. Rejects with an {@link AdapterError}:
 * `crash` when Chromium is missing (the message has the install command) or cannot start, when the
 * file cannot be read or throws while loading; `protocol` when it has no decode function. Each
 * carries the browser console's last lines in `stderrTail`. `decode` rejects with an AdapterError:
 * `timeout` (an async decode did not settle, or the page stopped answering, e.g. a synchronous
 * endless loop), `crash` (the page or the browser died), `protocol` (no header and payload).
 */
export async function createBrowserAdapter(file: string, options: BrowserAdapterOptions = {}): Promise<Adapter> {
  const timeoutMs = checkTimeout(options.timeoutMs);
  const global = options.global ?? null;
  if (global !== null && (typeof global !== 'string' || !GLOBAL_PATH.test(global))) {
    throw configError(`global must be a dotted global path such as MyVoice.decodeToken, got ${jsonStringify(global)}`);
  }
  const name = options.name ?? file;
  const absolute = path.resolve(file);
  const executable = chromiumPath(options.chromium);

  const tail: string[] = [];
  const log = (line: string): void => {
    tail.push(line.length > 300 ? `${line.slice(0, 300)}… (${line.length} characters)` : line);
    if (tail.length > TAIL_LINES) tail.shift();
  };
  const adapterError = (kind: AdapterErrorKind, message: string, token?: string): AdapterError => new AdapterError(kind, message, { stderrTail: tail, token });

  let isFile = false;
  try {
    isFile = statSync(absolute).isFile();
  } catch {
    // reported below
  }
  if (!isFile) throw adapterError('crash', `could not load ${file} in the browser: no such file`);
  if (!existsSync(executable)) throw adapterError('crash', missingChromiumMessage(executable));

  let acquired: { browser: Browser; release: () => Promise<void> };
  try {
    acquired = await acquireBrowser(executable);
  } catch (cause) {
    throw adapterError('crash', `could not start Chromium (${executable}): ${firstLine(cause)}. Install it with: ${INSTALL_CHROMIUM}; or set CAPTOKEN_CHROMIUM to a working Chromium or Chrome executable.`);
  }

  const root = path.dirname(absolute);
  let context: BrowserContext | undefined;
  let page: Page | undefined;
  let closing = false;
  let fatal: AdapterError | undefined;
  let teardown: Promise<void> | undefined;
  // Tokens waiting for a batch, the page's work loops waiting for one, and the batches out.
  const queue: Request[] = [];
  const parked: http.ServerResponse[] = [];
  const inFlight = new Map<string, { batch: Request[]; watchdog: NodeJS.Timeout }>();
  let batches = 0;
  let scheduled = false;

  const release = (res: http.ServerResponse): void => {
    if (!res.writableEnded && !res.destroyed) res.writeHead(204).end();
  };
  const shutDown = (): Promise<void> => {
    closing = true;
    teardown ??= (async () => {
      for (const res of parked.splice(0)) release(res);
      // A page hung in a synchronous loop may not close politely: do not wait on it forever.
      if (context !== undefined) await Promise.race([context.close().catch(() => undefined), new Promise((r) => setTimer(r, 10_000).unref())]);
      await acquired.release();
      await server.close();
    })();
    return teardown;
  };
  const fail = (failure: AdapterError): void => {
    if (fatal !== undefined) return;
    fatal = failure;
    for (const { batch, watchdog } of inFlight.values()) {
      clearTimer(watchdog);
      for (const r of batch) r.reject(failure);
    }
    inFlight.clear();
    for (const r of queue.splice(0)) r.reject(failure);
    void shutDown();
  };

  const settle = (request: Request, result: PageResult): void => {
    switch (result[0]) {
      case 0:
        request.resolve({ ok: true, header: result[1], payload: result[2] });
        return;
      case 1:
        request.resolve({ ok: false, error: result[1] });
        return;
      case 2:
        request.reject(adapterError('protocol', result[1], request.token));
        return;
      case 3:
        request.reject(adapterError('timeout', `decode did not settle within ${timeoutMs} ms in the browser`, request.token));
    }
  };
  const answered = (batch: Request[], body: string): void => {
    let results: PageResult[];
    try {
      results = jsonParse(body) as PageResult[];
    } catch {
      fail(adapterError('protocol', 'the page answered a batch with text that is not JSON'));
      return;
    }
    const n = results.length < batch.length ? results.length : batch.length;
    for (let i = 0; i < n; i++) settle(batch[i]!, results[i]!);
    // The page stopped after its time slice: the rest goes first in the next batch.
    if (n < batch.length) queue.unshift(...batch.slice(n));
  };
  // Hands the waiting tokens, up to BATCH_SIZE at a time, to the page's waiting work loops.
  const dispatch = (): void => {
    scheduled = false;
    while (fatal === undefined && queue.length > 0 && parked.length > 0) {
      const res = parked.shift()!;
      if (res.writableEnded || res.destroyed) continue;
      const batch = queue.splice(0, BATCH_SIZE);
      const tokens = new Array<string>(batch.length);
      for (let i = 0; i < batch.length; i++) tokens[i] = batch[i]!.token;
      const id = String(++batches);
      const limit = timeoutMs + SLICE_MS + GRACE_MS;
      const watchdog = setTimer(() => {
        const what = batch.length === 1 ? 'a token' : `a batch of ${batch.length} tokens`;
        fail(
          adapterError(
            'timeout',
            `the page did not answer ${what} within ${limit} ms: a decode that never returns (a synchronous endless loop) blocks the page`,
            batch.length === 1 ? batch[0]!.token : undefined,
          ),
        );
      }, limit);
      inFlight.set(id, { batch, watchdog });
      res.writeHead(200, { 'cache-control': 'no-store', 'content-type': 'application/json', [BATCH_HEADER]: id }).end(jsonStringify(tokens));
    }
  };
  // Every decode call of the current turn of the event loop joins one batch.
  const schedule = (): void => {
    if (scheduled || fatal !== undefined || queue.length === 0 || parked.length === 0) return;
    scheduled = true;
    setImmediate(dispatch);
  };
  const onRpc = (id: string, body: string, res: http.ServerResponse): void => {
    const entry = id === '' ? undefined : inFlight.get(id);
    if (entry !== undefined) {
      inFlight.delete(id);
      clearTimer(entry.watchdog);
      answered(entry.batch, body);
    }
    if (fatal !== undefined || closing) {
      release(res);
      return;
    }
    parked.push(res);
    schedule();
  };

  let server: PageServer;
  try {
    server = await servePage(root, log, onRpc);
  } catch (cause) {
    await acquired.release();
    throw adapterError('crash', `could not serve ${file} on 127.0.0.1: ${firstLine(cause)}`);
  }
  const fileUrl = server.base + encodeURIComponent(path.basename(absolute));
  try {
    context = await acquired.browser.newContext();
    page = await context.newPage();
    page.on('console', (message) => {
      const type = message.type();
      log(`console.${type === 'warning' ? 'warn' : type}: ${message.text()}`);
    });
    page.on('pageerror', (e) => {
      const where = e.stack?.split('\n').find((l) => l.includes(server.base))?.trim();
      log(`uncaught ${e.name}: ${e.message}${where === undefined ? '' : ` (${where.replace(server.base, '')})`}`);
    });
    page.on('crash', () => {
      log('the page crashed');
      fail(adapterError('crash', `the page running ${file} crashed (out of memory, or the renderer died)`));
    });
    page.on('close', () => {
      if (!closing) fail(adapterError('crash', `the page running ${file} was closed`));
    });
    acquired.browser.on('disconnected', () => {
      if (!closing) fail(adapterError('crash', 'Chromium exited during the run'));
    });
    await page.goto(server.base, { waitUntil: 'load', timeout: LOAD_TIMEOUT_MS });
    const harness = await page.evaluateHandle(TAKE_HARNESS);
    const loading = harness.evaluate(LOAD, { url: fileUrl, global });
    // When the load timeout wins the race, the page is closed and this rejects: nobody waits for it.
    loading.catch(() => undefined);
    let timer: NodeJS.Timeout | undefined;
    const loadTimeout = Math.max(LOAD_TIMEOUT_MS, timeoutMs);
    const failure = await Promise.race([
      loading,
      new Promise<'timeout'>((resolve) => {
        timer = setTimer(() => {
          resolve('timeout');
        }, loadTimeout);
      }),
    ]).finally(() => {
      clearTimer(timer);
    });
    if (failure === 'timeout') throw adapterError('timeout', `${file} did not finish loading in the browser within ${loadTimeout} ms`);
    if (failure !== null) {
      if (failure.kind === 'missing') throw adapterError('protocol', `${file} in the browser: ${failure.message}`);
      const hint =
        global !== null && /\b(?:import|export)\b/.test(failure.message)
          ? ' (it looks like an ES module: drop --browser-global and export decode)'
          : global === null && /\bSyntaxError\b/.test(failure.message)
            ? ' (if it is a UMD/IIFE bundle rather than an ES module, name its decode function with --browser-global)'
            : '';
      throw adapterError('crash', `could not load ${file} in the browser: ${failure.message}${hint}`);
    }
    await harness.evaluate(START, { rpcUrl: server.rpcUrl, timeoutMs, sliceMs: SLICE_MS, loops: WORK_LOOPS });
  } catch (cause) {
    await shutDown();
    if (cause instanceof AdapterError) throw cause;
    throw adapterError('crash', `could not open ${file} in Chromium: ${firstLine(cause)}`);
  }

  return {
    name,
    decode(token: string): Promise<AdapterAnswer> {
      if (fatal !== undefined) return Promise.reject(fatal);
      if (closing) return Promise.reject(adapterError('crash', `the browser adapter for ${file} is closed`, token));
      return new Promise<AdapterAnswer>((resolve, reject) => {
        queue.push({ token, resolve, reject });
        schedule();
      });
    },
    close: shutDown,
  };
}
