// Cross-library: tokens twilio's `jwt.ClientCapability` / `jwt.AccessToken` mint verify here and
// normalise correctly, and tokens minted here are structurally identical to twilio's for the same
// inputs and clock (decoded header and payload deep-equal, member order included).
import fc from 'fast-check';
import twilio from 'twilio';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { capabilitiesOf } from '../../src/capabilities/capabilities-of.js';
import type { AppParams } from '../../src/capabilities/types.js';
import type { JsonObject } from '../../src/json.js';
import { mintAccessToken } from '../../src/mint/access-token.js';
import { mintCapabilityToken } from '../../src/mint/capability-token.js';
import { eventStreamScope, incomingScope, outgoingScope } from '../../src/mint/scopes.js';
import { parseToken } from '../../src/parse.js';
import { appParams, clockMs, extraGrants, name, sid, text, voiceGrant } from '../capabilities/arbitraries.js';
import { fcParams, seeded } from '../support/fc.js';
import { verified } from './verified.js';

const { ClientCapability, AccessToken } = twilio.jwt;

const ACCOUNT = 'AC' + '0123456789abcdef'.repeat(2);
const KEY = 'SK' + 'fedcba9876543210'.repeat(2);
const APP = 'AP' + '1'.repeat(32);
const CREDENTIAL = 'CR' + '2'.repeat(32);
const SECRET = 'twilio-auth-token-0123456789abcdef';
const NOW_MS = 1_795_301_277_123;
const NOW = Math.floor(NOW_MS / 1000);

/** A grant twilio has no class for: signed as it is under `key`. */
class RawGrant extends AccessToken.Grant<object, JsonObject, string> {
  constructor(
    key: string,
    private readonly payload: JsonObject,
  ) {
    super(key);
  }
  toPayload(): JsonObject {
    return this.payload;
  }
}

/** Header and payload as decoded JSON, with member order visible. */
function decoded(token: string): { header: string; payload: string } {
  const { header, payload } = parseToken(token);
  return { header: JSON.stringify(header), payload: JSON.stringify(payload) };
}

type ScopeSpec =
  | { kind: 'incoming'; clientName: string }
  | { kind: 'outgoing'; appSid: string; clientName?: string; params?: AppParams }
  | { kind: 'stream'; filters?: AppParams };

const scopeSpec: fc.Arbitrary<ScopeSpec> = fc.oneof(
  fc.record({ kind: fc.constant('incoming' as const), clientName: text }),
  fc.record(
    { kind: fc.constant('outgoing' as const), appSid: sid('AP'), clientName: text, params: appParams },
    { requiredKeys: ['kind', 'appSid'] },
  ),
  fc.record({ kind: fc.constant('stream' as const), filters: fc.dictionary(name, text, { maxKeys: 3, noNullPrototype: true }) }, {
    requiredKeys: ['kind'],
  }),
);

function twilioScope(spec: ScopeSpec) {
  switch (spec.kind) {
    case 'incoming':
      return new ClientCapability.IncomingClientScope(spec.clientName);
    case 'outgoing':
      return new ClientCapability.OutgoingClientScope({
        applicationSid: spec.appSid,
        ...(spec.clientName === undefined ? {} : { clientName: spec.clientName }),
        ...(spec.params === undefined ? {} : { params: spec.params }),
      });
    case 'stream':
      return new ClientCapability.EventStreamScope(spec.filters);
  }
}

function captokenScope(spec: ScopeSpec) {
  switch (spec.kind) {
    case 'incoming':
      return incomingScope(spec.clientName);
    case 'outgoing':
      return outgoingScope({
        appSid: spec.appSid,
        ...(spec.clientName === undefined ? {} : { clientName: spec.clientName }),
        ...(spec.params === undefined ? {} : { appParams: spec.params }),
      });
    case 'stream':
      return eventStreamScope(spec.filters);
  }
}

