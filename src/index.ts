export { decodeBase64url, encodeBase64url } from './base64url/index.js';
export {
  CaptokenError,
  CAPTOKEN_ERROR_CODES,
  isCaptokenError,
  type CaptokenErrorCode,
  type CaptokenErrorDetails,
  type CaptokenErrorJson,
  type TokenSegment,
} from './errors.js';
export { tokenFormat, type TokenFormat } from './format.js';
export type { JsonObject, JsonValue } from './json.js';
export {
  DEFAULT_MAX_LENGTH,
  parseToken,
  type ParseOptions,
  type ParsedToken,
  type TokenHeader,
  type TokenPayload,
} from './parse.js';
export {
  createJwsVerifier,
  createVerifier,
  JWS_ALGORITHMS,
  type JwsAlgorithm,
  type CryptoKeyLike,
  type JwsVerifier,
  type JwsVerifierOptions,
  type KeyObjectLike,
  type KeySourceOptions,
  type RemoteKeySetOptions,
  type VerifiedJws,
  type VerifiedToken,
  type Verifier,
  type VerifierOptions,
  type VerifyKey,
  type VerifyResultEvent,
} from './verify/index.js';
export {
  capabilitiesOf,
  hasCapability,
  requireCapability,
  type AppParams,
  type Capability,
  type CapabilityParamValue,
  type CapabilityQuery,
  type CapabilitySet,
  type TokenClaims,
} from './capabilities/index.js';
export {
  DEFAULT_TTL_SECONDS,
  EVENT_STREAM_PATH,
  eventStreamScope,
  incomingScope,
  MAX_ACCESS_TOKEN_TTL_SECONDS,
  MIN_SECRET_BYTES,
  mintAccessToken,
  mintCapabilityToken,
  outgoingScope,
  type CapabilityInput,
  type MintAccessTokenOptions,
  type MintCapabilityTokenOptions,
  type VoiceGrantOptions,
} from './mint/index.js';
