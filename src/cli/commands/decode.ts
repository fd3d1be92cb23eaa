// captoken decode <token | ->: strict parse, then header, payload and capabilities, or the fault with a caret.
import type { Command } from 'commander';
import { capabilitiesOf, type CapabilitySet } from '../../capabilities/index.js';
import { isCaptokenError } from '../../errors.js';
import { parseToken } from '../../parse.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK } from '../exit-codes.js';
import { readToken } from '../input.js';
import { writeJson } from '../output/json.js';
import { errorJson, errorText, tokenText } from '../output/token-view.js';

interface DecodeOptions {
  json?: boolean;
}

/**
 * Parses the token and shows it. An invalid token, or capability claims that do not read
 * (CLAIM_INVALID), is exit 1 with the error; anything unexpected propagates.
 */
export async function decodeCommand(arg: string, options: DecodeOptions, ctx: CliContext): Promise<void> {
  ctx.json = options.json === true;
  const token = await readToken(arg, ctx.io);
  let parsed;
  let capabilities: CapabilitySet;
  try {
    parsed = parseToken(token);
    capabilities = capabilitiesOf(parsed);
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    ctx.exitCode = EXIT_FAIL;
    if (ctx.json) writeJson(ctx.io, { ok: false, error: errorJson(error) });
    else ctx.io.err(errorText(error, token, ctx.err));
    return;
  }
  ctx.exitCode = EXIT_OK;
  if (ctx.json) {
    writeJson(ctx.io, { ok: true, header: parsed.header, payload: parsed.payload, signatureBytes: parsed.signature.length, capabilities });
  } else {
    ctx.io.out(tokenText({ header: parsed.header, payload: parsed.payload, signatureBytes: parsed.signature.length }, capabilities, ctx.out));
  }
}

export function registerDecode(cmd: Command, ctx: CliContext): void {
  cmd
    .description('strictly parse a token (no signature check) and show its header, payload and capabilities, or the fault with a caret under it')
    .argument('<token>', "the compact token, or '-' to read it from stdin (one final newline is dropped)")
    .option('--json', 'print one JSON document: {ok, header, payload, signatureBytes, capabilities} or {ok: false, error}')
    .addHelpText('after', `\nExamples:\n  captoken decode eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJhIn0.c2ln\n  echo "$TOKEN" | captoken decode - --json\n${EXIT_CODES_HELP}`)
    .action((arg: string, options: DecodeOptions) => decodeCommand(arg, options, ctx));
}
