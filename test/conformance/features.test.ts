import { describe, expect, it } from 'vitest';
import { FEATURES, featuresOf, hasCharAt, positionClass, tokenFacts } from '../../src/conformance/features.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const token = (header: object, payload: object, signature: string): string => `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}.${signature}`;
const has = (t: string, id: string): boolean => featuresOf(tokenFacts(t)!)[FEATURES.findIndex((f) => f.id === id)]!;

describe('tokenFacts', () => {
  it("locates '-' and '_' by segment and position class, and knows each segment's length mod 4", () => {
    const t = token({ alg: 'HS256' }, {}, '-AAAAAAAAAAA_');
    const f = tokenFacts(t)!;
    expect(f.segments.signature).toMatchObject({ length: 13, mod4: 1, dashes: 1, underscores: 1 });
    expect(hasCharAt(f.segments.signature, '-', 'first')).toBe(true);
    expect(hasCharAt(f.segments.signature, '_', 'last')).toBe(true);
    expect(hasCharAt(f.segments.signature, '_', 'interior')).toBe(false);
    expect(f.segments.header).toMatchObject({ length: 20, mod4: 0, dashes: 0, nonAscii: false });
    expect(f.alg).toBe('HS256');
    expect(f.headerMembers).toEqual(['alg']);
  });

  it('reads non-ASCII and 4-byte UTF-8 from the bytes, not from the values (ASCII-escaped JSON is ASCII)', () => {
    expect(tokenFacts(token({ alg: 'HS256' }, { n: 'é' }, 'AA'))!.segments.payload).toMatchObject({ nonAscii: true, astral: false });
    expect(tokenFacts(token({ alg: 'HS256' }, { n: '😀' }, 'AA'))!.segments.payload).toMatchObject({ nonAscii: true, astral: true });
    expect(tokenFacts(`${b64('{"alg":"HS256"}')}.${b64('{"n":"\\u00e9"}')}.AA`)!.segments.payload.nonAscii).toBe(false);
  });

  it('is undefined unless there are exactly three segments', () => {
    expect(tokenFacts('a.b')).toBeUndefined();
    expect(tokenFacts('a.b.c.d')).toBeUndefined();
  });

  it('position classes: the first 4-character group, the last 8 characters, or between', () => {
    expect([0, 3, 4, 11, 12, 19].map((i) => positionClass(i, 20))).toEqual(['first', 'first', 'interior', 'interior', 'last', 'last']);
    expect(positionClass(5, 6)).toBe('last');
  });
});

describe('FEATURES', () => {
  it('have unique ids, a label and a cause each', () => {
    expect(new Set(FEATURES.map((f) => f.id)).size).toBe(FEATURES.length);
    for (const f of FEATURES) for (const c of f.contrast ?? []) expect(FEATURES.some((x) => x.id === c), `${f.id} -> ${c}`).toBe(true);
  });

  it('tell the incident classes apart', () => {
    const repeated = token({ alg: 'HS256' }, {}, '--A');
    const single = token({ alg: 'HS256' }, {}, '-A');
    expect(has(repeated, 'url-repeat')).toBe(true);
    expect(has(single, 'url-repeat')).toBe(false);
    expect(has(single, 'url-any')).toBe(true);
    expect(has(single, 'dash-in:signature')).toBe(true);
    expect(has(single, 'underscore-any')).toBe(false);
    expect(has(token({ alg: 'HS256' }, {}, 'AA'), 'mod0:header')).toBe(true);
    expect(has(token({ alg: 'HS256' }, {}, 'AA'), 'mod2:signature')).toBe(true);
    expect(has(token({ alg: 'ES256' }, {}, 'AA'), 'alg:ES256')).toBe(true);
    expect(has(token({ alg: 'ES256', 'x-private': 1 }, {}, 'AA'), 'header:private')).toBe(true);
    expect(has(token({ alg: 'ES256' }, { aud: ['a'] }, 'AA'), 'aud-array')).toBe(true);
  });
});
