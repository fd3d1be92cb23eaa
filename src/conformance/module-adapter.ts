// The module adapter: a JS (or, with tsx installed, TS) module exporting decode(token), in process.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { AdapterError, checkTimeout, type Adapter, type AdapterAnswer } from './adapter.js';
import { acceptAnswer, describeThrown, thrownAnswer } from './answer.js';

const setTimer = setTimeout;
const clearTimer = clearTimeout;

type DecodeFunction = (token: string) => unknown;

function isThenable(value: unknown): value is PromiseLike<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as { then?: unknown }).then === 'function';
}

async function importModule(file: string): Promise<Record<string, unknown>> {
  const url = pathToFileURL(path.resolve(file)).href;
  if (/\.[cm]?tsx?$/.test(file)) {
    // A variable specifier keeps bundlers from inlining tsx: it is optional, found at run time.
    const tsxApi = 'tsx/esm/api';
    let tsImport: (specifier: string, parent: string) => Promise<Record<string, unknown>>;
    try {
      ({ tsImport } = (await import(tsxApi)) as { tsImport: typeof tsImport });
    } catch {
      throw new Error(`${file} is TypeScript: install tsx (npm i -D tsx) to load it, or point the kit at compiled JavaScript`);
    }
    return tsImport(url, import.meta.url);
  }
  return (await import(url)) as Record<string, unknown>;
}

/**
 * Wraps a `decode(token)` function as an adapter: returning `{ header, payload }` (or a promise of
 * it) accepts, throwing (or rejecting) rejects. A thrown error's `category` (a reject category) or
 * captoken `code` tells the kit why. A returned value without `header` and `payload` is a protocol
 * error; values JSON cannot carry (BigInt, NaN, a cycle) make that one answer wrong; an async decode
 * that does not settle within `timeoutMs` is a timeout.
 *
 * @example
 * const adapter = adapterFromFunction('captoken', (t) => parseToken(t));
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for a bad `timeoutMs`. `decode` rejects with an
 * {@link AdapterError} (`protocol`, `timeout`) when `decode` returns something else than
 * `{ header, payload }` or does not settle.
 */
export function adapterFromFunction(name: string, decode: DecodeFunction, options: { timeoutMs?: number } = {}): Adapter {
  const timeoutMs = checkTimeout(options.timeoutMs);
  const settle = (value: unknown, token: string): AdapterAnswer => {
    if (typeof value !== 'object' || value === null || !('header' in value) || !('payload' in value)) {
      throw new AdapterError('protocol', `decode returned ${value === null ? 'null' : typeof value} without header and payload; return { header, payload } or throw to reject`, { token });
    }
    let header: unknown;
    let payload: unknown;
    try {
      ({ header, payload } = value);
    } catch (error) {
      throw new AdapterError('protocol', `decode returned a value whose header or payload cannot be read: ${describeThrown(error)}`, { token });
    }
    return acceptAnswer(header, payload);
  };
  return {
    name,
    decode(token: string): Promise<AdapterAnswer> {
      let result: unknown;
      try {
        result = decode(token);
      } catch (error) {
        return Promise.resolve(thrownAnswer(error));
      }
      if (!isThenable(result)) {
        try {
          return Promise.resolve(settle(result, token));
        } catch (error) {
          return Promise.reject(error instanceof Error ? error : new Error(String(error)));
        }
      }
      return new Promise<AdapterAnswer>((resolve, reject) => {
        const timer = setTimer(() => {
          reject(new AdapterError('timeout', `decode did not settle within ${timeoutMs} ms`, { token }));
        }, timeoutMs);
        result.then(
          (value) => {
            clearTimer(timer);
            try {
              resolve(settle(value, token));
            } catch (error) {
              reject(error instanceof Error ? error : new Error(String(error)));
            }
          },
          (error: unknown) => {
            clearTimer(timer);
            resolve(thrownAnswer(error));
          },
        );
      });
    },
    close: () => Promise.resolve(),
  };
}

/**
 * Loads a module exporting `decode(token)` (sync or async; also `default.decode` or a default
 * function) and wraps it as an in-process adapter. `.js`/`.mjs`/`.cjs` load with Node; `.ts`/`.mts`
 * load through tsx's API when tsx is installed.
 *
 * @example
 * const adapter = await createModuleAdapter('examples/regressed/atob.mjs');
 * const report = await runConformance(adapter);
 *
 * @throws {AdapterError} `crash` when the module cannot be loaded, `protocol` when it has no decode;
 * {CaptokenError} `CONFIG_INVALID` for a bad `timeoutMs`.
 */
export async function createModuleAdapter(file: string, options: { timeoutMs?: number } = {}): Promise<Adapter> {
  checkTimeout(options.timeoutMs);
  let mod: Record<string, unknown>;
  try {
    mod = await importModule(file);
  } catch (error) {
    throw new AdapterError('crash', `could not load the adapter module ${file}: ${describeThrown(error)}`);
  }
  const fallback = mod['default'] as { decode?: unknown } | ((token: string) => unknown) | undefined;
  const decode =
    typeof mod['decode'] === 'function'
      ? (mod['decode'] as DecodeFunction)
      : typeof fallback === 'function'
        ? fallback
        : typeof fallback?.decode === 'function'
          ? (fallback.decode as DecodeFunction)
          : undefined;
  if (decode === undefined) throw new AdapterError('protocol', `the module ${file} does not export a decode(token) function`);
  return adapterFromFunction(file, decode, options);
}
