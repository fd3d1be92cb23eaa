// The example adapters as a partner would run them from the repository after `npm run build`:
// `captoken` resolves through the package's self-reference to dist/. Skipped when dist/ is not built.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandAdapter, createModuleAdapter, runConformance } from '../../src/conformance/index.js';
import { example, ROOT, SEED } from './support.js';

const built = existsSync(path.join(ROOT, 'dist/index.js'));

describe.skipIf(!built)('example adapters against the built package (self-reference)', () => {
  it('examples/adapters/captoken-module.mjs passes strict', async () => {
    const adapter = await createModuleAdapter(example('adapters/captoken-module.mjs'));
    const report = await runConformance(adapter, { profile: 'strict', seed: SEED, runs: 200 });
    expect(report.failures).toEqual([]);
  });

  it('examples/adapters/captoken-node.mjs passes strict without CAPTOKEN_MODULE', async () => {
    const env = { ...process.env };
    delete env['CAPTOKEN_MODULE'];
    const adapter = createCommandAdapter(`node ${JSON.stringify(example('adapters/captoken-node.mjs'))}`, { cwd: ROOT, env });
    try {
      const report = await runConformance(adapter, { profile: 'strict', seed: SEED, runs: 200 });
      expect(report.failures).toEqual([]);
    } finally {
      await adapter.close();
    }
  });
});
