// What decode and verify do with a token that does not pass: a fault the CLI can name better than the
// parser's generic message (a JWS JSON serialization), hints for common mistakes (an
// Authorization header value, quotes, whitespace, a token over the size limit), and the report.
import { CaptokenError } from '../errors.js';
import type { CliContext } from './context.js';
import { EXIT_FAIL } from './exit-codes.js';
import { writeJson } from './output/json.js';
import { errorJson, errorText } from './output/token-view.js';

const BEARER = /^bearer\s/i;

/**
 * A fault to report instead of parsing, for input the parser would describe only by its segment
 * count: a JWS JSON serialization (`{...}`, possibly indented, with any number of dots inside). The
 * parser itself names an empty token.
 */
export function tokenPrecheck(token: string): CaptokenError | undefined {
  if (token.trimStart().startsWith('{')) {
    return new CaptokenError('TOKEN_MALFORMED', 'this is a JWS JSON serialization; only the compact serialization is accepted', { offset: 0 });
  }
  return undefined;
}

/** A one-line hint for a fault the CLI can explain, or undefined. Never repeats the token. */
export function tokenHint(token: string, error: CaptokenError): string | undefined {
  if (BEARER.test(token)) return "this is an Authorization header value: pass the token without the 'Bearer ' prefix";
  if (token.length >= 2 && (token.startsWith('"') || token.startsWith("'")) && token.endsWith(token[0]!)) return 'remove the quotes around the token';
  if (error.code === 'TOKEN_TOO_LARGE') return 'if your tokens really are this large, raise the limit with --max-length <characters>';
  if (error.code === 'BASE64URL_INVALID_CHAR' && error.offset !== undefined && /\s/.test(token.charAt(error.offset))) {
    return 'the token has whitespace in it (a line break from copying it?); pass it as one unbroken line';
  }
  return undefined;
}

/**
 * Reports a token fault: exit 1, the error (with a hint when there is one) on stderr, or as the JSON
 * document with `shown` (the header and payload, when they were read) beside it.
 */
export function reportTokenFault(error: CaptokenError, token: string, ctx: CliContext, shown?: Record<string, unknown>): void {
  ctx.exitCode = EXIT_FAIL;
  const hint = tokenHint(token, error);
  if (ctx.json) writeJson(ctx.io, { ok: false, error: errorJson(error, hint), ...shown });
  else ctx.io.err(errorText(error, token, ctx.err, hint));
}
