// Readers for claims of a fixed JSON type: a wrong type is CLAIM_INVALID naming the claim's path.
import { describe, expect, it } from 'vitest';
import { isJsonObject, readObject, readString, wrongType } from '../../src/capabilities/claims.js';
import { CaptokenError } from '../../src/errors.js';
import type { JsonObject } from '../../src/json.js';
import { caught } from '../support/errors.js';

describe('isJsonObject', () => {
  it('is true for objects only: not arrays, null or scalars', () => {
    expect(isJsonObject({})).toBe(true);
    expect(isJsonObject({ a: [1] })).toBe(true);
    for (const value of [[], [{}], null, undefined, 'x', 0, false]) expect(isJsonObject(value), JSON.stringify(value)).toBe(false);
  });
});

describe('wrongType', () => {
  it('is CLAIM_INVALID with the path as the claim and in the message', () => {
    const error = wrongType('grants.voice.outgoing', 'a JSON object when present');
    expect(error).toBeInstanceOf(CaptokenError);
    expect(error.code).toBe('CLAIM_INVALID');
    expect(error.claim).toBe('grants.voice.outgoing');
    expect(error.message).toBe('the grants.voice.outgoing claim must be a JSON object when present');
  });
});

describe('readString', () => {
  const object: JsonObject = { s: 'v', empty: '', n: 1, nil: null, list: ['v'] };

  it('returns a string member as it is, the empty string included', () => {
    expect(readString(object, 's', 'x.s', true)).toBe('v');
    expect(readString(object, 'empty', 'x.empty', false)).toBe('');
  });

  it('returns undefined for an absent optional member, and throws for an absent required one', () => {
    expect(readString(object, 'missing', 'x.missing', false)).toBeUndefined();
    const error = caught(() => readString(object, 'missing', 'x.missing', true));
    expect([error.code, error.claim, error.message]).toEqual(['CLAIM_INVALID', 'x.missing', 'the x.missing claim must be present and a string']);
  });

  it('coerces nothing: a number, null or an array is CLAIM_INVALID, required or not', () => {
    for (const key of ['n', 'nil', 'list']) {
      expect(caught(() => readString(object, key, `x.${key}`, false)).message).toBe(`the x.${key} claim must be a string when present`);
      expect(caught(() => readString(object, key, `x.${key}`, true)).claim).toBe(`x.${key}`);
    }
  });
});

describe('readObject', () => {
  it('returns an object member, undefined when absent, and CLAIM_INVALID for any other type', () => {
    const inner = { a: 1 };
    const object: JsonObject = { o: inner, list: [inner], s: '{}', nil: null };
    expect(readObject(object, 'o', 'g.o')).toBe(inner);
    expect(readObject(object, 'missing', 'g.missing')).toBeUndefined();
    for (const key of ['list', 's', 'nil']) {
      const error = caught(() => readObject(object, key, `g.${key}`));
      expect([error.code, error.claim, error.message]).toEqual(['CLAIM_INVALID', `g.${key}`, `the g.${key} claim must be a JSON object when present`]);
    }
  });
});
