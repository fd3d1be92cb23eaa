// The cases of a run and where they come from: the committed vectors and one generated property per
// check class. Each source yields cases with their expectation; the engine feeds, judges, shrinks and
// records them the same way whatever the source. (A streamed corpus of real tokens is a third source
// of the same shape, without shrinking: see StreamSuite.)
import fc from 'fast-check';
import { invalidToken, type InvalidToken } from '../arbitraries/invalidToken.js';
import { tokenPartsWithJson, type TokenPartsWithJson } from '../arbitraries/tokenParts.js';
import { encodeJsonText } from '../arbitraries/validToken.js';
import { encodeBase64url } from '../base64url/index.js';
import type { TokenSegment } from '../errors.js';
import type { RejectCategory } from './adapter.js';
import { CHECK_CLASSES, checkClass, levelOf, levelWithin, type CheckClass, type CheckClassId } from './classes.js';
import type { ResolvedOptions } from './options.js';
import type { VectorTest } from './vector-file.js';

const jsonParse = JSON.parse;

/** What a conforming parser does with a case's token. */
export type Expectation =
  | { expected: 'accept'; header: unknown; payload: unknown }
  | {
      expected: 'reject';
      /** captoken's error code (informative). */
      code?: string | undefined;
      /** Reject categories compatible with the fault; a rejection with another category does not count. */
      compatible: readonly RejectCategory[];
      /** Accepting is right too when exactly this comes back (the lexically last duplicate member). */
      lastWins?: { header: unknown; payload: unknown };
    };

/** One token to judge, with everything the judge and the reports need. */
export interface KitCase {
  token: string;
  cls: CheckClassId;
  expectation: Expectation;
  /** The valid token this one was made from: must be accepted for a rejection of `token` to count. */
  twin?: string;
  /** Where captoken locates the fault. */
  fault?: { code?: string; offset?: number; segment?: TokenSegment };
  /** What the generator knows of the header's and payload's bytes (spares decoding them again for the coverage). */
  bytes?: { header: JsonBytes; payload: JsonBytes };
}

/** The UTF-8 bytes of a JSON segment: how many, whether any is non-ASCII, whether any starts a 4-byte sequence. */
export interface JsonBytes {
  length: number;
  nonAscii: boolean;
  astral: boolean;
}

/** The bytes of a JSON text as UTF-8. */
function jsonBytes(text: string): JsonBytes {
  let length = 0;
  let astral = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) length += 1;
    else if (c < 0x800) length += 2;
    else if (c >= 0xd800 && c < 0xdc00) {
      length += 4;
      astral = true;
      i++;
    } else length += 3;
  }
  return { length, nonAscii: length !== text.length, astral };
}

/** The committed vectors of the run's classes, each with its id. */
export interface VectorSuite {
  kind: 'vectors';
  name: 'vectors';
  entries: Array<{ id: string; comment: string; flags: string[]; case: KitCase }>;
  /** Vectors left out because of the run's algorithms or size bounds. */
  skipped: number;
}

/** One generated property: `numRuns` cases of one check class, shrunk when one fails. */
export interface PropertySuite {
  kind: 'property';
  name: string;
  cls: CheckClassId;
  comment: string;
  arbitrary: fc.Arbitrary<KitCase>;
  numRuns: number;
  /**
   * When set, `arbitrary` is `shared.source.map(shared.toCase)`: properties with the same source and
   * seed draw the same source values, so the runner generates them once and maps them per property.
   */
  shared?: { source: fc.Arbitrary<unknown>; toCase: (value: unknown) => KitCase };
}

/**
 * The sources of cases. A corpus of captured tokens (issue 12) will be a third kind: cases read as
 * a stream, judged like the others, never shrunk (a synthetic look-alike is shrunk instead).
 */
export type Suite = VectorSuite | PropertySuite;

// ---------------------------------------------------------------------------------------------------
// Valid tokens, in two spellings

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

/** A valid token with the JSON texts its header and payload were encoded from (kit-internal). */
interface EncodedParts {
  token: string;
  header: unknown;
  payload: unknown;
  headerJson: string;
  payloadJson: string;
  /** The same JSON texts with non-ASCII as \u escapes (the same string when already ASCII). */
  headerAscii: string;
  payloadAscii: string;
  signature: string;
}

