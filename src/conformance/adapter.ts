// The contract between the conformance kit and the parser under test, whatever its language.

const jsonStringify = JSON.stringify;

/** What an adapter answers for one token: accepted with the decoded header and payload, or rejected. */
export type AdapterAnswer = { ok: true; header: unknown; payload: unknown } | { ok: false; error: string };

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
 * `token` is the token in flight when the fault was seen, if one is known.
 */
export class AdapterError extends Error {
  override readonly name = 'AdapterError';
  readonly kind: AdapterErrorKind;
  readonly stderrTail: string[];
  readonly token?: string;

  constructor(kind: AdapterErrorKind, message: string, details?: { stderrTail?: readonly string[]; token?: string | undefined }) {
    super(message);
    this.kind = kind;
    this.stderrTail = details?.stderrTail === undefined ? [] : [...details.stderrTail];
    if (details?.token !== undefined) this.token = details.token;
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

/**
 * Checks an accepting answer's shape: `header` and `payload` must be present. Returns the answer, or
 * a description of what is wrong with it.
 */
export function toAnswer(value: unknown): AdapterAnswer | string {
  if (typeof value !== 'object' || value === null) return 'the answer is not an object';
  const v = value as { ok?: unknown; header?: unknown; payload?: unknown; error?: unknown };
  if (v.ok === true) {
    if (!('header' in v) || !('payload' in v)) return "an accepting answer needs 'header' and 'payload'";
    return { ok: true, header: v.header, payload: v.payload };
  }
  if (v.ok === false) {
    return { ok: false, error: typeof v.error === 'string' ? v.error : v.error === undefined ? 'rejected' : safeStringify(v.error) };
  }
  return "'ok' must be true or false";
}

function safeStringify(value: unknown): string {
  try {
    // JSON.stringify returns undefined for undefined, functions and symbols, whatever its declared type says.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition
    return jsonStringify(value) ?? String(value);
  } catch {
    return String(value);
  }
}

/** Validates a timeout option once, at construction. */
export function checkTimeout(timeoutMs: number | undefined): number {
  if (timeoutMs === undefined) return DEFAULT_TIMEOUT_MS;
  if (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0) {
    throw new TypeError(`timeoutMs must be a positive number, got ${String(timeoutMs)}`);
  }
  return timeoutMs;
}
