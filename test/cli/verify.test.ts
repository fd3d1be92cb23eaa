// captoken verify: every key source, claim options, --json shapes, exit codes, secrets never echoed.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ACCOUNT, cli, json } from './support.js';

const SECRET = 'verify-test-secret-0123456789-abcdefghij';
const OTHER_SECRET = 'another-secret-of-enough-length-zyxwvutsr';
const dir = mkdtempSync(path.join(tmpdir(), 'captoken-cli-verify-'));
const file = (name: string, text: string): string => {
  const p = path.join(dir, name);
  writeFileSync(p, text);
  return p;
};

const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const now = Math.floor(Date.now() / 1000);

async function hs256(payload: Record<string, unknown>, secret = SECRET): Promise<string> {
  return new SignJWT(payload).setProtectedHeader({ alg: 'HS256', typ: 'JWT' }).sign(new TextEncoder().encode(secret));
}

async function es256(payload: Record<string, unknown>, kid?: string): Promise<string> {
  return new SignJWT(payload).setProtectedHeader(kid === undefined ? { alg: 'ES256' } : { alg: 'ES256', kid }).sign(privateKey);
}

let server: Server;
let jwksUrl: string;
let jwk: Record<string, unknown>;

beforeAll(async () => {
  jwk = { ...(await exportJWK(publicKey)), kid: 'k1', alg: 'ES256', use: 'sig' };
  server = createServer((_req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ keys: [jwk] }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/jwks.json`;
});
afterAll(
  () =>
    new Promise<void>((resolve) => {
      server.close(() => {
        resolve();
      });
    }),
);

describe('captoken verify', () => {
  it('HS256 with --secret-env: prints header, payload and "verified", exit 0', async () => {
    const token = await hs256({ scope: 'scope:client:incoming?clientName=bob', iss: ACCOUNT, exp: now + 600, iat: now });
    const run = await cli(['verify', token, '--alg', 'HS256', '--secret-env', 'TEST_SECRET', '--iss', ACCOUNT], { env: { TEST_SECRET: SECRET } });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('verified: HS256');
    expect(run.stdout).toContain('client:incoming  clientName=bob');
    expect(run.stdout).not.toContain(SECRET);
  });

  it('--json: {ok, alg, header, payload, capabilities}; the secret never appears', async () => {
    const token = await hs256({ sub: 'u1', exp: now + 600 });
    const run = await cli(['verify', '-', '--alg', 'HS256', '--secret-file', file('secret.txt', `${SECRET}\n`), '--json'], { input: token });
    expect(run.code).toBe(0);
    expect(json(run)).toEqual({ ok: true, alg: 'HS256', header: { alg: 'HS256', typ: 'JWT' }, payload: { sub: 'u1', exp: now + 600 }, capabilities: { format: 'jwt', capabilities: [] } });
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('a wrong secret is SIGNATURE_INVALID, exit 1, and neither secret is echoed', async () => {
    const token = await hs256({ sub: 'u1' }, OTHER_SECRET);
    const run = await cli(['verify', token, '--alg', 'HS256', '--secret-env', 'TEST_SECRET'], { env: { TEST_SECRET: SECRET } });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/^SIGNATURE_INVALID: /);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
    expect(run.stdout + run.stderr).not.toContain(OTHER_SECRET);
  });

  it('claim checks: an expired token, a wrong issuer and a wrong audience exit 1 with their codes', async () => {
    const cases: Array<[string, Record<string, unknown>, string[]]> = [
      ['TOKEN_EXPIRED', { exp: now - 60 }, []],
      ['CLAIM_INVALID', { iss: 'someone-else' }, ['--iss', ACCOUNT]],
      ['CLAIM_INVALID', { aud: 'web' }, ['--aud', 'api', '--aud', 'mobile']],
    ];
    for (const [code, payload, flags] of cases) {
      const run = await cli(['verify', await hs256(payload), '--alg', 'HS256', '--secret-env', 'S', '--json', ...flags], { env: { S: SECRET } });
      expect(run.code, code).toBe(1);
      expect((json(run)['error'] as { code: string }).code).toBe(code);
    }
    const ok = await cli(['verify', await hs256({ aud: 'mobile', sub: 'x' }), '--alg', 'HS256', '--secret-env', 'S', '--aud', 'api', '--aud', 'mobile', '--sub', 'x'], { env: { S: SECRET } });
    expect(ok.code).toBe(0);
  });

  it('a token fault shows the caret under it, as decode does', async () => {
    const token = (await hs256({ sub: 'u1' })).replace(/\.([^.]*)$/, '.+$1');
    const run = await cli(['verify', token, '--alg', 'HS256', '--secret-env', 'S'], { env: { S: SECRET } });
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^BASE64URL_INVALID_CHAR/);
    expect(lines[2]![lines[3]!.indexOf('^')]).toBe('+');
  });

  it('ES256 with --key: a PEM public key, a JWK file; a private key PEM is refused (exit 2)', async () => {
    const token = await es256({ sub: 'pem' });
    const pem = file('pub.pem', publicKey.export({ type: 'spki', format: 'pem' }) as string);
    const byPem = await cli(['verify', token, '--alg', 'ES256', '--key', pem, '--json']);
    expect(byPem.code).toBe(0);
    expect(json(byPem)['payload']).toEqual({ sub: 'pem' });
    const byJwk = await cli(['verify', token, '--alg', 'ES256', '--key', file('pub.jwk.json', JSON.stringify(jwk))]);
    expect(byJwk.code).toBe(0);
    const privatePem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const refused = await cli(['verify', token, '--alg', 'ES256', '--key', file('priv.pem', privatePem)]);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/private key/);
    expect(refused.stderr).not.toContain(privatePem.split('\n')[1]!);
  });

  it('--jwks: a local file and an http URL; the kid selects the key', async () => {
    const token = await es256({ sub: 'jwks' }, 'k1');
    const local = await cli(['verify', token, '--alg', 'ES256', '--jwks', file('jwks.json', JSON.stringify({ keys: [jwk] })), '--json']);
    expect(local.code).toBe(0);
    expect(json(local)).toMatchObject({ ok: true, alg: 'ES256', kid: 'k1' });
    const remote = await cli(['verify', token, '--alg', 'ES256', '--jwks', jwksUrl, '--json']);
    expect(remote.code).toBe(0);
    expect(json(remote)['payload']).toEqual({ sub: 'jwks' });
    const unknownKid = await cli(['verify', await es256({ sub: 'x' }, 'k9'), '--alg', 'ES256', '--jwks', jwksUrl, '--json']);
    expect(unknownKid.code).toBe(1);
    expect((json(unknownKid)['error'] as { code: string }).code).toBe('KEY_NOT_FOUND');
  });

  it('usage and configuration errors exit 2', async () => {
    const token = await hs256({ sub: 'u1' });
    const cases: Array<[string[], RegExp, Record<string, string>?]> = [
      [['verify', token, '--secret-env', 'S'], /required option '--alg <list>'/, { S: SECRET }],
      [['verify', token, '--alg', 'HS256'], /give one key source/],
      [['verify', token, '--alg', 'HS256', '--secret-env', 'S', '--key', 'k.pem'], /only one key source/, { S: SECRET }],
      [['verify', token, '--alg', 'HS256', '--secret-env', 'UNSET_VARIABLE_FOR_TEST'], /the environment variable named by --secret-env is not set/],
      [['verify', token, '--alg', 'none', '--secret-env', 'S'], /CONFIG_INVALID: 'none' is never accepted/, { S: SECRET }],
      [['verify', token, '--alg', 'HS256', '--secret-env', 'S'], /CONFIG_INVALID/, { S: 'short' }],
      [['verify', token, '--alg', 'ES256', '--key', path.join(dir, 'missing.pem')], /cannot read the key file .*ENOENT/],
      [['verify', token, '--alg', 'HS256', '--secret=hunter2-hunter2-hunter2-hunter2-x'], /unknown option '--secret=…'/],
    ];
    for (const [args, message, env] of cases) {
      const run = await cli(args, env === undefined ? {} : { env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stderr).not.toContain('hunter2');
      if (env?.['S'] !== undefined) expect(run.stderr).not.toContain(env['S']);
    }
  });

  it('--json usage error: one JSON document on stdout', async () => {
    const run = await cli(['verify', 'x.y.z', '--alg', 'HS256', '--json']);
    expect(run.code).toBe(2);
    expect(json(run)).toEqual({ ok: false, error: { code: 'USAGE', message: expect.stringMatching(/key source/) as string } });
  });
});
