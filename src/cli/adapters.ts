// Adapters from flags: --<role>-cmd "<command>", --<role>-module <path> or --<role>-url <url>, exactly one.
import { Option, type Command } from 'commander';
import type { Adapter } from '../conformance/adapter.js';
import { createCommandAdapter } from '../conformance/command-adapter.js';
import { createModuleAdapter } from '../conformance/module-adapter.js';
import { createUrlAdapter } from '../conformance/url-adapter.js';
import { UsageError } from './exit-codes.js';

export type AdapterRole = 'adapter' | 'candidate' | 'baseline';

/** The three flags of a role, as commander stores them. */
type AdapterFlags = Partial<Record<`${AdapterRole}${'Cmd' | 'Module' | 'Url'}`, string>>;

/** Adds `--<role>-cmd`, `--<role>-module`, `--<role>-url` to a command. */
export function addAdapterOptions(cmd: Command, role: AdapterRole, what: string): Command {
  return cmd
    .addOption(new Option(`--${role}-cmd <command>`, `${what}: a command speaking the JSON-lines protocol (run through the shell)`))
    .addOption(new Option(`--${role}-module <path>`, `${what}: a JavaScript module exporting decode(token) (.ts with tsx installed)`))
    .addOption(new Option(`--${role}-url <url>`, `${what}: an http(s) endpoint taking POST {"token"}`));
}

/** Which flags of `role` were given, as `--<role>-<kind>` names. */
function given(flags: object, role: AdapterRole): Array<{ kind: 'cmd' | 'module' | 'url'; value: string }> {
  const out: Array<{ kind: 'cmd' | 'module' | 'url'; value: string }> = [];
  const f = flags as AdapterFlags;
  const cmd = f[`${role}Cmd`];
  const mod = f[`${role}Module`];
  const url = f[`${role}Url`];
  if (cmd !== undefined) out.push({ kind: 'cmd', value: cmd });
  if (mod !== undefined) out.push({ kind: 'module', value: mod });
  if (url !== undefined) out.push({ kind: 'url', value: url });
  return out;
}

/** Whether any flag of `role` was given. */
export function hasAdapter(flags: object, role: AdapterRole): boolean {
  return given(flags, role).length > 0;
}

/**
 * Checks that exactly one adapter flag of `role` is given (a usage error otherwise), before anything
 * is started.
 */
export function checkAdapterFlags(flags: object, role: AdapterRole): void {
  const list = given(flags, role);
  const names = `--${role}-cmd, --${role}-module or --${role}-url`;
  if (list.length === 0) throw new UsageError(`give the ${role === 'adapter' ? 'parser under test' : role} with one of ${names}`);
  if (list.length > 1) throw new UsageError(`give only one of ${names}; got ${list.map((g) => `--${role}-${g.kind}`).join(' and ')}`);
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
  }
}
