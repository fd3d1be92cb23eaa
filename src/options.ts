// The one options reader: how captoken reads an options object and its values, for the verifier, the
// minters and the conformance kit. Layered just above errors.ts (it imports nothing else), so every
// layer may use it.
//
// The rules, once:
// - options are read once, when a verifier, minter or run is built, never on a token;
// - every fault is CaptokenError `CONFIG_INVALID` (errors.ts `configError`);
// - one message style: `'<name>' must be <expectation>`, where `<name>` is the option's path as the
//   caller wrote it (`'ttl'`, `'voice.endpointId'`, `'cache.max'`); an unknown option is
//   `unknown <what> option '<name>' (known: a, b, c)`;
// - a message names the option and never echoes its value: a value may be a secret;
// - `undefined` means "not given": every reader returns `undefined` for it (or the `fallback` it was
//   given), and `required` turns that into a fault where an option must be present.
import { configError, type CaptokenError } from './errors.js';

/** `'<name>' must be <expectation>`: the CONFIG_INVALID of one option. */
export function optionError(name: string, expectation: string): CaptokenError {
  return configError(`'${name}' must be ${expectation}`);
}

/**
 * The options object as a null-prototype record of its own enumerable members, each checked against
 * `known`. CONFIG_INVALID for a non-object (arrays and functions included) or an unknown name.
 * `what` names the thing being configured in messages (`'verifier'`, `'mintAccessToken'`).
 *
 * @example
 * const o = readOptions(options, ['key', 'algorithms'], 'verifier');
 * const key = o['key'];
 */
export function readOptions(options: unknown, known: Iterable<string>, what: string): Record<string, unknown> {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) throw configError(`${what} options must be an object`);
  const allowed = known instanceof Set ? (known as ReadonlySet<string>) : new Set(known);
  const out = Object.create(null) as Record<string, unknown>;
  for (const name of Object.keys(options)) {
    if (!allowed.has(name)) throw configError(`unknown ${what} option '${name}' (known: ${[...allowed].join(', ')})`);
    out[name] = (options as Record<string, unknown>)[name];
  }
  return out;
}

/** `value`, or CONFIG_INVALID `'<name>' is required: <expectation>` when it is undefined. */
export function required<T>(value: T | undefined, name: string, expectation: string): T {
  if (value === undefined) throw configError(`'${name}' is required: ${expectation}`);
  return value;
}

/** True for a plain object: `{}` or `Object.create(null)`, not an array, a Date, a class instance. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

export interface StringRule {
  /** An empty string is refused. */
  nonEmpty?: boolean;
  /** A lone surrogate is refused (the string must encode to UTF-8 as it reads). */
  wellFormed?: boolean;
  /** The string must match; `expectation` then says what it should look like. */
  pattern?: RegExp;
  expectation?: string;
}

const LONE_SURROGATE = /\p{Cs}/u;

/**
 * A string option. The default expectation is "a string" / "a non-empty string".
 *
 * @example
 * readString(o['subject'], 'subject', { nonEmpty: true }); // string | undefined
 */
export function readString(value: unknown, name: string, rule: StringRule = {}): string | undefined {
  if (value === undefined) return undefined;
  const expectation = rule.expectation ?? (rule.nonEmpty === true ? 'a non-empty string' : 'a string');
  if (typeof value !== 'string') throw optionError(name, expectation);
  if (rule.nonEmpty === true && value.length === 0) throw optionError(name, expectation);
  if (rule.pattern !== undefined && !rule.pattern.test(value)) throw optionError(name, expectation);
  if (rule.wellFormed === true && LONE_SURROGATE.test(value)) throw optionError(name, 'well-formed Unicode (it has a lone surrogate)');
  return value;
}

/** A non-empty string, or a non-empty array of non-empty strings, as a set (`issuer`, `audience`). */
export function readStrings(value: unknown, name: string): ReadonlySet<string> | undefined {
  if (value === undefined) return undefined;
  const list = typeof value === 'string' ? [value] : value;
  if (!Array.isArray(list) || list.length === 0 || !list.every((s) => typeof s === 'string' && s.length > 0)) {
    throw optionError(name, 'a non-empty string or a non-empty array of non-empty strings');
  }
  return new Set(list as string[]);
}

