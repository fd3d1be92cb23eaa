import { describe, expect, it } from 'vitest';
import { AdapterError, adapterFromFunction, createModuleAdapter } from '../../src/conformance/index.js';
import { fixture } from './support.js';

describe('createModuleAdapter', () => {
  it('wraps an async decode: a value accepts, a throw rejects with its code', async () => {
    const adapter = await createModuleAdapter(fixture('async-decode.mjs'));
    expect(await adapter.decode('x')).toEqual({ ok: true, header: { alg: 'none' }, payload: { token: 'x' } });
    expect(await adapter.decode('reject-me')).toEqual({ ok: false, error: 'E_NOPE: no thanks' });
  });

  it('times out a decode that never settles', async () => {
    const adapter = await createModuleAdapter(fixture('async-decode.mjs'), { timeoutMs: 100 });
    const error = await adapter.decode('hang').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AdapterError);
    expect((error as AdapterError).kind).toBe('timeout');
  });

  it('treats a value without header and payload as a protocol error', async () => {
    const adapter = await createModuleAdapter(fixture('async-decode.mjs'));
    const error = await adapter.decode('bad-shape').catch((e: unknown) => e);
    expect((error as AdapterError).kind).toBe('protocol');
  });

  it('loads TypeScript through tsx', async () => {
    const adapter = await createModuleAdapter(fixture('typed-adapter.ts'));
    expect(await adapter.decode('eyJhbGciOiJIUzI1NiJ9.e30.c2ln')).toEqual({ ok: true, header: { alg: 'HS256' }, payload: {} });
  });

  it('refuses a module without decode, and a missing file', async () => {
    await expect(createModuleAdapter(fixture('no-decode.mjs'))).rejects.toMatchObject({ kind: 'protocol' });
    await expect(createModuleAdapter(fixture('missing.mjs'))).rejects.toMatchObject({ kind: 'crash' });
  });

  it('keeps answers JSON cannot carry as data: the answer is wrong, with the reason and a safe rendering', async () => {
    const adapter = await createModuleAdapter(fixture('unrepresentable.mjs'));
    const cases: Array<[string, RegExp]> = [
      ['bigint', /payload\.n is a BigInt/],
      ['nan', /header\.alg is NaN/],
      ['cycle', /payload\.a\[1\] is a cycle back to payload/],
      ['date', /payload\.iat is a Date, not a JSON value/],
      ['instance', /payload is a Claims, not a JSON value/],
    ];
    for (const [token, reason] of cases) {
      const answer = await adapter.decode(token);
      expect(answer.ok, token).toBe(true);
      if (!answer.ok) continue;
      expect(answer.problem, token).toMatch(reason);
      // What remains is plain JSON: every reporter can write it.
      expect(() => JSON.stringify(answer)).not.toThrow();
    }
    const bigint = await adapter.decode('bigint');
    expect(bigint).toMatchObject({ payload: { n: '[BigInt 12]' } });
    expect(await adapter.decode('fine')).toEqual({ ok: true, header: {}, payload: {} });
  });

  it("a thrown error's category or captoken code says why it rejected", async () => {
    const adapter = await createModuleAdapter(fixture('unrepresentable.mjs'));
    expect(await adapter.decode('category')).toEqual({ ok: false, error: 'bad padding', category: 'base64url' });
    expect(await adapter.decode('captoken-code')).toEqual({ ok: false, error: 'TOKEN_UTF8: no', category: 'utf8' });
  });

  it('adapterFromFunction: sync throw of a non-Error still rejects', async () => {
    const adapter = adapterFromFunction('f', () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a parser may throw a non-Error; the adapter must cope
      throw 'plain string';
    });
    expect(await adapter.decode('t')).toEqual({ ok: false, error: 'plain string' });
  });
});
