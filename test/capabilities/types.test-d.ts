// The capability model's public types, pinned: read-only, and the shapes the README documents.
import { describe, expectTypeOf, it } from 'vitest';
import type { AppParams, Capability, CapabilityParamValue, CapabilitySet, TokenClaims } from '../../src/capabilities/types.js';
import type { TokenFormat } from '../../src/format.js';
import type { JsonObject } from '../../src/json.js';
import type { ParsedToken } from '../../src/parse.js';
import type { VerifiedToken } from '../../src/verify/types.js';

describe('capability types', () => {
  it('a parameter is a string, or (appParams) a read-only name → string object', () => {
    expectTypeOf<CapabilityParamValue>().toEqualTypeOf<string | AppParams>();
    expectTypeOf<AppParams>().toEqualTypeOf<Readonly<Record<string, string>>>();
  });

  it('a capability is service:privilege with read-only parameters', () => {
    expectTypeOf<Capability>().toEqualTypeOf<{
      readonly service: string;
      readonly privilege: string;
      readonly params: Readonly<Record<string, CapabilityParamValue>>;
    }>();
  });

  it('a capability set carries the token format and read-only capabilities', () => {
    expectTypeOf<CapabilitySet['format']>().toEqualTypeOf<TokenFormat>();
    expectTypeOf<CapabilitySet['capabilities']>().toEqualTypeOf<readonly Capability[]>();
    expectTypeOf<CapabilitySet['identity']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CapabilitySet['account']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<CapabilitySet['grants']>().toEqualTypeOf<JsonObject | undefined>();
  });

  it('TokenClaims is met by what parseToken and the verifier return', () => {
    expectTypeOf<ParsedToken>().toExtend<TokenClaims>();
    expectTypeOf<VerifiedToken>().toExtend<TokenClaims>();
  });
});
