import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AdapterError, createCommandAdapter, runConformance } from '../../src/conformance/index.js';
import { fixture, NODE_ADAPTER_COMMAND, NODE_ADAPTER_ENV, PYTHON_ADAPTER_COMMAND, SEED } from './support.js';

const node = (file: string): string => `node ${JSON.stringify(fixture(file))}`;
const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.e30.c2ln';

async function adapterError(promise: Promise<unknown>): Promise<AdapterError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AdapterError);
  return error as AdapterError;
}

describe('createCommandAdapter: the example adapters', () => {
  it.each([
    ['Node.js (captoken)', NODE_ADAPTER_COMMAND, NODE_ADAPTER_ENV],
    ['Python 3 (standard library)', PYTHON_ADAPTER_COMMAND, process.env],
  ])('%s passes every profile over JSON lines (hardened failing on hardened too)', async (_name, command, env) => {
    const adapter = createCommandAdapter(command, { env, timeoutMs: 20_000 });
    try {
      for (const profile of ['accept', 'rfc', 'hardened'] as const) {
        const report = await runConformance(adapter, { profile, seed: SEED, failOn: profile });
        expect(report.failures).toEqual([]);
        expect(report.passed).toBe(true);
      }
    } finally {
      await adapter.close();
    }
  });
});

describe('createCommandAdapter: protocol', () => {
  it('pipelines requests and matches answers by id, in any order', async () => {
    const adapter = createCommandAdapter(node('reverse-order.mjs'));
    try {
      const tokens = Array.from({ length: 300 }, (_, i) => `token-${i}`);
      const answers = await Promise.all(tokens.map((t) => adapter.decode(t)));
      answers.forEach((a, i) => { expect(a).toEqual({ ok: true, header: {}, payload: { token: tokens[i] } }); });
    } finally {
      await adapter.close();
    }
  });

  it('carries any token intact through the JSON lines (newlines, NUL, lone surrogates, U+2028, astral)', async () => {
    const adapter = createCommandAdapter(node('echo.mjs'));
    try {
      const tokens = fc.sample(fc.string({ unit: fc.oneof(fc.constantFrom('\n', '\r', '\u0000', '\u2028', '"', '\\', '\ud800', '\udfff', '😀'), fc.string({ unit: 'binary', minLength: 1, maxLength: 1 })), maxLength: 40 }), { seed: SEED, numRuns: 400 });
      const answers = await Promise.all(tokens.map((t) => adapter.decode(t)));
      answers.forEach((a, i) => { expect(a).toEqual({ ok: true, header: {}, payload: { token: tokens[i] } }); });
    } finally {
      await adapter.close();
    }
  });

  it('keeps at most maxInFlight requests unanswered, and still answers all', async () => {
    const adapter = createCommandAdapter(node('reverse-order.mjs'), { maxInFlight: 7 });
    try {
      const answers = await Promise.all(Array.from({ length: 50 }, (_, i) => adapter.decode(`t${i}`)));
      expect(answers.map((a) => (a.ok ? (a.payload as { token: string }).token : ''))).toEqual(Array.from({ length: 50 }, (_, i) => `t${i}`));
    } finally {
      await adapter.close();
    }
  });

  it('reports a crash with the exit status and the last stderr lines', async () => {
    const adapter = createCommandAdapter(node('crash-after-one.mjs'));
    expect(await adapter.decode(TOKEN)).toEqual({ ok: false, error: 'first' });
    const error = await adapterError(adapter.decode(TOKEN));
    expect(error.kind).toBe('crash');
    expect(error.message).toMatch(/exit code 3/);
    expect(error.stderrTail).toEqual(['fatal: segfault in decoder', 'backtrace line 1']);
    // Once failed, the adapter fails fast.
    expect((await adapterError(adapter.decode(TOKEN))).kind).toBe('crash');
    await adapter.close();
  });

  it('reports a hang as a timeout, naming the token, and stops the subprocess', async () => {
    // 2 s, not less: the clock runs from the write, and a fresh `node` on a loaded 2-core machine can
    // take most of a second to start and print its stderr line.
    const adapter = createCommandAdapter(node('hang.mjs'), { timeoutMs: 2000 });
    const started = Date.now();
    const error = await adapterError(adapter.decode(TOKEN));
    expect(error.kind).toBe('timeout');
    expect(error.token).toBe(TOKEN);
    expect(Date.now() - started).toBeGreaterThanOrEqual(2000);
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(error.stderrTail).toEqual(['hang: started']);
    await adapter.close();
  });

  it('a conformance run against a hanging adapter rejects with the timeout', async () => {
    const adapter = createCommandAdapter(node('hang.mjs'), { timeoutMs: 1000 });
    const error = await adapterError(runConformance(adapter, { seed: SEED }));
    expect(error.kind).toBe('timeout');
    await adapter.close();
  });

  it('reports a line that is not JSON as a protocol error, quoting it', async () => {
    const adapter = createCommandAdapter(node('garbage.mjs'));
    const error = await adapterError(adapter.decode(TOKEN));
    expect(error.kind).toBe('protocol');
    expect(error.message).toContain('"decoding token..."');
    await adapter.close();
  });

  it('reports an answer for an id never sent', async () => {
    const adapter = createCommandAdapter(node('wrong-id.mjs'));
    const error = await adapterError(adapter.decode(TOKEN));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/"x0", which is not a pending request/);
    await adapter.close();
  });

  it('reports an accepting answer without a payload', async () => {
    const adapter = createCommandAdapter(node('missing-fields.mjs'));
    const error = await adapterError(adapter.decode(TOKEN));
    expect(error.kind).toBe('protocol');
    expect(error.message).toMatch(/header' and 'payload/);
    expect(error.token).toBe(TOKEN);
    await adapter.close();
  });

  it('an answer holding NaN (Python json.dumps) is one wrong answer, not a broken protocol; categories are read', async () => {
    const adapter = createCommandAdapter(`python3 ${JSON.stringify(fixture('nan-echo.py'))}`);
    try {
      const answer = await adapter.decode('nan');
      expect(answer).toMatchObject({ ok: true, problem: expect.stringMatching(/payload\.n is NaN/) as string, payload: { n: '[NaN]', s: 'NaN in a string stays' } });
      expect(await adapter.decode('reject')).toEqual({ ok: false, error: 'bad base64', category: 'base64url' });
      // The adapter keeps working after such an answer.
      expect(await adapter.decode('x')).toEqual({ ok: true, header: {}, payload: {} });
      const error = await adapterError(adapter.decode('bad-category'));
      expect(error.kind).toBe('protocol');
      expect(error.message).toMatch(/'category' must be one of structure, size, base64url/);
    } finally {
      await adapter.close();
    }
  });

  it('reports a command that cannot start', async () => {
    const adapter = createCommandAdapter('this-command-does-not-exist-4242');
    const error = await adapterError(adapter.decode(TOKEN));
    expect(error.kind).toBe('crash');
    expect(error.stderrTail.join('\n')).toMatch(/not found/);
    await adapter.close();
  });
});
