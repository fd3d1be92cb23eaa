// An SDK team's own test suite running captoken's conformance kit on its token parser, through the
// public `captoken/conformance` API. Copy this file next to your tests; replace `decode` with your
// parser (return { header, payload } for a token it accepts, throw for one it rejects).
//   npx vitest run parser.conformance.test.mjs
import { describe, expect, it } from 'vitest';
import { formatText, runConformance } from 'captoken/conformance';
import { decode } from './my-parser.mjs';

// A fixed seed: the same tokens on every run, so a failure replays. Change it to explore.
const SEED = 20261121;
const parser = { decode, name: 'my-parser' };

describe('token parser conformance (captoken)', () => {
  it('accepts every valid token and decodes it exactly: the deploy gate', async () => {
    const report = await runConformance(parser, { seed: SEED });
    // On failure, the message is the kit's summary: the verdict, the cause and a minimal token.
    expect(report.passed, formatText(report)).toBe(true);
  });

  it('rejects what the RFCs require to be rejected', async () => {
    const report = await runConformance(parser, { profile: 'rfc', seed: SEED });
    const failing = report.classes.filter((c) => c.status === 'fail').map((c) => `${c.id} (${c.requirement})`);
    expect(failing, formatText(report)).toEqual([]);
  });

  it("knows where it differs from captoken's own policies (advisory: pinned, not required)", async () => {
    const report = await runConformance(parser, { profile: 'hardened', seed: SEED, runs: 300 });
    const findings = report.classes.filter((c) => c.level === 'hardened' && c.failed > 0).map((c) => c.id);
    expect(findings).toEqual([]);
  });
});
