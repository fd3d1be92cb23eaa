// captoken decode: output, --json shapes, the caret under the fault, the long-token cut, colour, exit codes.
import { describe, expect, it } from 'vitest';
import { parseToken } from '../../src/parse.js';
import { ACCOUNT, APP, cli, json, token } from './support.js';

const HEADER = { alg: 'HS256', typ: 'JWT' };
// '~' and '?' put '-' and '_' into base64url.
const DASHED = token(HEADER, { sub: 'demo', note: '?~>>>~~?' });
const CAPABILITY = token(HEADER, {
  scope: `scope:client:incoming?clientName=alice scope:client:outgoing?appSid=${APP}&clientName=alice&appParams=foo%3Dbar`,
  iss: ACCOUNT,
  exp: 2000000000,
  iat: 1999996400,
});

describe('captoken decode', () => {
  it('decodes a token with - and _ and prints header and payload (exit 0)', async () => {
    const payloadSegment = DASHED.split('.')[1]!;
    expect(payloadSegment).toContain('-');
    expect(payloadSegment).toContain('_');
    const run = await cli(['decode', DASHED]);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain('header:\n{\n  "alg": "HS256",\n  "typ": "JWT"\n}');
    expect(run.stdout).toContain('"note": "?~>>>~~?"');
    expect(run.stdout).toContain('signature: 32 bytes (not verified)');
    expect(run.stdout).not.toContain('capabilities:');
  });

  it('lists the capabilities of a capability token', async () => {
    const run = await cli(['decode', CAPABILITY]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`capabilities: capability token, account ${ACCOUNT}, identity alice`);
    expect(run.stdout).toContain('  client:incoming  clientName=alice');
    expect(run.stdout).toContain(`  client:outgoing  appSid=${APP} clientName=alice appParams.foo=bar`);
  });

  it('--json: one document {ok, header, payload, signatureBytes, capabilities}', async () => {
    const run = await cli(['decode', CAPABILITY, '--json']);
    expect(run.code).toBe(0);
    const doc = json(run);
    const parsed = parseToken(CAPABILITY);
    expect(doc).toEqual({
      ok: true,
      header: parsed.header,
      payload: parsed.payload,
      signatureBytes: 32,
      capabilities: {
        format: 'capability',
        identity: 'alice',
        account: ACCOUNT,
        capabilities: [
          { service: 'client', privilege: 'incoming', params: { clientName: 'alice' } },
          { service: 'client', privilege: 'outgoing', params: { appSid: APP, clientName: 'alice', appParams: { foo: 'bar' } } },
        ],
      },
    });
  });

  it("reads the token from stdin with '-', dropping one final newline", async () => {
    const run = await cli(['decode', '-', '--json'], { input: `${DASHED}\n` });
    expect(run.code).toBe(0);
    expect(json(run)['payload']).toEqual({ sub: 'demo', note: '?~>>>~~?' });
    const twoNewlines = await cli(['decode', '-', '--json'], { input: `${DASHED}\n\n` });
    expect(twoNewlines.code).toBe(1);
  });

  it('a padded token: code, message, and the caret under the "=" (exit 1)', async () => {
    const [h, p, s] = DASHED.split('.');
    const padded = `${h}=.${p}.${s}`;
    const run = await cli(['decode', padded]);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^BASE64URL_PADDING: /);
    expect(lines[1]).toBe(`  at segment header, offset ${h!.length}`);
    const caretColumn = lines[3]!.indexOf('^');
    expect(lines[2]![caretColumn]).toBe('=');
  });

  it('a standard-alphabet token: BASE64URL_INVALID_CHAR with the caret under the "+"', async () => {
    const plus = DASHED.replace('-', '+');
    const run = await cli(['decode', plus]);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    expect(lines[0]).toMatch(/^BASE64URL_INVALID_CHAR: .*'\+'/);
    expect(lines[2]![lines[3]!.indexOf('^')]).toBe('+');
    expect(lines[1]).toBe(`  at segment payload, offset ${plus.indexOf('+')}`);
  });

  it('a non-canonical token: BASE64URL_NONCANONICAL at the last character', async () => {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = DASHED.at(-1)!;
    const bad = `${DASHED.slice(0, -1)}${alphabet[alphabet.indexOf(last) | 1]}`;
    const run = await cli(['decode', bad, '--json']);
    expect(run.code).toBe(1);
    expect(json(run)).toEqual({ ok: false, error: { code: 'BASE64URL_NONCANONICAL', message: expect.any(String) as string, offset: bad.length - 1, segment: 'signature' } });
  });

  it('a long token is cut around the fault and the caret still points at the faulty character', async () => {
    const long = token(HEADER, { data: 'x'.repeat(600) });
    const at = 400;
    const bad = `${long.slice(0, at)}*${long.slice(at + 1)}`;
    const run = await cli(['decode', bad]);
    expect(run.code).toBe(1);
    const lines = run.stderr.split('\n');
    const shown = lines[2]!;
    expect(shown).toMatch(/^ {2}….{61}…$/u);
    expect(shown).toContain(bad.slice(at - 30, at + 31));
    expect(shown.length).toBeLessThan(80);
    expect(shown[lines[3]!.indexOf('^')]).toBe('*');
    // The whole token is never printed.
    expect(run.stderr).not.toContain(bad);
  });

  it('--json on an invalid token: {ok: false, error: {code, message, offset, segment}} and nothing on stderr', async () => {
    const run = await cli(['decode', 'eyJhbGciOiJIUzI1NiJ9.e30', '--json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('');
    expect(json(run)).toEqual({ ok: false, error: { code: 'TOKEN_MALFORMED', message: expect.stringMatching(/three segments/) as string } });
  });

  it('capability claims that do not read are an invalid token (CLAIM_INVALID, exit 1)', async () => {
    const run = await cli(['decode', token(HEADER, { scope: 'scope:client', iss: ACCOUNT }), '--json']);
    expect(run.code).toBe(1);
    expect((json(run)['error'] as { code: string; claim: string }).code).toBe('CLAIM_INVALID');
  });

  it('colour: none when piped, ANSI with FORCE_COLOR, none again when NO_COLOR is set', async () => {
    const bad = DASHED.replace('-', '+');
    const piped = await cli(['decode', bad]);
    expect(piped.stderr).not.toContain('\u001b[');
    const forced = await cli(['decode', bad], { env: { FORCE_COLOR: '1' } });
    expect(forced.stderr).toContain('\u001b[31m');
    const noColor = await cli(['decode', bad], { env: { FORCE_COLOR: '1', NO_COLOR: '1' } });
    expect(noColor.stderr).not.toContain('\u001b[');
    expect(noColor.stderr).toBe(piped.stderr);
  });

  it('usage errors exit 2: no token, two tokens, an unknown option', async () => {
    for (const args of [['decode'], ['decode', 'a', 'b'], ['decode', DASHED, '--bogus']]) {
      const run = await cli(args);
      expect(run.code, args.join(' ')).toBe(2);
      expect(run.stdout).toBe('');
      expect(run.stderr).toMatch(/^error: /);
      expect(run.stderr).toContain('--help');
    }
  });
});
