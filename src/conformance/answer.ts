// How whatever an adapter hands back becomes an AdapterAnswer: the one answer-shape check for every
// adapter kind (module, command, URL). An accepting answer whose values JSON cannot carry is kept as
// data (a wrong answer with its reason), never allowed to crash a reporter.
import { isCaptokenError, type CaptokenErrorCode } from '../errors.js';
import { REJECT_CATEGORIES, type AdapterAnswer, type RejectCategory } from './adapter.js';

// Builtins captured at load: a module adapter runs in this process and could patch globals.
const { parse: jsonParse, stringify: jsonStringify } = JSON;
const { isArray } = Array;
const { keys: objectKeys, getPrototypeOf, prototype: objectPrototype } = Object;
const { isFinite } = Number;

/** Deeper than this, an answer is reported as a problem rather than walked (no legitimate token nests so deep). */
const MAX_DEPTH = 1000;

/** How a NaN / Infinity read from an answer's text is marked until the shape check reports it. */
const NON_JSON_MARK = '\u0000captoken-non-json:';

const CATEGORY_SET: ReadonlySet<string> = new Set(REJECT_CATEGORIES);

/** The category of each captoken error code, for adapters that pass captoken's codes through. */
const CATEGORY_OF_CODE: Readonly<Record<CaptokenErrorCode, RejectCategory>> = {
  BASE64URL_INVALID_CHAR: 'base64url',
  BASE64URL_PADDING: 'base64url',
  BASE64URL_LENGTH: 'base64url',
  BASE64URL_NONCANONICAL: 'base64url',
  TOKEN_MALFORMED: 'structure',
  TOKEN_TOO_LARGE: 'size',
  TOKEN_UTF8: 'utf8',
  TOKEN_JSON: 'json',
  TOKEN_DUPLICATE_MEMBER: 'duplicate-member',
  TOKEN_FORBIDDEN_MEMBER: 'forbidden-member',
  ALG_NOT_ALLOWED: 'algorithm',
  KEY_NOT_FOUND: 'signature',
  KEY_ASYNC: 'other',
  KEY_SOURCE_UNAVAILABLE: 'other',
  SIGNATURE_INVALID: 'signature',
  TOKEN_EXPIRED: 'claims',
  TOKEN_NOT_YET_VALID: 'claims',
  CLAIM_INVALID: 'claims',
  CRIT_UNSUPPORTED: 'other',
  CAPABILITY_MISSING: 'claims',
  CONFIG_INVALID: 'other',
};

/**
 * The reject category an adapter gave: a `category` (one of {@link REJECT_CATEGORIES}), or a captoken
 * error `code`, mapped to its category. Undefined when neither is there: the kit cannot tell why.
 * Returns a string starting with "invalid" when `category` is present but not a known category.
 */
export function categoryOf(category: unknown, code: unknown): RejectCategory | undefined | { invalid: string } {
  if (category !== undefined && category !== null) {
    if (typeof category === 'string' && CATEGORY_SET.has(category)) return category as RejectCategory;
    return { invalid: `'category' must be one of ${REJECT_CATEGORIES.join(', ')}; got ${show(category)}` };
  }
  if (typeof code === 'string' && Object.hasOwn(CATEGORY_OF_CODE, code)) return CATEGORY_OF_CODE[code as CaptokenErrorCode];
  return undefined;
}

function show(value: unknown): string {
  try {
    // JSON.stringify returns undefined for undefined, functions and symbols, whatever its declared type says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    const text = jsonStringify(value) ?? String(value);
    return text.length > 80 ? `${text.slice(0, 77)}...` : text;
  } catch {
    return typeof value;
  }
}

const member = (where: string, key: string): string => (/^[A-Z_$][\w$]*$/i.test(key) ? `${where}.${key}` : `${where}[${jsonStringify(key)}]`);

/** What a value is, for a problem message: "a BigInt", "a Date", "an instance of Claims". */
function kindOf(value: unknown): string {
  switch (typeof value) {
    case 'bigint':
      return 'a BigInt';
    case 'undefined':
      return 'undefined';
    case 'function':
      return 'a function';
    case 'symbol':
      return 'a symbol';
    case 'number':
      return String(value);
    default: {
      let name: unknown;
      try {
        name = (getPrototypeOf(value) as { constructor?: { name?: unknown } } | null)?.constructor?.name;
      } catch {
        name = undefined;
      }
      return typeof name === 'string' && name !== '' ? `a ${name}` : 'an exotic object';
    }
  }
}

