// Replaying a corpus of captured tokens: verdicts against captoken's, outcomes against a baseline,
// synthetic reproductions, and the rule that a corpus token (or its signature segment) never
// reaches any output: reports in every format, adapter messages, adapter errors.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusRun } from '../../src/conformance/corpus.js';
import { faultKey } from '../../src/conformance/corpus-repro.js';
import {
  createCommandAdapter,
  createModuleAdapter,
  createUrlAdapter,
  fingerprint,
  formatJson,
  formatJunit,
  formatText,
  isAdapterError,
  runCheck,
  type Adapter,
  type CheckReport,
} from '../../src/conformance/index.js';
import { resolveOptions } from '../../src/conformance/options.js';
import { corpusFile, corpusTokens, type CorpusToken } from './corpus-tokens.js';
import { captokenAdapter, example, fixture } from './support.js';

const SEED = 20261121;

/** Every rendering of a report. */
const outputs = (r: CheckReport): Record<string, string> => ({
  summary: formatText(r),
  full: formatText(r, { detail: 'full' }),
  json: formatJson(r),
  junit: formatJunit(r),
});

/** What a corpus run of `file` against `adapter` stops with (undefined: it finished); the adapter is closed. */
async function corpusRunError(adapter: Adapter, file: string): Promise<unknown> {
  try {
    await corpusRun(adapter, undefined, resolveOptions({ seed: SEED }), { files: [file] });
    return undefined;
  } catch (e) {
    return e;
  } finally {
    await adapter.close();
  }
}

function expectNoSecret(text: string, tokens: readonly CorpusToken[], where: string): void {
  for (const t of tokens) {
    expect(text.includes(t.token), `${where} holds a corpus token`).toBe(false);
    expect(text.includes(t.signature), `${where} holds a signature segment`).toBe(false);
  }
}

