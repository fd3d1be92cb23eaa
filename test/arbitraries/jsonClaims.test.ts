import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonClaims } from '../../src/arbitraries/index.js';
import type { JsonValue } from '../../src/json.js';
import { fcParams, NUM_RUNS, SEED, seeded } from '../support/fc.js';

function* walk(value: JsonValue): Generator<{ key?: string; value: JsonValue }> {
  yield { value };
  if (Array.isArray(value)) for (const v of value) yield* walk(v);
  else if (typeof value === 'object' && value !== null) {
    for (const [key, v] of Object.entries(value)) {
      yield { key, value: v };
      yield* walk(v);
    }
  }
}

describe('jsonClaims', () => {
  it(seeded('survives JSON.stringify / JSON.parse unchanged, with plain prototypes, no -0, no forbidden names'), () => {
    fc.assert(
      fc.property(jsonClaims(), (claims) => {
        expect(JSON.parse(JSON.stringify(claims))).toStrictEqual(claims);
        for (const node of walk(claims)) {
          if (node.key !== undefined) expect(['__proto__', 'constructor', 'prototype']).not.toContain(node.key);
          if (typeof node.value === 'number') {
            expect(Number.isFinite(node.value)).toBe(true);
            expect(Object.is(node.value, -0)).toBe(false);
          }
          if (typeof node.value === 'object' && node.value !== null && !Array.isArray(node.value)) {
            expect(Object.getPrototypeOf(node.value)).toBe(Object.prototype);
          }
        }
      }),
      fcParams(),
    );
  });

  it(seeded("strings carry '?', '>', '~' and 2-, 3- and 4-byte UTF-8; values of every JSON type occur"), () => {
    const samples = fc.sample(jsonClaims(), { seed: SEED, numRuns: NUM_RUNS * 2 });
    const strings = samples.flatMap((c) => [...walk(c)].flatMap((n) => [...(n.key === undefined ? [] : [n.key]), ...(typeof n.value === 'string' ? [n.value] : [])]));
    const has = (re: RegExp): number => strings.filter((s) => re.test(s)).length;
    const stats = {
      urlAscii: has(/[?>~]/),
      twoByte: has(/[\u0080-\u07ff]/),
      threeByte: has(/[\u0800-\ud7ff\ue000-\uffff]/),
      fourByte: has(/[\ud800-\udbff][\udc00-\udfff]/),
    };
    for (const [kind, n] of Object.entries(stats)) expect(n, kind).toBeGreaterThan(samples.length / 10);
    const types = new Set(samples.flatMap((c) => [...walk(c)].map((n) => (Array.isArray(n.value) ? 'array' : n.value === null ? 'null' : typeof n.value))));
    expect([...types].sort()).toEqual(['array', 'boolean', 'null', 'number', 'object', 'string']);
  });
});
