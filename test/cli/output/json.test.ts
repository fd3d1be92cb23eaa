// --json output: exactly one JSON document on stdout, nothing else.
import { describe, expect, it } from 'vitest';
import { writeJson } from '../../../src/cli/output/json.js';
import { fakeIo } from '../fake-io.js';

describe('writeJson', () => {
  it('writes one document, 2-space indented, with a final newline, on stdout only', () => {
    const io = fakeIo();
    writeJson(io, { ok: true, list: [1, 'a'], nested: { x: null } });
    expect(io.stdout).toEqual(['{\n  "ok": true,\n  "list": [\n    1,\n    "a"\n  ],\n  "nested": {\n    "x": null\n  }\n}\n']);
    expect(io.stderr).toEqual([]);
  });

  it('round-trips through JSON.parse', () => {
    const io = fakeIo();
    const value = { code: 'TOKEN_MALFORMED', offset: 3, text: 'ünïcode "quoted"\n' };
    writeJson(io, value);
    expect(JSON.parse(io.stdout.join(''))).toEqual(value);
  });
});
