import { describe, expect, it } from 'vitest';
import { adapterFromFunction, CHECK_CLASSES, createModuleAdapter, isAdapterError, loadVectors, runConformance, type ConformanceReport } from '../../src/conformance/index.js';
import { captokenAdapter, example, fixture, SEED } from './support.js';

const vectorTests = loadVectors().testGroups.flatMap((g) => g.tests);
const validVectors = vectorTests.filter((t) => t.result === 'valid').length;
const failing = (r: ConformanceReport): string[] => r.classes.filter((c) => c.failed > 0).map((c) => c.id);

describe('runConformance', () => {
  it.each(['accept', 'rfc', 'hardened'] as const)("captoken's own parser passes profile %s (in process), every class with cases", async (profile) => {
    let progress = 0;
    let lastTotal = 0;
    const report = await runConformance(captokenAdapter(), {
      profile,
      failOn: profile,
      seed: SEED,
      onProgress: (done, total) => {
        progress = done;
        lastTotal = total;
      },
    });
    expect(report.failures).toEqual([]);
    expect(report.passed).toBe(true);
    expect(report.kind).toBe('conformance');
    expect(report.schema).toBe('captoken-report/2');
    const run = report.classes.filter((c) => c.status !== 'not-run');
    expect(run.every((c) => c.status === 'pass' && c.cases > 0)).toBe(true);
    const levels = profile === 'accept' ? ['accept'] : profile === 'rfc' ? ['accept', 'rfc'] : ['accept', 'rfc', 'hardened'];
    expect(run.map((c) => c.id)).toEqual(CHECK_CLASSES.filter((c) => levels.includes(c.level)).map((c) => c.id));
    if (profile === 'accept') expect(report.vectors.total).toBe(validVectors);
    // 1000 valid tokens in two spellings; rfc and hardened add 1000 invalid ones over their classes.
    const generated = report.properties.reduce((n, p) => n + p.numRuns, 0);
    expect(generated).toBe(2000 + (profile === 'accept' ? 0 : 1000));
    expect(progress).toBe(lastTotal);
    expect(lastTotal).toBe(report.vectors.total + generated);
    // Every adapter call is counted: cases, plus the twins of correctly rejected invalid cases.
    expect(report.cases).toBeGreaterThanOrEqual(lastTotal);
    expect(report.seed).toBe(SEED);
  });

  it("profile 'strict' runs as 'hardened', with a deprecation note", async () => {
    const report = await runConformance(captokenAdapter(), { profile: 'strict', seed: SEED, runs: 30 });
    expect(report.profile).toBe('hardened');
    expect(report.notes.join('\n')).toMatch(/'strict' is deprecated.*'hardened'/);
  });

  it('opens an adapter from a spec, with the run timeout, and closes it', async () => {
    const report = await runConformance({ module: fixture('typed-adapter.ts') }, { profile: 'rfc', seed: SEED, runs: 100, timeoutMs: 3000 });
    expect(report.passed).toBe(true);
    expect(report.adapter).toContain('typed-adapter.ts');
  });

  it('timeoutMs with an opened adapter is a configuration error (the adapter has its own)', async () => {
    await expect(runConformance(captokenAdapter(), { timeoutMs: 100 })).rejects.toMatchObject({ code: 'CONFIG_INVALID', message: expect.stringMatching(/timeoutMs/) as string });
  });

  it('is deterministic for a seed: the same failures, paths and shrunk tokens', async () => {
    const adapter = await createModuleAdapter(example('regressed/replace-first.mjs'));
    const a = await runConformance(adapter, { seed: 99, runs: 300 });
    const b = await runConformance(adapter, { seed: 99, runs: 300 });
    const strip = (r: typeof a) => r.failures.map(({ id, token, path }) => ({ id, token, path }));
    expect(strip(a)).toEqual(strip(b));
    expect(a.diagnosis).toEqual(b.diagnosis);
  });

  it('keeps every failure when everything fails (no cap); the diagnosis says every valid token fails', async () => {
    const report = await runConformance(
      adapterFromFunction('rejects all', () => {
        throw new Error('no');
      }),
      { seed: SEED, profile: 'rfc', runs: 50 },
    );
    // Every vector fails: the valid ones are rejected, the invalid ones' twins too.
    expect(report.vectors.failed).toBe(report.vectors.total);
    const valid = report.properties.filter((p) => p.level === 'accept');
    for (const p of valid) {
      expect(p.failedRuns).toBe(p.numRuns);
      const entries = report.failures.filter((f) => f.kind === 'property' && f.id === p.name);
      const [shrunk, ...drawn] = entries;
      expect(shrunk!.shrunk).toBe(true);
      expect(shrunk!.path).toBe(p.path);
      expect(drawn.every((f) => f.numShrinks === 0 && f.shrunk === false && f.comment.includes('as drawn'))).toBe(true);
      const paths = drawn.map((f) => Number(f.path));
      expect(new Set(paths).size).toBe(paths.length);
      expect(drawn.length).toBeGreaterThanOrEqual(p.numRuns - 1);
    }
    // An adapter that rejects everything does not pass the rfc classes either: its rejections do not
    // count, because the same tokens without the fault are rejected too.
    const rfc = report.classes.filter((c) => c.level === 'rfc');
    expect(rfc.every((c) => c.status === 'fail')).toBe(true);
    const twin = report.failures.find((f) => f.level === 'rfc' && f.kind === 'property')!;
    expect(twin.difference).toMatch(/the same token without the fault is rejected too/);
    expect(twin.twinAnswer).toEqual({ ok: false, error: 'no' });
    expect(report.diagnosis[0]!.cause).toMatch(/every valid token fails/);
  });

  it('counts a rejection only when its category fits the fault', async () => {
    // Rejects '+'-tokens... for a JSON reason. Valid tokens decode.
    const parse = captokenAdapter();
    const adapter = adapterFromFunction('wrong reasons', async (token) => {
      const answer = await parse.decode(token);
      if (answer.ok) return { header: answer.header, payload: answer.payload };
      throw Object.assign(new Error('bad JSON'), { category: 'json' });
    });
    const report = await runConformance(adapter, { seed: SEED, profile: 'rfc', runs: 200 });
    expect(failing(report)).toContain('char-plus');
    expect(failing(report)).not.toContain('not-json');
    const f = report.failures.find((x) => x.class === 'char-plus')!;
    expect(f.difference).toMatch(/rejected for an unrelated reason: category 'json', while the fault calls for 'base64url' or 'structure'/);
  });

  it('reports a decoded value that differs with the path of the difference', async () => {
    const adapter = adapterFromFunction('drops a claim', (token) => {
      const [h, p] = token.split('.') as [string, string];
      const payload = JSON.parse(Buffer.from(p, 'base64url').toString('utf8')) as Record<string, unknown>;
      delete payload['sub'];
      return { header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as unknown, payload };
    });
    const report = await runConformance(adapter, { seed: SEED, runs: 20 });
    const f = report.failures.find((x) => x.kind === 'vector');
    expect(f?.difference).toBe('payload.sub: missing (expected "alice")');
  });

  it('an answer JSON cannot carry fails its case, and the reports still write', async () => {
    const adapter = adapterFromFunction('bigint', (token) => {
      const [h] = token.split('.') as [string];
      return { header: JSON.parse(Buffer.from(h, 'base64url').toString('utf8')) as unknown, payload: { n: 1n } };
    });
    const report = await runConformance(adapter, { seed: SEED, runs: 20 });
    expect(report.passed).toBe(false);
    expect(report.failures[0]!.difference).toMatch(/cannot be carried as JSON: payload\.n is a BigInt/);
    expect(() => JSON.stringify(report)).not.toThrow();
  });

  it('stops with the AdapterError when the adapter misbehaves', async () => {
    const adapter = adapterFromFunction('returns nothing', () => undefined);
    const error = await runConformance(adapter, { seed: SEED, runs: 10 }).catch((e: unknown) => e);
    expect(isAdapterError(error)).toBe(true);
    expect((error as { kind: string }).kind).toBe('protocol');
  });

  it('validates its options: CONFIG_INVALID', async () => {
    const bad: Array<Record<string, unknown>> = [{ profile: 'lax' }, { runs: -1 }, { failOn: 'hardened', profile: 'rfc' }, { allow: ['valid'] }, { allow: ['nope'] }, { algorithms: ['none'] }, { maxHeaderBytes: 10 }];
    for (const options of bad) {
      await expect(runConformance(captokenAdapter(), options), JSON.stringify(options)).rejects.toMatchObject({ name: 'CaptokenError', code: 'CONFIG_INVALID' });
    }
  });

  it('--alg narrows the generated algorithms and skips the vectors with another alg', async () => {
    const seen = new Set<string>();
    const parse = captokenAdapter();
    const adapter = adapterFromFunction('records alg', async (token) => {
      const answer = await parse.decode(token);
      if (!answer.ok) throw new Error(answer.error);
      seen.add((answer.header as { alg: string }).alg);
      return { header: answer.header, payload: answer.payload };
    });
    const report = await runConformance(adapter, { seed: SEED, runs: 200, algorithms: ['RS256', 'EdDSA'] });
    expect(report.passed).toBe(true);
    expect([...seen].sort()).toEqual(['EdDSA', 'RS256']);
    expect(report.vectors.total).toBe(0);
    expect(report.vectors.skipped).toBe(validVectors);
    expect(report.notes.join()).toMatch(/vectors skipped/);
    expect(report.settings.algorithms).toEqual(['RS256', 'EdDSA']);
  });
});
