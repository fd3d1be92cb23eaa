import { describe, expect, it } from 'vitest';
import { CoverageCollector } from '../../src/conformance/coverage.js';
import { tokenFacts } from '../../src/conformance/features.js';

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

describe('CoverageCollector', () => {
  it('has one cell per segment x char x position x mod (54), and counts cases and failures in each', () => {
    const c = new CoverageCollector();
    expect(c.result().cells).toHaveLength(54);
    expect(c.result().lengths).toHaveLength(9);
    const t = `${b64('{"alg":"HS256"}')}.${b64('{"n":"é"}')}.-A`;
    c.add(tokenFacts(t)!, true);
    c.add(tokenFacts(`${b64('{"alg":"HS256"}')}.e30.AA`)!, false);
    const r = c.result();
    expect(r.validCases).toBe(2);
    expect(r.cells.find((x) => x.segment === 'signature' && x.char === '-' && x.position === 'first' && x.mod === 2)).toMatchObject({ cases: 1, failed: 1 });
    expect(r.cells.filter((x) => x.cases > 0)).toHaveLength(1);
    expect(r.lengths.find((x) => x.segment === 'header' && x.mod === 0)).toMatchObject({ cases: 2, failed: 1 });
    expect(r.nonAscii).toEqual({ cases: 1, failed: 1 });
  });
});
