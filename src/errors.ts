/**
 * Every rejection captoken makes carries one of these codes. The union is closed: a new code is a
 * new release, and callers may switch on it exhaustively.
 */
export type CaptokenErrorCode =
  // base64url codec (RFC 4648 §5, unpadded, canonical)
  | 'BASE64URL_INVALID_CHAR'
  | 'BASE64URL_PADDING'
  | 'BASE64URL_LENGTH'
  | 'BASE64URL_NONCANONICAL'
  // compact token structure and JSON
  | 'TOKEN_MALFORMED'
  | 'TOKEN_TOO_LARGE'
  | 'TOKEN_UTF8'
  | 'TOKEN_JSON'
  | 'TOKEN_DUPLICATE_MEMBER'
  | 'TOKEN_FORBIDDEN_MEMBER'
  // verification
  | 'ALG_NOT_ALLOWED'
  | 'KEY_NOT_FOUND'
  | 'KEY_SOURCE_UNAVAILABLE'
  | 'KEY_ASYNC'
  | 'SIGNATURE_INVALID'
  | 'TOKEN_EXPIRED'
  | 'TOKEN_NOT_YET_VALID'
  | 'CLAIM_INVALID'
  | 'CRIT_UNSUPPORTED'
  | 'CAPABILITY_MISSING'
  | 'CONFIG_INVALID';

/** Every code, in a stable order (documentation, exhaustive tests, metrics dashboards). */
export const CAPTOKEN_ERROR_CODES: readonly CaptokenErrorCode[] = /* @__PURE__ */ Object.freeze([
  'BASE64URL_INVALID_CHAR',
  'BASE64URL_PADDING',
  'BASE64URL_LENGTH',
  'BASE64URL_NONCANONICAL',
  'TOKEN_MALFORMED',
  'TOKEN_TOO_LARGE',
  'TOKEN_UTF8',
  'TOKEN_JSON',
  'TOKEN_DUPLICATE_MEMBER',
  'TOKEN_FORBIDDEN_MEMBER',
  'ALG_NOT_ALLOWED',
  'KEY_NOT_FOUND',
  'KEY_SOURCE_UNAVAILABLE',
  'KEY_ASYNC',
  'SIGNATURE_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'CLAIM_INVALID',
  'CRIT_UNSUPPORTED',
  'CAPABILITY_MISSING',
  'CONFIG_INVALID',
] as const);

/** The three parts of a compact JWS, named in errors so a caller knows where the fault is. */
export type TokenSegment = 'header' | 'payload' | 'signature';

export interface CaptokenErrorDetails {
  /** Index of the faulty character: into the whole token for `parseToken`, into the input for the codec. */
  offset?: number | undefined;
  segment?: TokenSegment | undefined;
  /** The claim or header member at fault (`exp`, `aud`, `scope`, `alg`, …), for claim and header errors. */
  claim?: string | undefined;
  /** Position within a list-valued claim (the index of the offending scope in `scope`, say). */
  index?: number | undefined;
}

/**
 * The one error class captoken throws. Messages never contain a secret or a whole token: at most a
 * single offending character, escaped.
 */
export class CaptokenError extends Error {
  override readonly name = 'CaptokenError';
  readonly code: CaptokenErrorCode;
  // `declare`: absent details stay absent (`'offset' in error` is false), not own `undefined`s.
  declare readonly offset?: number;
  declare readonly segment?: TokenSegment;
  declare readonly claim?: string;
  declare readonly index?: number;

  constructor(code: CaptokenErrorCode, message: string, details?: CaptokenErrorDetails) {
    super(message);
    this.code = code;
    const self = this as { offset?: number; segment?: TokenSegment; claim?: string; index?: number };
    if (details?.offset !== undefined) self.offset = details.offset;
    if (details?.segment !== undefined) self.segment = details.segment;
    if (details?.claim !== undefined) self.claim = details.claim;
    if (details?.index !== undefined) self.index = details.index;
  }

  /**
   * The error as plain data for `JSON.stringify` and structured logs: `name`, `code`, `message` and
   * the location fields it has (`offset`, `segment`, `claim`, `index`). Never a token: messages
   * carry at most one escaped character of one.
   */
  toJSON(): CaptokenErrorJson {
    const out: CaptokenErrorJson = { name: this.name, code: this.code, message: this.message };
    if (this.offset !== undefined) out.offset = this.offset;
    if (this.segment !== undefined) out.segment = this.segment;
    if (this.claim !== undefined) out.claim = this.claim;
    if (this.index !== undefined) out.index = this.index;
    return out;
  }
}

/** What `CaptokenError#toJSON` returns (and so what `JSON.stringify(error)` writes). */
export interface CaptokenErrorJson {
  name: 'CaptokenError';
  code: CaptokenErrorCode;
  message: string;
  offset?: number;
  segment?: TokenSegment;
  claim?: string;
  index?: number;
}

/**
 * The one factory for configuration errors (`CONFIG_INVALID`): options, keys and arguments that
 * cannot work. Thrown at construction, so a misconfigured service fails at start-up.
 */
export function configError(message: string): CaptokenError {
  return new CaptokenError('CONFIG_INVALID', message);
}

/**
 * True when `value` is a CaptokenError, also across realms and duplicate copies of the package
 * (where `instanceof` fails). Never throws.
 *
 * @example
 * try {
 *   parseToken(token);
 * } catch (error) {
 *   if (isCaptokenError(error) && error.code.startsWith('BASE64URL_')) metrics.increment(error.code);
 * }
 *
 * @throws Never: it is a type guard over any value.
 */
export function isCaptokenError(value: unknown): value is CaptokenError {
  return (
    value instanceof CaptokenError ||
    (value instanceof Error && value.name === 'CaptokenError' && typeof (value as { code?: unknown }).code === 'string')
  );
}