/**
 * True when `value` is plain JSON data (the common case, checked without building any path):
 * null, booleans, strings (not a non-JSON mark), finite numbers, arrays, and objects with
 * Object.prototype or no prototype, without cycles (`ancestors`: the objects above), at most
 * MAX_DEPTH deep.
 */
function isPlainJson(value: unknown, ancestors: object[]): boolean {
  if (value === null || typeof value === 'boolean') return true;
  if (typeof value === 'string') return value.charCodeAt(0) !== 0 || !value.startsWith(NON_JSON_MARK);
  if (typeof value === 'number') return isFinite(value);
  if (typeof value !== 'object' || ancestors.length >= MAX_DEPTH || ancestors.includes(value)) return false;
  ancestors.push(value);
  try {
    if (isArray(value)) {
      for (let i = 0; i < value.length; i++) if (!isPlainJson(value[i], ancestors)) return false;
      return true;
    }
    const proto: unknown = getPrototypeOf(value);
    if (proto !== objectPrototype && proto !== null) return false;
    const keys = objectKeys(value);
    for (let i = 0; i < keys.length; i++) if (!isPlainJson((value as Record<string, unknown>)[keys[i]!], ancestors)) return false;
    return true;
  } catch {
    return false;
  } finally {
    ancestors.pop();
  }
}

/**
 * The first thing in `value` that JSON cannot carry, as "<path> is a BigInt" (or "... is NaN", "... is
 * a cycle back to <path>", ...), or undefined when `value` is plain JSON data: null, booleans,
 * strings, finite numbers, arrays, and objects with Object.prototype or no prototype.
 */
export function jsonProblem(value: unknown, where: string): string | undefined {
  if (isPlainJson(value, [])) return undefined;
  const ancestors: object[] = [];
  const paths: string[] = [];
  const walk = (v: unknown, path: string): string | undefined => {
    if (v === null || typeof v === 'boolean') return undefined;
    if (typeof v === 'string') return v.startsWith(NON_JSON_MARK) ? `${path} is ${v.slice(NON_JSON_MARK.length)}` : undefined;
    if (typeof v === 'number') return isFinite(v) ? undefined : `${path} is ${String(v)}`;
    if (typeof v !== 'object') return `${path} is ${kindOf(v)}`;
    const seen = ancestors.indexOf(v);
    if (seen !== -1) return `${path} is a cycle back to ${paths[seen]!}`;
    if (ancestors.length >= MAX_DEPTH) return `${path} nests deeper than ${MAX_DEPTH} levels`;
    let keys: string[];
    if (isArray(v)) {
      keys = [];
    } else {
      const proto: unknown = getPrototypeOf(v);
      if (proto !== objectPrototype && proto !== null) return `${path} is ${kindOf(v)}, not a JSON value`;
      keys = objectKeys(v);
    }
    ancestors.push(v);
    paths.push(path);
    try {
      if (isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const p = walk(v[i], `${path}[${i}]`);
          if (p !== undefined) return p;
        }
      } else {
        const o = v as Record<string, unknown>;
        for (const key of keys) {
          const p = walk(o[key], member(path, key));
          if (p !== undefined) return p;
        }
      }
      return undefined;
    } catch (error) {
      return `${path} could not be read (${error instanceof Error ? error.message : 'it threw'})`;
    } finally {
      ancestors.pop();
      paths.pop();
    }
  };
  return walk(value, where);
}

/** A copy of `value` that JSON can carry, each thing it cannot replaced by a description ("[BigInt 12]"). */
function safeCopy(value: unknown, ancestors: object[] = []): unknown {
  if (value === null || typeof value === 'boolean') return value;
  if (typeof value === 'string') return value.startsWith(NON_JSON_MARK) ? `[${value.slice(NON_JSON_MARK.length)}]` : value;
  if (typeof value === 'number') return isFinite(value) ? value : `[${String(value)}]`;
  if (typeof value === 'bigint') return `[BigInt ${value.toString()}]`;
  if (typeof value !== 'object') return `[${kindOf(value)}]`;
  if (ancestors.includes(value)) return '[Circular]';
  if (ancestors.length >= MAX_DEPTH) return '[too deep]';
  try {
    if (isArray(value)) return value.map((v: unknown) => safeCopy(v, [...ancestors, value]));
    const proto: unknown = getPrototypeOf(value);
    if (proto !== objectPrototype && proto !== null) return `[${kindOf(value)}]`;
    const out: Record<string, unknown> = {};
    for (const key of objectKeys(value)) out[key] = safeCopy((value as Record<string, unknown>)[key], [...ancestors, value]);
    return out;
  } catch {
    return '[unreadable]';
  }
}

