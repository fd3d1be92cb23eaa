// Deterministic shards: every case key in exactly one shard, for a given seed.
import { describe, expect, it } from 'vitest';
import { inShard } from '../../src/conformance/index.js';

describe('inShard', () => {
  it('puts every key in exactly one shard, and spreads keys evenly', () => {
    const counts = [0, 0, 0, 0];
    for (let i = 0; i < 4000; i++) {
      const owners = [1, 2, 3, 4].filter((index) => inShard({ index, count: 4 }, 7, `valid#${i}`));
      expect(owners).toHaveLength(1);
      counts[owners[0]! - 1]!++;
    }
    for (const c of counts) expect(c).toBeGreaterThan(850);
  });
});
