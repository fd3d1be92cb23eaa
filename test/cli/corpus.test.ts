// captoken check --corpus / --shard / --expectations and captoken report merge, through the CLI:
// nothing a user sees or a CI system stores holds a corpus token or its signature segment.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { corpusTokens, type CorpusToken } from '../conformance/corpus-tokens.js';
import { cli, example, ROOT, SEED } from './support.js';

const fixture = (name: string): string => path.join(ROOT, 'test/conformance/fixtures', name);

function tempDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'captoken-cli-corpus-'));
}

function writeCorpus(dir: string, tokens: readonly CorpusToken[], name = 'staging-tokens.txt'): string {
  const file = path.join(dir, name);
  writeFileSync(file, `# staging\n${tokens.map((t) => t.token).join('\n')}\n`);
  return file;
}

function expectNoSecret(text: string, tokens: readonly CorpusToken[], where: string): void {
  for (const t of tokens) {
    expect(text.includes(t.token), `${where} holds a corpus token`).toBe(false);
    expect(text.includes(t.signature), `${where} holds a signature segment`).toBe(false);
  }
}

describe('captoken check --corpus', () => {
  it('keeps corpus tokens and signatures out of stdout, stderr and the JUnit, JSON and text reports (adapter echoing its input)', async () => {
    const dir = tempDir();
    const tokens = corpusTokens(120, 31);
    const corpus = writeCorpus(dir, tokens);
    for (const [reporter, ext] of [
      ['junit', 'xml'],
      ['json', 'json'],
      ['text', 'txt'],
    ] as const) {
      const out = path.join(dir, `report.${ext}`);
      const run = await cli(['check', '--candidate-module', fixture('echo-error.mjs'), '--corpus', corpus, '--reporter', reporter, '--out', out, '--seed', String(SEED), '--runs', '20']);
      expect(run.code).toBe(1);
      expect(run.stdout).toContain('corpus');
      expectNoSecret(run.stdout, tokens, `stdout (${reporter})`);
      expectNoSecret(run.stderr, tokens, `stderr (${reporter})`);
      const report = readFileSync(out, 'utf8');
      expect(report).toContain('sha256:');
      expectNoSecret(report, tokens, `${reporter} report`);
    }
    const json = await cli(['check', '--candidate-module', fixture('echo-error.mjs'), '--corpus-dir', dir, '--json', '--out', path.join(dir, 'r.json'), '--seed', String(SEED), '--runs', '20']);
    expect(json.code).toBe(1);
    expectNoSecret(json.stdout, tokens, 'stdout (--json)');
  });

  it('an adapter that crashes with the token on its stderr: exit 2, and the error shows no token', async () => {
    const dir = tempDir();
    const tokens = corpusTokens(10, 37, 'live-');
    const corpus = writeCorpus(dir, tokens);
    const run = await cli(['check', '--candidate-cmd', `node ${JSON.stringify(fixture('echo-crash.mjs'))}`, '--corpus', corpus, '--out', path.join(dir, 'r.txt'), '--seed', String(SEED), '--runs', '20']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('adapter error');
    expect(run.stderr).toContain('[redacted');
    expectNoSecret(run.stderr, tokens, 'stderr');
    expectNoSecret(run.stdout, tokens, 'stdout');
  });

  it('--shard then report merge gives the verdict of the unsharded run', async () => {
    const dir = tempDir();
    const corpus = writeCorpus(dir, corpusTokens(40, 41));
    const args = (out: string, ...more: string[]) => ['check', '--candidate-module', example('regressed/atob.mjs'), '--corpus', corpus, '--seed', String(SEED), '--runs', '60', '--out', path.join(dir, out), ...more];
    const whole = await cli(args('whole.json'));
    const s1 = await cli(args('s1.json', '--shard', '1/2'));
    const s2 = await cli(args('s2.json', '--shard', '2/2'));
    expect(s1.stdout).toContain('shard 1/2');
    expect(s2.stdout).toContain('shard 2/2');
    const merged = await cli(['report', 'merge', path.join(dir, 's1.json'), path.join(dir, 's2.json'), '--out', path.join(dir, 'merged.json')]);
    expect(merged.code).toBe(whole.code);
    const read = (f: string) => JSON.parse(readFileSync(path.join(dir, f), 'utf8')) as { passed: boolean; conformance: { failures: Array<{ id: string; shrunk?: boolean; token: string }> }; corpus: { findings: Array<{ fingerprint: string }> } };
    const ids = (r: ReturnType<typeof read>) => r.conformance.failures.filter((f) => f.shrunk !== true).map((f) => `${f.id} ${f.token}`).sort();
    expect(ids(read('merged.json'))).toEqual(ids(read('whole.json')));
    expect(read('merged.json').corpus.findings.map((f) => f.fingerprint).sort()).toEqual(read('whole.json').corpus.findings.map((f) => f.fingerprint).sort());
    // JUnit shards merge into JUnit.
    await cli(args('s1.xml', '--shard', '1/2'));
    await cli(args('s2.xml', '--shard', '2/2'));
    const xml = await cli(['report', 'merge', path.join(dir, 's1.xml'), path.join(dir, 's2.xml'), '--out', path.join(dir, 'merged.xml')]);
    expect(xml.code).toBe(1);
    expect(readFileSync(path.join(dir, 'merged.xml'), 'utf8')).toMatch(/^<\?xml[\s\S]*<testsuites /);
  });

  it('--update-expectations writes known deviations: the same parser then passes, another regression fails', async () => {
    const dir = tempDir();
    const file = path.join(dir, 'captoken-expectations.txt');
    const run = (parser: string, ...more: string[]) => cli(['check', '--candidate-module', example(`regressed/${parser}`), '--seed', String(SEED), '--runs', '100', '--out', path.join(dir, 'r.txt'), '--expectations', file, ...more]);
    const update = await run('atob.mjs', '--update-expectations');
    expect(update.code).toBe(0);
    expect(readFileSync(file, 'utf8')).toContain('conformance tcId:');
    const again = await run('atob.mjs');
    expect(again.code).toBe(0);
    expect(again.stdout).toMatch(/: \d+ known, 0 new/);
    const other = await run('over-padding.mjs');
    expect(other.code).toBe(1);
    expect(other.stdout).toMatch(/known, [1-9]\d* new/);
  });
});
