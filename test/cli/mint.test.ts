// captoken mint: both formats round-trip through verify; the secret only from env or file, never echoed.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ACCOUNT, APP, KEY_SID, cli, json } from './support.js';

const SECRET = 'mint-test-secret-0123456789-abcdefghijkl';

describe('captoken mint', () => {
  it('capability: prints only the token; verify reads back its capabilities', async () => {
    const minted = await cli(
      ['mint', 'capability', '--account-sid', ACCOUNT, '--secret-env', 'S', '--incoming', 'alice', '--outgoing', APP, '--client-name', 'alice', '--app-param', 'queue=sales', '--ttl', '600'],
      { env: { S: SECRET } },
    );
    expect(minted.stderr).toBe('');
    expect(minted.code).toBe(0);
    expect(minted.stdout).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+\n$/);
    const verified = await cli(['verify', minted.stdout.trim(), '--alg', 'HS256', '--secret-env', 'S', '--iss', ACCOUNT, '--json'], { env: { S: SECRET } });
    expect(verified.code).toBe(0);
    const doc = json(verified);
    const payload = doc['payload'] as { exp: number; iat: number };
    expect(payload.exp - payload.iat).toBe(600);
    expect(doc['capabilities']).toEqual({
      format: 'capability',
      identity: 'alice',
      account: ACCOUNT,
      capabilities: [
        { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
        { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'alice', appParams: { queue: 'sales' } } },
      ],
    });
  });

  it('access: --json gives {token, header, payload}; the secret from a file', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'captoken-cli-mint-'));
    const secretFile = path.join(dir, 'secret');
    writeFileSync(secretFile, `${SECRET}\n`);
    const run = await cli(['mint', 'access', '--account-sid', ACCOUNT, '--key-sid', KEY_SID, '--identity', 'bob', '--incoming', '--outgoing-app', APP, '--region', 'ie1', '--secret-file', secretFile, '--json']);
    expect(run.code).toBe(0);
    const doc = json(run) as { token: string; header: Record<string, unknown>; payload: Record<string, unknown> };
    expect(doc.header).toEqual({ alg: 'HS256', typ: 'JWT', cty: 'twilio-fpa;v=1', twr: 'ie1' });
    expect(doc.payload).toMatchObject({ iss: KEY_SID, sub: ACCOUNT, grants: { identity: 'bob', voice: { incoming: { allow: true }, outgoing: { application_sid: APP } } } });
    // The final newline of the file is not part of the secret: the token verifies with the bare secret.
    const verified = await cli(['verify', doc.token, '--alg', 'HS256', '--secret-env', 'S', '--json'], { env: { S: SECRET } });
    expect(verified.code).toBe(0);
    expect(json(verified)['capabilities']).toMatchObject({ format: 'access', identity: 'bob', account: ACCOUNT });
  });

  it('there is no flag that takes the secret itself (exit 2), and it is not echoed', async () => {
    const run = await cli(['mint', 'capability', '--account-sid', ACCOUNT, '--secret', SECRET]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/unknown option '--secret'/);
    expect(run.stdout + run.stderr).not.toContain(SECRET);
  });

  it('without a secret source, or with a short secret: exit 2, secret not echoed', async () => {
    const none = await cli(['mint', 'capability', '--account-sid', ACCOUNT]);
    expect(none.code).toBe(2);
    expect(none.stderr).toMatch(/--secret-env VAR or --secret-file F/);
    const shortSecret = 'too-short-secret-XYZ';
    const short = await cli(['mint', 'capability', '--account-sid', ACCOUNT, '--secret-env', 'S', '--json'], { env: { S: shortSecret } });
    expect(short.code).toBe(2);
    expect(json(short)).toEqual({ ok: false, error: { code: 'CONFIG_INVALID', message: "'secret' must be at least 32 bytes for HS256 (RFC 7518 §3.2); it is 20 bytes" } });
    expect(short.stdout + short.stderr).not.toContain(shortSecret);
  });

  it('bad values and misplaced options exit 2', async () => {
    const env = { S: SECRET };
    const cases: Array<[string[], RegExp]> = [
      [['mint', 'capability', '--account-sid', 'AC123', '--secret-env', 'S'], /'accountSid' must be a sid: 'AC' followed by 32 lowercase hex digits/],
      [['mint', 'capability', '--account-sid', ACCOUNT, '--secret-env', 'S', '--client-name', 'x'], /belong to --outgoing/],
      [['mint', 'capability', '--account-sid', ACCOUNT, '--secret-env', 'S', '--ttl', '-5'], /--ttl/],
      [['mint', 'access', '--account-sid', ACCOUNT, '--secret-env', 'S', '--identity', 'x'], /required option '--key-sid/],
      [['mint', 'nonsense'], /unknown command 'nonsense'/],
      [['mint'], /Usage: captoken mint/],
    ];
    for (const [args, message] of cases) {
      const run = await cli(args, { env });
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stderr).toMatch(message);
      expect(run.stdout).toBe('');
    }
  });
});
