// The generated cases of a run: one fast-check property per kind of valid token and per fault class,
// so that distinct bugs each get their own minimal token.
import fc from 'fast-check';
import { FAULT_CLASSES, invalidToken, validToken, type FaultClass, type TokenParts, type ValidToken } from '../arbitraries/index.js';
import { encodeBase64url } from '../base64url/index.js';
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

const utf8 = new TextEncoder();
const jsonStringify = JSON.stringify;
const NON_ASCII = /[\u0080-\uffff]/;

/** JSON text with every non-ASCII code unit written as a \uXXXX escape: same value, ASCII bytes. */
function asciiJson(value: unknown): string {
  const json = jsonStringify(value);
  if (!NON_ASCII.test(json)) return json;
  return json.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function asciiToken(parts: TokenParts): string {
  const seg = (value: unknown): string => encodeBase64url(utf8.encode(asciiJson(value)));
  return `${seg(parts.header)}.${seg(parts.payload)}.${encodeBase64url(parts.signature)}`;
}

function shared(source: fc.Arbitrary<unknown>, toCase: (value: unknown) => GeneratedCase): Pick<PropertySpec, 'arbitrary' | 'shared'> {
  return { arbitrary: source.map(toCase), shared: { source, toCase } };
}

/**
 * The properties of profile `accept`: valid tokens must round-trip. Both draw the same valid tokens
 * (generated once): as encoded (UTF-8 JSON), and re-spelled with ASCII-only JSON.
 */
export function acceptProperties(): PropertySpec[] {
  const source: fc.Arbitrary<unknown> = validToken();
  return [
    {
      name: 'valid',
      comment: "valid tokens ('-'/'_' at segment boundaries and repeated, UTF-8 claims) decode to what was encoded",
      ...shared(source, (value) => {
        const { token, header, payload } = value as ValidToken;
        return { token, expectation: { expected: 'accept', header, payload } };
      }),
    },
    {
      name: 'valid-ascii-json',
      comment: 'the same tokens with ASCII-only JSON (non-ASCII as \\u escapes): isolates base64url faults from UTF-8 faults',
      ...shared(source, (value) => {
        const parts = value as ValidToken;
        return { token: asciiToken(parts), expectation: { expected: 'accept', header: parts.header, payload: parts.payload } };
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