function encodeParts({ parts, headerJson, payloadJson }: TokenPartsWithJson): EncodedParts {
  const signature = encodeBase64url(parts.signature);
  return {
    token: `${encodeJsonText(headerJson)}.${encodeJsonText(payloadJson)}.${signature}`,
    header: parts.header,
    payload: parts.payload,
    headerJson,
    payloadJson,
    headerAscii: asciiJson(headerJson),
    payloadAscii: asciiJson(payloadJson),
    signature,
  };
}

/** The token re-spelled with ASCII-only JSON; a segment whose JSON is already ASCII keeps its bytes. */
function asciiToken(value: EncodedParts): string {
  const { token, headerJson, payloadJson, signature, headerAscii: headerText, payloadAscii: payloadText } = value;
  if (headerText === headerJson && payloadText === payloadJson) return token;
  const firstDot = token.indexOf('.');
  const secondDot = token.indexOf('.', firstDot + 1);
  const header = headerText === headerJson ? token.slice(0, firstDot) : encodeJsonText(headerText);
  const payload = payloadText === payloadJson ? token.slice(firstDot + 1, secondDot) : encodeJsonText(payloadText);
  return `${header}.${payload}.${signature}`;
}

function validSuites(options: ResolvedOptions): PropertySuite[] {
  // The ASCII spelling (\u escapes) is longer: both spellings must be within the run's size bounds.
  const source: fc.Arbitrary<unknown> = tokenPartsWithJson(options)
    .map(encodeParts)
    .filter((v) => v.headerAscii.length <= options.maxHeaderBytes && v.payloadAscii.length <= options.maxPayloadBytes);
  const spec = (cls: 'valid' | 'valid-ascii-json', comment: string, toCase: (v: EncodedParts) => KitCase): PropertySuite => {
    const map = (value: unknown): KitCase => toCase(value as EncodedParts);
    return { kind: 'property', name: cls, cls, comment, arbitrary: source.map(map), numRuns: options.runs, shared: { source, toCase: map } };
  };
  const ascii = (text: string): JsonBytes => ({ length: text.length, nonAscii: false, astral: false });
  return [
    spec('valid', checkClass('valid')!.rule, (v) => ({
      token: v.token,
      cls: 'valid',
      expectation: { expected: 'accept', header: v.header, payload: v.payload },
      bytes: { header: jsonBytes(v.headerJson), payload: jsonBytes(v.payloadJson) },
    })),
    spec('valid-ascii-json', checkClass('valid-ascii-json')!.rule, (v) => ({
      token: asciiToken(v),
      cls: 'valid-ascii-json',
      expectation: { expected: 'accept', header: v.header, payload: v.payload },
      bytes: { header: ascii(v.headerAscii), payload: ascii(v.payloadAscii) },
    })),
  ];
}

// ---------------------------------------------------------------------------------------------------
// Invalid tokens, one property per fault class

/** The reject categories compatible with one case: a garbage token (no twin) may be refused for any of its faults. */
function compatibleWith(cls: CheckClass, twin: string | undefined): readonly RejectCategory[] {
  return cls.id === 'too-large' && twin === undefined ? [...cls.compatible, 'base64url', 'structure'] : cls.compatible;
}

/** The kit case of a generated invalid token of class `cls`. */
export function invalidCase(cls: CheckClass, t: InvalidToken): KitCase {
  const expectation: Expectation = { expected: 'reject', code: t.code, compatible: compatibleWith(cls, t.twin) };
  if (cls.judgement === 'reject-or-last-wins' && t.lastWins !== undefined) expectation.lastWins = t.lastWins;
  const c: KitCase = { token: t.token, cls: cls.id, expectation, fault: { code: t.code } };
  if (t.offset !== undefined) c.fault!.offset = t.offset;
  if (t.segment !== undefined) c.fault!.segment = t.segment;
  if (t.twin !== undefined) c.twin = t.twin;
  return c;
}

/** Splits `total` runs over `n` properties as evenly as possible (earlier ones get the remainder). */
export function splitRuns(total: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => Math.floor(total / n) + (i < total % n ? 1 : 0));
}

/** The classes a run checks: those whose level the profile covers. */
export function runClasses(options: ResolvedOptions): CheckClass[] {
  return CHECK_CLASSES.filter((c) => levelWithin(levelOf(c, options.verifies), options.profile));
}

