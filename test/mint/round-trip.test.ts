// Property (1): mint → verify → capabilitiesOf gives back exactly what was minted, in both formats.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/capabilities/capabilities-of.js';
import type { Capability, CapabilityParamValue } from '../../src/capabilities/types.js';
import { mintAccessToken } from '../../src/mint/access-token.js';
import { mintCapabilityToken, type CapabilityInput } from '../../src/mint/capability-token.js';
import { fcParams, seeded } from '../support/fc.js';
import { capabilityInput, clockMs, extraGrants, sid, text, voiceGrant } from '../capabilities/arbitraries.js';
import { verified } from './verified.js';

const secret = fc.oneof(
  fc.string({ unit: 'grapheme-ascii', minLength: 32, maxLength: 48 }),
  fc.uint8Array({ minLength: 32, maxLength: 64 }),
);

/** The documented identity rule for capability tokens: first incoming clientName, else first outgoing one. */
function expectedIdentity(capabilities: readonly CapabilityInput[]): string | undefined {
  for (const privilege of ['incoming', 'outgoing']) {
    for (const c of capabilities) {
      const name = c.params?.['clientName'];
      if (c.service === 'client' && c.privilege === privilege && typeof name === 'string') return name;
    }
  }
  return undefined;
}

describe('mint → verify → capabilitiesOf', () => {
  it(seeded('a capability token gives back its scopes, params decoded, appParams as an object'), async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(capabilityInput, { maxLength: 4 }),
        sid('AC'),
        secret,
        clockMs,
        fc.option(fc.integer({ min: 1, max: 100_000 }), { nil: undefined }),
        async (capabilities, accountSid, key, ms, ttl) => {
          // Arrange / Act
          const token = await mintCapabilityToken({ accountSid, secret: key, capabilities, now: () => ms, ...(ttl === undefined ? {} : { ttl }) });
          const iat = Math.floor(ms / 1000);
          const parsed = await verified(token, key, iat);
          const set = capabilitiesOf(parsed);
          // Assert
          const identity = expectedIdentity(capabilities);
          expect(set).toStrictEqual({
            format: 'capability',
            account: accountSid,
            capabilities: capabilities.map((c) => ({ service: c.service, privilege: c.privilege, params: { ...(c.params ?? {}) } })),
            ...(identity === undefined ? {} : { identity }),
          });
          // Parameter order survives too (twilio writes appSid, clientName, appParams in that order).
          expect(set.capabilities.map((c) => Object.keys(c.params))).toStrictEqual(capabilities.map((c) => Object.keys(c.params ?? {})));
          expect(parsed.payload['exp']).toBe(iat + (ttl ?? 3600));
        },
      ),
      fcParams(),
    );
  });

  it(seeded('an access token gives back its identity, voice capabilities and every grant as signed'), async () => {
    await fc.assert(
      fc.asyncProperty(
        text.filter((s) => s.length > 0),
        fc.option(voiceGrant, { nil: undefined }),
        extraGrants,
        sid('AC'),
        sid('SK'),
        secret,
        clockMs,
        async (identity, voice, grants, accountSid, keySid, key, ms) => {
          // Arrange / Act
          const token = await mintAccessToken({
            accountSid,
            keySid,
            secret: key,
            identity,
            grants,
            now: () => ms,
            ...(voice === undefined ? {} : { voice }),
          });
          const iat = Math.floor(ms / 1000);
          const set = capabilitiesOf(await verified(token, key, iat));
          // Assert: the documented mapping, computed from the inputs.
          const capabilities: Capability[] = [];
          if (voice?.incomingAllow === true) capabilities.push({ service: 'client', privilege: 'incoming', params: { clientName: identity } });
          if (voice?.outgoingApplicationSid !== undefined) {
            const params: Record<string, CapabilityParamValue> = { appSid: voice.outgoingApplicationSid, clientName: identity };
            if (voice.outgoingApplicationParams !== undefined) params['appParams'] = { ...voice.outgoingApplicationParams };
            capabilities.push({ service: 'client', privilege: 'outgoing', params });
          }
          const voiceJson: Record<string, unknown> = {};
          if (voice?.incomingAllow === true) voiceJson['incoming'] = { allow: true };
          if (voice?.outgoingApplicationSid !== undefined) {
            voiceJson['outgoing'] = {
              application_sid: voice.outgoingApplicationSid,
              ...(voice.outgoingApplicationParams === undefined ? {} : { params: voice.outgoingApplicationParams }),
            };
          }
          if (voice?.pushCredentialSid !== undefined) voiceJson['push_credential_sid'] = voice.pushCredentialSid;
          if (voice?.endpointId !== undefined) voiceJson['endpoint_id'] = voice.endpointId;
          const expectedGrants: unknown = JSON.parse(
            JSON.stringify({ identity, ...(voice === undefined ? {} : { voice: voiceJson }), ...grants }),
          );
          expect(set).toStrictEqual({ format: 'access', identity, account: accountSid, capabilities, grants: expectedGrants });
        },
      ),
      fcParams(),
    );
  });
});
