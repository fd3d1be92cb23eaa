// Arbitraries for the capability and minting properties: values built from parts, rich in the
// characters that break query encodings ('&', '=', '%', '+', spaces, '/', '?', non-ASCII, emoji).
import fc from 'fast-check';
import type { AppParams, CapabilityParamValue } from '../../src/capabilities/types.js';
import type { CapabilityInput } from '../../src/mint/capability-token.js';
import type { VoiceGrantOptions } from '../../src/mint/access-token.js';
import type { JsonObject } from '../../src/json.js';

const RESERVED = new Set(['__proto__', 'constructor', 'prototype']);

const unit = fc.oneof(
  fc.constantFrom('&', '=', '%', '+', ' ', '/', '?', '#', '%20', '%41', '&a=b', 'é', '日本', '😀', '\u0000', '\n', '"', '\\'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
  fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 1 }),
);

/** Any well-formed text, possibly empty. */
export const text = fc.string({ unit, maxLength: 8 });
/** Non-empty text usable as a parameter name. */
export const name = fc.string({ unit, minLength: 1, maxLength: 6 }).filter((s) => !RESERVED.has(s));

export const sid = (prefix: string) => fc.stringMatching(/^[0-9a-f]{32}$/).map((hex) => prefix + hex);

export const appParams: fc.Arbitrary<AppParams> = fc.dictionary(name, text, { maxKeys: 4, noNullPrototype: true });

const scopeName = fc.oneof(fc.constantFrom('client', 'stream', 'incoming', 'outgoing', 'subscribe'), fc.stringMatching(/^[\w-]{1,8}$/));

/** A capability as mintCapabilityToken takes it; sometimes without params, sometimes with appSid / appParams. */
export const capabilityInput: fc.Arbitrary<CapabilityInput> = fc
  .record(
    {
      service: scopeName,
      privilege: scopeName,
      plain: fc.dictionary(
        fc.oneof(fc.constantFrom('clientName', 'path'), name.filter((n) => n !== 'appSid' && n !== 'appParams')),
        text,
        { maxKeys: 3, noNullPrototype: true },
      ),
      appSid: fc.option(sid('AP'), { nil: undefined }),
      appParams: fc.option(appParams, { nil: undefined }),
      omitParams: fc.boolean(),
    },
    { requiredKeys: ['service', 'privilege', 'plain', 'omitParams'] },
  )
  .map(({ service, privilege, plain, appSid, appParams, omitParams }) => {
    const params: Record<string, CapabilityParamValue> = {};
    if (appSid !== undefined) params['appSid'] = appSid;
    Object.assign(params, plain);
    if (appParams !== undefined) params['appParams'] = appParams;
    return omitParams && Object.keys(params).length === 0 ? { service, privilege } : { service, privilege, params };
  });

/** A voice grant as mintAccessToken takes it. */
export const voiceGrant: fc.Arbitrary<VoiceGrantOptions> = fc
  .record(
    {
      incomingAllow: fc.boolean(),
      outgoing: fc.option(fc.record({ sid: sid('AP'), params: fc.option(appParams, { nil: undefined }) }), { nil: undefined }),
      pushCredentialSid: fc.option(sid('CR'), { nil: undefined }),
      endpointId: fc.option(text.filter((s) => s.length > 0), { nil: undefined }),
    },
    { requiredKeys: ['incomingAllow'] },
  )
  .map(({ incomingAllow, outgoing, pushCredentialSid, endpointId }) => {
    const voice: { -readonly [K in keyof VoiceGrantOptions]: VoiceGrantOptions[K] } = { incomingAllow };
    if (outgoing !== undefined) {
      voice.outgoingApplicationSid = outgoing.sid;
      if (outgoing.params !== undefined) voice.outgoingApplicationParams = outgoing.params;
    }
    if (pushCredentialSid !== undefined) voice.pushCredentialSid = pushCredentialSid;
    if (endpointId !== undefined) voice.endpointId = endpointId;
    return voice;
  });

const hasReservedKey = (value: unknown): boolean =>
  typeof value === 'object' && value !== null && Object.entries(value).some(([k, v]) => RESERVED.has(k) || hasReservedKey(v));

/** Other grants (video, chat, made-up ones): name → JSON object, kept as they are. */
export const extraGrants: fc.Arbitrary<Record<string, JsonObject>> = fc.dictionary(
  fc.oneof(fc.constantFrom('video', 'chat', 'data_sync', 'task_router', 'player'), name).filter((n) => n !== 'identity' && n !== 'voice'),
  fc
    .dictionary(name, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 3, noNullPrototype: true })
    .filter((g) => !hasReservedKey(g)) as fc.Arbitrary<JsonObject>,
  { maxKeys: 2, noNullPrototype: true },
);

/** A clock reading in milliseconds, anywhere from 2001 to 2100. */
export const clockMs = fc.integer({ min: 1_000_000_000_000, max: 4_102_444_800_000 });
