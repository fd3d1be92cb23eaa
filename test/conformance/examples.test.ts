// The example adapters as a partner would run them from the repository after `npm run build`:
// `captoken` resolves through the package's self-reference to dist/. Skipped when dist/ is not built.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCommandAdapter, createModuleAdapter, runConformance } from '../../src/conformance/index.js';
import { example, ROOT, SEED } from './support.js';

const built = existsSync(path.join(ROOT, 'dist/index.js'));

describe.skipIf(!built)('example adapters against the built package (self-reference)', () => {
  it('examples/adapters/captoken-module.mjs passes hardened, failing on hardened', async () => {
    const adapter = await createModuleAdapter(example('adapters/captoken-module.mjs'));
    const report = await runConformance(adapter, { profile: 'hardened', failOn: 'hardened', seed: SEED, runs: 200 });
    expect(report.failures).toEqual([]);
  });

  it('examples/vitest: an SDK suite calls the kit through the public captoken/conformance subpath, and passes', () => {
    const run = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'examples/vitest/vitest.config.mjs'], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0' } });
    expect(run.status, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/Tests +3 passed \(3\)/);
  }, 180_000);

  it('examples/adapters/captoken-node.mjs passes hardened without CAPTOKEN_MODULE', async () => {
    const env = { ...process.env };
    delete env['CAPTOKEN_MODULE'];
    const adapter = createCommandAdapter(`node ${JSON.stringify(example('adapters/captoken-node.mjs'))}`, { cwd: ROOT, env });
    try {
      const report = await runConformance(adapter, { profile: 'hardened', failOn: 'hardened', seed: SEED, runs: 200 });
      expect(report.failures).toEqual([]);
    } finally {
      await adapter.close();
    }
  });
});
