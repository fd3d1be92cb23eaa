// The contract between the conformance kit and the parser under test, whatever its language.
import { readNumber } from '../options.js';

/**
 * Why an adapter rejected a token, when it says so (protocol v2, optional): the stage of parsing
 * that refused it. The kit counts a rejection of an invalid token as right only when the category is
 * compatible with the fault the token carries; a rejection without a category (or `other`) counts.
 */
export type RejectCategory =
  | 'structure'
  | 'size'
  | 'base64url'
  | 'utf8'
  | 'json'
  | 'duplicate-member'
  | 'forbidden-member'
  | 'signature'
  | 'algorithm'
  | 'claims'
  | 'other';

/** Every reject category, in a stable order (the adapter protocol lists them). */
export const REJECT_CATEGORIES: readonly RejectCategory[] = Object.freeze([
  'structure',
  'size',
  'base64url',
  'utf8',
  'json',
  'duplicate-member',
  'forbidden-member',
  'signature',
  'algorithm',
  'claims',
  'other',
] as const);

/**
 * What an adapter answers for one token:
 * - accepted, with the decoded header and payload; `problem` is set when the parser returned
 *   something JSON cannot carry (a BigInt, NaN, a cycle, a Date, ...): the values are then a safe
 *   rendering of it, and the kit counts the answer as wrong, with `problem` as the reason;
 * - rejected, with the parser's message and, when the adapter gives one, the reject category.
 */
export type AdapterAnswer =
  | { ok: true; header: unknown; payload: unknown; problem?: string }
  | { ok: false; error: string; category?: RejectCategory };

/**
 * A parser under test. `decode` must resolve for every token (a rejection is `{ ok: false }`) and
 * reject only with an {@link AdapterError}, when the adapter itself misbehaved.
 */
export interface Adapter {
  readonly name: string;
  decode(token: string): Promise<AdapterAnswer>;
  close(): Promise<void>;
}

/** How an adapter misbehaved: it died, it did not answer in time, it broke the protocol, or its server failed. */
export type AdapterErrorKind = 'crash' | 'timeout' | 'protocol' | 'http';

/**
 * The adapter misbehaved (as opposed to answering wrongly): a conformance run stops with this error,
 * and the CLI exits with code 2. `stderrTail` holds the adapter's last stderr lines when it has any;
 * `token` is the token in flight when the fault was seen, if one is known; `status` is the HTTP
 * status of a URL adapter's answer, when there was one.
 */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly kind: AdapterErrorKind;
  readonly stderrTail: string[];
  // `declare`: absent details stay absent (`'status' in error` is false), not own `undefined`s.
  declare readonly token?: string;
  declare readonly status?: number;

  constructor(kind: AdapterErrorKind, message: string, details?: { stderrTail?: readonly string[]; token?: string | undefined; status?: number | undefined }) {
    super(message);
    this.kind = kind;
    this.stderrTail = details?.stderrTail === undefined ? [] : [...details.stderrTail];
    const self = this as { token?: string; status?: number };
    if (details?.token !== undefined) self.token = details.token;
    if (details?.status !== undefined) self.status = details.status;
  }
}

/**
 * True when `value` is an {@link AdapterError} (also across duplicate package copies).
 *
 * @example
 * try { await runConformance(adapter); } catch (e) { if (isAdapterError(e)) process.exitCode = 2; }
 *
 * @throws never
 */
export function isAdapterError(value: unknown): value is AdapterError {
  return value instanceof AdapterError || (value instanceof Error && value.name === 'AdapterError' && typeof (value as { kind?: unknown }).kind === 'string');
}

/** Default per-case timeout of every adapter, in milliseconds. */
export const DEFAULT_TIMEOUT_MS = 5000;

/** Validates a timeout option once, at construction: a `CONFIG_INVALID` CaptokenError otherwise. */
export function checkTimeout(timeoutMs: number | undefined): number {
  return readNumber(timeoutMs, 'timeoutMs', { above: 0, unit: 'milliseconds' }) ?? DEFAULT_TIMEOUT_MS;
}
