// The check classes of the conformance kit: what each requires, at which level, and on which
// requirement it rests (an RFC section, or captoken's own policy). Every verdict the kit gives is
// about one of these classes; reports count cases and failures per class.
import type { FaultClass } from '../arbitraries/invalidToken.js';
import type { TokenSegment } from '../errors.js';
import { DEFAULT_MAX_LENGTH } from '../limits.js';
import type { RejectCategory } from './adapter.js';

/**
 * How binding a check is. `accept`: valid tokens decode exactly (the outage class). `rfc`: a
 * rejection an RFC requires (MUST). `hardened`: captoken's own policy, beyond the RFCs.
 */
export type Level = 'accept' | 'rfc' | 'hardened';

/** The levels, from the most to the least binding. */
export const LEVELS: readonly Level[] = Object.freeze(['accept', 'rfc', 'hardened'] as const);

/** True when `level` is at least as binding as `bound` (accept < rfc < hardened). */
export function levelWithin(level: Level, bound: Level): boolean {
  return LEVELS.indexOf(level) <= LEVELS.indexOf(bound);
}

/** The identifier of a check class: `valid`, `valid-ascii-json`, or a fault class of this table. */
export type CheckClassId =
  | 'valid'
  | 'valid-ascii-json'
  | 'char-plus'
  | 'char-slash'
  | 'char-padding'
  | 'char-whitespace'
  | 'char-control'
  | 'char-punctuation'
  | 'char-non-ascii'
  | 'char-lone-surrogate'
  | 'length-1-mod-4'
  | 'two-segments'
  | 'four-segments'
  | 'empty-header'
  | 'empty-payload'
  | 'invalid-utf8'
  | 'not-json'
  | 'json-not-object'
  | 'duplicate-member'
  | 'signature-syntax'
  | 'trailing-bits'
  | 'json-bom'
  | 'duplicate-member-accepted'
  | 'forbidden-member'
  | 'too-large'
  | 'empty-signature';

export interface CheckClass {
  readonly id: CheckClassId;
  /** The level of the class. `signature-syntax` is `hardened`, and `rfc` for adapters that read the signature (`verifies`). */
  readonly level: Level;
  /** The requirement it rests on: RFC and section, or "captoken policy (...)". */
  readonly requirement: string;
  /** What a conforming parser does, in one sentence. */
  readonly rule: string;
  /** What a failure of the class means, in one sentence (the diagnosis's cause). */
  readonly violation: string;
  /** The faults of `captoken/arbitraries` that make its tokens (none for the valid classes). */
  readonly faults: readonly FaultClass[];
  /** Where those faults go (default: wherever the fault class puts them). */
  readonly segments?: readonly TokenSegment[];
  /** Reject categories that name a reason compatible with the fault. */
  readonly compatible: readonly RejectCategory[];
  /** `reject-or-last-wins`: accepting is right too, when the lexically last duplicate member is what comes back. */
  readonly judgement: 'decode' | 'reject' | 'reject-or-last-wins';
}

/** The segments a decode API decodes: where the base64url MUST-rejections of RFC 4648 §3.3 apply. */
const DECODED: readonly TokenSegment[] = ['header', 'payload'];
const BASE64URL: readonly RejectCategory[] = ['base64url', 'structure'];
const VALID_REQUIREMENT = 'RFC 7515 §5.2 and §7.1, RFC 7519 §7.2, RFC 4648 §5, RFC 8259 §8.1';

function charClass(id: CheckClassId, fault: FaultClass, what: string, requirement: string, why: string): CheckClass {
  return {
    id,
    level: 'rfc',
    requirement,
    rule: `${what} in the header or payload is rejected`,
    violation: `${what} in the header or payload is accepted: ${why}`,
    faults: [fault],
    segments: DECODED,
    compatible: BASE64URL,
    judgement: 'reject',
  };
}

