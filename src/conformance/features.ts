// The shape of a valid token, as the diagnosis and the coverage matrix see it: where its '-' and '_'
// are, each segment's length mod 4, non-ASCII bytes, sizes, the algorithm and the header members.
// Computed from the token alone (what the parser sees), once per case.
import { REGISTERED_JWS_ALGORITHMS } from '../arbitraries/registered.js';
import type { TokenSegment } from '../errors.js';

const jsonParse = JSON.parse;

export const SEGMENTS: readonly TokenSegment[] = Object.freeze(['header', 'payload', 'signature'] as const);

/** Where in a segment a character is: its first 4-character group, its last 8 characters, or between. */
export type PositionClass = 'first' | 'interior' | 'last';
export const POSITION_CLASSES: readonly PositionClass[] = Object.freeze(['first', 'interior', 'last'] as const);

/** The position class of index `i` in a segment of `length` characters. */
export function positionClass(i: number, length: number): PositionClass {
  if (i < 4) return 'first';
  return i >= length - 8 ? 'last' : 'interior';
}

const POSITION_BIT: Readonly<Record<PositionClass, number>> = { first: 1, interior: 2, last: 4 };

export interface SegmentFacts {
  length: number;
  mod4: number;
  dashes: number;
  underscores: number;
  /** Position classes (bits: 1 first, 2 interior, 4 last) where a '-' stands. */
  dashAt: number;
  underscoreAt: number;
  /** Decoded bytes (header and payload). */
  bytes: number;
  /** A byte >= 0x80 in the decoding (header and payload): non-ASCII UTF-8. */
  nonAscii: boolean;
  /** A 4-byte UTF-8 sequence (header and payload). */
  astral: boolean;
}

export interface TokenFacts {
  length: number;
  segments: Readonly<Record<TokenSegment, SegmentFacts>>;
  /** The three segments' facts in order (header, payload, signature). */
  all: readonly SegmentFacts[];
  alg: string | undefined;
  headerMembers: readonly string[];
  audArray: boolean;
}

/** True when the facts have a character ('-' or '_') in `segment` at a position class. */
export function hasCharAt(s: SegmentFacts, char: '-' | '_', position: PositionClass): boolean {
  return ((char === '-' ? s.dashAt : s.underscoreAt) & POSITION_BIT[position]) !== 0;
}

/** What is known of a JSON segment's bytes without decoding it. */
export interface KnownBytes {
  length: number;
  nonAscii: boolean;
  astral: boolean;
}

function segmentFacts(text: string, json: boolean, known?: KnownBytes): SegmentFacts {
  let dashes = 0;
  let underscores = 0;
  let dashAt = 0;
  let underscoreAt = 0;
  const n = text.length;
  for (let i = 0; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2d) {
      dashes++;
      dashAt |= POSITION_BIT[positionClass(i, n)];
    } else if (c === 0x5f) {
      underscores++;
      underscoreAt |= POSITION_BIT[positionClass(i, n)];
    }
  }
  let bytes = 0;
  let nonAscii = false;
  let astral = false;
  if (known !== undefined) {
    ({ length: bytes, nonAscii, astral } = known);
  } else if (json) {
    const decoded = Buffer.from(text, 'base64url');
    bytes = decoded.length;
    for (let i = 0; i < decoded.length; i++) {
      const b = decoded[i]!;
      if (b >= 0x80) {
        nonAscii = true;
        if (b >= 0xf0) {
          astral = true;
          break;
        }
      }
    }
  }
  return { length: n, mod4: n % 4, dashes, underscores, dashAt, underscoreAt, bytes, nonAscii, astral };
}

/**
 * The facts of a well-formed three-segment token; undefined for anything else. `decoded` (the header
 * and payload the token is known to carry, for a valid case) and `bytes` (what the generator knows of
 * their bytes) spare decoding them again.
 */
export function tokenFacts(token: string, decoded?: { header: unknown; payload: unknown }, bytes?: { header: KnownBytes; payload: KnownBytes }): TokenFacts | undefined {
  const first = token.indexOf('.');
  const second = token.indexOf('.', first + 1);
  if (first === -1 || second === -1 || token.indexOf('.', second + 1) !== -1) return undefined;
  const h = token.slice(0, first);
  const p = token.slice(first + 1, second);
  const segments = {
    header: segmentFacts(h, true, bytes?.header),
    payload: segmentFacts(p, true, bytes?.payload),
    signature: segmentFacts(token.slice(second + 1), false),
  };
  let header: unknown = decoded?.header;
  let payload: unknown = decoded?.payload;
  if (decoded === undefined) {
    try {
      header = jsonParse(Buffer.from(h, 'base64url').toString('utf8'));
      payload = jsonParse(Buffer.from(p, 'base64url').toString('utf8'));
    } catch {
      // not JSON: only the segment facts are known
    }
  }
  const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
  const alg = isObject(header) && typeof header['alg'] === 'string' ? header['alg'] : undefined;
  return {
    length: token.length,
    segments,
    all: [segments.header, segments.payload, segments.signature],
    alg,
    headerMembers: isObject(header) ? Object.keys(header) : [],
    audArray: isObject(payload) && Array.isArray(payload['aud']),
  };
}

