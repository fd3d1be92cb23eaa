// Runtime half of the closed-union test: the exported list is exactly the documented codes, in the
// documented order, without duplicates, and frozen.
import { describe, expect, it } from 'vitest';
import { CAPTOKEN_ERROR_CODES } from '../../src/index.js';
import { DOCUMENTED_CODES } from './codes.js';

describe('CAPTOKEN_ERROR_CODES', () => {
  it('lists exactly the documented codes, in order', () => {
    expect([...CAPTOKEN_ERROR_CODES]).toEqual([...DOCUMENTED_CODES]);
    expect(new Set(CAPTOKEN_ERROR_CODES).size).toBe(CAPTOKEN_ERROR_CODES.length);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(CAPTOKEN_ERROR_CODES)).toBe(true);
  });
});
