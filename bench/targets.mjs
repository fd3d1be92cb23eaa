/**
 * bench/targets.mjs — what `npm run bench` measures and what it must reach: the targets of issue 8 §3
 * and a few comparisons for information. One list, read by run.mjs (what to run), report.mjs (what to
 * print) and the harness test.
 *
 * A *comparison* is one pair, captoken (A) against one peer (B), measured in its own fresh processes.
 *   id        stable name, quoted by the report and the README
 *   suite     decode | parse | verify | throughput (selected with --only)
 *   case      a case of bench/cases.mjs; captoken and `peer` are two of its candidates
 *   metric    'slowdown': time(captoken) / time(peer) must be <= required
 *             'speedup':  time(peer) / time(captoken) must be >= required (throughput: ops/s ratio)
 *   required  the target, or null for a comparison shown for information
 *   quick     also run under --quick (every target is; information-only comparisons are not)
 *
 * The allocation and conformance suites report figures that are not pairs of times; their targets
 * (ALLOC_TARGETS, CONFORMANCE_TARGETS) say which figure they read.
 */
import { ALGORITHMS } from './inputs.mjs';

export const SUITES = ['decode', 'parse', 'verify', 'throughput', 'alloc', 'conformance'];

const decode = [
  ['decode-86', 'owned copy', 1.1, '`decodeBase64url`, 86 characters, vs `new Uint8Array(Buffer.from(s, "base64url"))`'],
  ['decode-300', 'owned copy', 1.1, '`decodeBase64url`, 300 characters, vs `new Uint8Array(Buffer.from(s, "base64url"))`'],
  ['decode-4k', 'Buffer.from', 1.1, '`decodeBase64url`, 4 KiB, vs `Buffer.from(s, "base64url")`'],
  ['decode-1mib', 'Buffer.from', 1.4, '`decodeBase64url`, 1 MiB, vs `Buffer.from(s, "base64url")`'],
  ['decode-300', 'Buffer.from', null, '`decodeBase64url`, 300 characters, vs `Buffer.from` (a pooled slice: not the same kind of result)'],
  ['decode-300', 'jose', null, '`decodeBase64url`, 300 characters, vs jose `base64url.decode`'],
].map(([kase, peer, required, what]) => ({ suite: 'decode', case: kase, peer, metric: 'slowdown', required, what }));

const parse = [
  { peer: 'fast-jwt complete', metric: 'speedup', required: 1.15, what: '`parseToken` vs fast-jwt `createDecoder({ complete: true })`' },
  { peer: 'jose header+payload', metric: 'speedup', required: 2, what: '`parseToken` vs jose `decodeProtectedHeader` + `decodeJwt`' },
  { peer: 'floor', metric: 'slowdown', required: null, what: '`parseToken` vs the floor (split, `Buffer.from`, `JSON.parse` ×2)' },
  { peer: 'jose decodeJwt', metric: 'speedup', required: null, what: '`parseToken` vs jose `decodeJwt` alone (payload only)' },
].map((c) => ({ suite: 'parse', case: 'parse', ...c }));

const verify = [
  { case: 'verify-HS256', peer: 'fast-jwt', metric: 'speedup', required: 1.8, what: 'HS256 `verifySync`, no cache, vs fast-jwt (no cache, same secret)' },
  { case: 'verify-HS256', peer: 'floor', metric: 'slowdown', required: 1.35, what: 'HS256 `verifySync` vs the one-shot HMAC floor' },
  { case: 'verify-HS256-async', peer: 'jose', metric: 'speedup', required: 8, what: 'HS256 `verify` (async) vs jose `jwtVerify` (async)' },
  ...ALGORITHMS.filter((alg) => alg !== 'HS256').flatMap((alg) => [
    { case: `verify-${alg}`, peer: 'floor', metric: 'slowdown', required: 1.03, what: `${alg} \`verifySync\` vs the \`crypto.verify\` floor (prepared KeyObject)` },
    { case: `verify-${alg}`, peer: 'fast-jwt', metric: 'speedup', required: 1.0, what: `${alg} \`verifySync\` vs fast-jwt (never slower)` },
  ]),
].map((c) => ({ suite: 'verify', ...c }));

const throughput = [
  { suite: 'throughput', case: 'verify-HS256', peer: 'fast-jwt', metric: 'speedup', required: 1.8, what: 'HS256 `verifySync` throughput with 2 worker threads vs fast-jwt (ops/s ratio)' },
];

export const COMPARISONS = [...decode, ...parse, ...verify, ...throughput].map((c) => ({
  ...c,
  id: `${c.suite === 'throughput' ? 'throughput-HS256' : c.case}/${c.peer.replace(/\s+/g, '-')}`,
  quick: c.required !== null,
}));

/** Allocation of HS256 verifySync, captoken and fast-jwt each in fresh processes (bench/alloc.mjs). */
export const ALLOC_CANDIDATES = ['captoken', 'fast-jwt'];
export const ALLOC_TARGETS = [
  { id: 'alloc/arraybuffer-bytes', figure: 'arrayBufferBytesPerOp', of: 'captoken', metric: 'at-most', required: 0, unit: 'B/op', what: 'HS256 `verifySync` allocates no ArrayBuffer per call (ArrayBuffer bytes per op)' },
  { id: 'alloc/heap-bytes', figure: 'heapBytesPerOp', of: 'captoken/fast-jwt', metric: 'slowdown', required: 1.0, what: 'HS256 `verifySync` heap bytes per op, no more than fast-jwt (captoken / fast-jwt)' },
  { id: 'alloc/gc-pause', figure: 'gcPauseNsPerOp', of: 'captoken/fast-jwt', metric: 'slowdown', required: null, what: 'GC pause time per op (captoken / fast-jwt)' },
];

/** Conformance kit throughput through the built CLI (bench/conformance.mjs). Absolute: machine-dependent. */
export const CONFORMANCE_TARGETS = [
  { id: 'conformance/module', adapter: 'module', profile: 'accept', metric: 'at-least', required: 10000, unit: 'cases/s', what: 'conformance kit in process (module adapter), cases/s' },
  { id: 'conformance/node-subprocess', adapter: 'node', profile: 'accept', metric: 'at-least', required: 2000, unit: 'cases/s', what: 'conformance kit through a subprocess (Node command adapter), cases/s' },
  { id: 'conformance/python-subprocess', adapter: 'python', profile: 'accept', metric: 'at-least', required: 2000, unit: 'cases/s', what: 'conformance kit through a subprocess (Python command adapter), cases/s' },
];
