// The verifier's cache pieces: LruCache (second-chance eviction) and deepFreeze. Tested through their
// own contracts, not through the verifier's cache key.
import { describe, expect, it } from 'vitest';
import { deepFreeze, LruCache } from '../../src/verify/cache.js';

describe('LruCache', () => {
  it('gets what was set, undefined for what was not', () => {
    const cache = new LruCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    expect(cache.get('a')).toBe(1);
    expect(cache.get('b')).toBe(2);
    expect(cache.get('c')).toBeUndefined();
    expect(cache.size).toBe(2);
  });

  it('never holds more than its capacity', () => {
    const cache = new LruCache<number, number>(3);
    for (let i = 0; i < 100; i++) {
      cache.set(i, i);
      expect(cache.size).toBeLessThanOrEqual(3);
    }
    expect(cache.size).toBe(3);
    // with no reads, eviction is first in, first out: the newest three remain
    expect([97, 98, 99].map((k) => cache.get(k))).toEqual([97, 98, 99]);
    expect(cache.get(96)).toBeUndefined();
  });

  it('gives an entry read since it was stored a second chance: the oldest unread one goes', () => {
    const cache = new LruCache<string, number>(3);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('c', 3);
    expect(cache.get('a')).toBe(1); // 'a' is the oldest but was used
    cache.set('d', 4); // evicts 'b', the oldest unused
    expect(cache.get('b')).toBeUndefined();
    expect(cache.get('a')).toBe(1);
    expect(cache.get('c')).toBe(3);
    expect(cache.get('d')).toBe(4);
  });

  it("clears the flag when it gives the second chance: an entry not read again goes next time round", () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.get('a');
    cache.set('c', 3); // 'a' moves to the back unflagged, 'b' goes: order a, c
    expect(cache.get('b')).toBeUndefined();
    cache.set('d', 4); // 'a' is now the oldest and unused since its second chance: it goes
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('c')).toBe(3);
    expect(cache.get('d')).toBe(4);
  });

  it('when every entry was read, evicts the oldest after one sweep', () => {
    const cache = new LruCache<string, number>(3);
    for (const [k, v] of [['a', 1], ['b', 2], ['c', 3]] as const) cache.set(k, v);
    for (const k of ['a', 'b', 'c']) cache.get(k);
    cache.set('d', 4);
    expect(cache.size).toBe(3);
    expect(cache.get('a')).toBeUndefined();
    expect(['b', 'c', 'd'].map((k) => cache.get(k))).toEqual([2, 3, 4]);
  });

  it('set on an existing key replaces the value, keeps the size, and counts as a use', () => {
    const cache = new LruCache<string, number>(2);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.set('a', 10);
    expect(cache.size).toBe(2);
    cache.set('c', 3); // 'a' was used by the overwrite: 'b' goes
    expect(cache.get('a')).toBe(10);
    expect(cache.get('b')).toBeUndefined();
  });

  it('delete removes one entry; clear removes all', () => {
    const cache = new LruCache<string, number>(4);
    cache.set('a', 1);
    cache.set('b', 2);
    cache.delete('a');
    cache.delete('missing');
    expect(cache.get('a')).toBeUndefined();
    expect(cache.get('b')).toBe(2);
    expect(cache.size).toBe(1);
    cache.clear();
    expect(cache.size).toBe(0);
    expect(cache.get('b')).toBeUndefined();
    cache.set('c', 3);
    expect(cache.get('c')).toBe(3);
  });

  it('keys objects by identity', () => {
    const cache = new LruCache<object, string>(2);
    const k1 = {};
    cache.set(k1, 'one');
    expect(cache.get(k1)).toBe('one');
    expect(cache.get({})).toBeUndefined();
  });
});

describe('deepFreeze', () => {
  it('freezes the value and everything reachable in it, and returns the same value', () => {
    const value = { a: { b: [1, { c: 'x' }] }, d: [[2]] };
    expect(deepFreeze(value)).toBe(value);
    expect(Object.isFrozen(value)).toBe(true);
    expect(Object.isFrozen(value.a)).toBe(true);
    expect(Object.isFrozen(value.a.b)).toBe(true);
    expect(Object.isFrozen(value.a.b[1])).toBe(true);
    expect(Object.isFrozen(value.d[0])).toBe(true);
    expect(() => {
      (value.a.b as unknown[]).push(3);
    }).toThrow(TypeError);
  });

  it('passes primitives and null through', () => {
    expect(deepFreeze(1)).toBe(1);
    expect(deepFreeze('s')).toBe('s');
    expect(deepFreeze(null)).toBeNull();
    expect(deepFreeze<unknown>(undefined)).toBeUndefined();
  });

  it('handles nesting deeper than the call stack allows (it is iterative)', () => {
    let deep: { next?: unknown } = {};
    const root = deep;
    for (let i = 0; i < 200_000; i++) deep = deep.next = {};
    expect(() => deepFreeze(root)).not.toThrow();
    expect(Object.isFrozen(deep)).toBe(true);
  });

  it('terminates on a cycle', () => {
    const a: { self?: unknown } = {};
    a.self = a;
    expect(deepFreeze(a)).toBe(a);
    expect(Object.isFrozen(a)).toBe(true);
  });
});
