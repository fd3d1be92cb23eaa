// Adapters from flags: `--<role>-<kind> <value>`, exactly one per role. Each kind is one row of
// ADAPTER_KINDS (its flag, its help, how its value becomes an AdapterSpec): a new kind of adapter is a
// new row here and a new member of AdapterSpec (src/conformance/open-adapter.ts).
// --browser-global <name> applies to every browser adapter of the command.
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { Adapter } from '../conformance/adapter.js';
import { GLOBAL_PATH } from '../conformance/browser-adapter.js';
import { openAdapter, type AdapterSpec } from '../conformance/open-adapter.js';
import { UsageError } from './exit-codes.js';

export type AdapterRole = 'adapter' | 'candidate' | 'baseline';

/** One kind of adapter as the CLI offers it. */
export interface AdapterKind {
  /** The flag suffix: `--<role>-<flag>`. */
  readonly flag: string;
  /** The value's name in the help (`<command>`). */
  readonly arg: string;
  readonly help: (what: string) => string;
  /** The spec of the adapter; a UsageError for a value that cannot work. */
  readonly spec: (value: string, context: { role: AdapterRole; cwd: string; browserGlobal: string | undefined }) => AdapterSpec;
}

export const ADAPTER_KINDS: readonly AdapterKind[] = [
  {
    flag: 'cmd',
    arg: '<command>',
    help: (what) => `${what}: a command speaking the JSON-lines protocol (run through the shell)`,
    spec: (value, { role, cwd }) => {
      if (value.trim() === '') throw new UsageError(`--${role}-cmd needs a command`);
      return { command: value, cwd };
    },
  },
  {
    flag: 'module',
    arg: '<path>',
    help: (what) => `${what}: a JavaScript module exporting decode(token) (.ts with tsx installed)`,
    spec: (value) => ({ module: value }),
  },
  {
    flag: 'url',
    arg: '<url>',
    help: (what) => `${what}: an http(s) endpoint taking POST {"token"}`,
    spec: (value, { role }) => {
      if (!/^https?:\/\//i.test(value)) throw new UsageError(`--${role}-url needs an http(s) URL, got ${JSON.stringify(value)}`);
      try {
        new URL(value);
      } catch {
        throw new UsageError(`--${role}-url: not a URL: ${JSON.stringify(value)}`);
      }
      return { url: value };
    },
  },
  {
    flag: 'browser',
    arg: '<file>',
    help: (what) => `${what}: an ES module exporting decode(token), run in headless Chromium (CAPTOKEN_CHROMIUM, default /usr/bin/chromium)`,
    spec: (value, { role, cwd, browserGlobal }) => {
      if (value.trim() === '') throw new UsageError(`--${role}-browser needs a file`);
      return { browser: path.resolve(cwd, value), name: value, ...(browserGlobal === undefined ? {} : { global: browserGlobal }) };
    },
  },
];

/** The adapter flags of a role as commander stores them, and --browser-global. */
export type AdapterFlags<R extends AdapterRole> = Partial<Record<`${R}${'Cmd' | 'Module' | 'Url' | 'Browser'}`, string>> & { browserGlobal?: string };

/** commander's property name of `--<role>-<flag>`: `candidateCmd`. */
const key = (role: AdapterRole, flag: string): string => `${role}${flag.charAt(0).toUpperCase()}${flag.slice(1)}`;

/** Adds the `--<role>-<kind>` flags of every adapter kind to a command. */
export function addAdapterOptions(cmd: Command, role: AdapterRole, what: string): Command {
  for (const kind of ADAPTER_KINDS) cmd.addOption(new Option(`--${role}-${kind.flag} ${kind.arg}`, kind.help(what)));
  if (!cmd.options.some((o) => o.long === '--browser-global')) {
    cmd.addOption(
      new Option('--browser-global <name>', 'with --*-browser: the file is a UMD/IIFE bundle, loaded as a classic script; call the function at this global path (e.g. MyVoice.decodeToken)'),
    );
  }
  return cmd;
}

/** Which flags of `role` were given. */
function given(flags: object, role: AdapterRole): Array<{ kind: AdapterKind; value: string }> {
  const f = flags as Record<string, unknown>;
  return ADAPTER_KINDS.flatMap((kind) => {
    const value = f[key(role, kind.flag)];
    return typeof value === 'string' ? [{ kind, value }] : [];
  });
}

/** Whether any flag of `role` was given. */
export function hasAdapter(flags: object, role: AdapterRole): boolean {
  return given(flags, role).length > 0;
}

/** Checks that exactly one adapter flag of `role` is given (a usage error otherwise), before anything starts. */
export function checkAdapterFlags(flags: object, role: AdapterRole): void {
  const list = given(flags, role);
  const names = ADAPTER_KINDS.map((k) => `--${role}-${k.flag}`);
  const choices = `${names.slice(0, -1).join(', ')} or ${names[names.length - 1]!}`;
  if (list.length === 0) throw new UsageError(`give the ${role === 'adapter' ? 'parser under test' : role} with one of ${choices}`);
  if (list.length > 1) throw new UsageError(`give only one of ${choices}; got ${list.map((g) => `--${role}-${g.kind.flag}`).join(' and ')}`);
  const { browserGlobal } = flags as { browserGlobal?: string };
  if (browserGlobal !== undefined && !GLOBAL_PATH.test(browserGlobal)) {
    throw new UsageError(`--browser-global needs a global path such as MyVoice.decodeToken, got ${JSON.stringify(browserGlobal)}`);
  }
}

/** Checks that --browser-global is given only with a browser adapter of one of `roles`. */
export function checkBrowserGlobal(flags: object, roles: readonly AdapterRole[]): void {
  const { browserGlobal } = flags as { browserGlobal?: string };
  if (browserGlobal === undefined) return;
  if (!roles.some((role) => given(flags, role).some((g) => g.kind.flag === 'browser'))) {
    throw new UsageError(`--browser-global applies to a browser adapter: give ${roles.map((r) => `--${r}-browser`).join(' or ')} too`);
  }
}

/** Opens the adapter of `role`. A UsageError (exit 2) for a bad value; an AdapterError (exit 2) when a module cannot be loaded. */
export async function openRoleAdapter(flags: object, role: AdapterRole, options: { timeoutMs?: number | undefined; cwd: string }): Promise<Adapter> {
  checkAdapterFlags(flags, role);
  const { kind, value } = given(flags, role)[0]!;
  const { browserGlobal } = flags as { browserGlobal?: string };
  return openAdapter(kind.spec(value, { role, cwd: options.cwd, browserGlobal }), { timeoutMs: options.timeoutMs });
}
