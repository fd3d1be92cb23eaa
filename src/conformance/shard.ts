// Sharding a run across CI jobs: every case (vector, generated case, corpus line) belongs to exactly
// one of n shards, decided by the seed and the case's key alone, so the same seed splits a run the
// same way on every machine, and the shards together judge exactly the cases of one unsharded run.
import { configError } from '../errors.js';
import type { Suite } from './cases.js';

/** Shard `index` (1-based) of `count`. */
export interface Shard {
  index: number;
  count: number;
}

/**
 * Reads `i/n` (1 <= i <= n).
 *
 * @throws {CaptokenError} `CONFIG_INVALID` for anything else.
 *
 * @example
 * parseShard('2/4') // { index: 2, count: 4 }
 */
export function parseShard(text: string): Shard {
  const m = /^(\d{1,6})\/(\d{1,6})$/.exec(text.trim());
  const index = m === null ? NaN : Number(m[1]);
  const count = m === null ? NaN : Number(m[2]);
  if (!(count >= 1 && index >= 1 && index <= count)) throw configError(`shard must be i/n with 1 <= i <= n, got ${JSON.stringify(text)}`);
  return { index, count };
}

/** FNV-1a over the seed and the key: cheap, stable across platforms and Node versions. */
function hash(seed: number, key: string): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  // Final avalanche: consecutive indices spread evenly over the shards.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b) >>> 0;
  h ^= h >>> 13;
  return h >>> 0;
}

/**
 * Whether the case with this key is in the shard.
 *
 * @example
 * inShard({ index: 1, count: 4 }, 20261121, 'tcId:17') // true or false, the same on every machine
 *
 * @throws never
 */
export function inShard(shard: Shard, seed: number, key: string): boolean {
  return shard.count === 1 || hash(seed, key) % shard.count === shard.index - 1;
}

/**
 * The engine's `select` for a shard: a suite's case by suite name and index.
 *
 * @example
 * runConformance(adapter, { seed, select: shardSelect(parseShard('1/4'), seed) })
 *
 * @throws never
 */
export function shardSelect(shard: Shard, seed: number): (suite: Suite, index: number) => boolean {
  return (suite, index) => inShard(shard, seed, `${suite.name}#${index}`);
}
