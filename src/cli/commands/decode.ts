// captoken decode <token | ->: strict parse, then header, payload and capabilities, or the fault with a caret.
import type { Command } from 'commander';
import { capabilitiesOf, type CapabilitySet } from '../../capabilities/index.js';
import { isCaptokenError } from '../../errors.js';
import { parseToken, type ParsedToken } from '../../parse.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_OK } from '../exit-codes.js';
import { integer, readToken } from '../input.js';
import { writeJson } from '../output/json.js';
import { tokenText } from '../output/token-view.js';
import { reportTokenFault, tokenPrecheck } from '../token-fault.js';

interface DecodeOptions {
  json?: boolean;
  maxLength?: number;
}

/**
 * Parses the token and shows it. An invalid token is exit 1 with the error. Capability claims that
 * do not read (CLAIM_INVALID, a malformed scope say) are exit 1 too, but the header and payload are
 * still shown: they are what the user needs to see the fault. Anything unexpected propagates.
 */
export async function decodeCommand(arg: string, options: DecodeOptions, ctx: CliContext): Promise<void> {
  ctx.json = options.json === true;
  const token = await readToken(arg, ctx.io);
  let parsed: ParsedToken;
  try {
    const fault = tokenPrecheck(token);
    if (fault !== undefined) throw fault;
    parsed = parseToken(token, options.maxLength === undefined ? {} : { maxLength: options.maxLength });
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    reportTokenFault(error, token, ctx);
    return;
  }
  const shown = { header: parsed.header, payload: parsed.payload, signatureBytes: parsed.signature.length };
  let capabilities: CapabilitySet;
  try {
    capabilities = capabilitiesOf(parsed);
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    if (!ctx.json) ctx.io.out(tokenText(shown, undefined, ctx.out));
    reportTokenFault(error, token, ctx, shown);
    return;
  }
  ctx.exitCode = EXIT_OK;
  if (ctx.json) writeJson(ctx.io, { ok: true, ...shown, capabilities });
  else ctx.io.out(tokenText(shown, capabilities, ctx.out));
}

export function registerDecode(cmd: Command, ctx: CliContext): void {
  cmd
    .description('strictly parse a token (no signature check) and show its header, payload and capabilities, or the fault with a caret under it')
    .argument('<token>', "the compact token, or '-' to read it from stdin (one final line ending, \\n or \\r\\n, is dropped)")
    .option('--max-length <characters>', 'refuse longer tokens (TOKEN_TOO_LARGE); default 16384', integer('positive'))
    .option('--json', 'print one JSON document: {ok, header, payload, signatureBytes, capabilities} or {ok: false, error, header?, payload?}')
    .addHelpText('after', `\nExamples:\n  captoken decode eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln\n  echo "$TOKEN" | captoken decode - --json\n${EXIT_CODES_HELP}`)
    .action((arg: string, options: DecodeOptions) => decodeCommand(arg, options, ctx));
}
