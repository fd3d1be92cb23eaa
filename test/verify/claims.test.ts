// Finding 4 of the attack probe: claims are read as own members only. Before, a check read through
// the prototype, so `requiredClaims: ['constructor']` (or `toString`) was satisfied by every token.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/capabilities/index.js';
import { parseToken } from '../../src/parse.js';
import { tokenFormat } from '../../src/verify/format.js';
import { createVerifier } from '../../src/verify/index.js';
import { b64u, expectCode } from './support.js';

const SECRET = 'claims-test-secret-of-32-bytes-or-more';

function hs(payload: Record<string, unknown>): string {
  const input = `${b64u('{"alg":"HS256","typ":"JWT"}')}.${b64u(JSON.stringify(payload))}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

const verifier = (options: Record<string, unknown> = {}) => createVerifier({ algorithms: ['HS256'], key: SECRET, ...options } as never);

/** Names Object.prototype carries: a read through the prototype finds each of them. */
const PROTOTYPE_NAMES = ['toString', 'valueOf', 'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toLocaleString', '__defineGetter__'];

const polluted: string[] = [];
function pollute(name: string, value: unknown): void {
  Object.defineProperty(Object.prototype, name, { value, configurable: true, writable: true, enumerable: false });
  polluted.push(name);
}

afterEach(() => {
  for (const name of polluted.splice(0)) Reflect.deleteProperty(Object.prototype, name);
});

describe('claims are own members', () => {
  it("finding 4: requiredClaims ['constructor', 'toString', '__proto__'] is never satisfied through the prototype", () => {
    // A required claim the parser refuses in every token could never be present: refused at construction.
    for (const name of ['constructor', '__proto__', 'prototype']) {
      const error = expectCode(() => verifier({ requiredClaims: [name] }), 'CONFIG_INVALID');
      expect(error.message).toContain(`'${name}'`);
    }
    for (const name of PROTOTYPE_NAMES) {
      const missing = expectCode(() => verifier({ requiredClaims: [name] }).verifySync(hs({ sub: 'a' })), 'CLAIM_INVALID');
      expect(missing).toMatchObject({ claim: name, segment: 'payload' });
      // An own claim of that name satisfies it.
      expect(verifier({ requiredClaims: [name] }).verifySync(hs({ [name]: 1 })).payload[name]).toBe(1);
    }
  });

  it('finding 4: registered claims are not read from a polluted Object.prototype', () => {
    pollute('iss', 'AC-polluted');
    pollute('aud', 'api');
    pollute('sub', 'root');
    const v = verifier({ issuer: 'AC-polluted' });
    expect(expectCode(() => v.verifySync(hs({ sub: 'a' })), 'CLAIM_INVALID')).toMatchObject({ claim: 'iss' });
    expect(expectCode(() => verifier({ audience: 'api' }).verifySync(hs({})), 'CLAIM_INVALID')).toMatchObject({ claim: 'aud' });
    expect(expectCode(() => verifier({ subject: 'root' }).verifySync(hs({})), 'CLAIM_INVALID')).toMatchObject({ claim: 'sub' });
    pollute('exp', 1);
    expect(verifier().verifySync(hs({ sub: 'a' })).payload).toStrictEqual({ sub: 'a' });
  });

  it('finding 4: capabilitiesOf and tokenFormat read claims as own members (src/capabilities/*, verify/format.ts)', () => {
    const { header, payload } = parseToken(hs({ sub: 'a' }));
    pollute('scope', 'scope:client:incoming?clientName=mallory');
    pollute('iss', 'AC' + '0'.repeat(32));
    expect(tokenFormat(header, payload)).toBe('jwt');
    expect(capabilitiesOf({ header, payload })).toStrictEqual({ format: 'jwt', capabilities: [] });
    const capability = parseToken(hs({ scope: '' }));
    expect(expectCode(() => capabilitiesOf(capability), 'CLAIM_INVALID')).toMatchObject({ claim: 'iss' });
    pollute('cty', 'twilio-fpa;v=1');
    pollute('grants', { identity: 'mallory' });
    expect(tokenFormat(header, payload)).toBe('jwt');
    const access = parseToken(hs({ grants: { voice: { incoming: {} } }, iss: 'SK1', sub: 'AC1' }));
    pollute('allow', true);
    pollute('identity', 'mallory');
    const set = capabilitiesOf({ header: { ...access.header, cty: 'twilio-fpa;v=1' }, payload: access.payload });
    expect(set.capabilities).toStrictEqual([]);
    expect(Object.hasOwn(set, 'identity')).toBe(false);
  });
});
