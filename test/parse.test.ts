// parseToken: the RFC 7515 example, the incident (tokens full of '-' and '_' minted by jose), single
// faults, robustness on anything up to 64 KiB, and every parser error with its code, offset, segment
// and message.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import * as jose from 'jose';
import { describe, expect, it, vi } from 'vitest';
import { base64urlish, FAULT_CLASSES, invalidToken, urlCharBytes, validToken } from '../src/arbitraries/index.js';
import { claimString, jsonClaims } from '../src/arbitraries/jsonClaims.js';
import { CaptokenError, isCaptokenError, type TokenSegment } from '../src/errors.js';
import type { JsonObject, JsonValue } from '../src/json.js';
import { DEFAULT_MAX_LENGTH, parseToken, type ParseOptions } from '../src/parse.js';
import { fcParams, NUM_RUNS, seeded } from './support/fc.js';

const utf8 = new TextEncoder();
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');
const isUrl = (c: string | undefined): boolean => c === '-' || c === '_';

/** What parseToken does with `token`: the parts it returns, or the error's details. */
function attempt(token: string, options?: ParseOptions) {
  try {
    const parsed = parseToken(token, options);
    return { ok: true as const, ...parsed, signature: [...parsed.signature] };
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    return { ok: false as const, code: error.code, offset: error.offset, segment: error.segment, message: error.message };
  }
}

function rejection(token: string, options?: ParseOptions): CaptokenError {
  try {
    parseToken(token, options);
  } catch (error) {
    if (error instanceof CaptokenError) return error;
    throw error;
  }
  throw new Error('expected parseToken to throw');
}

// ---------------------------------------------------------------------------------------------------
describe('RFC 7515 Appendix A.1 (HS256 JWS)', () => {
  const token =
    'eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9' +
    '.eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxlLmNvbS9pc19yb290Ijp0cnVlfQ' +
    '.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk';
  const signature = [
    116, 24, 223, 180, 151, 153, 224, 37, 79, 250, 96, 125, 216, 173, 187, 186, 22, 212, 37, 77, 105, 214, 191, 240, 91, 88, 5,
    88, 83, 132, 141, 121,
  ];

  it('parses exactly: header, payload (CRLF JSON), signing input and signature bytes', () => {
    const parsed = parseToken(token);
    expect(parsed.header).toStrictEqual({ typ: 'JWT', alg: 'HS256' });
    expect(parsed.payload).toStrictEqual({ iss: 'joe', exp: 1300819380, 'http://example.com/is_root': true });
    expect(parsed.signingInput).toBe(token.slice(0, token.lastIndexOf('.')));
    // A plain Uint8Array (not a Buffer, whose .buffer can be Node's shared pool).
    expect(Object.getPrototypeOf(parsed.signature) === Uint8Array.prototype).toBe(true);
    expect(parsed.signature.buffer.byteLength).toBe(32);
    expect([...parsed.signature]).toEqual(signature);
  });

  it('and jose verifies it with the RFC key, so the example is a real signature', async () => {
    const key = await jose.importJWK({
      kty: 'oct',
      k: 'AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow',
    }, 'HS256');
    const { payload } = await jose.compactVerify(token, key);
    expect(new TextDecoder().decode(payload)).toBe('{"iss":"joe",\r\n "exp":1300819380,\r\n "http://example.com/is_root":true}');
  });
});

// ---------------------------------------------------------------------------------------------------
// The incident: tokens whose segments hold '-' and '_' where the partner SDK broke.

/** Bytes 3F 3E 7E 7F make the last character of their 4-character group '_', '-', '-', '_'. */
const URL_ENDING_ASCII = ['?', '>', '~', '\x7f'] as const;
/** How far from the end the closest url character can be, by segment length mod 4 (proved in test/base64url/urlCharPositions.test.ts). */
const CLOSEST_TO_END: Record<number, number> = { 3: 4, 0: 5, 2: 7 };
const LEAD_BYTES = [0xf8, 0xf9, 0xfa, 0xfb, 0xfc, 0xfd, 0xfe, 0xff];
const END_BYTES = [0x3e, 0x3f, 0x7e, 0x7f, 0xbe, 0xbf, 0xfe, 0xff];
const SECRET = Uint8Array.from({ length: 64 }, (_, i) => (i * 131 + 7) & 0xff);

/** A member name whose first byte puts '-'/'_' at index 3 of the segment, when it is the first member. */
const edgeName = fc.tuple(fc.constantFrom(...URL_ENDING_ASCII), claimString).map(([c, rest]) => c + rest);
/** A string with 2-, 3- and 4-byte UTF-8 characters. */
const nonAsciiValue = fc
  .tuple(fc.constantFrom('é', 'ÿ'), fc.constantFrom('€', '\uffff', '\u2028'), fc.constantFrom('😀', '\u{10ffff}'), claimString)
  .map(([two, three, four, rest]) => `${two}${rest}${three}${four}`);