/** A property of a token that may explain failures: what it is, and what it would mean as a cause. */
export interface Feature {
  id: string;
  /** Noun phrase: "a '_' in the header". */
  label: string;
  /** The hypothesis when every failure has it and no passing case does. */
  cause: string;
  test: (f: TokenFacts) => boolean;
  /** Features to contrast it with in the evidence ("the same character in the payload passes"). */
  contrast?: readonly string[];
}

const anyUrl = (s: SegmentFacts): boolean => s.dashes + s.underscores > 0;
const repeated = (s: SegmentFacts): boolean => s.dashes > 1 || s.underscores > 1;
const segs = (f: TokenFacts): readonly SegmentFacts[] => f.all;
const otherSegments = (seg: TokenSegment): TokenSegment[] => SEGMENTS.filter((s) => s !== seg);
const REGISTERED_HEADER = new Set(['alg', 'typ', 'kid', 'cty']);

function segmentFeatures(seg: TokenSegment): Feature[] {
  const of = (f: TokenFacts): SegmentFacts => f.segments[seg];
  const out: Feature[] = [
    { id: `url-in:${seg}`, label: `a '-' or '_' in the ${seg}`, cause: `'-' and '_' in the ${seg} are not decoded`, test: (f) => anyUrl(of(f)), contrast: otherSegments(seg).map((s) => `url-in:${s}`) },
    { id: `dash-in:${seg}`, label: `a '-' in the ${seg}`, cause: `'-' in the ${seg} is never decoded`, test: (f) => of(f).dashes > 0, contrast: [`underscore-in:${seg}`, ...otherSegments(seg).map((s) => `dash-in:${s}`)] },
    { id: `underscore-in:${seg}`, label: `a '_' in the ${seg}`, cause: `'_' in the ${seg} is never decoded`, test: (f) => of(f).underscores > 0, contrast: [`dash-in:${seg}`, ...otherSegments(seg).map((s) => `underscore-in:${s}`)] },
    { id: `url-repeat-in:${seg}`, label: `two or more of the same '-' or '_' in the ${seg}`, cause: `only the first '-' or '_' of the ${seg} is translated`, test: (f) => repeated(of(f)), contrast: [`url-in:${seg}`] },
    { id: `url-first:${seg}`, label: `a '-' or '_' in the first 4 characters of the ${seg}`, cause: `a '-' or '_' at the start of the ${seg} fails: a boundary bug`, test: (f) => ((of(f).dashAt | of(f).underscoreAt) & 1) !== 0, contrast: [`url-in:${seg}`] },
    { id: `url-last:${seg}`, label: `a '-' or '_' in the last 8 characters of the ${seg}`, cause: `a '-' or '_' near the end of the ${seg} fails: a boundary bug`, test: (f) => ((of(f).dashAt | of(f).underscoreAt) & 4) !== 0, contrast: [`url-in:${seg}`] },
  ];
  return out;
}

const PADDING_CAUSE: Readonly<Record<number, string>> = {
  0: "over-padding? ('=' added even when the length is a multiple of 4)",
  2: "padding not restored? (this length needs '==' for a padded decoder)",
  3: "padding not restored? (this length needs '=' for a padded decoder)",
};

function lengthFeatures(mod: number): Feature[] {
  const others = [0, 2, 3].filter((m) => m !== mod);
  const out: Feature[] = [
    {
      id: `mod${mod}-any`,
      label: `a segment of length ≡ ${mod} (mod 4)`,
      cause: `a segment of length ≡ ${mod} (mod 4) fails: ${PADDING_CAUSE[mod]!}`,
      test: (f) => segs(f).some((s) => s.mod4 === mod),
      contrast: others.map((m) => `mod${m}-any`),
    },
    {
      id: `mod${mod}-decoded`,
      label: `a header or payload of length ≡ ${mod} (mod 4)`,
      cause: `a header or payload of length ≡ ${mod} (mod 4) fails: ${PADDING_CAUSE[mod]!}`,
      test: (f) => f.segments.header.mod4 === mod || f.segments.payload.mod4 === mod,
      contrast: others.map((m) => `mod${m}-decoded`),
    },
  ];
  for (const seg of SEGMENTS) {
    out.push({
      id: `mod${mod}:${seg}`,
      label: `a ${seg} of length ≡ ${mod} (mod 4)`,
      cause: `a ${seg} of length ≡ ${mod} (mod 4) fails: ${PADDING_CAUSE[mod]!}`,
      test: (f) => f.segments[seg].mod4 === mod,
      contrast: others.map((m) => `mod${m}:${seg}`),
    });
  }
  return out;
}

