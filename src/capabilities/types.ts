import type { JsonObject } from '../json.js';
import type { TokenFormat } from '../format.js';

/** The decoded `appParams` of a scope (or `outgoing.params` of a voice grant): name → value. */
export type AppParams = Readonly<Record<string, string>>;

/** A capability parameter: a decoded string, or for `appParams` the decoded name → value object. */
export type CapabilityParamValue = string | AppParams;

/**
 * One thing a token allows: `service:privilege` with its parameters, e.g.
 * `{ service: 'client', privilege: 'outgoing', params: { appSid: 'AP…', appParams: { foo: 'bar' } } }`.
 */
export interface Capability {
  readonly service: string;
  readonly privilege: string;
  /** Decoded parameters. `{}` when the scope has none. */
  readonly params: Readonly<Record<string, CapabilityParamValue>>;
}


/** What `capabilitiesOf` returns: both token formats normalised onto one capability model. */
export interface CapabilitySet {
  /** As `tokenFormat` reads it: `capability`, `access`, or `jwt` (any other JWT: no capabilities). */
  readonly format: TokenFormat;
  /**
   * Who the token speaks for: `grants.identity` of an access token; the `clientName` of a
   * capability token's first `client:incoming` scope, else of its first `client:outgoing` scope.
   */
  readonly identity?: string;
  /** The account: `iss` of a capability token, `sub` of an access token. */
  readonly account?: string;
  readonly capabilities: readonly Capability[];
  /**
   * Access tokens only: the whole `grants` claim as it was signed (a copy), so grants captoken does
   * not map onto capabilities (video, chat, data_sync, …) and voice's `push_credential_sid` and
   * `endpoint_id` stay available.
   */
  readonly grants?: JsonObject;
}

/**
 * Anything with a decoded header and payload: a `VerifiedToken` from the verifier, or a
 * `ParsedToken` from `parseToken`. `capabilitiesOf` reads claims only; verifying is the caller's job.
 */
export interface TokenClaims {
  readonly header: JsonObject;
  readonly payload: JsonObject;
}
