// The verifier's cache pieces: LruCache (second-chance eviction) and deepFreeze. Tested through their
// own contracts, not through the verifier's cache key.
import { createHmac } from 'node:crypto';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { deepFreeze, estimateEntryBytes, LruCache } from '../../src/verify/cache.js';
import { createVerifier } from '../../src/verify/index.js';

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

describe('LruCache byte bound', () => {
  it('never holds more than maxBytes of the sizes it was given; an entry larger than that is not kept', () => {
    const cache = new LruCache<number, number>(1000, 100);
    for (let i = 0; i < 200; i++) {
      cache.set(i, i, (i % 7) * 10);
      expect(cache.bytes).toBeLessThanOrEqual(100);
    }
    cache.set(1000, 1, 101);
    expect(cache.get(1000)).toBeUndefined();
    expect(cache.bytes).toBeLessThanOrEqual(100);
  });

  it('accounts replacement, delete and clear', () => {
    const cache = new LruCache<string, number>(10, 1000);
    cache.set('a', 1, 100);
    cache.set('b', 2, 200);
    cache.set('a', 3, 50);
    expect(cache.bytes).toBe(250);
    expect(cache.get('a')).toBe(3);
    cache.delete('b');
    cache.delete('missing');
    expect(cache.bytes).toBe(50);
    cache.clear();
    expect(cache.bytes).toBe(0);
    expect(cache.size).toBe(0);
  });

  it('evicts by the second-chance rule until the new entry fits', () => {
    const cache = new LruCache<string, number>(10, 300);
    cache.set('a', 1, 100);
    cache.set('b', 2, 100);
    cache.set('c', 3, 100);
    cache.get('a');
    cache.set('d', 4, 150); // needs 150: 'b' and 'c' (unread) go, 'a' (read) stays
    expect(['a', 'b', 'c', 'd'].map((k) => cache.get(k))).toEqual([1, undefined, undefined, 4]);
    expect(cache.bytes).toBe(250);
  });
});

describe('estimateEntryBytes', () => {
  it('counts the token and every decoded value, at any depth (iteratively)', () => {
    const small = estimateEntryBytes('t', [{}]);
    expect(estimateEntryBytes('t'.repeat(1001), [{}])).toBe(small + 1000);
    expect(estimateEntryBytes('t', [{ a: 1 }])).toBeGreaterThan(small);
    expect(estimateEntryBytes('t', [['x'.repeat(100)]])).toBeGreaterThan(estimateEntryBytes('t', [['x']]) + 98);
    expect(estimateEntryBytes('t', [['\u0100'.repeat(100)]])).toBeGreaterThan(estimateEntryBytes('t', [['x'.repeat(100)]]) + 98);
    const deep: unknown = JSON.parse(`${'['.repeat(100_000)}${']'.repeat(100_000)}`);
    expect(estimateEntryBytes('t', [deep])).toBeGreaterThan(100_000 * 64);
  });
});

/** A real collection between heap measurements: --expose-gc is set at run time for this check. */
function collect(): () => void {
  setFlagsFromString('--expose-gc');
  return runInNewContext('gc') as () => void;
}

function heapAfterGc(gc: () => void): number {
  gc();
  gc();
  return process.memoryUsage().heapUsed;
}

describe('the verified-token cache in bytes', () => {
  it('finding 7: 2,000 cached 16 KiB tokens of empty objects hold under 16 MiB (the 8 MiB default budget plus slack), not ~470 MiB', () => {
    const secret = 'cache-memory-secret-of-32-bytes-or-more';
    const verifier = createVerifier({ algorithms: ['HS256'], key: secret, cache: { max: 2000, ttlSeconds: 600 } });
    const header = Buffer.from('{"alg":"HS256","typ":"JWT"}').toString('base64url');
    const gc = collect();
    const before = heapAfterGc(gc);
    let length = 0;
    for (let i = 0; i < 2000; i++) {
      // Each token is dropped by the test once verified: only the cache can keep it.
      const payload = Buffer.from(JSON.stringify({ sub: `u${i}`, data: new Array(3900).fill({}) })).toString('base64url');
      const input = `${header}.${payload}`;
      const token = `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
      length = token.length;
      verifier.verifySync(token);
    }
    const after = heapAfterGc(gc);
    expect(length).toBeGreaterThan(15_000);
    expect(length).toBeLessThanOrEqual(16 * 1024);
    expect((after - before) / 1024 / 1024).toBeLessThan(16);
  });

  it("an entry's estimate is at least what V8 really holds for it, for plain and adversarial shapes", () => {
    const gc = collect();
    const shapes: Record<string, (i: number) => string> = {
      claims: (i) => JSON.stringify({ iss: 'AC0123', sub: `user-${i}`, aud: ['api', 'web'], exp: 2e9, iat: 1.7e9, scope: 'scope:client:incoming?clientName=alice' }),
      'empty objects': (i) => JSON.stringify({ i, d: new Array(1000).fill({}) }),
      'unique member names': (i) => JSON.stringify({ i, d: Array.from({ length: 300 }, (_, j) => ({ [`q${i}_${j}`]: 1 })) }),
      'nested arrays': (i) => `{"i":${i},"d":${'['.repeat(1000)}${']'.repeat(1000)}}`,
      'a big dictionary': (i) => JSON.stringify({ i, d: Object.fromEntries(Array.from({ length: 1000 }, (_, k) => [`k${k}`, k * 1.5])) }),
      'wide strings': (i) => JSON.stringify({ i, d: Array.from({ length: 200 }, (_, k) => `\u0100${k}${i}`) }),
    };
    for (const [shape, make] of Object.entries(shapes)) {
      const texts = Array.from({ length: 300 }, (_, i) => make(i));
      const before = heapAfterGc(gc);
      const kept = texts.map((text) => JSON.parse(text) as unknown);
      const real = (heapAfterGc(gc) - before) / kept.length;
      const estimated = kept.reduce<number>((sum, value) => sum + estimateEntryBytes('', [value]), 0) / kept.length;
      expect(estimated, shape).toBeGreaterThanOrEqual(real);
    }
  });
});
