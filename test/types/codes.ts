// The error codes captoken 0.1.0 documents, in the order of CAPTOKEN_ERROR_CODES. The type-level
// test pins the union to exactly this list; the runtime test pins the exported array to it.
export const DOCUMENTED_CODES = [
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
  'KEY_ASYNC',
  'SIGNATURE_INVALID',
  'TOKEN_EXPIRED',
  'TOKEN_NOT_YET_VALID',
  'CLAIM_INVALID',
  'CRIT_UNSUPPORTED',
  'CAPABILITY_MISSING',
  'CONFIG_INVALID',
] as const;
