// The page the browser adapter opens: a blank document whose one inline script (the harness) loads
// the code under test and runs batches of tokens through its decode function. The harness is plain
// JavaScript source text, not a function serialised by Playwright: a build step that renames or wraps
// functions (esbuild's keepNames, coverage counters) cannot break what runs in the page.

/** Why loading the code under test failed: it did not load, or it has no decode function. */
export interface LoadFailure {
  kind: 'load' | 'missing';
  message: string;
}

/**
 * One answer, as the harness encodes it: `[0, header, payload]` accepted, `[1, reason]` rejected,
 * `[2, what]` decode returned something without header and payload, `[3]` an async decode did not
 * settle in time.
 */
export type PageResult = [0, unknown, unknown] | [1, string] | [2, string] | [3];

/** What the harness exposes to the adapter (through a handle; the page's global is removed). */
export interface PageHarness {
  /** Loads `url` as an ES module (global null) or a classic script whose decode is at the dotted `global`. */
  load(url: string, global: string | null): Promise<LoadFailure | null>;
  /**
   * Decodes the tokens of `tokensJson` (a JSON array) in order, until all are done or `sliceMs`
   * have passed (at least one is always done), then waits for the async answers (each at most
   * `timeoutMs`). Resolves to a JSON array of {@link PageResult}, one per token done.
   */
  run(tokensJson: string, timeoutMs: number, sliceMs: number): Promise<string>;
  /**
   * Starts `loops` work loops, each asking `rpcUrl` for work with a POST that carries the answers to
   * its previous batch (header `x-captoken-batch`: the batch id, empty at first). A 200 answer is
   * the next batch (a JSON array of tokens, its id in `x-captoken-batch`); anything else ends the loop.
   */
  start(rpcUrl: string, timeoutMs: number, sliceMs: number, loops: number): void;
}

/** The header naming a batch, on the batch and on the answers to it. */
export const BATCH_HEADER = 'x-captoken-batch';

/** The prefix of a value JSON cannot carry, as it appears in an answer (see the harness). */
export const NOT_JSON = '[not JSON: ';

