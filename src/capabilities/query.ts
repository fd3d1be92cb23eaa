// The query part of a legacy scope (`?name=value&name=value`) and of its `appParams`: parse into
// decoded pairs, and encode pairs the way twilio's ClientCapability does.
//
// Decoding is application/x-www-form-urlencoded over the RFC 3986 query characters: `%XX` escapes
// are UTF-8, and a raw `+` is a space (twilio-python's urlencode writes spaces as `+`; twilio-node
// writes `%20` and escapes `+` as `%2B`, so both read back exactly). Everything outside the query
// characters, a stray `%`, an empty or repeated name, or a pair without `=` is a fault.

import { FORBIDDEN_MEMBER_NAMES } from '../json.js';

/** A parameter name no result object may carry (it would reach a prototype): the JSON rule of src/json.ts. */
export const FORBIDDEN_PARAM_NAMES: ReadonlySet<string> = /* @__PURE__ */ new Set(FORBIDDEN_MEMBER_NAMES);

/** 1 for the ASCII characters allowed raw in a name or value: RFC 3986 pchar, '/', '?', minus '&' and '='. */
const RAW = /* @__PURE__ */ rawTable("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~!$'()*+,;:@/?");

function rawTable(chars: string): Uint8Array {
  const table = new Uint8Array(128);
  for (let i = 0; i < chars.length; i++) table[chars.charCodeAt(i)] = 1;
  return table;
}

function isHex(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x46) || (c >= 0x61 && c <= 0x66);
}

/** A parse result: the decoded pairs in order, or why the text is malformed (never its content). */
export type QueryResult = { ok: true; pairs: [string, string][] } | { ok: false; reason: string };

const decodeURIComponentSafe = decodeURIComponent;

/** Decodes text[start, end) after checking its characters; a reason (never the content) on a fault. */
function decodeComponent(text: string, start: number, end: number, base: number): string | { reason: string } {
  let plain = true;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x25) {
      if (i + 2 >= end || !isHex(text.charCodeAt(i + 1)) || !isHex(text.charCodeAt(i + 2))) {
        return { reason: `'%' at character ${base + i} is not followed by two hex digits` };
      }
      plain = false;
      i += 2;
    } else if (c >= 128 || RAW[c] !== 1) {
      return { reason: `character ${base + i} is not allowed in a query (encode it as %XX)` };
    } else if (c === 0x2b) {
      plain = false;
    }
  }
  const raw = text.slice(start, end);
  if (plain) return raw;
  try {
    return decodeURIComponentSafe(raw.replaceAll('+', ' '));
  } catch {
    return { reason: `the escapes between characters ${base + start} and ${base + end} are not valid UTF-8` };
  }
}

/**
 * Parses `name=value&name=value` into decoded pairs. An empty text is zero pairs when `allowEmpty`
 * (an empty `appParams`), a fault otherwise (`scope:x:y?` has a `?` and nothing after it).
 * `base` is added to the character positions in reasons (the query's start within its scope).
 */
export function parseQuery(text: string, allowEmpty: boolean, base = 0): QueryResult {
  const pairs: [string, string][] = [];
  if (text.length === 0) {
    return allowEmpty ? { ok: true, pairs } : { ok: false, reason: "the query after '?' is empty" };
  }
  const seen = new Set<string>();
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end === -1) end = text.length;
    const eq = text.indexOf('=', start);
    if (eq === -1 || eq >= end) {
      return { ok: false, reason: `the parameter at character ${base + start} has no '='` };
    }
    if (eq === start) {
      return { ok: false, reason: `the parameter at character ${base + start} has an empty name` };
    }
    const name = decodeComponent(text, start, eq, base);
    if (typeof name !== 'string') return { ok: false, reason: name.reason };
    const value = decodeComponent(text, eq + 1, end, base);
    if (typeof value !== 'string') {
      // A second '=' inside the value lands here too: '=' is not a raw value character.
      return { ok: false, reason: value.reason };
    }
    if (FORBIDDEN_PARAM_NAMES.has(name)) {
      return { ok: false, reason: `the parameter at character ${base + start} has a name that is not allowed` };
    }
    if (seen.has(name)) {
      return { ok: false, reason: `the parameter at character ${base + start} repeats an earlier name` };
    }
    seen.add(name);
    pairs.push([name, value]);
    start = end + 1;
  }
  return { ok: true, pairs };
}

/** Percent-encodes like Node's `querystring.escape` (and `encodeURIComponent`); `keepSlash` leaves '/' raw. */
export function encodeComponent(value: string, keepSlash: boolean): string {
  const encoded = encodeURIComponent(value);
  return keepSlash ? encoded.replaceAll('%2F', '/') : encoded;
}

/** Joins pairs as `name=value&…` with both sides encoded (twilio's `appParams` inner string). */
export function encodePairs(pairs: Iterable<readonly [string, string]>): string {
  const parts: string[] = [];
  for (const [name, value] of pairs) parts.push(`${encodeComponent(name, false)}=${encodeComponent(value, false)}`);
  return parts.join('&');
}
