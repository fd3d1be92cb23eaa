// Property (2): the same voice grant minted as a capability token and as an access token gives the
// same capabilities, and so the same answer to every hasCapability question.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/capabilities/capabilities-of.js';
import { hasCapability } from '../../src/capabilities/has-capability.js';
import type { AppParams, CapabilityParamValue } from '../../src/capabilities/types.js';
import { mintAccessToken } from '../../src/mint/access-token.js';
import { mintCapabilityToken } from '../../src/mint/capability-token.js';
import { incomingScope, outgoingScope } from '../../src/mint/scopes.js';
import { verified } from '../mint/verified.js';
import { fcParams, seeded } from '../support/fc.js';
import { appParams, clockMs, sid, text } from './arbitraries.js';

const ACCOUNT = 'AC' + 'c'.repeat(32);
const KEY = 'SK' + 'd'.repeat(32);
const SECRET = 'an-api-key-secret-of-32-bytes-or-more';

interface Grant {
  identity: string;
  incoming: boolean;
  outgoing?: { appSid: string; params?: AppParams };
}

const grant: fc.Arbitrary<Grant> = fc.record(
  {
    identity: text.filter((s) => s.length > 0),
    incoming: fc.boolean(),
    outgoing: fc.record({ appSid: sid('AP'), params: appParams }, { requiredKeys: ['appSid'] }),
  },
  { requiredKeys: ['identity', 'incoming'] },
);

/** Stands for "the grant's own value" in a question, so that matches happen as well as misses. */
const OWN = Symbol('own');
type Pick<T> = typeof OWN | T;
const pick = <T>(other: fc.Arbitrary<T>): fc.Arbitrary<Pick<T>> => fc.oneof(fc.constant(OWN), other);

/** Questions drawn independently of the grant (no .chain, so counterexamples shrink well). */
const questions = fc.array(
  fc.record({
    wanted: fc.constantFrom('client:incoming', 'client:outgoing', 'stream:subscribe', 'voice:outgoing'),
    params: fc.record({ appSid: pick(sid('AP')), clientName: pick(text), appParams: pick(appParams) }, { requiredKeys: [] }),
  }),
  { minLength: 1, maxLength: 8 },
);

const FALLBACK_APP = 'AP' + 'e'.repeat(32);

function resolve(g: Grant, params: { appSid?: Pick<string>; clientName?: Pick<string>; appParams?: Pick<AppParams> }) {
  const out: Record<string, CapabilityParamValue> = {};
  if (params.appSid !== undefined) out['appSid'] = params.appSid === OWN ? (g.outgoing?.appSid ?? FALLBACK_APP) : params.appSid;
  if (params.clientName !== undefined) out['clientName'] = params.clientName === OWN ? g.identity : params.clientName;
  if (params.appParams !== undefined) out['appParams'] = params.appParams === OWN ? (g.outgoing?.params ?? {}) : params.appParams;
  return out;
}

describe('capability / access equivalence', () => {
  it(seeded('one voice grant, two formats: same capabilities, same answer to every question'), async () => {
    const answers = { yes: 0, no: 0 };
    await fc.assert(
      fc.asyncProperty(
        grant,
        questions,
        clockMs,
        async (g, asked, ms) => {
          // Arrange: the same grant in both formats.
          const capabilities = [];
          if (g.incoming) capabilities.push(incomingScope(g.identity));
          if (g.outgoing !== undefined) {
            const { appSid, params } = g.outgoing;
            capabilities.push(outgoingScope({ appSid, clientName: g.identity, ...(params === undefined ? {} : { appParams: params }) }));
          }
          const legacy = await mintCapabilityToken({ accountSid: ACCOUNT, secret: SECRET, capabilities, now: () => ms });
          const access = await mintAccessToken({
            accountSid: ACCOUNT,
            keySid: KEY,
            secret: SECRET,
            identity: g.identity,
            now: () => ms,
            voice: {
              incomingAllow: g.incoming,
              ...(g.outgoing === undefined ? {} : { outgoingApplicationSid: g.outgoing.appSid }),
              ...(g.outgoing?.params === undefined ? {} : { outgoingApplicationParams: g.outgoing.params }),
            },
          });
          // Act
          const at = Math.floor(ms / 1000);
          const a = capabilitiesOf(await verified(legacy, SECRET, at));
          const b = capabilitiesOf(await verified(access, SECRET, at));
          // Assert
          expect(a.format).toBe('capability');
          expect(b.format).toBe('access');
          expect(a.account).toBe(b.account);
          expect(b.identity).toBe(g.identity);
          // A capability token's identity comes from its scopes, so it has one only when a scope names it.
          expect(a.identity).toBe(capabilities.length > 0 ? g.identity : undefined);
          expect(a.capabilities).toStrictEqual(b.capabilities);
          for (const { wanted, params } of asked) {
            const resolved = resolve(g, params);
            const answer = hasCapability(a, wanted, resolved);
            expect(hasCapability(b, wanted, resolved)).toBe(answer);
            answers[answer ? 'yes' : 'no']++;
          }
          // The question the issue names has the expected answer in both formats.
          if (g.outgoing !== undefined) {
            expect(hasCapability(a, 'client:outgoing', { appSid: g.outgoing.appSid })).toBe(true);
            expect(hasCapability(b, 'client:outgoing', { appSid: g.outgoing.appSid })).toBe(true);
          } else {
            expect(hasCapability(a, 'client:outgoing')).toBe(false);
            expect(hasCapability(b, 'client:outgoing')).toBe(false);
          }
        },
      ),
      fcParams(),
    );
    // The questions are not trivially all "no" (or all "yes").
    expect(answers.yes).toBeGreaterThan(0);
    expect(answers.no).toBeGreaterThan(0);
  });
});
