// How tokens, characters and answers are shown to a person: the one token display of the kit and the
// CLI. Invisible and non-ASCII characters are always escaped; nothing is printed raw.
import type { TokenSegment } from '../errors.js';
import type { AdapterAnswer } from './adapter.js';
import type { FaultChar } from './report.js';

const HEX = '0123456789abcdef';

/** One UTF-16 unit as shown: printable ASCII (U+0021..U+007E) as itself, `\n` `\r` `\t`, else `\uXXXX`. */
export function escapeUnit(unit: number): string {
  if (unit >= 0x21 && unit <= 0x7e) return String.fromCharCode(unit);
  switch (unit) {
    case 0x0a:
      return '\\n';
    case 0x0d:
      return '\\r';
    case 0x09:
      return '\\t';
    default:
      return `\\u${HEX[(unit >> 12) & 15]!}${HEX[(unit >> 8) & 15]!}${HEX[(unit >> 4) & 15]!}${HEX[unit & 15]!}`;
  }
}

/**
 * True for a unit that prints as nothing or as something else: controls, spaces other than ' ',
 * format characters (zero-width, bidi, BOM), line and paragraph separators, lone surrogates.
 */
function isInvisible(c: number, next: number, prev: number): boolean {
  if (c < 0x20 || (c >= 0x7f && c <= 0xa0) || c === 0xad) return true;
  if ((c >= 0x2000 && c <= 0x200f) || (c >= 0x2028 && c <= 0x202f) || (c >= 0x205f && c <= 0x206f) || c === 0xfeff || (c >= 0xfff9 && c <= 0xfffb)) return true;
  if (c >= 0xd800 && c <= 0xdbff) return !(next >= 0xdc00 && next <= 0xdfff);
  if (c >= 0xdc00 && c <= 0xdfff) return !(prev >= 0xd800 && prev <= 0xdbff);
  return false;
}

/** Text for a message: invisible units escaped (`\u00a0`, `\u2028`, lone surrogates), the rest as is. */
export function escapeInvisible(text: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x20 && c < 0x7f) continue;
    if (!isInvisible(c, text.charCodeAt(i + 1), i > 0 ? text.charCodeAt(i - 1) : 0)) continue;
    out += text.slice(from, i) + escapeUnit(c);
    from = i + 1;
  }
  return from === 0 ? text : out + text.slice(from);
}

/** A value for a message: JSON where possible, invisible characters escaped, never longer than ~120 characters. */
export function show(value: unknown, max = 120): string {
  let text: string;
  try {
    // JSON.stringify returns undefined for undefined, functions and symbols, whatever its declared type says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    text = JSON.stringify(value) ?? String(value);
  } catch {
    text = String(value);
  }
  text = escapeInvisible(text);
  return text.length > max ? `${text.slice(0, max - 3)}...` : text;
}

/** Text with every unit that is not printable ASCII escaped (spaces too: a token has none). */
export function escapeText(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out += c >= 0x21 && c <= 0x7e ? text.charAt(i) : escapeUnit(c);
  }
  return out;
}

/**
 * A token for a terminal or a report: escaped (no invisible character reaches the output raw), cut
 * in the middle when longer than `max` characters, with the length said.
 */
export function showToken(token: string, max = 200): string {
  const escaped = escapeText(token);
  if (escaped.length <= max) return escaped;
  const half = Math.floor(max / 2);
  return `${escaped.slice(0, half)}…${escaped.slice(-half)} (${token.length} characters)`;
}

/** `U+002D`. */
export function codePointName(cp: number): string {
  return `U+${cp.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** Where each segment of a token starts and ends. */
function segmentAt(token: string, offset: number): { segment: TokenSegment; start: number } {
  const first = token.indexOf('.');
  const second = first === -1 ? -1 : token.indexOf('.', first + 1);
  if (first === -1 || offset <= first) return { segment: 'header', start: 0 };
  if (second === -1 || offset <= second) return { segment: 'payload', start: first + 1 };
  return { segment: 'signature', start: second + 1 };
}

/** The character of `token` at `offset`, located. */
export function charAt(token: string, offset: number, segment?: TokenSegment): FaultChar {
  const where = segmentAt(token, offset);
  const seg = segment ?? where.segment;
  const start = seg === where.segment ? where.start : offset;
  const cp = token.codePointAt(offset);
  if (cp === undefined) return { segment: seg, offset, segmentOffset: offset - start, codePoint: 'end of token', shown: '' };
  const unit = token.slice(offset, offset + (cp > 0xffff ? 2 : 1));
  return { segment: seg, offset, segmentOffset: offset - start, codePoint: codePointName(cp), shown: escapeText(unit) };
}

/**
 * The fault-bearing characters of a case: the character at the fault's offset for an invalid token;
 * every '-' and '_' (at most `max`) for a valid one.
 */
export function faultChars(token: string, fault: { offset?: number; segment?: TokenSegment } | undefined, valid: boolean, max = 6): FaultChar[] {
  if (!valid) return fault?.offset === undefined ? [] : [charAt(token, fault.offset, fault.segment)];
  const out: FaultChar[] = [];
  for (let i = 0; i < token.length && out.length < max; i++) {
    const c = token.charCodeAt(i);
    if (c === 0x2d || c === 0x5f) out.push(charAt(token, i));
  }
  return out;
}

/** `'-' header offset 3 (token offset 3, U+002D)`; `end of token` for an offset past the end. */
export function describeChar(f: FaultChar): string {
  if (f.codePoint === 'end of token') return `the end of the token (offset ${f.offset})`;
  return `'${f.shown}' ${f.segment} offset ${f.segmentOffset} (token offset ${f.offset}, ${f.codePoint})`;
}

/** The segments of a token with their lengths and classes mod 4: `header 20 (≡ 0), payload 3 (≡ 3), signature 2 (≡ 2)`. */
export function segmentLengths(token: string): string {
  const parts = token.split('.');
  if (parts.length !== 3) return `${parts.length} segment${parts.length === 1 ? '' : 's'}`;
  const names: TokenSegment[] = ['header', 'payload', 'signature'];
  return parts.map((p, i) => `${names[i]!} ${p.length} (≡ ${p.length % 4})`).join(', ');
}

/** An answer in a few words: `accepts: header {...}, payload {...}` or `rejects: "message" [category]`. */
export function answerText(answer: AdapterAnswer): string {
  if (answer.ok) return `accepts: header ${show(answer.header)}, payload ${show(answer.payload)}`;
  return `rejects: ${show(answer.error, 160)}${answer.category === undefined ? '' : ` [${answer.category}]`}`;
}