/** An array of non-empty strings (possibly empty), as given (`requiredClaims`). */
export function readStringList(value: unknown, name: string): string[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value) || !value.every((s) => typeof s === 'string' && s.length > 0)) throw optionError(name, 'an array of non-empty strings');
  return [...(value as string[])];
}

export interface NumberRule {
  /** Whole numbers only (safe integers). */
  integer?: boolean;
  /** Smallest accepted value (inclusive). */
  min?: number;
  /** The value must be greater than this (exclusive lower bound): `above: 0` is "positive". */
  above?: number;
  /** Largest accepted value (inclusive); a value over it gets its own message naming the limit. */
  max?: number;
  /** What the number counts, for the message: `'seconds'`, `'milliseconds'`. */
  unit?: string;
}

function describeNumber(rule: NumberRule): string {
  const sign = rule.above === 0 ? 'positive ' : rule.min === 0 ? 'non-negative ' : '';
  const kind = rule.integer === true ? 'whole number' : 'number';
  const unit = rule.unit === undefined ? '' : ` of ${rule.unit}`;
  const bounds: string[] = [];
  if (rule.min !== undefined && rule.min !== 0) bounds.push(`at least ${rule.min}`);
  if (rule.above !== undefined && rule.above !== 0) bounds.push(`over ${rule.above}`);
  return `a ${sign}${kind}${unit}${bounds.length > 0 ? ` (${bounds.join(', ')})` : ''}`;
}

/**
 * A finite number under `rule` (NaN and ±Infinity are always refused).
 *
 * @example
 * readNumber(o['ttl'], 'ttl', { integer: true, above: 0, max: 86_400, unit: 'seconds' }) ?? 3600;
 */
export function readNumber(value: unknown, name: string, rule: NumberRule = {}): number | undefined {
  if (value === undefined) return undefined;
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (rule.integer !== true || Number.isSafeInteger(value)) &&
    (rule.min === undefined || value >= rule.min) &&
    (rule.above === undefined || value > rule.above);
  if (!ok) throw optionError(name, describeNumber(rule));
  if (rule.max !== undefined && value > rule.max) {
    throw optionError(name, `at most ${rule.max}${rule.unit === undefined ? '' : ` ${rule.unit}`}`);
  }
  return value;
}

export function readBoolean(value: unknown, name: string): boolean | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'boolean') throw optionError(name, 'a boolean');
  return value;
}

/** One of `choices` (compared with ===). */
export function readChoice<T extends string>(value: unknown, name: string, choices: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || !(choices as readonly string[]).includes(value)) {
    throw optionError(name, `one of ${choices.map((c) => `'${c}'`).join(', ')}`);
  }
  return value as T;
}

/** A function. Only its type is checked: the caller states the signature it expects. */
export function readFunction(value: unknown, name: string): ((...args: never[]) => unknown) | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'function') throw optionError(name, 'a function');
  return value as (...args: never[]) => unknown;
}

/** A plain object whose members are checked against `known` (a nested options object: `cache`, `voice`). */
export function readNested(value: unknown, name: string, known: Iterable<string>): Record<string, unknown> | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw optionError(name, 'an object');
  return readOptions(value, known, name);
}

/**
 * The one clock rule. A clock (`now`) is a function returning milliseconds since the epoch; every
 * reading must be a finite, non-negative number, else CONFIG_INVALID. A clock that returned NaN
 * would make every time comparison false, so no token would ever expire: it fails closed instead.
 */
export function clockReading(ms: unknown, name = 'now'): number {
  if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0) {
    throw configError(`'${name}' must return a finite, non-negative number of milliseconds since the epoch`);
  }
  return ms;
}

/**
 * A clock option: the function given (each reading checked by {@link clockReading}), or `Date.now`.
 *
 * @example
 * const now = readClock(o['now']); // () => ms
 */
export function readClock(value: unknown, name = 'now'): () => number {
  if (value === undefined) return Date.now;
  if (typeof value !== 'function') throw optionError(name, 'a function returning milliseconds since the epoch');
  const clock = value as () => unknown;
  return () => clockReading(clock(), name);
}