/**
 * A string value that, as the last member of a JSON object, puts a url character at the closest
 * possible place to the end of the segment, with the text's byte length = `residue` mod 3.
 * `lengthBefore` is the UTF-8 length of the JSON text without this value's characters.
 */
function tailValue(lengthBefore: number, residue: number, url: string): string {
  const suffix = ['a', 'ab', ''][residue]!; // residue 0: '?a"}', 1: '?ab"}', 2: '?"}'
  const pad = (((residue - (lengthBefore + 1 + suffix.length)) % 3) + 3) % 3;
  return 'a'.repeat(pad) + url + suffix;
}

const byteLength = (text: string): number => utf8.encode(text).length;

/** `{first, ...rest, tail}` written in that order, with the tail value placed by `tailValue`. */
function edgeObject(first: [string, JsonValue], rest: JsonObject, residue: number, url: string): { text: string; value: JsonObject } {
  const restMembers = Object.entries(rest).filter(([k]) => k !== first[0] && k !== 'tail');
  const body = [first, ...restMembers].map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',');
  const before = `{${body},"tail":""}`;
  const tail = tailValue(byteLength(before), residue, url);
  const text = `{${body},"tail":${JSON.stringify(tail)}}`;
  const value: JsonObject = {};
  for (const [k, v] of [first, ...restMembers, ['tail', tail] as [string, JsonValue]]) value[k] = v;
  return { text, value };
}

/** Signature bytes with '-'/'_' first, and last when the length is 0 mod 3; 0–2 extra bytes vary the class. */
const edgeSignature = fc
  .tuple(
    fc.constantFrom(...LEAD_BYTES),
    fc.uint8Array({ minLength: 4, maxLength: 4 }),
    urlCharBytes({ maxLength: 60 }),
    fc.constantFrom(...END_BYTES),
    fc.uint8Array({ maxLength: 2 }),
  )
  .map(([lead, four, body, end, extra]) =>
    Uint8Array.from([lead, four[0]!, four[1]!, ...body.subarray(0, body.length - (body.length % 3)), four[2]!, four[3]!, end, ...extra]),
  );

const incidentCase = fc.record({
  alg: fc.constantFrom('HS256', 'HS384', 'HS512'),
  header: fc.record({ name: edgeName, value: claimString, typ: fc.option(fc.constant('JWT'), { nil: undefined }), kid: fc.option(claimString, { nil: undefined }) }),
  headerResidue: fc.constantFrom(0, 1, 2),
  headerUrl: fc.constantFrom(...URL_ENDING_ASCII),
  payload: fc.record({ name: edgeName, value: nonAsciiValue, rest: jsonClaims() }),
  payloadResidue: fc.constantFrom(0, 1, 2),
  payloadUrl: fc.constantFrom(...URL_ENDING_ASCII),
  signature: edgeSignature,
});

function urlCount(s: string): number {
  let n = 0;
  for (const c of s) if (isUrl(c)) n++;
  return n;
}