/** Every check class, in report order: accept, then rfc, then hardened. */
export const CHECK_CLASSES: readonly CheckClass[] = Object.freeze([
  {
    id: 'valid',
    level: 'accept',
    requirement: VALID_REQUIREMENT,
    rule: "a valid token is accepted and decodes exactly ('-'/'_' at every boundary and repeated, every length mod 4, UTF-8 claims)",
    violation: 'valid tokens are rejected or decoded wrongly',
    faults: [],
    compatible: [],
    judgement: 'decode',
  },
  {
    id: 'valid-ascii-json',
    level: 'accept',
    requirement: VALID_REQUIREMENT,
    rule: 'the same tokens with ASCII-only JSON (non-ASCII as \\u escapes) decode exactly: isolates base64url faults from UTF-8 faults',
    violation: 'valid tokens with ASCII-only JSON are rejected or decoded wrongly',
    faults: [],
    compatible: [],
    judgement: 'decode',
  },
  charClass('char-plus', 'char-plus', "'+' (standard base64)", 'RFC 4648 §3.3 and §5, RFC 7515 §2', "the decoder takes the standard alphabet too (Buffer.from(s, 'base64'), a lenient decoder?)"),
  charClass('char-slash', 'char-slash', "'/' (standard base64)", 'RFC 4648 §3.3 and §5, RFC 7515 §2', 'the decoder takes the standard alphabet too (a lenient decoder?)'),
  charClass('char-padding', 'char-padding', "'=' padding", 'RFC 7515 §2 (padding omitted), RFC 4648 §3.3', "the decoder strips or tolerates '=' (a lenient decoder?)"),
  charClass('char-whitespace', 'char-whitespace', 'whitespace or a line break', 'RFC 7515 §2 (no line breaks or whitespace), RFC 4648 §3.3', 'the decoder skips whitespace (a lenient decoder, or a trim()?)'),
  charClass('char-control', 'char-control', 'a control character', 'RFC 4648 §3.3, RFC 7515 §2', 'the decoder skips characters outside the alphabet'),
  charClass('char-punctuation', 'char-punctuation', "ASCII punctuation outside the alphabet ('!', '~', '*', ...)", 'RFC 4648 §3.3, RFC 7515 §2', 'the decoder skips characters outside the alphabet'),
  charClass('char-non-ascii', 'char-non-ascii', 'a non-ASCII character', 'RFC 4648 §3.3, RFC 7515 §2', 'the decoder skips or truncates characters outside the alphabet (Latin-1 truncation of U+012B is a \'+\')'),
  charClass('char-lone-surrogate', 'char-lone-surrogate', 'a lone surrogate', 'RFC 4648 §3.3, RFC 7515 §2', 'the decoder skips characters outside the alphabet'),
  {
    id: 'length-1-mod-4',
    level: 'rfc',
    requirement: 'RFC 4648 §5 (no encoding has this length), RFC 7515 §2',
    rule: 'a header or payload segment of length ≡ 1 (mod 4) is rejected',
    violation: 'a header or payload of length ≡ 1 (mod 4) is accepted: the decoder drops the dangling character',
    faults: ['length-1-mod-4'],
    segments: DECODED,
    compatible: BASE64URL,
    judgement: 'reject',
  },
  {
    id: 'two-segments',
    level: 'rfc',
    requirement: 'RFC 7515 §7.1 and §5.2 step 1 (three parts)',
    rule: 'a token with fewer than three segments is rejected',
    violation: 'a token with fewer than three segments is accepted',
    faults: ['two-segments'],
    compatible: ['structure'],
    judgement: 'reject',
  },
  {
    id: 'four-segments',
    level: 'rfc',
    requirement: 'RFC 7515 §7.1 and §5.2 step 1 (three parts)',
    rule: 'a token with more than three segments is rejected',
    violation: 'a token with more than three segments is accepted (split with a limit, or extra parts ignored?)',
    faults: ['four-segments'],
    compatible: ['structure', 'base64url', 'signature'],
    judgement: 'reject',
  },
  {
    id: 'empty-header',
    level: 'rfc',
    requirement: 'RFC 7515 §5.2 step 3 (a JSON object)',
    rule: 'an empty header segment is rejected',
    violation: 'an empty header segment is accepted',
    faults: ['empty-header'],
    compatible: ['structure', 'json', 'base64url'],
    judgement: 'reject',
  },
  {
    id: 'empty-payload',
    level: 'rfc',
    requirement: 'RFC 7519 §7.2 step 10 (the claims are a JSON object)',
    rule: 'an empty payload segment is rejected',
    violation: 'an empty payload segment is accepted',
    faults: ['empty-payload'],
    compatible: ['structure', 'json', 'base64url'],
    judgement: 'reject',
  },
  {
    id: 'invalid-utf8',
    level: 'rfc',
    requirement: 'RFC 7515 §5.2 step 3, RFC 7519 §7.2 step 10, RFC 8259 §8.1 (UTF-8)',
    rule: 'a header or payload that is not UTF-8 is rejected',
    violation: 'bytes that are not UTF-8 are accepted: the decoder replaces them (U+FFFD) or reads another encoding',
    faults: ['invalid-utf8'],
    compatible: ['utf8', 'json'],
    judgement: 'reject',
  },
  {
    id: 'not-json',
    level: 'rfc',
    requirement: 'RFC 7515 §5.2 step 3, RFC 7519 §7.2 step 10 (a completely valid JSON object), RFC 8259',
    rule: 'a header or payload that is not JSON (trailing commas, single quotes, NaN, garbage) is rejected',
    violation: 'text that is not JSON is accepted: a forgiving JSON reader (trailing commas, single quotes, NaN)?',
    faults: ['not-json'],
    compatible: ['json'],
    judgement: 'reject',
  },
  {
    id: 'json-not-object',
    level: 'rfc',
    requirement: 'RFC 7515 §5.2 step 3, RFC 7519 §7.2 step 10 (a JSON object)',
    rule: 'a header or payload that is JSON but not an object is rejected',
    violation: 'JSON that is not an object is accepted as a header or payload',
    faults: ['json-not-object'],
    compatible: ['json'],
    judgement: 'reject',
  },
  {
    id: 'duplicate-member',
    level: 'rfc',
    requirement: 'RFC 7515 §4, RFC 7519 §4 (reject, or keep only the lexically last member)',
    rule: 'a repeated member name is rejected, or resolved to the lexically last value (checked by value)',
    violation: 'a repeated member name resolves to another value than the lexically last one (first wins?)',
    faults: ['duplicate-member'],
    compatible: ['duplicate-member', 'json'],
    judgement: 'reject-or-last-wins',
  },
  {
    id: 'signature-syntax',
    level: 'hardened',
    requirement: 'RFC 7515 §2 and §7.1, RFC 4648 §3.3 (the signature is base64url too); rfc level only for adapters that read the signature (--verifies)',
    rule: "a signature segment that is not canonical base64url ('+', '/', '=', whitespace, other characters, length ≡ 1 mod 4) is rejected",
    violation: "a signature segment that is not base64url is accepted",
    faults: ['char-plus', 'char-slash', 'char-padding', 'char-whitespace', 'char-control', 'char-punctuation', 'char-non-ascii', 'char-lone-surrogate', 'length-1-mod-4'],
    segments: ['signature'],
    compatible: ['base64url', 'structure', 'signature'],
    judgement: 'reject',
  },
  {
    id: 'trailing-bits',
    level: 'hardened',
    requirement: 'captoken policy (one spelling per token); RFC 4648 §3.5 lets a decoder reject non-zero pad bits (MAY)',
    rule: 'a segment whose last character has non-zero unused bits is rejected',
    violation: 'non-zero unused bits in a last character are accepted (a second spelling of the same bytes)',
    faults: ['trailing-bits'],
    compatible: ['base64url', 'structure', 'signature'],
    judgement: 'reject',
  },
  {
    id: 'json-bom',
    level: 'hardened',
    requirement: 'captoken policy (one spelling per token); RFC 8259 §8.1 lets a parser ignore a byte order mark (MAY)',
    rule: 'a header or payload starting with a byte order mark is rejected',
    violation: 'a leading byte order mark is skipped',
    faults: ['json-bom'],
    compatible: ['json', 'utf8'],
    judgement: 'reject',
  },
  {
    id: 'duplicate-member-accepted',
    level: 'hardened',
    requirement: 'captoken policy (parsers disagree on duplicates); RFC 7515 §4 also allows keeping the lexically last member',
    rule: 'a repeated member name is rejected, even where keeping the last one would be allowed',
    violation: 'a repeated member name is accepted (keeping the last one is allowed by the RFCs; captoken rejects it)',
    faults: ['duplicate-member'],
    compatible: ['duplicate-member', 'json'],
    judgement: 'reject',
  },
  {
    id: 'forbidden-member',
    level: 'hardened',
    requirement: 'captoken policy (prototype-pollution gadgets); no RFC forbids these names',
    rule: 'a member named __proto__, constructor or prototype is rejected',
    violation: 'a member named __proto__, constructor or prototype is accepted',
    faults: ['forbidden-member'],
    compatible: ['forbidden-member', 'json'],
    judgement: 'reject',
  },
  {
    id: 'too-large',
    level: 'hardened',
    requirement: `captoken policy (${DEFAULT_MAX_LENGTH} UTF-16 code units, src/limits.ts); no RFC bounds a token’s size`,
    rule: 'a token over the size limit is rejected',
    violation: `a token over ${DEFAULT_MAX_LENGTH} characters is accepted`,
    faults: ['too-large'],
    compatible: ['size'],
    judgement: 'reject',
  },
  {
    id: 'empty-signature',
    level: 'hardened',
    requirement: "captoken policy (no unsecured tokens); RFC 7519 §6 defines unsecured JWTs (alg 'none', empty signature)",
    rule: "an unsecured token (alg 'none', empty signature) is rejected",
    violation: "an unsecured token (alg 'none', empty signature) is accepted",
    faults: ['empty-signature'],
    compatible: ['structure', 'signature', 'algorithm'],
    judgement: 'reject',
  },
] satisfies CheckClass[]);

const BY_ID: ReadonlyMap<string, CheckClass> = new Map(CHECK_CLASSES.map((c) => [c.id, c]));

/** The class with this id, or undefined. */
export function checkClass(id: string): CheckClass | undefined {
  return BY_ID.get(id);
}

/** The level a class has in a run: `signature-syntax` is `rfc` when the adapter reads the signature. */
export function levelOf(cls: CheckClass, verifies: boolean): Level {
  return cls.id === 'signature-syntax' && verifies ? 'rfc' : cls.level;
}
