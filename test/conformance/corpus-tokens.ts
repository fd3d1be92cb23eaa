// Test corpora: well-formed tokens that look like live credentials (random 32-byte signatures,
// '-'/'_' wherever the bytes put them, some non-ASCII claims), written to a temporary file. Seeded.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

const b64 = (bytes: Buffer | string): string => Buffer.from(bytes).toString('base64url');

/** A small PRNG (mulberry32): the same corpus on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface CorpusToken {
  token: string;
  signature: string;
}

/** `n` valid tokens (captoken accepts them), with kid `<kidPrefix>N`. */
export function corpusTokens(n: number, seed = 1, kidPrefix = 'k'): CorpusToken[] {
  const next = rng(seed);
  const bytes = (len: number): Buffer => Buffer.from(Array.from({ length: len }, () => Math.floor(next() * 256)));
  const out: CorpusToken[] = [];
  for (let i = 0; i < n; i++) {
    const header = { alg: 'HS256', typ: 'JWT', kid: `${kidPrefix}${i}` };
    const payload: Record<string, unknown> = { sub: `user-${b64(bytes(6))}`, iat: 1764547200 + i, secret_claim: `v${b64(bytes(1 + (i % 7)))}` };
    if (i % 5 === 0) payload['name'] = 'José Müller';
    const signature = b64(bytes(32));
    out.push({ token: `${b64(JSON.stringify(header))}.${b64(JSON.stringify(payload))}.${signature}`, signature });
  }
  return out;
}

/** Writes lines to a fresh temporary file (with a comment and a blank line) and returns its path. */
export function corpusFile(lines: readonly string[], name = 'tokens.txt'): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'captoken-corpus-'));
  const file = path.join(dir, name);
  writeFileSync(file, `# captured on staging\n\n${lines.join('\n')}\n`);
  return file;
}