describe('the incident: claims round-trip through tokens full of "-" and "_"', () => {
  it(seeded('jose-minted tokens with "-"/"_" at index 3, at the closest place to the end and repeated, in every length class, parse to exactly the claims that went in'), async () => {
    const hits = new Map<string, number>();
    const hit = (key: string): void => void hits.set(key, (hits.get(key) ?? 0) + 1);
    const runs = Math.max(NUM_RUNS, 200); // enough for the coverage check below

    await fc.assert(
      fc.asyncProperty(incidentCase, async (c) => {
        // Arrange: header members in order (first name, alg, typ, kid, tail); jose writes JSON.stringify(header).
        const headerFirst: JsonObject = { [c.header.name]: c.header.value, alg: c.alg };
        if (c.header.typ !== undefined) headerFirst['typ'] = c.header.typ;
        if (c.header.kid !== undefined) headerFirst['kid'] = c.header.kid;
        const headerTail = tailValue(byteLength(JSON.stringify({ ...headerFirst, tail: '' })), c.headerResidue, c.headerUrl);
        const header = { ...headerFirst, tail: headerTail };
        const payload = edgeObject([c.payload.name, c.payload.value], c.payload.rest, c.payloadResidue, c.payloadUrl);

        // Act (producer): jose signs the exact payload bytes.
        const token = await new jose.CompactSign(utf8.encode(payload.text))
          .setProtectedHeader(header as unknown as jose.CompactJWSHeaderParameters)
          .sign(SECRET);
        const [h, p, s] = token.split('.') as [string, string, string];
        // The producer made a valid JWS of exactly these bytes.
        const verified = await jose.compactVerify(token, SECRET);
        expect(new TextDecoder().decode(verified.payload)).toBe(payload.text);

        // The segments hold '-'/'_' where the construction says (asserted, not assumed).
        for (const [name, seg] of [['header', h], ['payload', p]] as const) {
          expect(isUrl(seg[3]), `${name}[3] of ${seg}`).toBe(true);
          const fromEnd = CLOSEST_TO_END[seg.length % 4];
          expect(fromEnd, `${name} length ${seg.length}`).toBeDefined();
          expect(isUrl(seg[seg.length - fromEnd!]), `${name}[n-${fromEnd}] of ${seg}`).toBe(true);
          expect(urlCount(seg)).toBeGreaterThanOrEqual(2);
          hit(`${name} length ${seg.length % 4} mod 4`);
          hit(`${name}[3] is '${seg[3]}'`);
        }
        // jose's HMAC is not steerable: count where its '-'/'_' fall, and replace it below.
        hit(`jose signature length ${s.length % 4} mod 4`);
        if (isUrl(s[0])) hit('jose signature: url first');
        if (isUrl(s.at(-1))) hit('jose signature: url last');
        if (urlCount(s) >= 2) hit('jose signature: url twice or more');

        // Assert: the jose token parses to exactly what went in.
        const parsed = parseToken(token);
        expect(parsed.header).toStrictEqual(header);
        expect(parsed.payload).toStrictEqual(payload.value);
        expect([...parsed.signature]).toEqual([...Buffer.from(s, 'base64url')]);
        expect(parsed.signingInput).toBe(`${h}.${p}`);

        // The same header and payload with a signature built to start (and, at length 0 mod 3, end)
        // with '-'/'_', encoded by Node's Buffer, not by captoken.
        const sig = Buffer.from(c.signature).toString('base64url');
        expect(isUrl(sig[0])).toBe(true);
        if (c.signature.length % 3 === 0) expect(isUrl(sig.at(-1))).toBe(true);
        expect(urlCount(sig)).toBeGreaterThanOrEqual(2);
        hit(`built signature length ${sig.length % 4} mod 4${c.signature.length % 3 === 0 ? ', url last' : ''}`);
        const reparsed = parseToken(`${h}.${p}.${sig}`);
        expect(reparsed.header).toStrictEqual(header);
        expect(reparsed.payload).toStrictEqual(payload.value);
        expect([...reparsed.signature]).toEqual([...c.signature]);
      }),
      fcParams({ numRuns: runs }),
    );

    // Every position and length class came up (and often: at least 10% of runs each).
    const required = [
      ...['header', 'payload'].flatMap((s) => [0, 2, 3].map((m) => `${s} length ${m} mod 4`)),
      ...['header', 'payload'].flatMap((s) => ['-', '_'].map((ch) => `${s}[3] is '${ch}'`)),
      ...[0, 2, 3].map((m) => `jose signature length ${m} mod 4`),
      'built signature length 0 mod 4, url last',
      'built signature length 2 mod 4',
      'built signature length 3 mod 4',
    ];
    const table = Object.fromEntries([...hits].sort());
    console.info(`incident coverage over ${runs} runs:`, table);
    for (const key of required) expect(hits.get(key) ?? 0, key).toBeGreaterThanOrEqual(runs / 10);
  });
});

describe('the incident, jose SignJWT over any generated claim set', () => {
  it(seeded('new jose.SignJWT(claims).sign(secret) parses back to exactly the claims'), async () => {
    let withUrl = 0;
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(jsonClaims(), fc.option(claimString, { nil: undefined }), async (claims, kid) => {
        const header: jose.JWTHeaderParameters = kid === undefined ? { alg: 'HS256', typ: 'JWT' } : { alg: 'HS256', typ: 'JWT', kid };
        const token = await new jose.SignJWT(claims).setProtectedHeader(header).sign(SECRET);
        const parsed = parseToken(token);
        expect(parsed.payload).toStrictEqual(claims);
        expect(parsed.header).toStrictEqual(header);
        runs++;
        if (/[-_]/.test(token.slice(0, token.lastIndexOf('.')))) withUrl++;
      }),
      fcParams(),
    );
    // Claim strings with '?', '>', '~' and multi-byte UTF-8 put '-'/'_' in most headers or payloads.
    expect(withUrl / runs).toBeGreaterThan(0.5);
  });
});

