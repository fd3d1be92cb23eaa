// parseJsonObject: JSON.parse plus the two rules it does not enforce (no repeated member name, no
// prototype-reaching name), with the caller's segment and offset on every error.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { jsonClaims } from '../src/arbitraries/index.js';
import { claimName, claimString } from '../src/arbitraries/jsonClaims.js';
import { CaptokenError } from '../src/errors.js';
import { copyJson, ownMember, parseJsonObject, type JsonObject, type JsonValue } from '../src/json.js';
import { fcParams, seeded } from './support/fc.js';

function outcome(text: string, segment: 'header' | 'payload' = 'payload', offset = 7) {
  try {
    return { ok: true as const, value: parseJsonObject(text, segment, offset) };
  } catch (error) {
    if (!(error instanceof CaptokenError)) throw error;
    return { ok: false as const, code: error.code, offset: error.offset, segment: error.segment, message: error.message };
  }
}

/** Every character as a \uXXXX escape: the same member name to JSON.parse, another spelling in the text. */
const escapeAll = (name: string): string =>
  `"${name
    .split('')
    .map((unit) => `\\u${unit.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .join('')}"`;

/** Puts `member` (raw JSON text `"name":value`) first in the object at `path` (a list of member names). */
function insertAt(root: JsonObject, path: string[], member: string): string {
  if (path.length === 0) {
    const text = JSON.stringify(root);
    return `{${member}${text === '{}' ? '' : ','}${text.slice(1)}`;
  }
  const [head, ...rest] = path as [string, ...string[]];
  const inner = insertAt((root[head] as JsonObject | undefined) ?? {}, rest, member);
  const others = Object.entries(root).filter(([k]) => k !== head);
  return `{${[`${JSON.stringify(head)}:${inner}`, ...others.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`)].join(',')}}`;
}

/** Names of nested plain objects, as paths from the root (the root itself is []). */
function objectPaths(value: JsonObject, prefix: string[] = []): string[][] {
  const out = [prefix];
  for (const [k, v] of Object.entries(value)) {
    if (typeof v === 'object' && v !== null && !Array.isArray(v)) out.push(...objectPaths(v, [...prefix, k]));
  }
  return out;
}

describe('accepts JSON objects and returns exactly their value', () => {
  it(seeded('JSON.stringify of any claim set, compact or indented with CRLF'), () => {
    fc.assert(
      fc.property(jsonClaims(), fc.constantFrom(undefined, 2, '\t'), (claims, indent) => {
        const text = JSON.stringify(claims, null, indent);
        expect(outcome(text)).toStrictEqual({ ok: true, value: claims });
        expect(outcome(`\r\n${text.replace(/\n/g, '\r\n')}\r\n`)).toStrictEqual({ ok: true, value: claims });
      }),
      fcParams(),
    );
  });

  it("strings full of ':' '\"' and backslashes do not count as members", () => {
    for (const [text, value] of [
      ['{"a":"\\\\"}', { a: '\\' }],
      ['{"a\\"":":"}', { 'a"': ':' }],
      ['{"\\\\":":\\\\","b":"\\":\\""}', { '\\': ':\\', b: '":"' }],
      ['{"a":"\\\\\\"x:"}', { a: '\\"x:' }],
      ['{"x":[":",":",{"y":":"}]}', { x: [':', ':', { y: ':' }] }],
    ] as [string, JsonObject][]) {
      expect(outcome(text), text).toStrictEqual({ ok: true, value });
    }
  });

  it(seeded("member values with ':' and escapes, generated"), () => {
    const tricky = fc.string({ unit: fc.constantFrom(':', '"', '\\', ',', '{', '}', 'a', 'é'), maxLength: 12 });
    fc.assert(
      fc.property(fc.dictionary(tricky.filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)), tricky, { noNullPrototype: true }), (o) => {
        expect(outcome(JSON.stringify(o))).toStrictEqual({ ok: true, value: o });
      }),
      fcParams(),
    );
  });

  it('deep nesting does not overflow (20 000 arrays, 5 000 objects)', () => {
    expect(outcome(`{"a":${'['.repeat(20000)}${']'.repeat(20000)}}`).ok).toBe(true);
    expect(outcome(`${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}`).ok).toBe(true);
    expect(outcome(`${'{"a":'.repeat(5000)}1${'}'.repeat(4999)},"a":2}`)).toMatchObject({ ok: false, code: 'TOKEN_DUPLICATE_MEMBER' });
  });
});

describe('rejects what is not a JSON object', () => {
  it('not JSON, with the segment and offset given', () => {
    for (const text of ['', ' ', '{', '{"a":1,}', "{'a':1}", '{"a":NaN}', '{"a":1}x', '\ufeff{}', '{"a":"\u0001"}', 'undefined']) {
      expect(outcome(text, 'header', 0), JSON.stringify(text)).toStrictEqual({
        ok: false,
        code: 'TOKEN_JSON',
        offset: 0,
        segment: 'header',
        message: 'the header segment is not valid JSON',
      });
    }
  });

  it('JSON but not an object', () => {
    for (const text of ['[]', '[{}]', '"x"', '1', '-0', 'true', 'false', 'null', ' [1] ']) {
      expect(outcome(text), text).toStrictEqual({
        ok: false,
        code: 'TOKEN_JSON',
        offset: 7,
        segment: 'payload',
        message: 'the payload segment is JSON but not a JSON object',
      });
    }
  });
});

describe('repeated member names', () => {
  it('at top level and nested, in any spelling', () => {
    for (const text of [
      '{"a":1,"a":1}',
      '{"a":1,"\\u0061":2}',
      '{"\\u0061":1,"a":2}',
      '{"a\\/b":1,"a/b":2}',
      '{"x":{"a":1,"a":2}}',
      '{"x":[[{"a":1,"b":{"c":1,"c":1}}]]}',
      '{"😀":1,"\\ud83d\\ude00":2}',
      '{"":1,"":2}',
    ]) {
      expect(outcome(text), text).toStrictEqual({
        ok: false,
        code: 'TOKEN_DUPLICATE_MEMBER',
        offset: 7,
        segment: 'payload',
        message: 'the payload repeats a member name; two parsers could read different values, so it is rejected',
      });
    }
  });

  it(seeded('any member of any (nested) object repeated, plainly or escaped, is found'), () => {
    fc.assert(
      fc.property(jsonClaims(), fc.nat(), fc.nat(), fc.boolean(), claimString, (claims, p, k, escaped, value) => {
        const paths = objectPaths(claims);
        const path = paths[p % paths.length]!;
        let target: JsonValue = claims;
        for (const name of path) target = (target as JsonObject)[name]!;
        const names = Object.keys(target as JsonObject);
        const name = names.length > 0 ? names[k % names.length]! : 'k';
        const member = `${escaped ? escapeAll(name) : JSON.stringify(name)}:${JSON.stringify(value)}`;
        // An empty object gets the name twice.
        const text = insertAt(claims, path, names.length > 0 ? member : `${member},${JSON.stringify(name)}:1`);
        expect(outcome(text)).toMatchObject({ ok: false, code: 'TOKEN_DUPLICATE_MEMBER', offset: 7, segment: 'payload' });
      }),
      fcParams(),
    );
  });

  it('the same name in sibling objects is fine', () => {
    expect(outcome('{"x":{"a":1},"y":{"a":2},"z":[{"a":3},{"a":4}]}').ok).toBe(true);
  });
});

describe('forbidden member names', () => {
  it('__proto__, constructor and prototype at any depth and in any spelling', () => {
    const spellings = [
      ['__proto__', '"__proto__"'],
      ['__proto__', '"\\u005f_proto__"'],
      ['__proto__', '"\\u005F\\u005Fproto\\u005f\\u005f"'],
      ['constructor', '"constructor"'],
      ['constructor', '"\\u0063onstructor"'],
      ['prototype', '"prototype"'],
      ['prototype', '"prot\\u006ftype"'],
    ];
    for (const [name, spelled] of spellings) {
      for (const text of [`{${spelled}:{}}`, `{"a":1,"b":{"c":[{${spelled}:1}]}}`, `{"x":[[[{"y":{${spelled}:null}}]]]}`]) {
        expect(outcome(text, 'header', 0), text).toStrictEqual({
          ok: false,
          code: 'TOKEN_FORBIDDEN_MEMBER',
          offset: 0,
          segment: 'header',
          message: `the header has a member named '${name}', which is not allowed`,
        });
      }
    }
  });

  it(seeded('a forbidden member inserted into any nested object of any claim set is found'), () => {
    fc.assert(
      fc.property(jsonClaims(), fc.nat(), fc.constantFrom('__proto__', 'constructor', 'prototype'), fc.boolean(), (claims, p, name, escaped) => {
        const paths = objectPaths(claims);
        const text = insertAt(claims, paths[p % paths.length]!, `${escaped ? escapeAll(name) : JSON.stringify(name)}:{"polluted":true}`);
        expect(outcome(text)).toMatchObject({ ok: false, code: 'TOKEN_FORBIDDEN_MEMBER', offset: 7, segment: 'payload' });
      }),
      fcParams(),
    );
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('names that only look similar are allowed', () => {
    expect(outcome('{"__proto":1,"proto":2,"Constructor":3,"prototypes":4,"__proto__ ":5}').ok).toBe(true);
  });

  it('an accepted object copied by Object.assign or spread keeps Object.prototype', () => {
    const result = outcome('{"a":{"b":1},"toString":"x","hasOwnProperty":1}');
    if (!result.ok) throw new Error('expected acceptance');
    expect(Object.getPrototypeOf(Object.assign({}, result.value))).toBe(Object.prototype);
    expect(Object.getPrototypeOf({ ...result.value })).toBe(Object.prototype);
    expect(Object.getPrototypeOf(result.value['a'])).toBe(Object.prototype);
  });
});

describe('claimName never yields a forbidden name (the arbitrary behind these properties)', () => {
  it(seeded('checked on generated names'), () => {
    fc.assert(fc.property(claimName, (n) => !['__proto__', 'constructor', 'prototype'].includes(n)), fcParams());
  });
});

describe('parseJsonObject under a polluted Object.prototype', () => {
  it('still counts only the members in the text (no false TOKEN_DUPLICATE_MEMBER)', () => {
    const proto = Object.prototype as Record<string, unknown>;
    proto['polluted'] = 1;
    try {
      expect(parseJsonObject('{"a":1,"b":{"c":[{"d":2}]}}', 'payload', 0)).toEqual({ a: 1, b: { c: [{ d: 2 }] } });
      expect(() => parseJsonObject('{"a":1,"a":2}', 'payload', 0)).toThrow(expect.objectContaining({ code: 'TOKEN_DUPLICATE_MEMBER' }));
    } finally {
      delete proto['polluted'];
    }
  });
});

describe('ownMember and copyJson', () => {
  it('ownMember reads own members only: Object.prototype never answers for a missing claim', () => {
    const object = JSON.parse('{"sub":"a","toString":1}') as JsonObject;
    expect(ownMember(object, 'sub')).toBe('a');
    expect(ownMember(object, 'toString')).toBe(1);
    for (const name of ['constructor', 'hasOwnProperty', 'valueOf', '__proto__', 'missing']) expect(ownMember(object, name)).toBeUndefined();
  });

  it('copyJson copies any JSON value exactly, without sharing (property, pinned seed)', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const copy = copyJson(value as JsonValue);
        expect(copy).toStrictEqual(value);
        if (typeof value === 'object' && value !== null) expect(copy).not.toBe(value);
      }),
      fcParams(),
    );
  });

  it('copyJson keeps a member named __proto__ a member, and copies 200,000 levels without recursion', () => {
    const odd = JSON.parse('{"__proto__":{"x":1}}') as JsonObject;
    const copy = copyJson(odd);
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.hasOwn(copy, '__proto__')).toBe(true);
    const depth = 200_000;
    const deep = JSON.parse(`${'['.repeat(depth)}${']'.repeat(depth)}`) as JsonValue;
    let value: unknown = copyJson(deep);
    let levels = 0;
    while (Array.isArray(value) && value.length > 0) {
      levels++;
      value = value[0];
    }
    expect(levels + 1).toBe(depth);
  });
});
