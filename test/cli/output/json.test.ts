// --json output: exactly one JSON document on stdout, nothing else.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatJson, MAX_INDENT_DEPTH, writeJson } from '../../../src/cli/output/json.js';
import { CaptokenError } from '../../../src/errors.js';
import { fcParams } from '../../support/fc.js';
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

describe('formatJson', () => {
  it('is JSON.stringify(value, null, indent) for JSON values (property, pinned seed)', () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 8 }), fc.constantFrom(0, 2, 4), (value, indent) => {
        expect(formatJson(value, indent)).toBe(JSON.stringify(value, null, indent));
      }),
      fcParams(),
    );
  });

  it('honours toJSON and skips undefined members, as JSON.stringify does', () => {
    const error = new CaptokenError('TOKEN_JSON', 'm', { offset: 1 });
    expect(formatJson({ error, gone: undefined })).toBe(JSON.stringify({ error, gone: undefined }, null, 2));
  });

  it('finding 9: prints 100,000 nested arrays without overflowing the stack; past 32 levels it writes one line', () => {
    const depth = 100_000;
    const deep: unknown = JSON.parse(`{"a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(() => JSON.stringify(deep, null, 2)).toThrow(RangeError);
    const text = formatJson(deep);
    expect(text.length).toBeLessThan(2 * depth + 5000);
    expect(text.split('\n').length).toBeLessThanOrEqual(2 * MAX_INDENT_DEPTH + 3);
    // Valid JSON with the same shape (compared level by level: a recursive equality would overflow).
    let value: unknown = (JSON.parse(text) as { a: unknown }).a;
    let levels = 0;
    while (Array.isArray(value) && value.length > 0) {
      levels++;
      value = value[0];
    }
    expect(levels + 1).toBe(depth);
  });
});
