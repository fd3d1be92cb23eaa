import { CaptokenError, configError } from './errors.js';
import { parseJsonObject, type JsonObject } from './json.js';
import { DEFAULT_MAX_LENGTH } from './limits.js';
// The browser build swaps runtime-node for runtime-web (tsup.config.ts).
import { decodeBase64urlBytes, decodeBase64urlScratch, decodeBase64urlText } from './base64url/runtime-node.js';

export { DEFAULT_MAX_LENGTH };

/** The JOSE header of a token: a plain JSON object (`alg`, `typ`, `kid`, `cty`, …). */
export type TokenHeader = JsonObject;
/** The claims of a token: a plain JSON object. */
export type TokenPayload = JsonObject;

export interface ParsedToken {
  header: TokenHeader;
  payload: TokenPayload;
  /** The decoded signature bytes. */
  signature: Uint8Array;
  /** `<header>.<payload>` exactly as received: the bytes the signature covers (ASCII). */
  signingInput: string;
}

export interface ParseOptions {
  /** Reject longer tokens before any other work. Default 16 KiB. */
  maxLength?: number;
}

function checkMaxLength(maxLength: unknown): number {
  if (maxLength === undefined) return DEFAULT_MAX_LENGTH;
  if (typeof maxLength !== 'number' || !Number.isSafeInteger(maxLength) || maxLength < 1) {
    throw configError('maxLength must be a positive integer');
  }
  return maxLength;
}

/**
 * The text of a header or payload segment (undefined: it was not UTF-8) as a strict JSON object:
 * TOKEN_UTF8, or parseJsonObject's rules.
 */
function decodeJson(text: string | undefined, segment: 'header' | 'payload', offset: number): JsonObject {
  if (text === undefined) {
    throw new CaptokenError('TOKEN_UTF8', `the ${segment} segment is not valid UTF-8`, { offset, segment });
  }
  return parseJsonObject(text, segment, offset);
}

/**
 * Splits a compact token at its two dots. Returns the dot positions; throws TOKEN_MALFORMED unless
 * there are exactly three segments with a non-empty header and signature.
 */
function splitToken(token: string, maxLength: number): [number, number] {
  if (typeof token !== 'string') {
    throw new CaptokenError('TOKEN_MALFORMED', 'a token must be a string');
  }
  if (token.length > maxLength) {
    throw new CaptokenError('TOKEN_TOO_LARGE', `the token is ${token.length} characters long, over the limit of ${maxLength}`);
  }
  if (token.length === 0) throw new CaptokenError('TOKEN_MALFORMED', 'the token is empty', { offset: 0 });
  const first = token.indexOf('.');
  const second = first === -1 ? -1 : token.indexOf('.', first + 1);
  if (second === -1) {
    throw new CaptokenError(
      'TOKEN_MALFORMED',
      token.charCodeAt(0) === 0x7b
        ? 'this looks like a JWS JSON serialization; only the compact serialization (three segments separated by \'.\') is accepted'
        : `a compact token has three segments separated by '.'; this one has ${first === -1 ? 1 : 2}`,
    );
  }
  const third = token.indexOf('.', second + 1);
  if (third !== -1) {
    throw new CaptokenError('TOKEN_MALFORMED', `a compact token has three segments; a fourth starts after the '.' at ${third}`, {
      offset: third,
    });
  }
  if (first === 0) {
    throw new CaptokenError('TOKEN_MALFORMED', 'the header segment is empty', { offset: 0, segment: 'header' });
  }
  if (second === token.length - 1) {
    throw new CaptokenError('TOKEN_MALFORMED', "the signature segment is empty (unsecured 'alg: none' tokens are not accepted)", {
      offset: token.length,
      segment: 'signature',
    });
  }
  return [first, second];
}

/**
 * A header segment read before, kept by the caller (the verifier's header cache) so that a token
 * with the same header skips decoding it. Only headers that decoded and parsed are ever kept, so a
 * kept header has no fault of its own and the order below is unchanged.
 */
export interface HeaderMemo<H> {
  /** The value kept for the header segment `token[0, first)`, or undefined. */
  find(token: string, first: number): H | undefined;
  /** Keeps and returns the value for a header just parsed (after all three segments decoded). Never throws. */
  keep(token: string, first: number, header: JsonObject): H;
}

/** How a reader wants the parts: fixed per caller, checked nowhere on the hot path but here. */
export interface ReadPlan<H, P extends JsonObject | Uint8Array> {
  readonly headers: HeaderMemo<H> | undefined;
  /** True: the payload is a strict JSON object (JWT). False: owned payload bytes (JWS, any payload). */
  readonly payloadJson: P extends JsonObject ? true : false;
  /**
   * True: the signature is decoded into the codec's scratch and is valid only until the next read, for
   * a caller that checks it synchronously at once (verifySync). False: owned bytes.
   */
  readonly signatureScratch: boolean;
}

/** A token read in the documented order, before any policy: `header` is the parsed header or the memo's value. */
export interface TokenReading<H, P> {
  header: H;
  payload: P;
  signature: Uint8Array;
  /** `<header>.<payload>` exactly as received (ASCII): the bytes the signature covers. */
  signingInput: string;
}

