import { describe, expect, it } from 'vitest';
import { readGrants } from '../../src/capabilities/access-grants.js';
import { capabilitiesOf } from '../../src/capabilities/index.js';
import { DEFAULT_MAX_LENGTH } from '../../src/limits.js';
import { parseToken } from '../../src/parse.js';
import { CaptokenError } from '../../src/errors.js';
import type { JsonObject, JsonValue } from '../../src/json.js';

const APP = 'AP' + '1'.repeat(32);
const b64 = (text: string): string => Buffer.from(text).toString('base64url');

describe('readGrants', () => {
  it('maps incoming.allow to client:incoming as the identity', () => {
    expect(readGrants({ grants: { identity: 'alice', voice: { incoming: { allow: true } } } }).capabilities).toStrictEqual([
      { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
    ]);
  });

  it('maps outgoing to client:outgoing with appSid, clientName = identity, appParams = params', () => {
    const { capabilities } = readGrants({
      grants: { identity: 'alice', voice: { outgoing: { application_sid: APP, params: { a: 'b & c', 'é': '%' } } } },
    });
    expect(capabilities).toStrictEqual([
      { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'alice', appParams: { a: 'b & c', 'é': '%' } } },
    ]);
  });

  it('omits clientName without an identity, and appParams without params', () => {
    expect(readGrants({ grants: { voice: { outgoing: { application_sid: APP } } } })).toStrictEqual({
      identity: undefined,
      capabilities: [{ service: 'client', privilege: 'outgoing', params: { appSid: APP } }],
      grants: { voice: { outgoing: { application_sid: APP } } },
    });
  });

  it('grants nothing for incoming.allow false or absent, or an empty voice grant', () => {
    for (const voice of [{}, { incoming: {} }, { incoming: { allow: false } }]) {
      expect(readGrants({ grants: { identity: 'a', voice } }).capabilities).toStrictEqual([]);
    }
  });

  it('keeps other grants as they are and returns a copy of the whole grants claim', () => {
    const payload: JsonObject = { grants: { identity: 'a', video: { room: 'r' }, custom: [1, { x: null }] } };
    const { grants, capabilities } = readGrants(payload);
    expect(capabilities).toStrictEqual([]);
    expect(grants).toStrictEqual(payload['grants']);
    expect(grants).not.toBe(payload['grants']);
  });

  it.each<[string, JsonValue | undefined, string]>([
    ['missing grants', undefined, 'grants'],
    ['grants not an object', 'x', 'grants'],
    ['grants an array', [], 'grants'],
    ['identity not a string', { identity: 7 }, 'grants.identity'],
    ['voice not an object', { voice: true }, 'grants.voice'],
    ['incoming not an object', { voice: { incoming: true } }, 'grants.voice.incoming'],
    ['incoming.allow not a boolean', { identity: 'a', voice: { incoming: { allow: 'true' } } }, 'grants.voice.incoming.allow'],
    ['incoming.allow without an identity', { voice: { incoming: { allow: true } } }, 'grants.identity'],
    ['outgoing not an object', { voice: { outgoing: APP } }, 'grants.voice.outgoing'],
    ['outgoing without application_sid', { voice: { outgoing: {} } }, 'grants.voice.outgoing.application_sid'],
    ['application_sid not a string', { voice: { outgoing: { application_sid: 1 } } }, 'grants.voice.outgoing.application_sid'],
    ['params not an object', { voice: { outgoing: { application_sid: APP, params: 'a=b' } } }, 'grants.voice.outgoing.params'],
    ['a params value not a string', { voice: { outgoing: { application_sid: APP, params: { n: 5 } } } }, 'grants.voice.outgoing.params'],
    ['push_credential_sid not a string', { voice: { push_credential_sid: 1 } }, 'grants.voice.push_credential_sid'],
    ['endpoint_id not a string', { voice: { endpoint_id: null } }, 'grants.voice.endpoint_id'],
  ])('%s is CLAIM_INVALID naming the claim path', (_what, grants, claim) => {
    const payload: JsonObject = grants === undefined ? {} : { grants };
    let error: unknown;
    try {
      readGrants(payload);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(CaptokenError);
    expect(error).toMatchObject({ code: 'CLAIM_INVALID', claim });
  });

  it('refuses a hand-built params object carrying a reserved name', () => {
    const params = JSON.parse('{"__proto__": "x"}') as JsonObject;
    expect(() => readGrants({ grants: { voice: { outgoing: { application_sid: APP, params } } } })).toThrow(
      expect.objectContaining({ code: 'CLAIM_INVALID', claim: 'grants.voice.outgoing.params' }),
    );
  });
});

describe('deep grants', () => {
  it('finding 1: capabilitiesOf on 2,000-deep grants (a 13 KB token) returns its copy: no RangeError, no recursion', () => {
    const depth = 2000;
    const payloadText = `{"grants":{"identity":"alice","deep":${'{"a":'.repeat(depth)}1${'}'.repeat(depth)}},"iss":"SK0","sub":"AC0"}`;
    const token = `${b64('{"alg":"HS256","cty":"twilio-fpa;v=1"}')}.${b64(payloadText)}.${b64('sig')}`;
    expect(token.length).toBeLessThan(DEFAULT_MAX_LENGTH);
    const parsed = parseToken(token);
    expect(() => structuredClone(parsed.payload)).toThrow(RangeError); // what readGrants used to do
    const set = capabilitiesOf(parsed);
    expect(set.identity).toBe('alice');
    let value: unknown = set.grants!['deep'];
    let levels = 0;
    while (typeof value === 'object' && value !== null) {
      levels++;
      value = (value as Record<string, unknown>)['a'];
    }
    expect(levels).toBe(depth);
    // A copy, not the signed object itself: changing it leaves the token's payload alone.
    expect(set.grants).not.toBe(parsed.payload['grants']);
  });

  it('finding 1: at 100,000 levels (beyond any maxLength default) every walker still returns', () => {
    const depth = 100_000;
    const payloadText = `{"grants":{"identity":"a","deep":${'['.repeat(depth)}${']'.repeat(depth)}},"iss":"SK0","sub":"AC0"}`;
    const token = `${b64('{"alg":"HS256","cty":"twilio-fpa;v=1"}')}.${b64(payloadText)}.${b64('sig')}`;
    const parsed = parseToken(token, { maxLength: token.length });
    expect(capabilitiesOf(parsed).format).toBe('access');
  });
});
