// JWT claim rules (RFC 7519 §4.1), compiled once: the time checks and the time-independent checks.
import { createHmac } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { capabilitiesOf } from '../../src/capabilities/index.js';
import { tokenFormat } from '../../src/format.js';
import type { JsonObject } from '../../src/json.js';
import { parseToken } from '../../src/parse.js';
import { createVerifier } from '../../src/verify/index.js';
import { compileStaticChecks, compileTimeChecks, normalizeTyp, type ClaimOptions } from '../../src/verify/claims.js';
import { rejectionOf } from '../support/errors.js';
import { b64u, expectCode } from './support.js';

const NOW_S = 1_700_000_000;
const NOW_MS = NOW_S * 1000 + 999; // whole seconds, floored: the 999 ms never count

/** What a rule rejected with (code, claim, segment, index, message), or undefined when it accepted. */
function rejection(run: () => void) {
  const error = rejectionOf(run);
  if (error === undefined) return undefined;
  const { code, claim, segment, index, message } = error;
  return { code, claim, segment, index, message };
}

describe('normalizeTyp', () => {
  it('compares media types case-insensitively, with or without application/ (RFC 7515 §4.1.9)', () => {
    expect(normalizeTyp('JWT')).toBe('jwt');
    expect(normalizeTyp('application/JWT')).toBe('jwt');
    expect(normalizeTyp('Application/at+jwt')).toBe('at+jwt');
    expect(normalizeTyp('text/jwt')).toBe('text/jwt');
  });
});

describe('compileTimeChecks', () => {
  const check = (payload: JsonObject, options: { clockTolerance?: number; maxTokenAge?: number } = {}, nowMs = NOW_MS) =>
    rejection(() => {
      compileTimeChecks({ clockTolerance: options.clockTolerance ?? 0, maxTokenAge: options.maxTokenAge })(payload, nowMs);
    });

  it('accepts a payload with no time claims', () => {
    expect(check({})).toBeUndefined();
  });

  it('expires at exp: exp = now is expired, exp = now + 1 is not', () => {
    expect(check({ exp: NOW_S })).toMatchObject({ code: 'TOKEN_EXPIRED', claim: 'exp', segment: 'payload' });
    expect(check({ exp: NOW_S + 1 })).toBeUndefined();
  });

  it('is not valid before nbf: nbf = now is valid, nbf = now + 1 is not', () => {
    expect(check({ nbf: NOW_S })).toBeUndefined();
    expect(check({ nbf: NOW_S + 1 })).toMatchObject({ code: 'TOKEN_NOT_YET_VALID', claim: 'nbf' });
  });

  it('refuses an iat in the future', () => {
    expect(check({ iat: NOW_S })).toBeUndefined();
    expect(check({ iat: NOW_S + 1 })).toMatchObject({ code: 'CLAIM_INVALID', claim: 'iat' });
  });

  it('widens every time rule by the clock tolerance, in seconds', () => {
    expect(check({ exp: NOW_S - 5 }, { clockTolerance: 5 })).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(check({ exp: NOW_S - 4 }, { clockTolerance: 5 })).toBeUndefined();
    expect(check({ nbf: NOW_S + 5 }, { clockTolerance: 5 })).toBeUndefined();
    expect(check({ nbf: NOW_S + 6 }, { clockTolerance: 5 })).toMatchObject({ code: 'TOKEN_NOT_YET_VALID' });
    expect(check({ iat: NOW_S + 5 }, { clockTolerance: 5 })).toBeUndefined();
  });

  it('with maxTokenAge, needs iat and refuses a token older than the age', () => {
    expect(check({}, { maxTokenAge: 60 })).toMatchObject({ code: 'CLAIM_INVALID', claim: 'iat', message: "'iat' is required when maxTokenAge is set" });
    expect(check({ iat: NOW_S - 60 }, { maxTokenAge: 60 })).toBeUndefined();
    expect(check({ iat: NOW_S - 61 }, { maxTokenAge: 60 })).toMatchObject({ code: 'TOKEN_EXPIRED', claim: 'iat' });
    expect(check({ iat: NOW_S - 63 }, { maxTokenAge: 60, clockTolerance: 3 })).toBeUndefined();
  });

  it('takes NumericDates as finite JSON numbers only: no strings, no Infinity (1e999)', () => {
    for (const claim of ['exp', 'nbf', 'iat']) {
      for (const value of [String(NOW_S + 100), Infinity, -Infinity, Number.NaN, null, [NOW_S], true]) {
        expect(check({ [claim]: value }), `${claim}: ${String(value)}`).toMatchObject({ code: 'CLAIM_INVALID', claim });
      }
    }
  });

  it('checks exp before nbf before iat', () => {
    expect(check({ exp: NOW_S - 1, nbf: NOW_S + 100, iat: NOW_S + 100 })).toMatchObject({ code: 'TOKEN_EXPIRED' });
    expect(check({ nbf: NOW_S + 100, iat: NOW_S + 100 })).toMatchObject({ code: 'TOKEN_NOT_YET_VALID' });
  });

  it('refuses a clock that returns something other than a finite number (no token would ever expire)', () => {
    for (const now of [Number.NaN, Infinity, '1700000000000' as unknown as number]) {
      expect(check({ exp: NOW_S - 1 }, {}, now)).toMatchObject({ code: 'CONFIG_INVALID' });
    }
  });
});

