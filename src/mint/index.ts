// Public entry point for minting: both token formats, HS256, signed with jose.
export { mintAccessToken, type MintAccessTokenOptions, type VoiceGrantOptions } from './access-token.js';
export { mintCapabilityToken, type CapabilityInput, type MintCapabilityTokenOptions } from './capability-token.js';
export { DEFAULT_TTL_SECONDS, MAX_ACCESS_TOKEN_TTL_SECONDS, MIN_SECRET_BYTES } from './options.js';
export { EVENT_STREAM_PATH, eventStreamScope, incomingScope, outgoingScope } from './scopes.js';
