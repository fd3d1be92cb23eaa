// Public entry point of the capability model: read either token format onto one set, ask it questions.
export { capabilitiesOf } from './capabilities-of.js';
export { hasCapability, requireCapability, type CapabilityQuery } from './has-capability.js';
export type { AppParams, Capability, CapabilityParamValue, CapabilitySet, TokenClaims } from './types.js';
