// The user's own token with a caret under the faulty character, cut around the fault when long.
// Characters are shown by the kit's one token display (src/conformance/display.ts).
import { escapeUnit as show } from '../../conformance/display.js';

/** Characters shown on each side of the fault before the token is cut with '…'. */
export const CARET_CONTEXT = 30;

/**
 * Two lines: the token (or its part around `offset`) and a caret line whose `^` stands under the
 * character at `offset` (UTF-16 index into the whole token). An offset at the end of the token
 * points just past its last character. Characters that are not printable ASCII (spaces, control
 * characters, non-ASCII) are shown escaped, the caret under the escape's first character, `~` under
 * the rest of it. Beyond `context` characters on either side the token is cut, marked with '…'.
 */
export function caretLines(token: string, offset: number, context = CARET_CONTEXT): [string, string] {
  const at = Math.max(0, Math.min(offset, token.length));
  const start = Math.max(0, at - context);
  const end = Math.min(token.length, at + context + 1);
  let line = start > 0 ? '…' : '';
  let caret = ' '.repeat(line.length);
  for (let i = start; i < end; i++) {
    const shown = show(token.charCodeAt(i));
    line += shown;
    caret += i === at ? `^${'~'.repeat(shown.length - 1)}` : ' '.repeat(shown.length);
  }
  if (at === token.length) caret += '^';
  if (end < token.length) line += '…';
  return [line, caret.trimEnd()];
}