// The harness. Everything it relies on is captured before the code under test loads, so an SDK that
// patches JSON, Promise or Array.prototype cannot change what an answer means.
const HARNESS = String.raw`(() => {
  'use strict';
  const stringify = JSON.stringify;
  const parse = JSON.parse;
  const isArray = Array.isArray;
  const objectKeys = Object.keys;
  const getPrototypeOf = Object.getPrototypeOf;
  const defineProperty = Object.defineProperty;
  const tagOf = Function.prototype.call.bind(Object.prototype.toString);
  const call = Function.prototype.call.bind(Function.prototype.call);
  const numberIsFinite = Number.isFinite;
  const Str = String;
  const PromiseCtor = Promise;
  const now = performance.now.bind(performance);
  const setTimer = setTimeout;
  const clearTimer = clearTimeout;
  const addListener = addEventListener;
  const removeListener = removeEventListener;
  const createElement = document.createElement.bind(document);
  const head = document.head;
  const fetchFn = fetch.bind(globalThis);
  const BlobCtor = Blob;
  const responseBlob = Function.prototype.call.bind(Response.prototype.blob);
  const blobText = Function.prototype.call.bind(Blob.prototype.text);
  const responseHeader = Function.prototype.call.bind(Headers.prototype.get);
  const logError = console.error.bind(console);
  const BATCH_HEADER = ${JSON.stringify(BATCH_HEADER)};
  const NOT_JSON = ${JSON.stringify(NOT_JSON)};

  let decode;

  // The reason a thrown value gives: 'CODE: message' when it has a string code. Restates
  // describeThrown of module-adapter.ts on purpose: this runs in the page, so both adapters word
  // a rejection the same way.
  function describeThrown(error) {
    try {
      if (typeof error === 'object' && error !== null && 'message' in error) {
        const code = error.code;
        const message = error.message;
        const text = typeof message === 'string' ? message : Str(message);
        return typeof code === 'string' ? code + ': ' + text : text;
      }
      return Str(error);
    } catch {
      return 'decode threw a value that cannot be described';
    }
  }

  function notJson(what) {
    return NOT_JSON + what + ']';
  }

  // A plain copy of an answer's value in which every value JSON cannot carry (a BigInt, NaN, an
  // infinity, undefined, a function, a symbol, a cycle, a hole, a Date, Map or other non-plain
  // object) is replaced by a string naming it. Plain objects and class instances are copied by their
  // own enumerable string keys, as the in-process comparison reads them.
  function toData(value, stack) {
    const type = typeof value;
    if (type === 'string' || type === 'boolean' || value === null) return value;
    if (type === 'number') return numberIsFinite(value) ? value : notJson(Str(value));
    if (type === 'bigint') return notJson('the BigInt ' + Str(value) + 'n');
    if (type === 'undefined') return notJson('undefined');
    if (type !== 'object') return notJson('a ' + type);
    for (let i = 0; i < stack.length; i++) if (stack[i] === value) return notJson('a cycle');
    stack[stack.length] = value;
    let copy;
    if (isArray(value)) {
      copy = [];
      const n = value.length;
      for (let i = 0; i < n; i++) copy[i] = i in value ? toData(value[i], stack) : notJson('a hole');
    } else {
      const tag = tagOf(value);
      if (tag !== '[object Object]') {
        stack.length--;
        return notJson('a ' + tag.slice(8, -1) + ' object');
      }
      copy = {};
      const keys = objectKeys(value);
      for (let i = 0; i < keys.length; i++) {
        const key = keys[i];
        const item = toData(value[key], stack);
        if (key === '__proto__') defineProperty(copy, key, { value: item, enumerable: true, writable: true, configurable: true });
        else copy[key] = item;
      }
    }
    stack.length--;
    return copy;
  }

  function field(value) {
    try {
      return toData(value, []);
    } catch (error) {
      return notJson('reading it failed: ' + describeThrown(error));
    }
  }

  function accepted(value) {
    let has;
    try {
      has = typeof value === 'object' && value !== null && 'header' in value && 'payload' in value;
    } catch {
      has = false;
    }
    if (!has) {
      const what = value === null ? 'null' : typeof value;
      return stringify([2, 'decode returned ' + what + ' without header and payload; return { header, payload } or throw to reject']);
    }
    let header, payload;
    try {
      header = value.header;
      payload = value.payload;
    } catch (error) {
      return stringify([2, 'reading header and payload of the answer failed: ' + describeThrown(error)]);
    }
    try {
      return stringify([0, field(header), field(payload)]);
    } catch (error) {
      return stringify([2, 'the answer could not be serialised: ' + describeThrown(error)]);
    }
  }

  function rejected(error) {
    return stringify([1, describeThrown(error)]);
  }

  function classicScript(url) {
    return new PromiseCtor((resolve, reject) => {
      let failure;
      const onError = (event) => {
        if (event.filename === url && failure === undefined) failure = event.error !== undefined && event.error !== null ? event.error : new Error(event.message);
      };
      addListener('error', onError);
      const script = createElement('script');
      script.src = url;
      script.onload = () => {
        removeListener('error', onError);
        if (failure === undefined) resolve();
        else reject(failure);
      };
      script.onerror = () => {
        removeListener('error', onError);
        reject(new Error('could not fetch ' + url));
      };
      head.appendChild(script);
    });
  }

  const harness = {
    async load(url, global) {
      if (global === null) {
        const before = new Set(objectKeys(globalThis));
        let mod;
        try {
          mod = await import(url);
        } catch (error) {
          return { kind: 'load', message: (error && error.name ? error.name + ': ' : '') + describeThrown(error) };
        }
        const fallback = mod.default;
        if (typeof mod.decode === 'function') decode = mod.decode;
        else if (typeof fallback === 'function') decode = fallback;
        else if (typeof fallback === 'object' && fallback !== null && typeof fallback.decode === 'function') {
          const owner = fallback;
          const fn = fallback.decode;
          decode = (token) => call(fn, owner, token);
        } else {
          const exported = objectKeys(mod);
          const added = objectKeys(globalThis).filter((k) => !before.has(k));
          return {
            kind: 'missing',
            message:
              'it does not export a decode(token) function (' +
              (exported.length === 0 ? 'it exports nothing' : 'its exports: ' + exported.join(', ')) +
              ')' +
              (added.length === 0 ? '' : '; it set the global ' + added.join(', ') + ': for a UMD/IIFE bundle, name its decode function with --browser-global (e.g. ' + added[0] + '.decode)'),
          };
        }
        return null;
      }
      try {
        await classicScript(url);
      } catch (error) {
        return { kind: 'load', message: (error && error.name ? error.name + ': ' : '') + describeThrown(error) };
      }
      const parts = global.split('.');
      let owner = globalThis;
      let where = 'window';
      for (let i = 0; i < parts.length - 1; i++) {
        const next = owner[parts[i]];
        where += '.' + parts[i];
        if ((typeof next !== 'object' && typeof next !== 'function') || next === null) {
          return { kind: 'missing', message: where + ' is ' + (next === null ? 'null' : typeof next) + ' after the script ran, so window.' + global + ' is not a function' };
        }
        owner = next;
      }
      const fn = owner[parts[parts.length - 1]];
      if (typeof fn !== 'function') return { kind: 'missing', message: 'window.' + global + ' is ' + (fn === null ? 'null' : typeof fn) + ' after the script ran, not a decode(token) function' };
      decode = (token) => call(fn, owner, token);
      return null;
    },

    run(tokensJson, timeoutMs, sliceMs) {
      const tokens = parse(tokensJson);
      const n = tokens.length;
      const out = [];
      const start = now();
      let waiting = 0;
      let looped = false;
      let finish;
      const done = new PromiseCtor((resolve) => {
        finish = resolve;
      });
      const later = (index, result, then) => {
        let settled = false;
        waiting++;
        const settle = (text) => {
          if (settled) return;
          settled = true;
          clearTimer(timer);
          out[index] = text;
          if (--waiting === 0 && looped) finish();
        };
        const timer = setTimer(() => settle('[3]'), timeoutMs);
        try {
          call(then, result, (value) => settle(accepted(value)), (error) => settle(rejected(error)));
        } catch (error) {
          settle(rejected(error));
        }
      };
      let i = 0;
      for (; i < n; i++) {
        if (i > 0 && now() - start > sliceMs) break;
        let result;
        try {
          result = decode(tokens[i]);
        } catch (error) {
          out[i] = rejected(error);
          continue;
        }
        let then;
        try {
          then = (typeof result === 'object' || typeof result === 'function') && result !== null ? result.then : undefined;
        } catch (error) {
          out[i] = rejected(error);
          continue;
        }
        if (typeof then === 'function') later(i, result, then);
        else out[i] = accepted(result);
      }
      const count = i;
      looped = true;
      if (waiting === 0) finish();
      return done.then(() => {
        let text = '[';
        for (let j = 0; j < count; j++) text += (j === 0 ? '' : ',') + out[j];
        return text + ']';
      });
    },

    start(rpcUrl, timeoutMs, sliceMs, loops) {
      const loop = async () => {
        let id = '';
        let answers = '';
        for (;;) {
          let response;
          let tokens;
          try {
            // Bodies as blobs: the page's DevTools instrumentation (Playwright's) copies string
            // bodies, which costs the renderer about three times as much CPU per batch.
            response = await fetchFn(rpcUrl, { method: 'POST', body: new BlobCtor([answers]), headers: { [BATCH_HEADER]: id }, cache: 'no-store' });
            if (response.status !== 200) return;
            id = responseHeader(response.headers, BATCH_HEADER) || '';
            tokens = await blobText(await responseBlob(response));
          } catch (error) {
            logError('captoken harness: the work loop lost its server: ' + describeThrown(error));
            return;
          }
          try {
            answers = await harness.run(tokens, timeoutMs, sliceMs);
          } catch (error) {
            logError('captoken harness: a batch failed: ' + describeThrown(error));
            return;
          }
        }
      };
      for (let i = 0; i < loops; i++) void loop();
    },
  };
  defineProperty(globalThis, '__captokenHarness', { value: harness, configurable: true });
})();`;

/** The page: a blank document whose inline script is the harness. */
export function pageHtml(): string {
  return `<!doctype html><html><head><meta charset="utf-8"><title>captoken browser adapter</title><script>${HARNESS}</script></head><body></body></html>`;
}
