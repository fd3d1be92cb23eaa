// The generated cases of a run: one fast-check property per kind of valid token and per fault class,
// so that distinct bugs each get their own minimal token.
import fc from 'fast-check';
import { FAULT_CLASSES, invalidToken, type FaultClass } from '../arbitraries/index.js';
import { encodeJsonText, validTokenWithJson, type ValidTokenWithJson } from '../arbitraries/validToken.js';
import type { Expectation } from './compare.js';

/** One generated case: the token and what a conforming parser answers. */
export interface GeneratedCase {
  token: string;
  expectation: Expectation;
  fault?: FaultClass;
}

export interface PropertySpec {
  /** Stable name: `valid`, `valid-ascii-json`, `invalid:<fault class>`. */
  name: string;
  comment: string;
  arbitrary: fc.Arbitrary<GeneratedCase>;
  /**
   * When set, `arbitrary` is `shared.source.map(shared.toCase)`: properties with the same source and
   * seed draw the same source values, so the runner generates them once and maps them per property.
   */
  shared?: { source: fc.Arbitrary<unknown>; toCase: (value: unknown) => GeneratedCase };
}

const HEX = '0123456789abcdef';

/**
 * JSON text with every non-ASCII code unit written as a \uXXXX escape: same value, ASCII bytes.
 * Returns `json` itself when it is all ASCII.
 */
function asciiJson(json: string): string {
  let out = '';
  let from = 0;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (c < 0x80) continue;
    out += `${json.slice(from, i)}\\u${HEX[c >> 12]}${HEX[(c >> 8) & 15]}${HEX[(c >> 4) & 15]}${HEX[c & 15]}`;
    from = i + 1;
  }
  return from === 0 ? json : out + json.slice(from);
}

/**
 * The token re-spelled with ASCII-only JSON. A segment whose JSON text is already ASCII is the same
 * bytes either way, so it is taken from the token as is; the signature segment always is.
 */
function asciiToken(value: ValidTokenWithJson): string {
  const { token, headerJson, payloadJson } = value;
  const headerText = asciiJson(headerJson);
  const payloadText = asciiJson(payloadJson);
  if (headerText === headerJson && payloadText === payloadJson) return token;
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  const header = headerText === headerJson ? token.slice(0, firstDot) : encodeJsonText(headerText);
  const payload = payloadText === payloadJson ? token.slice(firstDot + 1, secondDot) : encodeJsonText(payloadText);
  return `${header}.${payload}${token.slice(secondDot)}`;
}

function shared(source: fc.Arbitrary<unknown>, toCase: (value: unknown) => GeneratedCase): Pick<PropertySpec, 'arbitrary' | 'shared'> {
  return { arbitrary: source.map(toCase), shared: { source, toCase } };
}

/**
 * The properties of profile `accept`: valid tokens must round-trip. Both draw the same valid tokens
 * (generated once): as encoded (UTF-8 JSON), and re-spelled with ASCII-only JSON.
 */
export function acceptProperties(): PropertySpec[] {
  // validToken() with the JSON texts kept: the ASCII spelling re-uses them instead of stringifying again.
  const source: fc.Arbitrary<unknown> = validTokenWithJson();
  return [
    {
      name: 'valid',
      comment: "valid tokens ('-'/'_' at segment boundaries and repeated, UTF-8 claims) decode to what was encoded",
      ...shared(source, (value) => {
        const { token, header, payload } = value as ValidTokenWithJson;
        return { token, expectation: { expected: 'accept', header, payload } };
      }),
    },
    {
      name: 'valid-ascii-json',
      comment: 'the same tokens with ASCII-only JSON (non-ASCII as \\u escapes): isolates base64url faults from UTF-8 faults',
      ...shared(source, (value) => {
        const v = value as ValidTokenWithJson;
        return { token: asciiToken(v), expectation: { expected: 'accept', header: v.header, payload: v.payload } };
      }),
    },
  ];
}

/** The extra properties of profile `strict`: one per fault class, every token must be rejected. */
export function strictProperties(): PropertySpec[] {
  return FAULT_CLASSES.map((fault) => ({
    name: `invalid:${fault}`,
    comment: `tokens with one '${fault}' fault are rejected`,
    arbitrary: invalidToken([fault]).map(({ token, code }) => ({ token, fault, expectation: { expected: 'reject', code } })),
  }));
}