describe('twilio interop', () => {
  beforeEach(() => {
    // Only Date: jose signs through WebCrypto promises, which must keep running.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(NOW_MS);
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a twilio capability token verifies and normalises to its scopes', async () => {
    const capability = new ClientCapability({ accountSid: ACCOUNT, authToken: SECRET });
    capability.addScope(new ClientCapability.IncomingClientScope('alice smith'));
    capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: APP, clientName: 'alice', params: { foo: 'bar', x: 'y&z=1%' } }));
    capability.addScope(new ClientCapability.EventStreamScope({ CallSid: 'CA1' }));
    capability.addScope(new ClientCapability.EventStreamScope());
    const token = capability.toJwt();

    const set = capabilitiesOf(await verified(token, SECRET, NOW));

    expect(set).toStrictEqual({
      format: 'capability',
      identity: 'alice smith',
      account: ACCOUNT,
      capabilities: [
        { service: 'client', privilege: 'incoming', params: { clientName: 'alice smith' } },
        { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'alice', appParams: { foo: 'bar', x: 'y&z=1%' } } },
        { service: 'stream', privilege: 'subscribe', params: { path: '/2010-04-01/Events', appParams: { CallSid: 'CA1' } } },
        { service: 'stream', privilege: 'subscribe', params: { path: '/2010-04-01/Events' } },
      ],
    });
  });

  it('a twilio capability token without scopes has scope "" and no capabilities', async () => {
    const token = new ClientCapability({ accountSid: ACCOUNT, authToken: SECRET }).toJwt();
    const parsed = await verified(token, SECRET, NOW);
    expect(parsed.payload['scope']).toBe('');
    expect(capabilitiesOf(parsed)).toStrictEqual({ format: 'capability', account: ACCOUNT, capabilities: [] });
  });

  it('a twilio access token verifies and normalises: voice onto capabilities, every grant kept', async () => {
    const token = new AccessToken(ACCOUNT, KEY, SECRET, { identity: 'alice', ttl: 600, nbf: NOW - 5, region: 'ie1' });
    token.addGrant(
      new AccessToken.VoiceGrant({
        incomingAllow: true,
        outgoingApplicationSid: APP,
        outgoingApplicationParams: { queue: 'sales & support' },
        pushCredentialSid: CREDENTIAL,
        endpointId: 'alice-phone',
      }),
    );
    token.addGrant(new AccessToken.VideoGrant({ room: 'standup' }));
    const jwt = token.toJwt();

    const parsed = await verified(jwt, SECRET, NOW);
    const set = capabilitiesOf(parsed);

    expect(parsed.header).toStrictEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1', twr: 'ie1' });
    expect(set).toStrictEqual({
      format: 'access',
      identity: 'alice',
      account: ACCOUNT,
      capabilities: [
        { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
        { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'alice', appParams: { queue: 'sales & support' } } },
      ],
      grants: {
        identity: 'alice',
        voice: {
          incoming: { allow: true },
          outgoing: { application_sid: APP, params: { queue: 'sales & support' } },
          push_credential_sid: CREDENTIAL,
          endpoint_id: 'alice-phone',
        },
        video: { room: 'standup' },
      },
    });
  });

  it('a twilio access token whose outgoing params are not all strings is refused, not coerced', async () => {
    // twilio signs whatever it is given; captoken reads outgoing.params as name → string only.
    const token = new AccessToken(ACCOUNT, KEY, SECRET, { identity: 'alice' });
    token.addGrant(new AccessToken.VoiceGrant({ outgoingApplicationSid: APP, outgoingApplicationParams: { attempt: 2 } }));
    const parsed = await verified(token.toJwt(), SECRET, NOW);
    expect(() => capabilitiesOf(parsed)).toThrow(expect.objectContaining({ code: 'CLAIM_INVALID', claim: 'grants.voice.outgoing.params' }));
  });

  it('a twilio access token with a numeric identity reads it as the string twilio wrote', async () => {
    const token = new AccessToken(ACCOUNT, KEY, SECRET, { identity: 42 as unknown as string });
    token.addGrant(new AccessToken.VoiceGrant({ incomingAllow: true }));
    const set = capabilitiesOf(await verified(token.toJwt(), SECRET, NOW));
    expect(set.identity).toBe('42');
    expect(set.capabilities).toStrictEqual([{ service: 'client', privilege: 'incoming', params: { clientName: '42' } }]);
  });

  it('the issue examples: captoken writes the same scope string twilio does', async () => {
    const capability = new ClientCapability({ accountSid: ACCOUNT, authToken: SECRET });
    capability.addScope(new ClientCapability.IncomingClientScope('alice'));
    capability.addScope(new ClientCapability.OutgoingClientScope({ applicationSid: APP, clientName: 'alice', params: { foo: 'bar', x: 'y' } }));
    capability.addScope(new ClientCapability.EventStreamScope());
    const ours = await mintCapabilityToken({
      accountSid: ACCOUNT,
      secret: SECRET,
      capabilities: [incomingScope('alice'), outgoingScope({ appSid: APP, clientName: 'alice', appParams: { foo: 'bar', x: 'y' } }), eventStreamScope()],
    });
    expect(parseToken(ours).payload['scope']).toBe(
      `scope:client:incoming?clientName=alice scope:client:outgoing?appSid=${APP}&clientName=alice&appParams=foo%3Dbar%26x%3Dy scope:stream:subscribe?path=/2010-04-01/Events`,
    );
    expect(decoded(ours)).toStrictEqual(decoded(capability.toJwt()));
  });

  it(seeded('captoken capability tokens equal twilio ClientCapability output for the same scopes and clock'), async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(scopeSpec, { maxLength: 4 }),
        fc.option(fc.integer({ min: 1, max: 86_400 }), { nil: undefined }),
        clockMs,
        async (specs, ttl, ms) => {
          vi.setSystemTime(ms);
          const capability = new ClientCapability({ accountSid: ACCOUNT, authToken: SECRET, ...(ttl === undefined ? {} : { ttl }) });
          for (const spec of specs) capability.addScope(twilioScope(spec));
          const theirs = capability.toJwt();
          const ours = await mintCapabilityToken({
            accountSid: ACCOUNT,
            secret: SECRET,
            capabilities: specs.map(captokenScope),
            ...(ttl === undefined ? {} : { ttl }),
          });
          expect(decoded(ours)).toStrictEqual(decoded(theirs));
          // And twilio's token reads back to what was asked for, like ours.
          const at = Math.floor(ms / 1000);
          expect(capabilitiesOf(await verified(theirs, SECRET, at))).toStrictEqual(capabilitiesOf(await verified(ours, SECRET, at)));
        },
      ),
      fcParams(),
    );
  });

  it(seeded('captoken access tokens equal twilio AccessToken output for the same grants and clock'), async () => {
    await fc.assert(
      fc.asyncProperty(
        text.filter((s) => s.length > 0),
        fc.option(voiceGrant, { nil: undefined }),
        extraGrants,
        fc.record(
          { ttl: fc.integer({ min: 1, max: 86_400 }), nbfBack: fc.integer({ min: 0, max: 3600 }), region: fc.constantFrom('us1', 'ie1', 'au1') },
          { requiredKeys: [] },
        ),
        clockMs,
        async (identity, voice, grants, extra, ms) => {
          vi.setSystemTime(ms);
          const at = Math.floor(ms / 1000);
          const nbf = extra.nbfBack === undefined ? undefined : at - extra.nbfBack;
          const optional = {
            ...(extra.ttl === undefined ? {} : { ttl: extra.ttl }),
            ...(nbf === undefined ? {} : { nbf }),
            ...(extra.region === undefined ? {} : { region: extra.region }),
          };
          const token = new AccessToken(ACCOUNT, KEY, SECRET, { identity, ...optional });
          if (voice !== undefined) token.addGrant(new AccessToken.VoiceGrant(voice));
          for (const [key, grant] of Object.entries(grants)) token.addGrant(new RawGrant(key, grant));
          const theirs = token.toJwt();
          const ours = await mintAccessToken({
            accountSid: ACCOUNT,
            keySid: KEY,
            secret: SECRET,
            identity,
            grants,
            ...optional,
            ...(voice === undefined ? {} : { voice }),
          });
          expect(decoded(ours)).toStrictEqual(decoded(theirs));
          expect(capabilitiesOf(await verified(theirs, SECRET, at))).toStrictEqual(capabilitiesOf(await verified(ours, SECRET, at)));
        },
      ),
      fcParams(),
    );
  });
});
