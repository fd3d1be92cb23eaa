// The options of a conformance run, checked once: every mistake is a CaptokenError CONFIG_INVALID.
import { DEFAULT_MAX_HEADER_BYTES, DEFAULT_MAX_PAYLOAD_BYTES } from '../arbitraries/tokenParts.js';
import { REGISTERED_JWS_ALGORITHMS } from '../arbitraries/registered.js';
import { configError } from '../errors.js';
import { optionError, readBoolean, readChoice, readFunction, readNumber, readOptions, readStringList } from '../options.js';
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

/** Every member of {@link ConformanceOptions}: a misspelt option is CONFIG_INVALID, not silently ignored. */
export const CONFORMANCE_OPTION_NAMES: readonly string[] = Object.freeze([
  'profile', 'failOn', 'allow', 'verifies', 'algorithms', 'maxHeaderBytes', 'maxPayloadBytes', 'runs', 'seed', 'timeoutMs', 'onProgress', 'vectors',
]);

const STRICT_NOTE =
  "profile 'strict' is deprecated: it is now 'hardened' (captoken's policies on top of the RFCs, advisory unless failOn is 'hardened'); 'strict' goes away in the next release";

/**
 * Checks run options once, through the library's one options reader (`src/options.ts`), and fills in
 * the defaults. `extra` names the members a caller's own options add (runCheck's `corpus`, `shard`...).
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for an unknown option, profile or level, an unknown or
 * unwaivable class in `allow`, an unregistered algorithm, bad sizes, runs, seed or timeout.
 */
export function resolveOptions(options: ConformanceOptions, extra: readonly string[] = []): ResolvedOptions {
  // Checked at run time too: JavaScript callers and the CLI pass strings.
  const o = readOptions(options, [...CONFORMANCE_OPTION_NAMES, ...extra], 'conformance');
  const notes: string[] = [];
  const requested = readChoice(o['profile'], 'profile', [...PROFILES, 'strict'] as const) ?? 'accept';
  const profile: Profile = requested === 'strict' ? 'hardened' : requested;
  if (requested === 'strict') notes.push(STRICT_NOTE);
  const failOn = readChoice(o['failOn'], 'failOn', LEVELS) ?? (profile === 'accept' ? 'accept' : 'rfc');
  if (!levelWithin(failOn, profile)) throw optionError('failOn', `within the profile: failOn '${failOn}' needs profile '${failOn}' (profile '${profile}' does not run those checks)`);

  const allow = new Set<CheckClassId>();
  for (const id of readStringList(o['allow'], 'allow') ?? []) {
    const cls = checkClass(id);
    if (cls === undefined) throw configError(`'allow': unknown class ${JSON.stringify(id)}; the classes are ${CHECK_CLASSES.filter((c) => c.level !== 'accept').map((c) => c.id).join(', ')}`);
    if (cls.level === 'accept') throw configError(`'allow': class '${id}' cannot be waived: valid tokens must always decode`);
    allow.add(cls.id);
  }

  const algorithms = o['algorithms'] ?? REGISTERED_JWS_ALGORITHMS;
  if (!Array.isArray(algorithms) || algorithms.length === 0) throw optionError('algorithms', 'a non-empty array of registered JWS algorithms (at least one)');
  for (const alg of algorithms as unknown[]) {
    if (!REGISTERED_JWS_ALGORITHMS.includes(alg as JwsAlgorithm)) {
      throw configError(`'algorithms': ${typeof alg === 'string' ? JSON.stringify(alg) : typeof alg} is not a registered JWS algorithm (${REGISTERED_JWS_ALGORITHMS.join(', ')}; never none)`);
    }
  }
  const maxHeaderBytes = readNumber(o['maxHeaderBytes'], 'maxHeaderBytes', { integer: true, min: 128, unit: 'bytes' }) ?? DEFAULT_MAX_HEADER_BYTES;
  const maxPayloadBytes = readNumber(o['maxPayloadBytes'], 'maxPayloadBytes', { integer: true, min: 256, unit: 'bytes' }) ?? DEFAULT_MAX_PAYLOAD_BYTES;
  const runs = readNumber(o['runs'], 'runs', { integer: true, min: 0 }) ?? DEFAULT_RUNS;
  const seed = readNumber(o['seed'], 'seed', { integer: true }) ?? (Math.random() * 0x7fffffff) | 0;
  const timeoutMs = readNumber(o['timeoutMs'], 'timeoutMs', { above: 0, unit: 'milliseconds' });
  const onProgress = readFunction(o['onProgress'], 'onProgress') as ResolvedOptions['onProgress'];
  const verifies = readBoolean(o['verifies'], 'verifies') ?? false;
  return {
    profile,
    failOn,
    allow,
    verifies,
    algorithms: [...(algorithms as JwsAlgorithm[])],
    maxHeaderBytes,
    maxPayloadBytes,
    runs,
    seed: seed | 0,
    timeoutMs,
    onProgress,
    vectors: (o['vectors'] as VectorFile | undefined) ?? loadVectors(),
    notes,
  };
}