// ---------------------------------------------------------------------------------------------------
describe('single faults are rejected with the right code, offset and segment', () => {
  const badChar = fc.oneof(
    fc.constantFrom('+', '/', '=', ' ', '\t', '\n', '\r', '\f', '\v', '\u00a0', '\u2028', '\ufeff'),
    fc.integer({ min: 0, max: 0x1f }).map((c) => String.fromCharCode(c)),
    fc.constantFrom('é', '\u012b', '\uff0d', '😀', '%', '!', '~', '*'),
    fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c)),
  );

  it(seeded('any one character of a valid token replaced by a non-alphabet character'), () => {
    fc.assert(
      fc.property(validToken(), fc.nat(), badChar, ({ token }, at, c) => {
        const first = token.indexOf('.');
        const second = token.indexOf('.', first + 1);
        const positions: number[] = []; // UTF-16 indices of the non-dot characters
        for (let k = 0; k < token.length; k++) if (token[k] !== '.') positions.push(k);
        const i = positions[at % positions.length]!;
        const segment: TokenSegment = i < first ? 'header' : i < second ? 'payload' : 'signature';
        const mutated = token.slice(0, i) + c + token.slice(i + 1);
        expect(attempt(mutated)).toMatchObject({
          ok: false,
          code: c === '=' ? 'BASE64URL_PADDING' : 'BASE64URL_INVALID_CHAR',
          offset: i,
          segment,
        });
      }),
      fcParams(),
    );
  });

  it(seeded('the unused trailing bits of any segment set'), () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    let flipped = 0;
    fc.assert(
      fc.property(validToken(), fc.integer({ min: 1, max: 15 }), ({ token }, bits) => {
        const segments = token.split('.');
        let start = 0;
        segments.forEach((seg, k) => {
          const rest = seg.length % 4;
          if (rest === 2 || rest === 3) {
            const mask = rest === 2 ? 0xf : 0x3;
            const last = alphabet.indexOf(seg.at(-1)!);
            const ch = alphabet[(last & ~mask) | (bits & mask || 1)]!;
            const end = start + seg.length - 1;
            const mutated = token.slice(0, end) + ch + token.slice(end + 1);
            expect(attempt(mutated)).toMatchObject({
              ok: false,
              code: 'BASE64URL_NONCANONICAL',
              offset: end,
              segment: (['header', 'payload', 'signature'] as const)[k],
            });
            flipped++;
          }
          start += seg.length + 1;
        });
      }),
      fcParams(),
    );
    expect(flipped).toBeGreaterThan(NUM_RUNS); // most tokens have 2 or 3 segments with unused bits
  });

  it(seeded('every fault class of invalidToken(): exactly the code, offset and segment it declares'), () => {
    const seen = new Set<string>();
    fc.assert(
      fc.property(invalidToken(), (t) => {
        seen.add(t.fault);
        const got = attempt(t.token);
        expect(got.ok).toBe(false);
        if (got.ok) return;
        expect({ code: got.code, offset: got.offset, segment: got.segment }).toEqual({ code: t.code, offset: t.offset, segment: t.segment });
        // Messages never carry the token, nor any 16-character run of it.
        expect(got.message).not.toContain(t.token);
        for (let k = 0; k + 16 <= Math.min(t.token.length, 4096); k += 8) expect(got.message).not.toContain(t.token.slice(k, k + 16));
      }),
      fcParams({ numRuns: Math.max(NUM_RUNS * 2, 400) }),
    );
    expect([...seen].sort()).toEqual([...FAULT_CLASSES].sort());
  });
});

