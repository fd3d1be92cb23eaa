import { describe, expect, it } from 'vitest';
import { EVENT_STREAM_PATH, eventStreamScope, incomingScope, outgoingScope } from '../../src/mint/scopes.js';

const APP = 'AP' + '1'.repeat(32);

describe('scope builders', () => {
  it('incomingScope', () => {
    expect(incomingScope('alice')).toStrictEqual({ service: 'client', privilege: 'incoming', params: { clientName: 'alice' } });
  });

  it('outgoingScope keeps twilio order appSid, clientName, appParams and omits what is not given', () => {
    const full = outgoingScope({ appParams: { a: 'b' }, clientName: 'alice', appSid: APP });
    expect(Object.keys(full.params)).toStrictEqual(['appSid', 'clientName', 'appParams']);
    expect(outgoingScope({ appSid: APP })).toStrictEqual({ service: 'client', privilege: 'outgoing', params: { appSid: APP } });
  });

  it('eventStreamScope always has the events path, and appParams only for non-empty filters', () => {
    expect(eventStreamScope()).toStrictEqual({ service: 'stream', privilege: 'subscribe', params: { path: EVENT_STREAM_PATH } });
    expect(eventStreamScope({})).toStrictEqual(eventStreamScope());
    expect(eventStreamScope({ CallSid: 'CA1' }).params).toStrictEqual({ path: '/2010-04-01/Events', appParams: { CallSid: 'CA1' } });
  });
});