/**
 * Reads a compact token: THE order of faults, shared by parseToken and the verifiers (README, "Which
 * fault is reported"). Each step runs only when every step before it passed:
 * 1. `TOKEN_TOO_LARGE`, then the structure (`TOKEN_MALFORMED`: three segments, header and signature
 *    non-empty);
 * 2. canonical base64url of the header, the payload, then the signature (`BASE64URL_*`): the leftmost
 *    encoding fault wins;
 * 3. the header: UTF-8, then strict JSON (`TOKEN_UTF8`, `TOKEN_JSON`, `TOKEN_DUPLICATE_MEMBER`,
 *    `TOKEN_FORBIDDEN_MEMBER`);
 * 4. the payload, likewise (JWT: `payloadJson`; a JWS payload is any bytes).
 * A verifier applies its header policy, key and signature checks only after this returns.
 */
export function readCompact<H, P extends JsonObject | Uint8Array>(token: string, maxLength: number, plan: ReadPlan<H, P>): TokenReading<H, P> {
  const [first, second] = splitToken(token, maxLength);
  const headers = plan.headers;
  let kept = headers === undefined ? undefined : headers.find(token, first);
  // Header and payload text need no owned bytes: they are decoded through the codec's scratch.
  // A UTF-8 fault is reported after all three segments decoded, so the leftmost encoding fault wins.
  const headerText = kept === undefined ? decodeBase64urlText(token.slice(0, first), 0, 'header') : undefined;
  const payloadStart = first + 1;
  const payloadSegment = token.slice(payloadStart, second);
  let payloadText: string | undefined;
  let payloadBytes: Uint8Array | undefined;
  if (plan.payloadJson) payloadText = decodeBase64urlText(payloadSegment, payloadStart, 'payload');
  else payloadBytes = decodeBase64urlBytes(payloadSegment, payloadStart, 'payload');
  const signatureSegment = token.slice(second + 1);
  const signature = plan.signatureScratch
    ? decodeBase64urlScratch(signatureSegment, second + 1, 'signature')
    : decodeBase64urlBytes(signatureSegment, second + 1, 'signature');
  if (kept === undefined) {
    const header = decodeJson(headerText, 'header', 0);
    kept = headers === undefined ? (header as H) : headers.keep(token, first, header);
  }
  const payload = (plan.payloadJson ? decodeJson(payloadText, 'payload', payloadStart) : payloadBytes) as P;
  return { header: kept, payload, signature, signingInput: token.slice(0, second) };
}

/**
 * parseToken's memo of the last header it read, when every member is a string, number, boolean or
 * null (the usual `{"alg":…,"typ":…,"kid":…}`): tokens from one issuer repeat it, so the next one
 * gets a fresh copy of it without decoding and parsing the segment again. A copy, because the caller
 * owns (and may change) the header it is given; a nested header is not kept (it would need a deep copy).
 */
let lastHeaderSegment = '';
let lastHeader: JsonObject | undefined;

function isFlat(header: JsonObject): boolean {
  const names = Object.keys(header);
  for (let i = 0; i < names.length; i++) {
    const value = header[names[i]!];
    if (typeof value === 'object' && value !== null) return false;
  }
  return true;
}

const lastHeaderMemo: HeaderMemo<JsonObject> = {
  find(token, first) {
    // lastHeaderSegment is empty until a header is kept, and a header segment never is.
    return lastHeader !== undefined && first === lastHeaderSegment.length && token.startsWith(lastHeaderSegment) ? { ...lastHeader } : undefined;
  },
  keep(token, first, header) {
    lastHeaderSegment = token.slice(0, first);
    lastHeader = isFlat(header) ? Object.freeze({ ...header }) : undefined;
    return header;
  },
};

const PARSE: ReadPlan<JsonObject, JsonObject> = { headers: lastHeaderMemo, payloadJson: true, signatureScratch: false };

/** The parser behind `parseToken`, with `maxLength` already validated. */
export function parseCompact(token: string, maxLength: number): ParsedToken {
  return readCompact(token, maxLength, PARSE);
}

/**
 * Strictly parses a compact JWS/JWT without verifying it: exactly three canonical base64url segments,
 * a header and a payload that are UTF-8 JSON objects with no repeated or prototype-reaching member
 * names. Offsets in errors index into `token`, so a caret can point at the fault. The first fault
 * is reported, in one order shared with the verifiers (readCompact, below): size, structure, the
 * base64url of header, payload and signature (leftmost first), the header's UTF-8 and JSON, then the
 * payload's.
 *
 * @example
 * const { header, payload } = parseToken(token);
 * console.log(header.alg, payload.sub);
 *
 * @throws {CaptokenError} `TOKEN_TOO_LARGE`, `TOKEN_MALFORMED`, `BASE64URL_INVALID_CHAR`,
 * `BASE64URL_PADDING`, `BASE64URL_LENGTH`, `BASE64URL_NONCANONICAL`, `TOKEN_UTF8`, `TOKEN_JSON`,
 * `TOKEN_DUPLICATE_MEMBER`, `TOKEN_FORBIDDEN_MEMBER`; `CONFIG_INVALID` for a bad `maxLength`.
 */
export function parseToken(token: string, options?: ParseOptions): ParsedToken {
  return parseCompact(token, checkMaxLength(options?.maxLength));
}

export { checkMaxLength };
