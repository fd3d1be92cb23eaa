export { decodeBase64url, encodeBase64url } from './base64url/index.js';
export {
  CaptokenError,
  CAPTOKEN_ERROR_CODES,
  isCaptokenError,
  type CaptokenErrorCode,
  type CaptokenErrorDetails,
  type TokenSegment,
} from './errors.js';
export type { JsonObject, JsonValue } from './json.js';
export {
  DEFAULT_MAX_LENGTH,
  parseToken,
  type ParseOptions,
  type ParsedToken,
  type TokenHeader,
  type TokenPayload,
} from './parse.js';
