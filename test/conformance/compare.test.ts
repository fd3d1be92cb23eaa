import { describe, expect, it } from 'vitest';
import { jsonDifference } from '../../src/conformance/index.js';

describe('jsonDifference', () => {
  it('is undefined for deep-equal values, whatever the member order; 0 equals -0', () => {
    expect(jsonDifference({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBeUndefined();
    expect(jsonDifference({ n: 0 }, { n: -0 })).toBeUndefined();
  });

  it('names the path and the first differing code point of a string', () => {
    expect(jsonDifference({ name: 'Renée' }, { name: 'RenÃ©e' }, 'payload')).toBe(
      'payload.name: expected "Renée" but got "RenÃ©e" (first difference at index 3: U+00E9 "é" expected, U+00C3 "Ã" found)',
    );
  });

  it('escapes invisible characters in what it shows', () => {
    expect(jsonDifference({ s: 'a\u00a0b' }, { s: 'a b' }, 'p')).toBe('p.s: expected "a\\u00a0b" but got "a b" (first difference at index 1: U+00A0 "\\u00a0" expected, U+0020 " " found)');
  });

  it('reports missing and unexpected members, array lengths and types', () => {
    expect(jsonDifference({ a: 1 }, {}, 'h')).toBe('h.a: missing (expected 1)');
    expect(jsonDifference({}, { 'x-y': 1 }, 'h')).toBe('h["x-y"]: unexpected member (got 1)');
    expect(jsonDifference([1, 2], [1], 'v')).toBe('v: expected an array of 2 but got 1 elements');
    expect(jsonDifference({ a: [1, 2] }, { a: [1, '2'] }, 'p')).toBe('p.a[1]: expected 2 but got "2"');
    expect(jsonDifference({}, [], 'p')).toBe('p: expected {} but got []');
  });
});
