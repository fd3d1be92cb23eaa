// Adapters from flags: --<role>-cmd "<command>", --<role>-module <path>, --<role>-url <url> or
// --<role>-browser <file>, exactly one; --browser-global <name> for every browser adapter of the command.
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Adapter } from '../conformance/adapter.js';
import { createBrowserAdapter, GLOBAL_PATH } from '../conformance/browser-adapter.js';
import { createCommandAdapter } from '../conformance/command-adapter.js';
import { createModuleAdapter } from '../conformance/module-adapter.js';
import { createUrlAdapter } from '../conformance/url-adapter.js';
import { UsageError } from './exit-codes.js';

export type AdapterRole = 'adapter' | 'candidate' | 'baseline';

const KINDS = ['cmd', 'module', 'url', 'browser'] as const;
type AdapterKind = (typeof KINDS)[number];
const KEYS: Record<AdapterKind, 'Cmd' | 'Module' | 'Url' | 'Browser'> = { cmd: 'Cmd', module: 'Module', url: 'Url', browser: 'Browser' };

/** The adapter flags of a role as commander stores them, and --browser-global. */
export type AdapterFlags<R extends AdapterRole> = Partial<Record<`${R}${'Cmd' | 'Module' | 'Url' | 'Browser'}`, string>> & { browserGlobal?: string };

/** Adds `--<role>-cmd`, `--<role>-module`, `--<role>-url`, `--<role>-browser` (and, once per command, `--browser-global`). */
export function addAdapterOptions(cmd: Command, role: AdapterRole, what: string): Command {
  cmd
    .addOption(new Option(`--${role}-cmd <command>`, `${what}: a command speaking the JSON-lines protocol (run through the shell)`))
    .addOption(new Option(`--${role}-module <path>`, `${what}: a JavaScript module exporting decode(token) (.ts with tsx installed)`))
    .addOption(new Option(`--${role}-url <url>`, `${what}: an http(s) endpoint taking POST {"token"}`))
    .addOption(new Option(`--${role}-browser <file>`, `${what}: an ES module exporting decode(token), run in headless Chromium (CAPTOKEN_CHROMIUM, default /usr/bin/chromium)`));
  if (!cmd.options.some((o) => o.long === '--browser-global')) {
    cmd.addOption(
      new Option('--browser-global <name>', 'with --*-browser: the file is a UMD/IIFE bundle, loaded as a classic script; call the function at this global path (e.g. MyVoice.decodeToken)'),
    );
  }
  return cmd;
}

/** Which flags of `role` were given. */
function given(flags: object, role: AdapterRole): Array<{ kind: AdapterKind; value: string }> {
  const f = flags as Record<string, string | undefined>;
  const out: Array<{ kind: AdapterKind; value: string }> = [];
  for (const kind of KINDS) {
    const value = f[`${role}${KEYS[kind]}`];
    if (value !== undefined) out.push({ kind, value });
  }
  return out;
}

/** Whether any flag of `role` was given. */
export function hasAdapter(flags: object, role: AdapterRole): boolean {
  return given(flags, role).length > 0;
}

/**
 * Checks that exactly one adapter flag of `role` is given (a usage error otherwise), and that
 * --browser-global is well formed, before anything is started.
 */
export function checkAdapterFlags(flags: object, role: AdapterRole): void {
  const list = given(flags, role);
  const names = `--${role}-cmd, --${role}-module, --${role}-url or --${role}-browser`;
  if (list.length === 0) throw new UsageError(`give the ${role === 'adapter' ? 'parser under test' : role} with one of ${names}`);
  if (list.length > 1) throw new UsageError(`give only one of ${names}; got ${list.map((g) => `--${role}-${g.kind}`).join(' and ')}`);
  const { browserGlobal } = flags as { browserGlobal?: string };
  if (browserGlobal !== undefined && !GLOBAL_PATH.test(browserGlobal)) {
    throw new UsageError(`--browser-global needs a global path such as MyVoice.decodeToken, got ${JSON.stringify(browserGlobal)}`);
  }
}

/** Checks that --browser-global is given only with a browser adapter of one of `roles`. */
export function checkBrowserGlobal(flags: object, roles: readonly AdapterRole[]): void {
  const { browserGlobal } = flags as { browserGlobal?: string };
  if (browserGlobal === undefined) return;
  if (!roles.some((role) => given(flags, role).some((g) => g.kind === 'browser'))) {
    throw new UsageError(`--browser-global applies to a browser adapter: give ${roles.map((r) => `--${r}-browser`).join(' or ')} too`);
  }
}

/** Starts the adapter of `role`. AdapterError (exit 2) when a module cannot be loaded. */
export async function openAdapter(flags: object, role: AdapterRole, options: { timeoutMs?: number; cwd: string }): Promise<Adapter> {
  checkAdapterFlags(flags, role);
  const choice = given(flags, role)[0];
  if (choice === undefined) throw new UsageError(`no --${role}-* option given`);
  const { kind, value } = choice;
  const timeout = options.timeoutMs === undefined ? {} : { timeoutMs: options.timeoutMs };
  switch (kind) {
    case 'cmd':
      if (value.trim() === '') throw new UsageError(`--${role}-cmd needs a command`);
      return createCommandAdapter(value, { ...timeout, cwd: options.cwd });
    case 'module':
      return createModuleAdapter(value, timeout);
    case 'url':
      if (!/^https?:\/\//i.test(value)) throw new UsageError(`--${role}-url needs an http(s) URL, got ${JSON.stringify(value)}`);
      try {
        return createUrlAdapter(value, timeout);
      } catch (error) {
        throw new UsageError(`--${role}-url: ${(error as Error).message}`);
      }
    case 'browser': {
      if (value.trim() === '') throw new UsageError(`--${role}-browser needs a file`);
      const { browserGlobal } = flags as { browserGlobal?: string };
      return createBrowserAdapter(path.resolve(options.cwd, value), { ...timeout, name: value, ...(browserGlobal === undefined ? {} : { global: browserGlobal }) });
    }
  }
}