/**
 * An accepting answer. When `header` or `payload` holds something JSON cannot carry, the answer keeps
 * a safe rendering of both and says what the problem is: the kit reports it as one wrong answer.
 */
export function acceptAnswer(header: unknown, payload: unknown): AdapterAnswer {
  const problem = jsonProblem(header, 'header') ?? jsonProblem(payload, 'payload');
  if (problem === undefined) return { ok: true, header, payload };
  return { ok: true, header: safeCopy(header), payload: safeCopy(payload), problem: `the answer cannot be carried as JSON: ${problem}` };
}

/** A rejecting answer, with the category when the adapter gave one. */
export function rejectAnswer(error: string, category: RejectCategory | undefined): AdapterAnswer {
  return category === undefined ? { ok: false, error } : { ok: false, error, category };
}

/**
 * Checks a protocol answer object (a command adapter's line, a URL adapter's body): `ok: true` with
 * `header` and `payload`, or `ok: false` with an optional `error` (a string), `category` and `code`.
 * Returns the answer, or a description of what is wrong with it (a protocol error).
 */
export function toAnswer(value: unknown): AdapterAnswer | string {
  if (typeof value !== 'object' || value === null || isArray(value)) return 'the answer is not an object';
  const v = value as { ok?: unknown; header?: unknown; payload?: unknown; error?: unknown; category?: unknown; code?: unknown };
  if (v.ok === true) {
    if (!('header' in v) || !('payload' in v)) return "an accepting answer needs 'header' and 'payload'";
    return acceptAnswer(v.header, v.payload);
  }
  if (v.ok === false) {
    const category = categoryOf(v.category, v.code);
    if (typeof category === 'object') return category.invalid;
    const error = typeof v.error === 'string' ? v.error : v.error === undefined ? 'rejected' : show(v.error);
    return rejectAnswer(error, category);
  }
  return "'ok' must be true or false";
}

/**
 * Parses the JSON text of an answer. Bare `NaN`, `Infinity` and `-Infinity` outside strings (which
 * Python's json.dumps writes, and which JSON does not allow) are read as marks that the shape check
 * then reports as a wrong answer, so one such answer fails one case instead of the whole run.
 *
 * @throws {SyntaxError} when the text is not JSON even so.
 */
export function parseAnswerText(text: string): unknown {
  try {
    return jsonParse(text) as unknown;
  } catch (error) {
    const marked = markNonJsonNumbers(text);
    if (marked === text) throw error;
    try {
      return jsonParse(marked) as unknown;
    } catch {
      throw error;
    }
  }
}

function markNonJsonNumbers(text: string): string {
  let out = '';
  let from = 0;
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (inString) {
      if (c === 0x5c) i++; // backslash: skip the escaped character
      else if (c === 0x22) inString = false;
      continue;
    }
    if (c === 0x22) {
      inString = true;
      continue;
    }
    for (const word of ['-Infinity', 'Infinity', 'NaN']) {
      if (text.startsWith(word, i)) {
        out += `${text.slice(from, i)}${jsonStringify(`${NON_JSON_MARK}${word}`)}`;
        i += word.length - 1;
        from = i + 1;
        break;
      }
    }
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The message a thrown value becomes in a rejection answer: `CODE: message` when it has a code. */
export function describeThrown(error: unknown): string {
  if (error instanceof Error || (typeof error === 'object' && error !== null && 'message' in error)) {
    const { code, message } = error as { code?: unknown; message?: unknown };
    const text = typeof message === 'string' ? message : String(message);
    return typeof code === 'string' ? `${code}: ${text}` : text;
  }
  return String(error);
}

/** The rejection answer for a value a module adapter's decode threw: its message and category. */
export function thrownAnswer(error: unknown): AdapterAnswer {
  let category: RejectCategory | undefined;
  if (typeof error === 'object' && error !== null) {
    const { category: c, code } = error as { category?: unknown; code?: unknown };
    const found = categoryOf(c, isCaptokenError(error) || typeof code === 'string' ? code : undefined);
    // A thrown value with an unknown category is still a rejection: the category is simply not known.
    category = typeof found === 'object' ? undefined : found;
  }
  return rejectAnswer(describeThrown(error), category);
}
