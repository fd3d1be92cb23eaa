// Adapters from a plain description: what the runners and the CLI open, and close when done.
import type { Adapter } from './adapter.js';
import { createBrowserAdapter } from './browser-adapter.js';
import { createCommandAdapter } from './command-adapter.js';
import { adapterFromFunction, createModuleAdapter } from './module-adapter.js';
import { createUrlAdapter } from './url-adapter.js';
import { configError } from '../errors.js';

/**
 * Which parser to test, for runners that open (and close) the adapter themselves:
 * a command speaking the JSON-lines protocol, a JavaScript module exporting `decode(token)`, an HTTP
 * endpoint, a file run in headless Chromium, or a `decode` function in this process. New adapter kinds add a member here and a case
 * in {@link openAdapter}.
 */
export type AdapterSpec =
  | { command: string; cwd?: string; env?: Readonly<Record<string, string | undefined>> }
  | { module: string }
  | { url: string }
  | { browser: string; global?: string; name?: string }
  | { decode: (token: string) => unknown; name?: string };

/** True for an opened {@link Adapter} (as opposed to an {@link AdapterSpec}). */
export function isAdapter(value: Adapter | AdapterSpec): value is Adapter {
  return typeof (value as Partial<Adapter>).close === 'function' && typeof (value as Partial<Adapter>).decode === 'function' && typeof (value as Partial<Adapter>).name === 'string';
}

/**
 * Opens the adapter a spec describes, with the per-case `timeoutMs` (default 5000).
 *
 * @example
 * const adapter = await openAdapter({ module: './my-adapter.mjs' }, { timeoutMs: 2000 });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for a spec that names no adapter kind, an empty command, a
 * URL that is not http(s) or a bad `timeoutMs`; {AdapterError} `crash` / `protocol` when a module
 * cannot be loaded or has no `decode`.
 */
export async function openAdapter(spec: AdapterSpec, options: { timeoutMs?: number | undefined } = {}): Promise<Adapter> {
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  if ('command' in spec) {
    return createCommandAdapter(spec.command, { ...timeout, ...(spec.cwd === undefined ? {} : { cwd: spec.cwd }), ...(spec.env === undefined ? {} : { env: spec.env }) });
  }
  if ('module' in spec) return createModuleAdapter(spec.module, timeout);
  if ('url' in spec) return createUrlAdapter(spec.url, timeout);
  if ('browser' in spec) {
    return createBrowserAdapter(spec.browser, {
      ...timeout,
      ...(spec.global === undefined ? {} : { global: spec.global }),
      ...(spec.name === undefined ? {} : { name: spec.name }),
    });
  }
  if ('decode' in spec && typeof spec.decode === 'function') return adapterFromFunction(spec.name ?? 'decode function', spec.decode, timeout);
  throw configError('an adapter spec needs one of command, module, url, browser or decode');
}
