import { describe, expect, it } from 'vitest';
import { createPaint, PLAIN } from '../../src/conformance/paint.js';

describe('paint', () => {
  it('colours with SGR codes when enabled, and leaves text alone otherwise', () => {
    expect(createPaint(true).red('x')).toBe('\u001b[31mx\u001b[39m');
    expect(createPaint(true).bold('x')).toBe('\u001b[1mx\u001b[22m');
    expect(PLAIN.red('x')).toBe('x');
    expect(PLAIN.enabled).toBe(false);
  });
});