// ---------------------------------------------------------------------------------------------------
describe('robustness: any string up to 64 KiB gives parsed parts or a CaptokenError, nothing else', () => {
  const token = (header: string, payload: string): string => `${b64(header)}.${b64(payload)}.${b64('sig')}`;
  /** Inputs that stress the JSON layer: depth, size, numbers, surrogates, many members. */
  const STRESS = [
    token('{"alg":"HS256"}', `{"a":${'['.repeat(20000)}${']'.repeat(20000)}}`), // 20k deep, valid
    token('{"alg":"HS256"}', `{"a":${'['.repeat(20000)}}`), // 20k deep, unclosed
    token('{"alg":"HS256"}', `${'{"a":'.repeat(7000)}1${'}'.repeat(7000)}`), // 7k nested objects
    token('{"alg":"HS256"}', `{"a":${'{"a":'.repeat(7000)}1${'}'.repeat(7000)}`), // nested, one brace short
    token('{"alg":"HS256"}', `{"n":1e400,"m":-1e400,"big":${'9'.repeat(4000)},"tiny":1e-400}`),
    token('{"alg":"HS256"}', '{"s":"\\ud800","t":"\\udfff\\ud800","u":"\ud800"}'), // escaped and raw lone surrogates
    token('{"alg":"HS256"}', `{${Array.from({ length: 3000 }, (_, i) => `"k${i}":${i}`).join(',')}}`), // 3000 members
    token('{"alg":"HS256"}', `{${Array.from({ length: 3000 }, (_, i) => `"k${i % 1500}":${i}`).join(',')}}`), // 1500 repeated
    token('{"alg":"HS256"}', `{"a":"${':'.repeat(30000)}"}`), // colons inside a string
    token('{"alg":"HS256"}', `{"a":"${'\\"'.repeat(15000)}"}`), // escaped quotes
    '.'.repeat(65536),
    'A'.repeat(65536),
    `${'-'.repeat(30000)}.${'_'.repeat(30000)}.${'A'.repeat(5534)}`,
  ];

  function assertWellBehaved(input: string): void {
    for (const options of [undefined, { maxLength: 65536 }]) {
      let result: unknown;
      try {
        result = parseToken(input, options);
      } catch (error) {
        expect(isCaptokenError(error) && error instanceof CaptokenError, String(error)).toBe(true);
        continue;
      }
      const parsed = result as { header: unknown; payload: unknown; signature: unknown };
      expect(typeof parsed.header).toBe('object');
      expect(typeof parsed.payload).toBe('object');
      expect(parsed.signature).toBeInstanceOf(Uint8Array);
    }
  }

  it('on the stress inputs', () => {
    for (const input of STRESS) {
      expect(input.length).toBeLessThanOrEqual(65536);
      assertWellBehaved(input);
    }
    // The deep but valid ones are accepted under a 64 KiB limit (and too large under the default).
    expect(attempt(STRESS[0]!, { maxLength: 65536 })).toMatchObject({ ok: true });
    expect(attempt(STRESS[0]!)).toMatchObject({ ok: false, code: 'TOKEN_TOO_LARGE' });
    expect(attempt(STRESS[2]!, { maxLength: 65536 })).toMatchObject({ ok: true });
    expect(attempt(STRESS[1]!, { maxLength: 65536 })).toMatchObject({ ok: false, code: 'TOKEN_JSON', segment: 'payload' });
    expect(attempt(STRESS[7]!, { maxLength: 65536 })).toMatchObject({ ok: false, code: 'TOKEN_DUPLICATE_MEMBER' });
  });

  it(seeded('on small arbitrary strings, three base64urlish segments, and valid or broken tokens'), () => {
    const input = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 200 }),
      fc.tuple(base64urlish(), base64urlish(), base64urlish()).map((parts) => parts.join('.')),
      validToken().map((t) => t.token),
      invalidToken().map((t) => t.token),
    );
    fc.assert(fc.property(input, assertWellBehaved), fcParams());
  });

  it(seeded('on large strings (16 KiB to 64 KiB) built from repeated pieces'), () => {
    const piece = fc.oneof(
      fc.string({ unit: 'binary', minLength: 1, maxLength: 12 }),
      base64urlish().filter((s) => s.length > 0),
      fc.constantFrom('.', '[', '{"a":', 'eyJ', '\ud800', '-_', '=', ' '),
    );
    const big = fc.tuple(piece, piece, fc.integer({ min: 16 * 1024, max: 64 * 1024 }), fc.nat()).map(([a, b, length, cut]) => {
      const unit = a + b;
      const s = unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
      // Sometimes a token-shaped string: two dots placed inside.
      const i = cut % length;
      return cut % 3 === 0 ? `${s.slice(0, i)}.${s.slice(i + 1, length - 1)}.` : s;
    });
    fc.assert(fc.property(big, assertWellBehaved), fcParams({ numRuns: 30 }));
  });

  it(seeded('on huge and deep JSON payloads inside otherwise valid tokens'), () => {
    const payload = fc.oneof(
      fc.integer({ min: 1, max: 15000 }).map((d) => `{"a":${'['.repeat(d)}${']'.repeat(d)}}`),
      fc.integer({ min: 1, max: 15000 }).map((d) => `{"a":${'['.repeat(d)}`),
      fc.integer({ min: 1, max: 4000 }).map((n) => `{"n":${'7'.repeat(n)}e${n}}`),
      fc.integer({ min: 0xd800, max: 0xdfff }).map((u) => `{"s":"\\u${u.toString(16)}"}`),
    );
    fc.assert(
      fc.property(payload, (text) => {
        assertWellBehaved(token('{"alg":"HS256"}', text));
      }),
      fcParams({ numRuns: 40 }),
    );
  });
});

