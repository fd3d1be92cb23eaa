// What decode and verify do with a token that does not pass: the CLI's own faults, hints and report.
import { describe, expect, it } from 'vitest';
import { createContext } from '../../src/cli/context.js';
import { reportTokenFault, tokenHint, tokenPrecheck } from '../../src/cli/token-fault.js';
import { CaptokenError } from '../../src/errors.js';
import { fakeIo } from './fake-io.js';

const fault = (code: CaptokenError['code'], offset?: number) => new CaptokenError(code, 'm', offset === undefined ? {} : { offset });

describe('tokenPrecheck', () => {
  it('names a JWS JSON serialization; passes anything else (an empty token too) to the parser', () => {
    expect(tokenPrecheck('')).toBeUndefined();
    expect(tokenPrecheck(' {"payload":"e30"}')).toMatchObject({ code: 'TOKEN_MALFORMED', message: expect.stringMatching(/JWS JSON serialization/) as string });
    for (const token of ['a', 'a.b.c', 'Bearer a.b.c', '}']) expect(tokenPrecheck(token)).toBeUndefined();
  });
});

describe('tokenHint', () => {
  it('recognises an Authorization header value, quotes, whitespace and a token over the limit', () => {
    expect(tokenHint('Bearer a.b.c', fault('BASE64URL_INVALID_CHAR', 6))).toMatch(/without the 'Bearer ' prefix/);
    expect(tokenHint('BEARER\ta.b.c', fault('BASE64URL_INVALID_CHAR', 6))).toMatch(/Bearer/);
    expect(tokenHint('"a.b.c"', fault('BASE64URL_INVALID_CHAR', 0))).toBe('remove the quotes around the token');
    expect(tokenHint('a.b\n.c', fault('BASE64URL_INVALID_CHAR', 3))).toMatch(/whitespace/);
    expect(tokenHint('x'.repeat(10), fault('TOKEN_TOO_LARGE'))).toMatch(/--max-length/);
    expect(tokenHint('a.b.c', fault('SIGNATURE_INVALID', 4))).toBeUndefined();
    expect(tokenHint('a+b.c.d', fault('BASE64URL_INVALID_CHAR', 1))).toBeUndefined();
  });
});

describe('reportTokenFault', () => {
  it('text: exit 1, the error with its hint on stderr, nothing on stdout', () => {
    const io = fakeIo();
    const ctx = createContext(io);
    reportTokenFault(new CaptokenError('BASE64URL_INVALID_CHAR', 'bad char', { offset: 6, segment: 'header' }), 'Bearer a.b.c', ctx);
    expect(ctx.exitCode).toBe(1);
    expect(io.stdout).toStrictEqual([]);
    expect(io.stderr.join('')).toContain("hint: this is an Authorization header value: pass the token without the 'Bearer ' prefix");
  });

  it('--json: one document with the error, its hint, and what was shown of the token', () => {
    const io = fakeIo();
    const ctx = createContext(io);
    ctx.json = true;
    reportTokenFault(new CaptokenError('CLAIM_INVALID', 'scope 0 is malformed', { claim: 'scope', index: 0 }), 'a.b.c', ctx, { header: { alg: 'HS256' } });
    expect(JSON.parse(io.stdout.join(''))).toStrictEqual({ ok: false, error: { code: 'CLAIM_INVALID', message: 'scope 0 is malformed', claim: 'scope', index: 0 }, header: { alg: 'HS256' } });
    expect(io.stderr).toStrictEqual([]);
  });
});