describe('corpus replay', () => {
  it('never prints a corpus token or its signature segment, even when the adapter echoes its input in its errors', async () => {
    const tokens = corpusTokens(200, 7);
    const file = corpusFile(tokens.map((t) => t.token));
    const report = await runCheck(await createModuleAdapter(fixture('echo-error.mjs')), undefined, { seed: SEED, runs: 20, corpus: { files: [file] } });
    const c = report.corpus!;
    expect(c.tokens).toBe(200);
    expect(c.skipped).toBe(2);
    // The adapter rejects every token with a '-': those are failures of valid tokens, and the gate fails.
    const withDash = tokens.filter((t) => t.token.includes('-')).length;
    expect(c.outcomes.failures).toBe(withDash);
    expect(report.passed).toBe(false);
    const f = c.findings[0]!;
    expect(f.candidate.ok).toBe(false);
    expect(!f.candidate.ok && f.candidate.error).toContain('[redacted');
    expect(f.fingerprint).toBe(fingerprint(tokens.find((t) => t.token.includes('-'))!.token));
    for (const [name, text] of Object.entries(outputs(report))) expectNoSecret(text, tokens, name);
  });

  it('scrubs an adapter error raised on a corpus token: its message and stderr never carry the token', async () => {
    const tokens = corpusTokens(20, 3, 'live-');
    const file = corpusFile(tokens.map((t) => t.token));
    const error = await corpusRunError(createCommandAdapter(`node ${JSON.stringify(fixture('echo-crash.mjs'))}`), file);
    expect(isAdapterError(error)).toBe(true);
    const e = error as Error & { stderrTail: string[]; token?: string };
    expect(e.token).toBeUndefined();
    const text = `${e.message}\n${e.stderrTail.join('\n')}`;
    expect(text).toContain('[redacted');
    expectNoSecret(text, tokens, 'the adapter error');
  });

  it('scrubs an HTTP adapter that echoes the token in an error body', async () => {
    const tokens = corpusTokens(5, 29);
    const file = corpusFile(tokens.map((t) => t.token));
    const server = createServer((req, res) => {
      let body = '';
      req.on('data', (d: Buffer) => (body += d.toString('utf8')));
      req.on('end', () => {
        res.writeHead(500, { 'content-type': 'text/plain' });
        res.end(`internal error while decoding ${body}`);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    const error = await corpusRunError(createUrlAdapter(`http://127.0.0.1:${port}/decode`), file).finally(() => server.close());
    expect(isAdapterError(error)).toBe(true);
    const e = error as Error & { stderrTail: string[]; status?: number };
    expect(e.status).toBe(500);
    expect(e.message).toContain('[redacted');
    expectNoSecret(`${e.message}\n${e.stderrTail.join('\n')}`, tokens, 'the HTTP adapter error');
  });

  it('names a finding by file, line and fingerprint, with the header and claim names; values only with showClaims', async () => {
    const tokens = corpusTokens(40, 11);
    const file = corpusFile(tokens.map((t) => t.token));
    const atob = await createModuleAdapter(example('regressed/atob.mjs'));
    const hidden = await corpusRun(atob, undefined, resolveOptions({ seed: SEED }), { files: [file], reproduce: false });
    const f = hidden.findings[0]!;
    const index = tokens.findIndex((t) => fingerprint(t.token) === f.fingerprint);
    expect(f.line).toBe(index + 3); // a comment and a blank line come first
    expect(path.basename(f.file)).toBe('tokens.txt');
    expect(f.header).toMatchObject({ alg: 'HS256', typ: 'JWT' });
    expect(f.claims).toEqual(expect.arrayContaining(['sub', 'iat', 'secret_claim']));
    expect(f.claimValues).toBeUndefined();
    expect(f.divergence.length).toBeGreaterThan(0);
    expect(['-', '_']).toContain(f.divergence[0]!.shown);
    expect(JSON.stringify(hidden)).not.toContain('secret_claim":"v');
    const shown = await corpusRun(atob, undefined, resolveOptions({ seed: SEED }), { files: [file], reproduce: false, showClaims: true });
    expect(shown.findings[0]!.claimValues).toHaveProperty('secret_claim');
  });

  it('locates where a token captoken rejects was accepted anyway (segment, offset, character); it gates only under rfc', async () => {
    const [t] = corpusTokens(1, 5);
    const [h, p, s] = t!.token.split('.');
    const plus = `${h!}.${p!.slice(0, 4)}+${p!.slice(5)}.${s!}`;
    const file = corpusFile([plus]);
    const lenient = await createModuleAdapter(example('regressed/lenient-buffer.mjs'));
    const accept = await corpusRun(lenient, undefined, resolveOptions({ seed: SEED }), { files: [file] });
    const f = accept.findings[0]!;
    expect(f.expected).toBe('reject');
    expect(f.captokenCode).toBe('BASE64URL_INVALID_CHAR');
    expect(f.divergence[0]).toMatchObject({ segment: 'payload', segmentOffset: 4, shown: '+' });
    expect(f.gating).toBe(false);
    expect(accept.passed).toBe(true);
    const rfc = await corpusRun(lenient, undefined, resolveOptions({ seed: SEED, profile: 'rfc' }), { files: [file] });
    expect(rfc.passed).toBe(false);
  });

  it('prints a shrunk synthetic token with the same fault features instead of a customer token', async () => {
    const tokens = corpusTokens(60, 13);
    const file = corpusFile(tokens.map((t) => t.token));
    const atob = await createModuleAdapter(example('regressed/atob.mjs'));
    const report = await corpusRun(atob, undefined, resolveOptions({ seed: SEED }), { files: [file] });
    expect(report.reproductions.length).toBeGreaterThan(0);
    const r = report.reproductions[0]!;
    expect(tokens.some((t) => t.token === r.token)).toBe(false);
    // It reproduces the failure: atob refuses it.
    expect((await atob.decode(r.token)).ok).toBe(false);
    // It carries the fault features of the corpus findings it stands for.
    const f = report.findings.find((x) => x.reproduction === 0)!;
    const corpusKey = faultKey(tokens.find((t) => fingerprint(t.token) === f.fingerprint)!.token)!;
    const key = faultKey(r.token)!;
    corpusKey.forEach((b, i) => {
      if (b) expect(key[i]).toBe(true);
    });
    expect(r.features.length).toBeGreaterThan(0);
  });

  it('with a baseline, reports regressions and improvements like the differential', async () => {
    const tokens = corpusTokens(50, 17);
    const file = corpusFile(tokens.map((t) => t.token));
    const atob = await createModuleAdapter(example('regressed/atob.mjs'));
    const options = resolveOptions({ seed: SEED });
    const regressed = await corpusRun(atob, captokenAdapter(), options, { files: [file], reproduce: false });
    expect(regressed.outcomes.regressions).toBeGreaterThan(0);
    expect(regressed.findings.every((f) => f.outcome === 'regression' && f.baseline?.ok === true)).toBe(true);
    expect(regressed.passed).toBe(false);
    const improved = await corpusRun(captokenAdapter(), atob, options, { files: [file], reproduce: false });
    expect(improved.outcomes.improvements).toBe(regressed.outcomes.regressions);
    expect(improved.passed).toBe(true);
  });
});