// ---------------------------------------------------------------------------------------------------
describe('parser errors: code, offset, segment and message', () => {
  const H = b64('{"alg":"HS256","typ":"JWT"}'); // 36 characters
  const P = b64('{"sub":"user","exp":1}'); // 30 characters
  const S = 'c2ln';
  const valid = `${H}.${P}.${S}`;

  it('the fixture token is valid', () => {
    expect(H.length).toBe(36);
    expect(attempt(valid)).toMatchObject({ ok: true, header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: 'user', exp: 1 } });
  });

  const cases: { name: string; token: string; options?: ParseOptions; code: string; offset?: number; segment?: TokenSegment; message: string }[] = [
    {
      name: "'+' in the header",
      token: `${H.slice(0, 17)}+${H.slice(18)}.${P}.${S}`,
      code: 'BASE64URL_INVALID_CHAR',
      offset: 17,
      segment: 'header',
      message: "standard base64 character '+' at 17 in the header segment; base64url uses '-' and '_'",
    },
    {
      name: "'/' in the payload (offset into the whole token)",
      token: `${H}.${P.slice(0, 3)}/${P.slice(4)}.${S}`,
      code: 'BASE64URL_INVALID_CHAR',
      offset: 40,
      segment: 'payload',
      message: "standard base64 character '/' at 40 in the payload segment; base64url uses '-' and '_'",
    },
    {
      name: "'=' padding on the signature",
      token: `${H}.${P}.c2lnYQ==`,
      code: 'BASE64URL_PADDING',
      offset: 74,
      segment: 'signature',
      message: "padding '=' at 74 in the signature segment; base64url in tokens is unpadded (RFC 7515 §2)",
    },
    {
      name: 'whitespace in the payload',
      token: `${H}.${P.slice(0, 5)} ${P.slice(5)}.${S}`,
      code: 'BASE64URL_INVALID_CHAR',
      offset: 42,
      segment: 'payload',
      message: 'invalid base64url character U+0020 at 42 in the payload segment',
    },
    {
      name: 'a payload of length 1 mod 4',
      token: `${H}.${P}AAA.${S}`,
      code: 'BASE64URL_LENGTH',
      segment: 'payload',
      message: 'invalid base64url length 33 of the payload segment: a length of one more than a multiple of 4 cannot be decoded',
    },
    {
      name: 'non-zero trailing bits in the signature',
      token: `${H}.${P}.c2lnYR`,
      code: 'BASE64URL_NONCANONICAL',
      offset: 73,
      segment: 'signature',
      message: "non-canonical base64url: unused bits of the last character 'R' (U+0052) at 73 in the signature segment are not zero",
    },
    { name: 'empty', token: '', code: 'TOKEN_MALFORMED', offset: 0, message: 'the token is empty' },
    { name: 'one segment', token: H, code: 'TOKEN_MALFORMED', message: "a compact token has three segments separated by '.'; this one has 1" },
    { name: 'two segments', token: `${H}.${P}`, code: 'TOKEN_MALFORMED', message: "a compact token has three segments separated by '.'; this one has 2" },
    {
      name: 'four segments',
      token: `${valid}.${S}`,
      code: 'TOKEN_MALFORMED',
      offset: 72,
      message: "a compact token has three segments; a fourth starts after the '.' at 72",
    },
    { name: 'empty header', token: `.${P}.${S}`, code: 'TOKEN_MALFORMED', offset: 0, segment: 'header', message: 'the header segment is empty' },
    {
      name: "alg: none (empty signature)",
      token: `${b64('{"alg":"none"}')}.${P}.`,
      code: 'TOKEN_MALFORMED',
      offset: 51,
      segment: 'signature',
      message: "the signature segment is empty (unsecured 'alg: none' tokens are not accepted)",
    },
    {
      name: 'invalid UTF-8 in the payload',
      token: `${H}.${Buffer.from([0x7b, 0x22, 0x61, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0x22, 0x7d]).toString('base64url')}.${S}`,
      code: 'TOKEN_UTF8',
      offset: 37,
      segment: 'payload',
      message: 'the payload segment is not valid UTF-8',
    },
    { name: 'not JSON', token: `${b64('{alg:HS256}')}.${P}.${S}`, code: 'TOKEN_JSON', offset: 0, segment: 'header', message: 'the header segment is not valid JSON' },
    {
      name: 'a UTF-8 BOM before the JSON',
      token: `${H}.${b64('\ufeff{"sub":"user"}')}.${S}`,
      code: 'TOKEN_JSON',
      offset: 37,
      segment: 'payload',
      message: 'the payload segment is not valid JSON',
    },
    {
      name: 'JSON but not an object',
      token: `${H}.${b64('["sub","user"]')}.${S}`,
      code: 'TOKEN_JSON',
      offset: 37,
      segment: 'payload',
      message: 'the payload segment is JSON but not a JSON object',
    },
    { name: 'empty payload', token: `${H}..${S}`, code: 'TOKEN_JSON', offset: 37, segment: 'payload', message: 'the payload segment is not valid JSON' },
    {
      name: 'duplicate member',
      token: `${H}.${b64('{"sub":"user","sub":"admin"}')}.${S}`,
      code: 'TOKEN_DUPLICATE_MEMBER',
      offset: 37,
      segment: 'payload',
      message: 'the payload repeats a member name; two parsers could read different values, so it is rejected',
    },
    {
      name: 'forbidden member',
      token: `${b64('{"alg":"HS256","__proto__":{"admin":true}}')}.${P}.${S}`,
      code: 'TOKEN_FORBIDDEN_MEMBER',
      offset: 0,
      segment: 'header',
      message: "the header has a member named '__proto__', which is not allowed",
    },
    {
      name: 'over maxLength',
      token: valid,
      options: { maxLength: 70 },
      code: 'TOKEN_TOO_LARGE',
      message: 'the token is 72 characters long, over the limit of 70',
    },
  ];

  for (const c of cases) {
    it(`${c.name} -> ${c.code}`, () => {
      const error = rejection(c.token, c.options);
      expect(error).toBeInstanceOf(Error);
      expect(error.name).toBe('CaptokenError');
      expect(error.code).toBe(c.code);
      expect(error.offset).toBe(c.offset);
      expect(error.segment).toBe(c.segment);
      expect(error.message).toBe(c.message);
    });
  }

  it('TOKEN_TOO_LARGE comes before any other check: 20 KiB of garbage', () => {
    const garbage = '+/= \u0000.é'.repeat(3000).slice(0, 20 * 1024);
    expect(attempt(garbage)).toMatchObject({ ok: false, code: 'TOKEN_TOO_LARGE', message: 'the token is 20480 characters long, over the limit of 16384' });
    expect(DEFAULT_MAX_LENGTH).toBe(16384);
    // Exactly at the limit it is not "too large" (here: malformed instead).
    expect(attempt('A'.repeat(DEFAULT_MAX_LENGTH))).toMatchObject({ ok: false, code: 'TOKEN_MALFORMED' });
    expect(attempt('A'.repeat(DEFAULT_MAX_LENGTH + 1))).toMatchObject({ ok: false, code: 'TOKEN_TOO_LARGE' });
  });

  it('a non-string token is TOKEN_MALFORMED; a bad maxLength is CONFIG_INVALID', () => {
    for (const notString of [undefined, null, 42, {}, ['a.b.c'], new String(valid)]) {
      expect(rejection(notString as string)).toMatchObject({ code: 'TOKEN_MALFORMED', message: 'a token must be a string' });
    }
    for (const maxLength of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53, '100']) {
      expect(rejection(valid, { maxLength } as unknown as ParseOptions)).toMatchObject({
        code: 'CONFIG_INVALID',
        message: 'maxLength must be a positive integer',
      });
    }
  });

  it('messages never contain the token or a segment, even for long tokens', () => {
    const longPayload = b64(JSON.stringify({ data: 'x'.repeat(6000) }));
    const tokens = [
      `${H}.${longPayload.slice(0, 100)}+${longPayload.slice(101)}.${S}`,
      `${H}.${longPayload}A.${S}`,
      `${H}.${longPayload}.${S}.${S}`,
      `${H}.${longPayload}`,
      `${H}.${b64(`{"data":"${'x'.repeat(6000)}","data":1}`)}.${S}`,
      `${H}.${longPayload}.${S}`.repeat(3),
    ];
    for (const t of tokens) {
      const { message } = rejection(t);
      expect(message.length).toBeLessThan(200);
      for (const seg of t.split('.')) if (seg.length >= 8) expect(message).not.toContain(seg.slice(0, 16));
    }
  });
});

