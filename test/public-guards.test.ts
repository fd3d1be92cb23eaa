// Finding 5 of the attack probe: every public function, fed a value of the wrong type in any
// argument, throws (or rejects with) a CaptokenError, never a TypeError or RangeError from inside.
// The table lists every function export of the three entry points; a new export without a row fails.
import { describe, expect, it } from 'vitest';
import * as arbitraries from '../src/arbitraries/index.js';
import { isCaptokenError } from '../src/errors.js';
import * as api from '../src/index.js';
import * as otel from '../src/otel/index.js';

const SECRET = 's'.repeat(32);
const ACCOUNT = 'AC' + '0'.repeat(32);
const meter = {
  createCounter: () => ({ add: () => undefined }),
  createHistogram: () => ({ record: () => undefined }),
};
const verifierOptions = { algorithms: ['HS256'], key: SECRET };
const set = { format: 'capability', capabilities: [{ service: 'client', privilege: 'incoming', params: { clientName: 'a' } }] };

/** Valid arguments for each public function: one argument at a time is replaced by a bad value. */
const VALID: Record<string, readonly unknown[]> = {
  'captoken.decodeBase64url': ['QQ'],
  'captoken.encodeBase64url': [new Uint8Array([1])],
  'captoken.isCaptokenError': [new Error('x')],
  'captoken.parseToken': ['eyJhbGciOiJIUzI1NiJ9.e30.c2ln', {}],
  'captoken.createVerifier': [verifierOptions],
  'captoken.createJwsVerifier': [verifierOptions],
  'captoken.tokenFormat': [{ alg: 'HS256' }, {}],
  'captoken.capabilitiesOf': [{ header: { alg: 'HS256' }, payload: { scope: '', iss: ACCOUNT } }],
  'captoken.hasCapability': [set, 'client:incoming', { clientName: 'a' }],
  'captoken.requireCapability': [set, 'client:incoming', { clientName: 'a' }],
  'captoken.mintAccessToken': [{ accountSid: ACCOUNT, keySid: 'SK' + '0'.repeat(32), secret: SECRET, identity: 'alice' }],
  'captoken.mintCapabilityToken': [{ accountSid: ACCOUNT, secret: SECRET, capabilities: [] }],
  'captoken.incomingScope': ['alice'],
  'captoken.outgoingScope': [{ appSid: 'AP' + '0'.repeat(32) }],
  'captoken.eventStreamScope': [{ CallSid: 'CA1' }],
  'captoken/otel.verifyMetrics': [meter, {}],
  'captoken/otel.instrumentVerifier': [verifierOptions, meter, {}],
  'captoken/arbitraries.urlCharBytes': [{}],
  'captoken/arbitraries.canonicalBase64url': [{}],
  'captoken/arbitraries.base64urlish': [{}],
  'captoken/arbitraries.jsonClaims': [],
  'captoken/arbitraries.tokenParts': [],
  'captoken/arbitraries.validToken': [],
  'captoken/arbitraries.invalidToken': [arbitraries.FAULT_CLASSES],
};

/** Classes are not functions a caller calls with data. */
const NOT_CALLED = new Set(['captoken.CaptokenError']);

const BAD: readonly unknown[] = [
  undefined,
  null,
  0,
  -1,
  1.5,
  Number.NaN,
  Number.POSITIVE_INFINITY,
  true,
  '',
  'x',
  {},
  [],
  [null],
  [undefined, 1],
  Symbol('s'),
  10n,
  () => 1,
  new Uint8Array(2),
  new Date(0),
  Object.create(null),
  new Map(),
  { length: -1 },
  { header: null, payload: null },
  { capabilities: [null] },
  { capabilities: [{ service: 'client', privilege: 'incoming' }] },
];

function describeValue(value: unknown): string {
  if (typeof value === 'symbol' || typeof value === 'bigint' || typeof value === 'function') return typeof value;
  try {
    const text = JSON.stringify(value) as string | undefined;
    return text ?? String(value);
  } catch {
    return Object.prototype.toString.call(value);
  }
}

/** Calls `fn`, awaiting a returned promise; the value or error it ends with. */
async function outcome(fn: () => unknown): Promise<{ ok: true; value: unknown } | { ok: false; error: unknown }> {
  try {
    const value = fn();
    return { ok: true, value: value instanceof Promise ? await value : value };
  } catch (error) {
    return { ok: false, error };
  }
}

const MODULES = { captoken: api, 'captoken/otel': otel, 'captoken/arbitraries': arbitraries } as Record<string, Record<string, unknown>>;

function publicFunctions(): [string, (...args: unknown[]) => unknown][] {
  const out: [string, (...args: unknown[]) => unknown][] = [];
  for (const [entry, module] of Object.entries(MODULES)) {
    for (const [name, value] of Object.entries(module)) {
      if (typeof value === 'function' && !NOT_CALLED.has(`${entry}.${name}`)) out.push([`${entry}.${name}`, value as (...args: unknown[]) => unknown]);
    }
  }
  return out;
}

describe('public functions and wrong-typed input', () => {
  it('the table covers every function export of captoken, captoken/otel and captoken/arbitraries', () => {
    const missing = publicFunctions()
      .map(([name]) => name)
      .filter((name) => VALID[name] === undefined);
    expect(missing, 'add a row of valid arguments for each new export').toStrictEqual([]);
  });

  it('finding 5: decodeBase64url(undefined) and every other public function given a non-string / non-object throw CaptokenError, never TypeError', async () => {
    const foreign: string[] = [];
    let calls = 0;
    for (const [name, fn] of publicFunctions()) {
      const valid = VALID[name]!;
      const arity = Math.max(valid.length, fn.length, 1);
      for (let position = 0; position < arity; position++) {
        for (const bad of BAD) {
          const args = [...valid];
          args[position] = bad;
          calls++;
          const result = await outcome(() => fn(...args));
          if (!result.ok && !isCaptokenError(result.error)) {
            foreign.push(`${name} argument ${position} = ${describeValue(bad)}: ${String(result.error)}`);
          }
        }
      }
    }
    expect(foreign).toStrictEqual([]);
    expect(calls).toBeGreaterThan(500);
  });

  it('the methods of built verifiers (plain, JWS, instrumented) too', async () => {
    const verifiers = {
      createVerifier: api.createVerifier(verifierOptions as never),
      createJwsVerifier: api.createJwsVerifier(verifierOptions as never),
      instrumentVerifier: otel.instrumentVerifier(verifierOptions as never, meter as never),
      wrapped: otel.instrumentVerifier(api.createVerifier(verifierOptions as never), meter as never),
    };
    const foreign: string[] = [];
    for (const [name, verifier] of Object.entries(verifiers)) {
      for (const bad of BAD) {
        for (const method of ['verify', 'verifySync'] as const) {
          const result = await outcome(() => (verifier[method] as (t: unknown) => unknown)(bad));
          expect(result.ok, `${name}.${method}(${describeValue(bad)}) must reject`).toBe(false);
          if (!result.ok && !isCaptokenError(result.error)) foreign.push(`${name}.${method}(${describeValue(bad)}): ${String(result.error)}`);
        }
      }
    }
    expect(foreign).toStrictEqual([]);
  });

  it('the valid rows really are valid (so each bad argument is the only fault)', async () => {
    for (const [name, fn] of publicFunctions()) {
      if (name === 'captoken.decodeBase64url' || name === 'captoken.parseToken') continue; // their token rows are deliberately not canonical/verifiable
      const result = await outcome(() => fn(...VALID[name]!));
      expect(result.ok, `${name}: ${result.ok ? '' : String(result.error)}`).toBe(true);
    }
  });
});
