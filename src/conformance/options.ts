// The options of a conformance run, checked once: every mistake is a CaptokenError CONFIG_INVALID.
import { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PAYLOAD_BYTES } from '../arbitraries/tokenParts.js';
import { REGISTERED_JWS_ALGORITHMS } from '../arbitraries/registered.js';
import { configError } from '../errors.js';
import type { JwsAlgorithm } from '../verify/algorithms.js';
import { CHECK_CLASSES, checkClass, LEVELS, levelWithin, type CheckClassId, type Level } from './classes.js';
import { loadVectors, type VectorFile } from './vector-file.js';

/**
 * What a run checks. `accept`: valid tokens decode exactly (the gate). `rfc`: also every rejection an
 * RFC requires. `hardened`: also captoken's own policies (advisory unless `failOn: 'hardened'`).
 */
export type Profile = 'accept' | 'rfc' | 'hardened';

/** A profile as callers may name it: `strict` is the deprecated name of `hardened` (for one release). */
export type ProfileName = Profile | 'strict';

/** The profiles, in order. */
export const PROFILES: readonly Profile[] = Object.freeze(['accept', 'rfc', 'hardened'] as const);

export const DEFAULT_RUNS = 1000;

export interface ConformanceOptions {
  /** Default `accept`. `strict` still works, as a deprecated alias of `hardened`. */
  profile?: ProfileName;
  /**
   * The most lenient level whose failures fail the run. Default: the profile's level, but `rfc` for
   * `hardened` (captoken's policies are advisory unless asked for).
   */
  failOn?: Level;
  /** Fault classes whose failures are reported but never fail the run (an explicit waiver). */
  allow?: readonly string[];
  /** The adapter reads the signature segment (decodes or verifies it): its syntax is then checked at `rfc` level. */
  verifies?: boolean;
  /** The `alg` values of generated tokens (registered JWS algorithms). Default: all. Vectors with another `alg` are skipped. */
  algorithms?: readonly JwsAlgorithm[];
  /** Largest generated header, in bytes of JSON. Default 511 (under 512). */
  maxHeaderBytes?: number;
  /** Largest generated payload, in bytes of JSON. Default 8191 (under 8 KiB). */
  maxPayloadBytes?: number;
  /**
   * Generated valid tokens, default 1000. Each is checked as encoded and re-spelled with ASCII-only
   * JSON (two properties, 2 x runs cases); `rfc` and `hardened` add `runs` invalid tokens split over
   * their fault classes.
   */
  runs?: number;
  /** fast-check seed of every property. Default: random, and reported. */
  seed?: number;
  /** Per-case timeout of adapters the runner opens from an {@link AdapterSpec}. An adapter passed in keeps its own. */
  timeoutMs?: number;
  /** Called after each answered case of the main pass (not for shrinking). */
  onProgress?: (done: number, total: number) => void;
  /** Vectors to run instead of the committed file. */
  vectors?: VectorFile;
}

/** The options with every default filled in and every value checked. */
export interface ResolvedOptions {
  profile: Profile;
  failOn: Level;
  allow: ReadonlySet<CheckClassId>;
  verifies: boolean;
  algorithms: readonly JwsAlgorithm[];
  maxHeaderBytes: number;
  maxPayloadBytes: number;
  runs: number;
  seed: number;
  timeoutMs: number | undefined;
  onProgress: ((done: number, total: number) => void) | undefined;
  vectors: VectorFile;
  /** Notes for the report: deprecations and the like. */
  notes: string[];
}

function positiveInteger(name: string, value: unknown, min: number): number {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min) throw configError(`${name} must be an integer of at least ${min}, got ${String(value)}`);
  return value;
}

/**
 * Checks run options once and fills in the defaults.
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for an unknown profile or level, an unknown or
 * unwaivable class in `allow`, an unregistered algorithm, bad sizes, runs, seed or timeout.
 */
export function resolveOptions(options: ConformanceOptions): ResolvedOptions {
  // Checked at run time too: JavaScript callers and the CLI pass strings.
  const notes: string[] = [];
  const requested = (options.profile as string | undefined) ?? 'accept';
  let profile: Profile;
  if (requested === 'strict') {
    profile = 'hardened';
    notes.push("profile 'strict' is deprecated: it is now 'hardened' (captoken's policies on top of the RFCs, advisory unless failOn is 'hardened'); 'strict' goes away in the next release");
  } else if ((PROFILES as readonly string[]).includes(requested)) {
    profile = requested as Profile;
  } else {
    throw configError(`profile must be one of ${PROFILES.join(', ')}, got ${requested}`);
  }
  const failOn = (options.failOn as string | undefined) ?? (profile === 'accept' ? 'accept' : 'rfc');
  if (!(LEVELS as readonly string[]).includes(failOn)) throw configError(`failOn must be one of ${LEVELS.join(', ')}, got ${failOn}`);
  if (!levelWithin(failOn as Level, profile)) throw configError(`failOn '${failOn}' needs profile '${failOn}': profile '${profile}' does not run those checks`);

  const allow = new Set<CheckClassId>();
  for (const id of options.allow ?? []) {
    const cls = checkClass(id);
    if (cls === undefined) throw configError(`allow: unknown class ${JSON.stringify(id)}; the classes are ${CHECK_CLASSES.filter((c) => c.level !== 'accept').map((c) => c.id).join(', ')}`);
    if (cls.level === 'accept') throw configError(`allow: class '${id}' cannot be waived: valid tokens must always decode`);
    allow.add(cls.id);
  }

  const algorithms = options.algorithms ?? REGISTERED_JWS_ALGORITHMS;
  if (algorithms.length === 0) throw configError('algorithms must name at least one algorithm');
  for (const alg of algorithms) {
    if (!REGISTERED_JWS_ALGORITHMS.includes(alg)) throw configError(`algorithms: ${JSON.stringify(alg)} is not a registered JWS algorithm (${REGISTERED_JWS_ALGORITHMS.join(', ')}; never none)`);
  }
  const maxHeaderBytes = options.maxHeaderBytes === undefined ? DEFAULT_MAX_HEADER_BYTES : positiveInteger('maxHeaderBytes', options.maxHeaderBytes, 128);
  const maxPayloadBytes = options.maxPayloadBytes === undefined ? DEFAULT_MAX_PAYLOAD_BYTES : positiveInteger('maxPayloadBytes', options.maxPayloadBytes, 256);
  const runs = options.runs === undefined ? DEFAULT_RUNS : positiveInteger('runs', options.runs, 0);
  const seed = options.seed ?? (Math.random() * 0x7fffffff) | 0;
  if (!Number.isSafeInteger(seed)) throw configError(`seed must be an integer, got ${String(seed)}`);
  const timeoutMs = options.timeoutMs;
  if (timeoutMs !== undefined && (typeof timeoutMs !== 'number' || !Number.isFinite(timeoutMs) || timeoutMs <= 0)) {
    throw configError(`timeoutMs must be a positive number, got ${String(timeoutMs)}`);
  }
  if (options.onProgress !== undefined && typeof options.onProgress !== 'function') throw configError('onProgress must be a function');
  return {
    profile,
    failOn: failOn as Level,
    allow,
    verifies: options.verifies === true,
    algorithms: [...algorithms],
    maxHeaderBytes,
    maxPayloadBytes,
    runs,
    seed: seed | 0,
    timeoutMs,
    onProgress: options.onProgress,
    vectors: options.vectors ?? loadVectors(),
    notes,
  };
}