/**
 * The features the diagnosis tries, most general first (on a tie, the earlier one explains). Each is
 * a property of the token alone; the diagnosis looks for those that every failure has and no
 * passing case has.
 */
export const FEATURES: readonly Feature[] = Object.freeze([
  {
    id: 'url-any',
    label: "a '-' or '_' in any segment",
    cause: "'-' and '_' are not decoded: a standard-base64 decoder (atob?) or a shape check with the standard alphabet [A-Za-z0-9+/=]",
    test: (f) => segs(f).some(anyUrl),
  },
  { id: 'dash-any', label: "a '-' in any segment", cause: "'-' is not decoded (only '_' is translated?)", test: (f) => segs(f).some((s) => s.dashes > 0), contrast: ['underscore-any'] },
  { id: 'underscore-any', label: "a '_' in any segment", cause: "'_' is not decoded (only '-' is translated?)", test: (f) => segs(f).some((s) => s.underscores > 0), contrast: ['dash-any'] },
  {
    id: 'url-repeat',
    label: "two or more of the same '-' or '_' in one segment",
    cause: "only the first '-' or '_' of a segment is translated (s.replace('-', '+') instead of replaceAll?)",
    test: (f) => segs(f).some(repeated),
    contrast: ['url-any'],
  },
  ...SEGMENTS.flatMap(segmentFeatures),
  ...[0, 2, 3].flatMap(lengthFeatures),
  {
    id: 'non-ascii',
    label: 'non-ASCII characters in the header or payload bytes',
    cause: 'non-ASCII claims are mis-decoded (the bytes read as Latin-1, or as UTF-16?)',
    test: (f) => f.segments.header.nonAscii || f.segments.payload.nonAscii,
  },
  { id: 'non-ascii:header', label: 'non-ASCII characters in the header bytes', cause: 'non-ASCII characters in the header are mis-decoded (Latin-1?)', test: (f) => f.segments.header.nonAscii, contrast: ['non-ascii:payload'] },
  { id: 'non-ascii:payload', label: 'non-ASCII characters in the payload bytes', cause: 'non-ASCII claims in the payload are mis-decoded (Latin-1?)', test: (f) => f.segments.payload.nonAscii, contrast: ['non-ascii:header'] },
  {
    id: 'astral',
    label: '4-byte UTF-8 (characters outside the Basic Multilingual Plane)',
    cause: '4-byte UTF-8 is mis-decoded (UCS-2 or CESU-8 handling?)',
    test: (f) => f.segments.header.astral || f.segments.payload.astral,
    contrast: ['non-ascii'],
  },
  ...[1024, 2048, 4096, 8192].map(
    (n): Feature => ({ id: `longer-than:${n}`, label: `a token longer than ${n} characters`, cause: `tokens longer than ${n} characters fail: a size limit below real token sizes?`, test: (f) => f.length > n }),
  ),
  ...[256, 384].map(
    (n): Feature => ({ id: `header-over:${n}`, label: `a header over ${n} bytes`, cause: `headers over ${n} bytes fail: a header size limit?`, test: (f) => f.segments.header.bytes > n }),
  ),
  ...[1024, 4096].map(
    (n): Feature => ({ id: `payload-over:${n}`, label: `a payload over ${n} bytes`, cause: `payloads over ${n} bytes fail: a payload size limit?`, test: (f) => f.segments.payload.bytes > n }),
  ),
  ...REGISTERED_JWS_ALGORITHMS.map(
    (alg): Feature => ({
      id: `alg:${alg}`,
      label: `alg ${alg}`,
      cause: `tokens with alg ${alg} fail: the parser does not support it? (narrow the generated algorithms with --alg if that is intended)`,
      test: (f) => f.alg === alg,
    }),
  ),
  ...['typ', 'kid', 'cty'].map(
    (name): Feature => ({ id: `header:${name}`, label: `a '${name}' header parameter`, cause: `tokens with a '${name}' header parameter fail`, test: (f) => f.headerMembers.includes(name) }),
  ),
  {
    id: 'header:private',
    label: 'a private (unregistered) header parameter',
    cause: 'unknown header parameters are refused (RFC 7515 §4 says to ignore them)',
    test: (f) => f.headerMembers.some((m) => !REGISTERED_HEADER.has(m)),
  },
  { id: 'aud-array', label: "an 'aud' that is an array", cause: "an array-valued 'aud' fails (RFC 7519 §4.1.3 allows an array of strings)", test: (f) => f.audArray },
] satisfies Feature[]);

/** The features a token has, as one boolean per entry of {@link FEATURES}. */
export function featuresOf(facts: TokenFacts): boolean[] {
  const out = new Array<boolean>(FEATURES.length);
  for (let i = 0; i < FEATURES.length; i++) out[i] = FEATURES[i]!.test(facts);
  return out;
}