function invalidSuites(options: ResolvedOptions): PropertySuite[] {
  const classes = runClasses(options).filter((c) => c.level !== 'accept');
  const counts = splitRuns(options.runs, classes.length);
  return classes.map((cls, i): PropertySuite => {
    const source = invalidToken(cls.faults, {
      ...(cls.segments === undefined ? {} : { segments: cls.segments }),
      algorithms: options.algorithms,
      maxHeaderBytes: options.maxHeaderBytes,
      maxPayloadBytes: options.maxPayloadBytes,
    });
    return { kind: 'property', name: `invalid:${cls.id}`, cls: cls.id, comment: cls.rule, arbitrary: source.map((t) => invalidCase(cls, t)), numRuns: Math.max(1, counts[i]!) };
  });
}

// ---------------------------------------------------------------------------------------------------
// Vectors

/** Bytes of the base64url segment's decoding, or undefined when it is not decodable here. */
function segmentJson(segment: string): { bytes: number; value: unknown } | undefined {
  try {
    const bytes = Buffer.from(segment, 'base64url');
    return { bytes: bytes.length, value: jsonParse(bytes.toString('utf8')) as unknown };
  } catch {
    return undefined;
  }
}

/** Whether a vector's valid token (the token itself, or an invalid vector's twin) fits the run's algorithms and sizes. */
function fits(token: string, options: ResolvedOptions): boolean {
  const [h = '', p = ''] = token.split('.');
  const header = segmentJson(h);
  const payload = segmentJson(p);
  if (header === undefined || payload === undefined) return true;
  const alg = (header.value as { alg?: unknown } | null)?.alg;
  if (typeof alg === 'string' && !(options.algorithms as readonly string[]).includes(alg)) return false;
  return header.bytes <= options.maxHeaderBytes && payload.bytes <= options.maxPayloadBytes;
}

/** The kit case of a vector; undefined when its class is not known to this kit. */
export function vectorCase(test: VectorTest): KitCase | undefined {
  if (test.result === 'valid') return { token: test.token, cls: 'valid', expectation: { expected: 'accept', header: test.header, payload: test.payload } };
  const cls = test.fault === undefined ? undefined : checkClass(test.fault);
  if (cls === undefined) return undefined;
  const expectation: Expectation = { expected: 'reject', code: test.error, compatible: compatibleWith(cls, test.twin) };
  if (cls.judgement === 'reject-or-last-wins' && test.acceptable !== undefined) expectation.lastWins = test.acceptable;
  const c: KitCase = { token: test.token, cls: cls.id, expectation, fault: {} };
  if (test.error !== undefined) c.fault!.code = test.error;
  if (test.offset !== undefined) c.fault!.offset = test.offset;
  if (test.segment !== undefined) c.fault!.segment = test.segment;
  if (test.twin !== undefined) c.twin = test.twin;
  return c;
}

function vectorSuite(options: ResolvedOptions): VectorSuite {
  const classes = new Set<string>(runClasses(options).map((c) => c.id));
  const entries: VectorSuite['entries'] = [];
  let skipped = 0;
  for (const group of options.vectors.testGroups) {
    for (const test of group.tests) {
      const c = vectorCase(test);
      if (c === undefined || !classes.has(c.cls)) continue;
      if (!fits(test.result === 'valid' ? test.token : (test.twin ?? test.token), options)) {
        skipped++;
        continue;
      }
      entries.push({ id: `tcId:${test.tcId}`, comment: test.comment, flags: test.flags, case: c });
      // A duplicate member is judged twice: by the RFCs (keeping the last is allowed) and, in
      // hardened runs, by captoken's policy (it must be rejected).
      if (c.cls === 'duplicate-member' && classes.has('duplicate-member-accepted')) {
        const policy: KitCase = { ...c, cls: 'duplicate-member-accepted', expectation: { expected: 'reject', code: test.error, compatible: checkClass('duplicate-member-accepted')!.compatible } };
        entries.push({ id: `tcId:${test.tcId}:policy`, comment: `${test.comment} (captoken policy: rejected)`, flags: test.flags, case: policy });
      }
    }
  }
  return { kind: 'vectors', name: 'vectors', entries, skipped };
}

/**
 * The suites of a run: the vectors of its classes, then the valid-token properties (shared tokens in
 * two spellings), then one property per fault class of the profile.
 */
export function planSuites(options: ResolvedOptions): Suite[] {
  const suites: Suite[] = [vectorSuite(options)];
  if (options.runs > 0) suites.push(...validSuites(options), ...invalidSuites(options));
  return suites;
}
