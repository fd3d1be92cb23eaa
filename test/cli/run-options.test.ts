import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/exit-codes.js';
import { reportTarget, runOptions, runSeed } from '../../src/cli/run-options.js';

describe('run options', () => {
  it('reportTarget: --out picks the format by its extension; --reporter picks the default file; a contradiction is a usage error', () => {
    const cwd = '/work';
    expect(reportTarget({}, cwd, 'captoken-check')).toEqual({ reporter: 'text', file: path.resolve(cwd, 'reports/captoken-check.txt'), shown: path.join('reports', 'captoken-check.txt') });
    expect(reportTarget({ reporter: 'junit' }, cwd, 'x')).toMatchObject({ reporter: 'junit', shown: path.join('reports', 'x.xml') });
    expect(reportTarget({ out: 'ci/r.XML' }, cwd, 'x')).toMatchObject({ reporter: 'junit', file: path.resolve(cwd, 'ci/r.XML') });
    expect(reportTarget({ out: 'r.json' }, cwd, 'x').reporter).toBe('json');
    expect(reportTarget({ out: 'r.log' }, cwd, 'x').reporter).toBe('text');
    expect(reportTarget({ out: 'r.log', reporter: 'junit' }, cwd, 'x').reporter).toBe('junit');
    expect(() => reportTarget({ out: 'r.xml', reporter: 'text' }, cwd, 'x')).toThrow(UsageError);
    expect(() => reportTarget({ out: 'r.txt', reporter: 'json' }, cwd, 'x')).toThrow(/is a \.txt file but --reporter is json/);
  });

  it('runOptions passes the flags through; the kit checks them', () => {
    expect(runOptions({ profile: 'rfc', failOn: 'rfc', allow: ['json-bom'], verifies: true, alg: ['ES256'], maxHeaderBytes: 300, maxPayloadBytes: 4000, runs: 10 }, 5)).toEqual({
      seed: 5,
      profile: 'rfc',
      failOn: 'rfc',
      allow: ['json-bom'],
      verifies: true,
      algorithms: ['ES256'],
      maxHeaderBytes: 300,
      maxPayloadBytes: 4000,
      runs: 10,
    });
    expect(runOptions({}, 1)).toEqual({ seed: 1 });
    expect(runSeed({ seed: 42 })).toBe(42);
    expect(Number.isSafeInteger(runSeed({}))).toBe(true);
  });
});