describe('accepted shapes', () => {
  const S = 'c2ln';
  it('JSON whitespace, including CRLF, inside header and payload', () => {
    const header = '\r\n{\r\n\t"alg" : "HS256" ,\r\n "typ":"JWT"\r\n}\r\n';
    const payload = ' { "a" : [ 1 , { "b" : null } ] ,\n"c":"\\u0041"\t} ';
    expect(attempt(`${b64(header)}.${b64(payload)}.${S}`)).toMatchObject({
      ok: true,
      header: { alg: 'HS256', typ: 'JWT' },
      payload: { a: [1, { b: null }], c: 'A' },
    });
  });

  it('an empty object header and payload are structurally fine', () => {
    expect(attempt(`${b64('{}')}.${b64('{}')}.${S}`)).toMatchObject({ ok: true, header: {}, payload: {} });
  });

  it(seeded('validToken(): parseToken returns exactly the parts that went in'), () => {
    fc.assert(
      fc.property(validToken(), ({ token, header, payload, signature }) => {
        const parsed = parseToken(token);
        expect(parsed.header).toStrictEqual(header);
        expect(parsed.payload).toStrictEqual(payload);
        expect(parsed.signature).toStrictEqual(signature);
        expect(parsed.signingInput).toBe(token.slice(0, token.lastIndexOf('.')));
      }),
      fcParams(),
    );
  });
});

describe('a repeated header (parseToken keeps the last flat header it read)', () => {
  const S = 'c2ln';
  it('every token gets its own header object: a change by one caller never reaches the next token', () => {
    const header = b64('{"alg":"HS256","typ":"JWT","n":1,"t":true,"z":null}');
    const first = parseToken(`${header}.${b64('{"a":1}')}.${S}`);
    first.header['alg'] = 'none';
    delete first.header['typ'];
    const second = parseToken(`${header}.${b64('{"a":2}')}.${S}`);
    expect(second.header).toStrictEqual({ alg: 'HS256', typ: 'JWT', n: 1, t: true, z: null });
    expect(second.header).not.toBe(first.header);
    expect(Object.isFrozen(second.header)).toBe(false);
    expect(Object.keys(second.header)).toEqual(['alg', 'typ', 'n', 't', 'z']);
  });

  it('a nested header is parsed afresh every time (no shared inner objects)', () => {
    const header = b64('{"alg":"ES256","jwk":{"kty":"EC"},"crit":["x"]}');
    const first = parseToken(`${header}.${b64('{}')}.${S}`);
    (first.header['jwk'] as JsonObject)['kty'] = 'changed';
    const second = parseToken(`${header}.${b64('{}')}.${S}`);
    expect(second.header).toStrictEqual({ alg: 'ES256', jwk: { kty: 'EC' }, crit: ['x'] });
    expect(second.header['jwk']).not.toBe(first.header['jwk']);
  });

  it(seeded('a header from the memo gives exactly what decoding it afresh gives, faulty tokens included'), () => {
    const headers = fc.constantFrom('{"alg":"HS256"}', '{"alg":"HS256","typ":"JWT"}', '{"alg":"RS256","kid":"k","x":1.5}').map(b64);
    const rest = fc.constantFrom(
      `${b64('{"sub":"a"}')}.${S}`,
      `${b64('{"sub":"a","sub":"b"}')}.${S}`,
      `${b64('{"sub":"a"}')}+.${S}`,
      `${b64('{"sub":"a"}')}.${S}=`,
      `${b64('[1]')}.${S}`,
    );
    fc.assert(
      fc.property(headers, rest, (header, tail) => {
        const token = `${header}.${tail}`;
        parseToken(`${b64('{"other":1}')}.${b64('{}')}.${S}`); // the memo now holds another header
        const cold = attempt(token); // decodes the header
        const warm = attempt(token); // may take it from the memo
        expect(warm).toEqual(cold);
        if (cold.ok) expect(cold.header).toStrictEqual(JSON.parse(Buffer.from(header, 'base64url').toString()));
      }),
      fcParams(),
    );
  });
});

