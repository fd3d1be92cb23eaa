import { describe, expect, it } from 'vitest';
import { CaptokenError } from '../src/errors.js';
import { mintCapabilityToken } from '../src/mint/capability-token.js';
import {
  clockReading,
  isPlainObject,
  optionError,
  readBoolean,
  readChoice,
  readClock,
  readFunction,
  readNested,
  readNumber,
  readOptions,
  readString,
  readStringList,
  readStrings,
  required,
} from '../src/options.js';
import { createVerifier } from '../src/verify/index.js';

function configInvalid(run: () => unknown, message: string | RegExp): void {
  let caught: unknown;
  try {
    run();
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(CaptokenError);
  expect(caught).toMatchObject({ code: 'CONFIG_INVALID' });
  if (typeof message === 'string') expect((caught as Error).message).toBe(message);
  else expect((caught as Error).message).toMatch(message);
}

describe('the options reader', () => {
  it('readOptions: own enumerable members into a null-prototype record; unknown names are named with the known ones', () => {
    const o = readOptions({ a: 1, b: undefined }, ['a', 'b', 'c'], 'widget');
    expect(Object.getPrototypeOf(o)).toBeNull();
    expect({ ...o }).toStrictEqual({ a: 1, b: undefined });
    configInvalid(() => readOptions({ d: 1 }, ['a', 'b'], 'widget'), "unknown widget option 'd' (known: a, b)");
    for (const bad of [undefined, null, 1, 'x', [], Symbol('s'), 1n]) configInvalid(() => readOptions(bad, ['a'], 'widget'), 'widget options must be an object');
  });

  it('readOptions does not see inherited members (a polluted prototype adds no option)', () => {
    const options = Object.create({ injected: true }) as Record<string, unknown>;
    options['a'] = 1;
    expect(Object.keys(readOptions(options, ['a'], 'widget'))).toStrictEqual(['a']);
  });

  it("one message style: '<name>' must be <expectation>, never the value", () => {
    expect(optionError('voice.endpointId', 'a non-empty string').message).toBe("'voice.endpointId' must be a non-empty string");
    configInvalid(() => readString(42, 'subject'), "'subject' must be a string");
    configInvalid(() => readString('', 'subject', { nonEmpty: true }), "'subject' must be a non-empty string");
    configInvalid(() => readString('a\uD800', 'name', { wellFormed: true }), "'name' must be well-formed Unicode (it has a lone surrogate)");
    configInvalid(() => readString('EU', 'region', { pattern: /^[a-z]+$/, expectation: 'lowercase' }), "'region' must be lowercase");
    configInvalid(() => readString('super-secret-value', 'region', { pattern: /^$/ }), /^'region' must be a string$/);
    configInvalid(() => { required(undefined, 'algorithms', 'an array'); }, "'algorithms' is required: an array");
  });

  it('every reader returns undefined for an absent option', () => {
    for (const read of [readString, readStrings, readStringList, readNumber, readBoolean, readFunction] as ((v: unknown, n: string) => unknown)[]) {
      expect(read(undefined, 'x')).toBeUndefined();
    }
    expect(readChoice(undefined, 'x', ['a'])).toBeUndefined();
    expect(readNested(undefined, 'x', ['a'])).toBeUndefined();
  });

  it('readNumber states the rule it enforces', () => {
    expect(readNumber(0, 'n', { min: 0 })).toBe(0);
    configInvalid(() => readNumber(-1, 'clockTolerance', { min: 0, unit: 'seconds' }), "'clockTolerance' must be a non-negative number of seconds");
    configInvalid(() => readNumber(1.5, 'ttl', { integer: true, above: 0, unit: 'seconds' }), "'ttl' must be a positive whole number of seconds");
    configInvalid(() => readNumber(Number.NaN, 'n'), "'n' must be a number");
    configInvalid(() => readNumber(Number.POSITIVE_INFINITY, 'n'), "'n' must be a number");
    configInvalid(() => readNumber('5', 'n'), "'n' must be a number");
    configInvalid(() => readNumber(90_000, 'ttl', { integer: true, above: 0, max: 86_400, unit: 'seconds' }), "'ttl' must be at most 86400 seconds");
    configInvalid(() => readNumber(2, 'n', { min: 3 }), "'n' must be a number (at least 3)");
  });

  it('readStrings, readStringList, readBoolean, readChoice, readFunction, readNested', () => {
    expect(readStrings('a', 'aud')).toStrictEqual(new Set(['a']));
    expect(readStrings(['a', 'b'], 'aud')).toStrictEqual(new Set(['a', 'b']));
    configInvalid(() => readStrings([], 'aud'), /'aud' must be a non-empty string or a non-empty array/);
    expect(readStringList([], 'requiredClaims')).toStrictEqual([]);
    configInvalid(() => readStringList([''], 'requiredClaims'), "'requiredClaims' must be an array of non-empty strings");
    configInvalid(() => readBoolean('yes', 'incomingAllow'), "'incomingAllow' must be a boolean");
    expect(readChoice('strict', 'profile', ['accept', 'strict'])).toBe('strict');
    configInvalid(() => readChoice('lenient', 'profile', ['accept', 'strict']), "'profile' must be one of 'accept', 'strict'");
    configInvalid(() => readFunction(1, 'onResult'), "'onResult' must be a function");
    configInvalid(() => readNested([], 'cache', ['max']), "'cache' must be an object");
    configInvalid(() => readNested({ size: 1 }, 'cache', ['max']), "unknown cache option 'size' (known: max)");
  });

  it('isPlainObject: {} and null-prototype objects only', () => {
    expect(isPlainObject({})).toBe(true);
    expect(isPlainObject(Object.create(null))).toBe(true);
    for (const v of [[], new Date(0), new Map(), null, 'x', () => 1]) expect(isPlainObject(v)).toBe(false);
  });

  it('the one clock rule: finite, non-negative milliseconds, checked on every reading', () => {
    expect(clockReading(0)).toBe(0);
    const message = "'now' must return a finite, non-negative number of milliseconds since the epoch";
    for (const bad of [Number.NaN, Number.POSITIVE_INFINITY, -1, '1', new Date(0), undefined]) configInvalid(() => clockReading(bad), message);
    expect(readClock(undefined)).toBe(Date.now);
    let reading: unknown = 5;
    const clock = readClock(() => reading);
    expect(clock()).toBe(5);
    reading = Number.NaN;
    configInvalid(clock, message);
    configInvalid(() => readClock(5), "'now' must be a function returning milliseconds since the epoch");
  });

  it('verify and mint apply the same clock rule, with the same message', async () => {
    const secret = 's'.repeat(32);
    const message = "'now' must return a finite, non-negative number of milliseconds since the epoch";
    const token = await mintCapabilityToken({ accountSid: 'AC' + '0'.repeat(32), secret, capabilities: [], now: () => 1_700_000_000_000 });
    for (const reading of [Number.NaN, -1]) {
      const verifier = createVerifier({ algorithms: ['HS256'], key: secret, now: () => reading });
      configInvalid(() => verifier.verifySync(token), message);
      await expect(mintCapabilityToken({ accountSid: 'AC' + '0'.repeat(32), secret, capabilities: [], now: () => reading })).rejects.toThrow(message);
    }
  });
});
