import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { ADAPTER_KINDS, addAdapterOptions, checkAdapterFlags, hasAdapter } from '../../src/cli/adapters.js';
import { UsageError } from '../../src/cli/exit-codes.js';

describe('adapter flags', () => {
  it('every kind of ADAPTER_KINDS is a --<role>-<flag> option of a command', () => {
    const cmd = addAdapterOptions(new Command('x'), 'candidate', 'the parser');
    const flags = cmd.options.map((o) => o.long);
    // And once per command, --browser-global for every browser adapter of it.
    expect(flags).toEqual([...ADAPTER_KINDS.map((k) => `--candidate-${k.flag}`), '--browser-global']);
    expect(ADAPTER_KINDS.map((k) => k.flag)).toEqual(['cmd', 'module', 'url', 'browser']);
  });

  it('exactly one per role', () => {
    expect(hasAdapter({ candidateCmd: 'x' }, 'candidate')).toBe(true);
    expect(hasAdapter({ candidateCmd: 'x' }, 'baseline')).toBe(false);
    expect(() => { checkAdapterFlags({}, 'adapter'); }).toThrow(/give the parser under test with one of --adapter-cmd, --adapter-module, --adapter-url or --adapter-browser/);
    expect(() => { checkAdapterFlags({ baselineCmd: 'a', baselineUrl: 'b' }, 'baseline'); }).toThrow(/give only one of .*; got --baseline-cmd and --baseline-url/);
    expect(() => { checkAdapterFlags({ adapterModule: 'm.mjs' }, 'adapter'); }).not.toThrow();
  });

  it('each kind turns its value into a spec, refusing what cannot work', () => {
    const spec = (flag: string, value: string) => ADAPTER_KINDS.find((k) => k.flag === flag)!.spec(value, { role: 'adapter', cwd: '/w', browserGlobal: undefined });
    expect(spec('cmd', 'python3 a.py')).toEqual({ command: 'python3 a.py', cwd: '/w' });
    expect(spec('module', 'a.mjs')).toEqual({ module: 'a.mjs' });
    expect(spec('url', 'http://127.0.0.1:1/d')).toEqual({ url: 'http://127.0.0.1:1/d' });
    expect(spec('browser', 'sdk.js')).toEqual({ browser: '/w/sdk.js', name: 'sdk.js' });
    expect(() => spec('browser', ' ')).toThrow(UsageError);
    expect(() => spec('cmd', '  ')).toThrow(UsageError);
    expect(() => spec('url', 'ftp://x')).toThrow(/http\(s\) URL/);
  });
});
