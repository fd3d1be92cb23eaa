// The CLI findings of the attack probe and the newcomer's session (issue 11, items 6 and 8-12), one
// test each, run against a private build of the CLI with pipes (support.ts).
import { createHmac } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_MAX_LENGTH } from '../../src/limits.js';
import { ACCOUNT, cli, json, KEY_SID, token } from './support.js';

const SECRET = 'hardening-cli-secret-0123456789-abcdefghij';
const dir = mkdtempSync(path.join(tmpdir(), 'captoken-cli-hardening-'));
const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64url');

function hs256(payload: string, header = '{"alg":"HS256","typ":"JWT"}'): string {
  const input = `${b64(header)}.${b64(payload)}`;
  return `${input}.${createHmac('sha256', SECRET).update(input).digest('base64url')}`;
}

let server: Server;
let base: string;
beforeAll(async () => {
  server = createServer((_req, res) => res.writeHead(503).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => { resolve(); })));

const everything = (run: { stdout: string; stderr: string }): string => run.stdout + run.stderr;

describe('CLI hardening', () => {
  it('finding 8: the argument of --secret-env (a secret typed by mistake) is never printed, on stderr or in --json', async () => {
    const typo = 'sk_live_this-is-the-secret-itself-not-a-name';
    const good = hs256('{"sub":"a"}');
    for (const json of [false, true]) {
      const flags = json ? ['--json'] : [];
      const verify = await cli(['verify', good, '--alg', 'HS256', '--secret-env', typo, ...flags]);
      expect(verify.code).toBe(2);
      expect(everything(verify)).toContain('--secret-env');
      expect(everything(verify)).not.toContain(typo);
      const mint = await cli(['mint', 'capability', '--account-sid', ACCOUNT, '--secret-env', typo, ...flags]);
      expect(mint.code).toBe(2);
      expect(everything(mint)).not.toContain(typo);
    }
  });

  it('finding 8: the argument of --secret-file is never printed (missing or empty file)', async () => {
    const missing = path.join(dir, 'sk_live_secret-looking-file-name');
    const run = await cli(['verify', hs256('{}'), '--alg', 'HS256', '--secret-file', missing]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/cannot read the file given to --secret-file \(ENOENT\)/);
    expect(everything(run)).not.toContain('sk_live');
    const empty = path.join(dir, 'empty-sk_live');
    writeFileSync(empty, '\n');
    const emptyRun = await cli(['mint', 'access', '--account-sid', ACCOUNT, '--key-sid', KEY_SID, '--identity', 'a', '--secret-file', empty, '--json']);
    expect(emptyRun.code).toBe(2);
    expect(json(emptyRun)).toEqual({ ok: false, error: { code: 'USAGE', message: 'the file given to --secret-file is empty' } });
  });

  it('finding 8: user:pass@ in a URL is never printed', async () => {
    const run = await cli(['verify', hs256('{}'), '--alg', 'ES256', '--jwks', 'https://alice-admin:hunter2@issuer.example/jwks.json', '--json']);
    expect(run.code).toBe(2);
    expect(everything(run)).not.toContain('hunter2');
    expect(everything(run)).not.toContain('alice-admin');
    const unknown = await cli(['decode', 'x', '--no-such-flag=https://bob:pa55word@host/']);
    expect(unknown.code).toBe(2);
    expect(everything(unknown)).not.toContain('pa55word');
  });

  it('finding 6: verify exits 2 for KEY_SOURCE_UNAVAILABLE (the key source, not the token, is at fault)', async () => {
    const es = hs256('{"sub":"a"}', '{"alg":"ES256","kid":"k1"}');
    const run = await cli(['verify', es, '--alg', 'ES256', '--jwks', `${base}/jwks.json?api_key=sekrit`, '--json']);
    expect(run.code).toBe(2);
    const error = json(run)['error'] as Record<string, unknown>;
    expect(error).toEqual({ code: 'KEY_SOURCE_UNAVAILABLE', message: `the key set at ${base}/jwks.json is unavailable: HTTP 503` });
    const text = await cli(['verify', es, '--alg', 'ES256', '--jwks', `${base}/jwks.json`]);
    expect(text.code).toBe(2);
    expect(text.stderr).toContain('KEY_SOURCE_UNAVAILABLE: the key set at');
    expect(text.stderr).not.toContain('claim kid');
  });

  it('KEY_NOT_FOUND points at the header member kid, not a claim', async () => {
    const jwks = path.join(dir, 'jwks.json');
    writeFileSync(jwks, JSON.stringify({ keys: [{ kty: 'oct', k: b64(SECRET), kid: 'k1' }] }));
    const run = await cli(['verify', hs256('{}', '{"alg":"HS256","kid":"nope"}'), '--alg', 'HS256', '--jwks', jwks]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('KEY_NOT_FOUND');
    expect(run.stderr).toContain('at segment header, offset 0, header member kid');
  });

  it('finding 9: decode and verify print a valid token with 4,200 nested arrays (exit 0), as text and --json', async () => {
    const depth = 4200;
    const deep = hs256(`{"sub":"deep","a":${'['.repeat(depth)}${']'.repeat(depth)}}`);
    expect(deep.length).toBeLessThan(DEFAULT_MAX_LENGTH);
    for (const args of [['decode', deep], ['verify', deep, '--alg', 'HS256', '--secret-env', 'S']]) {
      const text = await cli(args, { env: { S: SECRET } });
      expect(text.stderr).toBe('');
      expect(text.code).toBe(0);
      expect(text.stdout).toContain('"sub": "deep"');
      expect(text.stdout).toContain('['.repeat(100));
      const doc = await cli([...args, '--json'], { env: { S: SECRET } });
      expect(doc.code).toBe(0);
      let value: unknown = (json(doc)['payload'] as { a: unknown }).a;
      let levels = 0;
      while (Array.isArray(value)) {
        levels++;
        value = value[0];
      }
      expect(levels).toBe(depth);
    }
    // A deep payload whose signature fails still exits 1, printing only the error.
    const forged = `${deep.slice(0, -4)}AAAA`;
    const bad = await cli(['verify', forged, '--alg', 'HS256', '--secret-env', 'S'], { env: { S: SECRET } });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('SIGNATURE_INVALID');
  });

  it('finding 10: mint --json works, after the subcommand and before it', async () => {
    for (const args of [
      ['mint', 'capability', '--account-sid', ACCOUNT, '--secret-env', 'S', '--incoming', 'alice', '--json'],
      ['mint', '--json', 'capability', '--account-sid', ACCOUNT, '--secret-env', 'S', '--incoming', 'alice'],
      ['mint', '--json', 'access', '--account-sid', ACCOUNT, '--key-sid', KEY_SID, '--identity', 'bob', '--secret-env', 'S'],
    ]) {
      const run = await cli(args, { env: { S: SECRET } });
      expect(run.code, args.join(' ')).toBe(0);
      expect(json(run)).toMatchObject({ ok: true, token: expect.any(String) as string, header: { alg: 'HS256' } });
    }
    const failing = await cli(['mint', '--json', 'capability', '--account-sid', 'AC1', '--secret-env', 'S'], { env: { S: SECRET } });
    expect(failing.code).toBe(2);
    expect(json(failing)).toMatchObject({ ok: false, error: { code: 'CONFIG_INVALID' } });
  });

  it('finding 11: decode on a token whose scope is malformed prints the header and payload plus the CLAIM_INVALID (exit 1)', async () => {
    const malformed = token({ alg: 'HS256', typ: 'JWT' }, { scope: 'scope:client:incoming?clientName=alice scope:client', iss: ACCOUNT });
    const text = await cli(['decode', malformed]);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('header:\n{\n  "alg": "HS256"');
    expect(text.stdout).toContain('"scope": "scope:client:incoming?clientName=alice scope:client"');
    expect(text.stderr).toContain('CLAIM_INVALID: scope 1 (0-based) of the scope claim is malformed');
    expect(text.stderr).toContain('claim scope, index 1');
    const doc = await cli(['decode', malformed, '--json']);
    expect(doc.code).toBe(1);
    expect(json(doc)).toMatchObject({ ok: false, error: { code: 'CLAIM_INVALID', claim: 'scope', index: 1 }, header: { alg: 'HS256' }, payload: { iss: ACCOUNT }, signatureBytes: 32 });
  });

  it("finding 11: 'Bearer <token>' gets a hint", async () => {
    const good = hs256('{"sub":"a"}');
    const text = await cli(['decode', `Bearer ${good}`]);
    expect(text.code).toBe(1);
    expect(text.stderr).toContain("hint: this is an Authorization header value: pass the token without the 'Bearer ' prefix");
    const doc = await cli(['verify', `bearer ${good}`, '--alg', 'HS256', '--secret-env', 'S', '--json'], { env: { S: SECRET } });
    expect((json(doc)['error'] as { hint?: string }).hint).toMatch(/Bearer/);
  });

  it('finding 11: an empty token says it is empty, not "1 segment"', async () => {
    for (const run of [await cli(['decode', '']), await cli(['decode', '-'], { input: '\n' }), await cli(['verify', '', '--alg', 'HS256', '--secret-env', 'S'], { env: { S: SECRET } })]) {
      expect(run.code).toBe(1);
      expect(run.stderr).toContain('TOKEN_MALFORMED: the token is empty');
      expect(run.stderr).not.toContain('segment');
    }
  });

  it('finding 11: a JWS JSON serialization given to decode is described as such, as verify does', async () => {
    const serialization = JSON.stringify({ payload: b64('{}'), signatures: [{ protected: b64('{"alg":"HS256"}'), signature: 'c2ln' }] });
    const decode = await cli(['decode', serialization, '--json']);
    const verify = await cli(['verify', serialization, '--alg', 'HS256', '--secret-env', 'S', '--json'], { env: { S: SECRET } });
    for (const run of [decode, verify]) {
      expect(run.code).toBe(1);
      expect(json(run)['error']).toMatchObject({ code: 'TOKEN_MALFORMED', message: 'this is a JWS JSON serialization; only the compact serialization is accepted' });
    }
  });

  it('finding 12: stdin drops one final line ending (\\n or \\r\\n, as README and --help say) and nothing else', async () => {
    const good = hs256('{"sub":"a"}');
    for (const input of [`${good}\n`, `${good}\r\n`, good]) expect((await cli(['decode', '-'], { input })).code).toBe(0);
    for (const input of [`${good}\n\n`, `${good}\r`, `${good} \n`, ` ${good}`]) {
      const run = await cli(['decode', '-'], { input });
      expect(run.code, JSON.stringify(input.slice(-3))).toBe(1);
    }
    const help = await cli(['decode', '--help']);
    expect(help.stdout).toContain('one final line ending, \\n or \\r\\n, is dropped');
  });

  it('finding 12: --max-length on decode and verify (TOKEN_TOO_LARGE advises it)', async () => {
    const large = hs256(JSON.stringify({ sub: 'a', pad: 'x'.repeat(DEFAULT_MAX_LENGTH) }));
    const refused = await cli(['decode', large]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('TOKEN_TOO_LARGE');
    expect(refused.stderr).toContain('hint: if your tokens really are this large, raise the limit with --max-length');
    expect((await cli(['decode', large, '--max-length', String(large.length)])).code).toBe(0);
    expect((await cli(['verify', large, '--alg', 'HS256', '--secret-env', 'S', '--max-length', String(large.length)], { env: { S: SECRET } })).code).toBe(0);
    expect((await cli(['verify', large, '--alg', 'HS256', '--secret-env', 'S'], { env: { S: SECRET } })).code).toBe(1);
    const small = await cli(['decode', hs256('{}'), '--max-length', '10', '--json']);
    expect(json(small)['error']).toMatchObject({ code: 'TOKEN_TOO_LARGE' });
    expect((await cli(['decode', hs256('{}'), '--max-length', '0'])).code).toBe(2);
  });
});