describe('duplicate and forbidden members through parseToken', () => {
  const H = b64('{"alg":"HS256"}');
  const withPayload = (json: string) => `${H}.${b64(json)}.c2ln`;

  it('duplicates at top level and nested, including escaped spellings', () => {
    for (const json of [
      '{"a":1,"a":1}',
      '{"a":1,"\\u0061":2}',
      '{"\\u0061":1,"a":2}',
      '{"sub":"x","s\\u0075b":"y"}',
      '{"x":{"a":1,"a":2}}',
      '{"x":[{"a":1},{"b":1,"b":2}]}',
      '{"é":1,"\\u00e9":2}',
      '{"😀":1,"\\ud83d\\ude00":2}',
    ]) {
      expect(attempt(withPayload(json)), json).toMatchObject({ ok: false, code: 'TOKEN_DUPLICATE_MEMBER', segment: 'payload', offset: H.length + 1 });
    }
    // Same key in sibling objects is not a duplicate.
    expect(attempt(withPayload('{"x":{"a":1},"y":{"a":2},"z":[{"a":3},{"a":4}]}'))).toMatchObject({ ok: true });
  });

  it('__proto__ (also escaped), constructor and prototype at any depth', () => {
    for (const json of [
      '{"__proto__":{"polluted":true}}',
      '{"\\u005f_proto__":{"polluted":true}}',
      '{"\\u005f\\u005fproto\\u005f\\u005f":1}',
      '{"constructor":{"prototype":{"polluted":true}}}',
      '{"prototype":1}',
      '{"a":{"b":{"c":{"constructor":1}}}}',
      '{"a":[[{"__proto__":null}]]}',
    ]) {
      expect(attempt(withPayload(json)), json).toMatchObject({ ok: false, code: 'TOKEN_FORBIDDEN_MEMBER', segment: 'payload' });
    }
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it(seeded('parsed claims copied with Object.assign or spread keep Object.prototype, and Object.prototype stays clean'), () => {
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    fc.assert(
      fc.property(validToken(), ({ token }) => {
        const { payload, header } = parseToken(token);
        for (const claims of [payload, header]) {
          expect(Object.getPrototypeOf(claims)).toBe(Object.prototype);
          const assigned = Object.assign({}, claims);
          const spread = { ...claims };
          expect(Object.getPrototypeOf(assigned)).toBe(Object.prototype);
          expect(Object.getPrototypeOf(spread)).toBe(Object.prototype);
        }
      }),
      fcParams(),
    );
    // A rejected __proto__ payload never reaches a caller's Object.assign.
    expect(attempt(withPayload('{"__proto__":{"polluted":true}}'))).toMatchObject({ ok: false });
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });
});

// ---------------------------------------------------------------------------------------------------
// parseToken as the browser build runs it: src/parse.ts with base64url/runtime-node swapped for
// base64url/runtime-web (the tsup alias), loaded as a separate module graph.
describe('parseToken with the web runtime gives the same results', () => {
  async function loadWebParse(): Promise<typeof parseToken> {
    vi.resetModules();
    vi.doMock('../src/base64url/runtime-node.js', () => vi.importActual('../src/base64url/runtime-web.js'));
    const mod = await import('../src/parse.js');
    const runtime = await import('../src/base64url/runtime-node.js');
    vi.doUnmock('../src/base64url/runtime-node.js');
    vi.resetModules();
    expect(runtime.RUNTIME).toBe('web');
    return mod.parseToken;
  }

  it(seeded('on valid and invalid tokens: same parts, or same code, offset, segment and message'), async () => {
    const webParse = await loadWebParse();
    const run = (parse: typeof parseToken, token: string) => {
      try {
        const p = parse(token);
        return { header: p.header, payload: p.payload, signature: [...p.signature], signingInput: p.signingInput };
      } catch (error) {
        if (!isCaptokenError(error)) throw error;
        return { code: error.code, offset: error.offset, segment: error.segment, message: error.message };
      }
    };
    const tokens = fc.oneof(
      validToken().map((t) => t.token),
      invalidToken().map((t) => t.token),
      fc.tuple(base64urlish(), base64urlish(), base64urlish()).map((p) => p.join('.')),
    );
    fc.assert(
      fc.property(tokens, (token) => {
        expect(run(webParse, token)).toEqual(run(parseToken, token));
      }),
      fcParams(),
    );
  });
});
