import querystring from 'node:querystring';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeComponent, encodePairs, parseQuery } from '../../src/capabilities/query.js';
import { fcParams, seeded } from '../support/fc.js';
import { name, text } from './arbitraries.js';

const uniquePairs = fc.uniqueArray(fc.tuple(name, text), { selector: ([n]) => n, maxLength: 5 });

describe('parseQuery', () => {
  it('decodes %XX as UTF-8 and a raw + as a space', () => {
    expect(parseQuery('a=caf%C3%A9&b=x+y&c=%2B&d=%c3%a9', false)).toStrictEqual({
      ok: true,
      pairs: [
        ['a', 'café'],
        ['b', 'x y'],
        ['c', '+'],
        ['d', 'é'],
      ],
    });
  });

  it('keeps raw RFC 3986 query characters other than & and =', () => {
    expect(parseQuery("path=/2010-04-01/Events&q=a?b:c@d!$'()*,;~._-", false)).toStrictEqual({
      ok: true,
      pairs: [
        ['path', '/2010-04-01/Events'],
        ['q', "a?b:c@d!$'()*,;~._-"],
      ],
    });
  });

  it('reads an empty value and, when allowed, an empty query', () => {
    expect(parseQuery('a=', false)).toStrictEqual({ ok: true, pairs: [['a', '']] });
    expect(parseQuery('', true)).toStrictEqual({ ok: true, pairs: [] });
    expect(parseQuery('', false)).toMatchObject({ ok: false });
  });

  it.each([
    ['a', "no '='"],
    ['a=1&', "no '='"],
    ['&a=1', "no '='"],
    ['=1', 'empty name'],
    ['a=1&a=2', 'repeats'],
    ['a=%', "'%'"],
    ['a=%4', "'%'"],
    ['a=%G1', "'%'"],
    ['a=%C3', 'not valid UTF-8'],
    ['a=%ED%A0%80', 'not valid UTF-8'],
    ['a=b=c', 'not allowed'],
    ['a=é', 'not allowed'],
    ['a=#', 'not allowed'],
    ['a="', 'not allowed'],
    ['a=\u0000', 'not allowed'],
    ['a=[', 'not allowed'],
    ['__proto__=1', 'not allowed'],
    ['constructor=1', 'not allowed'],
    ['%5F_proto__=1', 'not allowed'],
  ])('refuses %j (%s)', (query, reason) => {
    const result = parseQuery(query, false);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.reason).toContain(reason);
  });

  it('reports positions shifted by base, and never the content', () => {
    const result = parseQuery('secret=s3cr3t#', false, 22);
    expect(result).toStrictEqual({ ok: false, reason: 'character 35 is not allowed in a query (encode it as %XX)' });
  });
});

describe('encodeComponent / encodePairs', () => {
  it('leaves / raw only when asked (twilio writes path unescaped)', () => {
    expect(encodeComponent('/2010-04-01/Events', true)).toBe('/2010-04-01/Events');
    expect(encodeComponent('/2010-04-01/Events', false)).toBe('%2F2010-04-01%2FEvents');
  });

  it(seeded('escapes exactly like node:querystring.escape, which twilio uses'), () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(encodeComponent(value, false)).toBe(querystring.escape(value));
      }),
      fcParams(),
    );
  });

  it(seeded('parseQuery reads back what encodePairs writes'), () => {
    fc.assert(
      fc.property(uniquePairs, (pairs) => {
        expect(parseQuery(encodePairs(pairs), true)).toStrictEqual({ ok: true, pairs });
      }),
      fcParams(),
    );
  });

  it(seeded('parseQuery reads form encoding with + for spaces (URLSearchParams, Python urlencode)'), () => {
    fc.assert(
      fc.property(uniquePairs, (pairs) => {
        const form = new URLSearchParams(pairs).toString();
        expect(parseQuery(form, true)).toStrictEqual({ ok: true, pairs });
      }),
      fcParams(),
    );
  });
});
