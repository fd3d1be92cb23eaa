// The captoken program: commander set up once (exit override, output routed through CliIo), one
// file per command, and the one place where errors become exit codes.
import { Command, CommanderError } from 'commander';
import { isAdapterError } from '../conformance/adapter.js';
import { isCaptokenError } from '../errors.js';
import pkg from '../../package.json' with { type: 'json' };
import { registerCheck } from './commands/check.js';
import { registerConformance } from './commands/conformance.js';
import { registerDecode } from './commands/decode.js';
import { registerMint } from './commands/mint.js';
import { registerVectors } from './commands/vectors.js';
import { registerReport } from './commands/report.js';
import { registerVerify } from './commands/verify.js';
import { createContext, type CliContext } from './context.js';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK, EXIT_USAGE, UsageError, type ExitCode } from './exit-codes.js';
import type { CliIo } from './io.js';
import { writeJson } from './output/json.js';

/**
 * Commander quotes an unknown option as typed, `--secret=<value>` included; the value might be a
 * secret someone tried to pass on the command line, so it is never repeated.
 */
export function redactOptionValues(message: string): string {
  return message.replace(/'(-[^'=\s]+)=[^']*'/g, "'$1=…'");
}

/**
 * Credentials in a URL (`https://user:pass@host/…`) never reach the terminal or a JSON document:
 * whatever message the CLI prints goes through this, whoever wrote it.
 */
export function redactUrlCredentials(message: string): string {
  return message.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/\s@?#]*@/gi, '$1…@');
}

/** Every message the CLI prints about an error: option values and URL credentials removed. */
function redact(message: string): string {
  return redactUrlCredentials(redactOptionValues(message));
}

export function buildProgram(ctx: CliContext): Command {
  const program = new Command('captoken')
    .description('Strictly parse and verify compact JWS/JWT capability tokens, and check other token parsers against captoken.')
    .version(pkg.version, '-V, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand(false)
    .exitOverride()
    .showHelpAfterError('(add --help for usage)')
    .configureOutput({
      writeOut: (s) => {
        ctx.io.out(s);
      },
      writeErr: (s) => {
        ctx.io.err(s);
      },
      outputError: (s, write) => {
        write(ctx.err.red(redact(s)));
      },
    })
    .addHelpText('after', EXIT_CODES_HELP);
  registerDecode(program.command('decode'), ctx);
  registerVerify(program.command('verify'), ctx);
  registerMint(program.command('mint'), ctx);
  registerVectors(program.command('vectors'), ctx);
  registerConformance(program.command('conformance'), ctx);
  registerCheck(program.command('check'), ctx);
  registerReport(program.command('report'), ctx);
  return program;
}

function usageJson(ctx: CliContext, code: string, message: string): void {
  writeJson(ctx.io, { ok: false, error: { code, message: redact(message) } });
}

/** Maps what a command threw to its exit code, telling the user (stderr, or JSON on stdout with --json). */
function report(ctx: CliContext, error: unknown, argv: readonly string[]): ExitCode {
  const json = ctx.json || argv.includes('--json');
  if (error instanceof CommanderError) {
    // --help and --version end here with exit code 0; a bare `captoken` or `captoken mint` shows help as an error.
    if (error.exitCode === 0) return EXIT_OK;
    if (json) usageJson(ctx, 'USAGE', error.message.replace(/^error: /, ''));
    return EXIT_USAGE;
  }
  if (error instanceof UsageError) {
    ctx.io.err(ctx.err.red(`error: ${redact(error.message)}\n`));
    if (json) usageJson(ctx, 'USAGE', error.message);
    return EXIT_USAGE;
  }
  if (isAdapterError(error)) {
    const tail = error.stderrTail.length > 0 ? `\nadapter stderr (last ${error.stderrTail.length} lines):\n${error.stderrTail.map((l) => `  ${l}`).join('\n')}` : '';
    ctx.io.err(ctx.err.red(`adapter error (${error.kind}): ${redact(error.message)}`) + `${tail}\n`);
    if (json) writeJson(ctx.io, { ok: false, error: { code: 'ADAPTER_ERROR', kind: error.kind, message: redact(error.message), stderrTail: error.stderrTail } });
    return EXIT_USAGE;
  }
  if (isCaptokenError(error)) {
    // Token faults are handled by the commands; what reaches here is configuration (CONFIG_INVALID).
    ctx.io.err(ctx.err.red(`error: ${error.code}: ${redact(error.message)}\n`));
    if (json) writeJson(ctx.io, { ok: false, error: { code: error.code, message: redact(error.message) } });
    return error.code === 'CONFIG_INVALID' ? EXIT_USAGE : EXIT_FAIL;
  }
  const message = redact(error instanceof Error ? error.message : String(error));
  ctx.io.err(ctx.err.red(`error: ${message}\n`));
  if (json) usageJson(ctx, 'ERROR', message);
  return EXIT_USAGE;
}

/** Runs the CLI on `argv` (without node and the script) and resolves to the exit code. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<ExitCode> {
  const ctx = createContext(io);
  const program = buildProgram(ctx);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return ctx.exitCode;
  } catch (error) {
    return report(ctx, error, argv);
  }
}
