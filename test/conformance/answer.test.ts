import { describe, expect, it } from 'vitest';
import { acceptAnswer, categoryOf, describeThrown, jsonProblem, parseAnswerText, thrownAnswer, toAnswer } from '../../src/conformance/answer.js';
import { CaptokenError } from '../../src/errors.js';

describe('jsonProblem: what JSON cannot carry, with its path', () => {
  it('is undefined for plain JSON data, null-prototype objects included', () => {
    expect(jsonProblem({ a: [1, 'x', null, true, { b: -0 }] }, 'p')).toBeUndefined();
    expect(jsonProblem(Object.assign(Object.create(null) as object, { a: 1 }), 'p')).toBeUndefined();
    // The same object twice is not a cycle.
    const shared = { x: 1 };
    expect(jsonProblem({ a: shared, b: [shared] }, 'p')).toBeUndefined();
  });

  it.each([
    [{ n: 1n }, 'payload.n is a BigInt'],
    [{ n: NaN }, 'payload.n is NaN'],
    [{ n: [Infinity] }, 'payload.n[0] is Infinity'],
    [{ d: new Date(0) }, 'payload.d is a Date, not a JSON value'],
    [{ m: new Map() }, 'payload.m is a Map, not a JSON value'],
    [{ f: () => 1 }, 'payload.f is a function'],
    [{ u: undefined }, 'payload.u is undefined'],
    [{ 'a-b': { s: Symbol('s') } }, 'payload["a-b"].s is a symbol'],
  ])('%o: %s', (value, problem) => {
    expect(jsonProblem(value, 'payload')).toBe(problem);
  });

  it('finds a cycle and names where it goes back to', () => {
    const o: Record<string, unknown> = { a: { b: [] as unknown[] } };
    ((o['a'] as { b: unknown[] }).b).push(o);
    expect(jsonProblem(o, 'header')).toBe('header.a.b[0] is a cycle back to header');
  });

  it('a getter that throws is a problem, not a crash', () => {
    const o = Object.defineProperty({}, 'x', { enumerable: true, get: () => { throw new Error('boom'); } });
    expect(jsonProblem(o, 'payload')).toMatch(/payload could not be read \(boom\)|payload\.x/);
  });
});

describe('acceptAnswer', () => {
  it('keeps plain values as they are (no copy) and makes others safe, with the problem', () => {
    const header = { alg: 'HS256' };
    const plain = acceptAnswer(header, {});
    expect(plain).toEqual({ ok: true, header, payload: {} });
    expect(plain.ok && plain.header).toBe(header);
    const cyclic: Record<string, unknown> = {};
    cyclic['self'] = cyclic;
    const bad = acceptAnswer({ n: 2n }, cyclic);
    expect(bad).toEqual({ ok: true, header: { n: '[BigInt 2]' }, payload: { self: '[Circular]' }, problem: 'the answer cannot be carried as JSON: header.n is a BigInt' });
    expect(() => JSON.stringify(bad)).not.toThrow();
  });
});

describe('toAnswer: the shape of a protocol answer (command and URL adapters)', () => {
  it('accepts, rejects with category or captoken code, and says what is wrong otherwise', () => {
    expect(toAnswer({ ok: true, header: {}, payload: { a: 1 } })).toEqual({ ok: true, header: {}, payload: { a: 1 } });
    expect(toAnswer({ ok: false, error: 'x' })).toEqual({ ok: false, error: 'x' });
    expect(toAnswer({ ok: false })).toEqual({ ok: false, error: 'rejected' });
    expect(toAnswer({ ok: false, error: { why: 1 } })).toEqual({ ok: false, error: '{"why":1}' });
    expect(toAnswer({ ok: false, error: 'x', category: 'utf8' })).toEqual({ ok: false, error: 'x', category: 'utf8' });
    expect(toAnswer({ ok: false, error: 'x', code: 'BASE64URL_PADDING' })).toEqual({ ok: false, error: 'x', category: 'base64url' });
    expect(toAnswer({ ok: false, error: 'x', code: 'ERR_JWT_INVALID' })).toEqual({ ok: false, error: 'x' });
    expect(toAnswer({ ok: false, error: 'x', category: 'nope' })).toMatch(/'category' must be one of/);
    expect(toAnswer({ ok: true, header: {} })).toMatch(/needs 'header' and 'payload'/);
    expect(toAnswer({ ok: 'yes' })).toMatch(/'ok' must be true or false/);
    expect(toAnswer([1])).toBe('the answer is not an object');
  });

  it('categoryOf maps every captoken code, and an explicit category wins', () => {
    expect(categoryOf(undefined, 'TOKEN_MALFORMED')).toBe('structure');
    expect(categoryOf(undefined, 'TOKEN_TOO_LARGE')).toBe('size');
    expect(categoryOf(undefined, 'TOKEN_DUPLICATE_MEMBER')).toBe('duplicate-member');
    expect(categoryOf('json', 'TOKEN_MALFORMED')).toBe('json');
    expect(categoryOf(undefined, 'toString')).toBeUndefined();
  });
});

describe('parseAnswerText: NaN and Infinity are data, not a broken protocol', () => {
  it('marks bare NaN / Infinity / -Infinity outside strings; strings are left alone', () => {
    const value = parseAnswerText('{"id":"1","ok":true,"header":{},"payload":{"a":NaN,"b":[Infinity,-Infinity],"s":"NaN \\" Infinity"}}');
    const answer = toAnswer(value);
    expect(answer).toMatchObject({ ok: true, payload: { a: '[NaN]', b: ['[Infinity]', '[-Infinity]'], s: 'NaN " Infinity' } });
    expect(typeof answer !== 'string' && answer.ok && answer.problem).toBe('the answer cannot be carried as JSON: payload.a is NaN');
  });

  it('still throws on text that is not JSON', () => {
    expect(() => parseAnswerText('decoding...')).toThrow(SyntaxError);
    expect(() => parseAnswerText('{"a":NaN')).toThrow(SyntaxError);
  });
});

describe('thrownAnswer / describeThrown', () => {
  it('a thrown value becomes a rejection: CODE: message, with its category', () => {
    expect(thrownAnswer(new CaptokenError('TOKEN_UTF8', 'bad'))).toEqual({ ok: false, error: 'TOKEN_UTF8: bad', category: 'utf8' });
    expect(thrownAnswer(Object.assign(new Error('m'), { category: 'json' }))).toEqual({ ok: false, error: 'm', category: 'json' });
    expect(thrownAnswer(Object.assign(new Error('m'), { category: 'bogus' }))).toEqual({ ok: false, error: 'm' });
    expect(thrownAnswer('plain')).toEqual({ ok: false, error: 'plain' });
    expect(describeThrown({ message: 42 })).toBe('42');
  });
});