describe('compileStaticChecks', () => {
  const options = (over: Partial<ClaimOptions> = {}): ClaimOptions => ({
    issuer: undefined,
    audience: undefined,
    subject: undefined,
    typ: undefined,
    requiredClaims: [],
    clockTolerance: 0,
    maxTokenAge: undefined,
    ...over,
  });
  const check = (payload: JsonObject, over: Partial<ClaimOptions> = {}, header: JsonObject = { alg: 'HS256' }) =>
    rejection(() => {
      compileStaticChecks(options(over))(header, payload);
    });

  it('accepts any payload when nothing is asked', () => {
    expect(check({})).toBeUndefined();
    expect(check({ iss: 'a', sub: 'b', aud: ['c', 'd'], jti: 'e', custom: [1] })).toBeUndefined();
  });

  it('checks the JSON types of iss, sub, jti and aud, whatever the options, coercing nothing', () => {
    for (const claim of ['iss', 'sub', 'jti']) {
      expect(check({ [claim]: 1 }), claim).toMatchObject({ code: 'CLAIM_INVALID', claim, message: `'${claim}' must be a string` });
      expect(check({ [claim]: ['x'] }), claim).toMatchObject({ code: 'CLAIM_INVALID', claim });
    }
    expect(check({ aud: 1 })).toMatchObject({ code: 'CLAIM_INVALID', claim: 'aud', index: undefined });
    expect(check({ aud: ['a', 2, 'c'] })).toMatchObject({ code: 'CLAIM_INVALID', claim: 'aud', index: 1 });
  });

  it('needs iss to be one of the accepted issuers when issuer is set', () => {
    const issuer = new Set(['A', 'B']);
    expect(check({ iss: 'B' }, { issuer })).toBeUndefined();
    expect(check({ iss: 'C' }, { issuer })).toMatchObject({ code: 'CLAIM_INVALID', claim: 'iss', message: "'iss' is not an accepted issuer" });
    expect(check({}, { issuer })).toMatchObject({ claim: 'iss', message: "'iss' is missing" });
  });

  it('needs sub to equal the subject when subject is set', () => {
    expect(check({ sub: 'alice' }, { subject: 'alice' })).toBeUndefined();
    expect(check({ sub: 'Alice' }, { subject: 'alice' })).toMatchObject({ claim: 'sub', message: "'sub' does not match" });
    expect(check({}, { subject: 'alice' })).toMatchObject({ claim: 'sub', message: "'sub' is missing" });
  });

  it('needs aud (a string or any member of an array) to name an accepted audience', () => {
    const audience = new Set(['api']);
    expect(check({ aud: 'api' }, { audience })).toBeUndefined();
    expect(check({ aud: ['web', 'api'] }, { audience })).toBeUndefined();
    expect(check({ aud: ['web'] }, { audience })).toMatchObject({ claim: 'aud', message: "'aud' names no accepted audience" });
    expect(check({ aud: [] }, { audience })).toMatchObject({ claim: 'aud' });
    expect(check({}, { audience })).toMatchObject({ claim: 'aud', message: "'aud' is missing" });
  });

  it('needs every required claim to be present (null counts as present)', () => {
    expect(check({ a: null, b: 0 }, { requiredClaims: ['a', 'b'] })).toBeUndefined();
    expect(check({ a: 1 }, { requiredClaims: ['a', 'b'] })).toMatchObject({ code: 'CLAIM_INVALID', claim: 'b', message: "the required claim 'b' is missing" });
  });

  it('matches the header typ as a media type, and reports it on the header segment', () => {
    expect(check({}, { typ: 'at+jwt' }, { typ: 'application/AT+JWT' })).toBeUndefined();
    expect(check({}, { typ: 'application/jwt' }, { typ: 'JWT' })).toBeUndefined();
    expect(check({}, { typ: 'jwt' }, { typ: 'at+jwt' })).toMatchObject({ code: 'CLAIM_INVALID', claim: 'typ', segment: 'header', message: "the header 'typ' does not match" });
    expect(check({}, { typ: 'jwt' }, {})).toMatchObject({ claim: 'typ', segment: 'header', message: "the header has no 'typ'" });
    expect(check({}, { typ: 'jwt' }, { typ: 1 })).toMatchObject({ claim: 'typ', segment: 'header' });
  });

  it('checks claim types before the values asked for', () => {
    expect(check({ iss: 1, sub: 'x' }, { subject: 'y' })).toMatchObject({ claim: 'iss', message: "'iss' must be a string" });
  });

  it('never puts a claim value in a message', () => {
    const secretish = 'eyJzZWNyZXQiOiJ4In0';
    const messages = [
      check({ iss: secretish }, { issuer: new Set(['A']) }),
      check({ sub: secretish }, { subject: 'alice' }),
      check({ aud: secretish }, { audience: new Set(['api']) }),
      check({}, { typ: 'jwt' }, { typ: secretish }),
    ].map((r) => r?.message ?? '');
    for (const message of messages) {
      expect(message).not.toBe('');
      expect(message).not.toContain(secretish);
    }
  });
});

// Finding 4 of the attack probe: claims are read as own members only. Before, a check read through
// the prototype, so `requiredClaims: ['constructor']` (or `toString`) was satisfied by every token.
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

  it('finding 4: capabilitiesOf and tokenFormat read claims as own members (src/capabilities/*, src/format.ts)', () => {
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
