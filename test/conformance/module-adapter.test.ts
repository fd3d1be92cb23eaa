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

  it('adapterFromFunction: sync throw of a non-Error still rejects', async () => {
    const adapter = adapterFromFunction('f', () => {
      // eslint-disable-next-line @typescript-eslint/only-throw-error -- a parser may throw a non-Error; the adapter must cope
      throw 'plain string';
    });
    expect(await adapter.decode('t')).toEqual({ ok: false, error: 'plain string' });
  });
});
