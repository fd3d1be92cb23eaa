import { describe, expect, it } from 'vitest';
import { openAdapter } from '../../src/conformance/index.js';
import { isAdapter } from '../../src/conformance/open-adapter.js';
import { fixture, NODE_ADAPTER_COMMAND, NODE_ADAPTER_ENV } from './support.js';

describe('openAdapter', () => {
  it('opens each kind of spec', async () => {
    const fromFunction = await openAdapter({ decode: () => ({ header: {}, payload: {} }), name: 'f' });
    expect(fromFunction.name).toBe('f');
    expect(isAdapter(fromFunction)).toBe(true);
    expect(await fromFunction.decode('t')).toEqual({ ok: true, header: {}, payload: {} });
    const mod = await openAdapter({ module: fixture('echo-module.mjs') }, { timeoutMs: 1000 });
    expect(await mod.decode('t')).toEqual({ ok: true, header: {}, payload: { token: 't' } });
    const cmd = await openAdapter({ command: NODE_ADAPTER_COMMAND, env: NODE_ADAPTER_ENV });
    try {
      expect((await cmd.decode('a.b')).ok).toBe(false);
    } finally {
      await cmd.close();
    }
    const url = await openAdapter({ url: 'http://127.0.0.1:9/decode' });
    expect(url.name).toBe('http://127.0.0.1:9/decode');
  });

  it('a spec that names no adapter, or a bad timeout, is CONFIG_INVALID', async () => {
    await expect(openAdapter({} as never)).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    await expect(openAdapter({ url: 'http://x/' }, { timeoutMs: -1 })).rejects.toMatchObject({ code: 'CONFIG_INVALID' });
    expect(isAdapter({ module: 'x' })).toBe(false);
  });
});
