// What the user gives the CLI: the token (argument or stdin), secrets, key files, key sets, numbers.
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import { afterAll, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/exit-codes.js';
import { collect, integer, pairs, readJwks, readKeyFile, readSecret, readToken } from '../../src/cli/input.js';
import { fakeIo } from './fake-io.js';

const dir = mkdtempSync(path.join(tmpdir(), 'captoken-input-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** Writes `text` to `name` in the temporary folder; returns the name (relative to io.cwd = dir). */
function file(name: string, text: string): string {
  writeFileSync(path.join(dir, name), text);
  return name;
}

const io = (env: Record<string, string> = {}, stdin?: string) => fakeIo({ cwd: dir, env, ...(stdin === undefined ? {} : { stdin }) });

async function usage(run: () => Promise<unknown>): Promise<string> {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UsageError);
  return (error as UsageError).message;
}

describe('readToken', () => {
  it('returns the argument as it is', async () => {
    expect(await readToken(' a.b.c \n', io())).toBe(' a.b.c \n');
  });

  it("reads stdin for '-', dropping one final newline (\\n or \\r\\n) and nothing else", async () => {
    expect(await readToken('-', io({}, 'a.b.c\n'))).toBe('a.b.c');
    expect(await readToken('-', io({}, 'a.b.c\r\n'))).toBe('a.b.c');
    expect(await readToken('-', io({}, 'a.b.c\n\n'))).toBe('a.b.c\n');
    expect(await readToken('-', io({}, ' a.b.c '))).toBe(' a.b.c ');
    expect(await readToken('-', io({}, ''))).toBe('');
  });
});

describe('readSecret', () => {
  const SECRET = 'correct horse battery staple, 32+ bytes';

  it('is undefined when neither --secret-env nor --secret-file is given', async () => {
    expect(await readSecret({}, io())).toBeUndefined();
  });

  it('reads an environment variable', async () => {
    expect(await readSecret({ secretEnv: 'TOKEN_SECRET' }, io({ TOKEN_SECRET: SECRET }))).toBe(SECRET);
  });

  it('reads a file relative to the working directory, dropping one final newline', async () => {
    expect(await readSecret({ secretFile: file('secret.txt', `${SECRET}\n`) }, io())).toBe(SECRET);
    expect(await readSecret({ secretFile: file('secret-crlf.txt', `${SECRET}\r\n\r\n`) }, io())).toBe(`${SECRET}\r\n`);
  });

  it('refuses both at once, an unset or empty variable, a missing or empty file; naming the flag, never its argument (finding 8)', async () => {
    expect(await usage(() => readSecret({ secretEnv: 'A', secretFile: 'b' }, io({ A: SECRET })))).toBe('give the secret once: --secret-env or --secret-file, not both');
    const unset = "the environment variable named by --secret-env is not set or is empty (--secret-env takes the variable's name, not the secret)";
    // The argument may be the secret itself, typed in place of a variable name: it is never repeated.
    expect(await usage(() => readSecret({ secretEnv: 'NOPE' }, io()))).toBe(unset);
    expect(await usage(() => readSecret({ secretEnv: 'EMPTY' }, io({ EMPTY: '' })))).toBe(unset);
    expect(await usage(() => readSecret({ secretEnv: 'toString' }, io()))).toBe(unset);
    expect(await usage(() => readSecret({ secretFile: 'missing.txt' }, io()))).toBe('cannot read the file given to --secret-file (ENOENT)');
    expect(await usage(() => readSecret({ secretFile: file('empty.txt', '\n') }, io()))).toBe('the file given to --secret-file is empty');
  });
});

describe('readKeyFile', () => {
  const { publicKey, privateKey } = generateKeyPairSync('ec', { namedCurve: 'P-256' });
  const spki = publicKey.export({ type: 'spki', format: 'pem' }) as string;
  const jwk = publicKey.export({ format: 'jwk' });

  it('reads a PEM public key (surrounding blank lines allowed) as a KeyObject', async () => {
    const key = await readKeyFile(file('pub.pem', `\n${spki}\n`), io());
    expect('type' in key && key.type).toBe('public');
    expect('export' in key && key.export({ format: 'jwk' })).toEqual(jwk);
  });

  it('reads a JWK as its JSON object', async () => {
    expect(await readKeyFile(file('pub.jwk', JSON.stringify(jwk)), io())).toEqual(jwk);
  });

  it('refuses a private key, pointing at how to get the public one', async () => {
    const pem = privateKey.export({ type: 'pkcs8', format: 'pem' }) as string;
    const message = await usage(() => readKeyFile(file('priv.pem', pem), io()));
    expect(message).toBe('priv.pem holds a private key; give the public key (openssl pkey -in priv.pem -pubout)');
    expect(message).not.toContain(pem.split('\n')[1]!);
  });

  it('refuses what is neither a PEM public key nor a JWK object, and a key set', async () => {
    expect(await usage(() => readKeyFile(file('bad.pem', '-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n'), io()))).toBe(
      'bad.pem is not a PEM public key or certificate that Node can read',
    );
    expect(await usage(() => readKeyFile(file('text.txt', 'not a key'), io()))).toBe('text.txt is neither PEM nor JSON (a JWK)');
    expect(await usage(() => readKeyFile(file('array.json', '[]'), io()))).toBe('array.json is not a JWK (a JSON object)');
    expect(await usage(() => readKeyFile(file('set.json', '{"keys":[]}'), io()))).toBe('set.json is a key set; pass it with --jwks');
    expect(await usage(() => readKeyFile('nowhere.pem', io()))).toBe('cannot read the key file nowhere.pem (ENOENT)');
  });
});

describe('readJwks', () => {
  it('passes an http(s) URL on to the verifier, unfetched', async () => {
    expect(await readJwks('https://issuer.example/jwks.json', io())).toEqual({ jwksUrl: 'https://issuer.example/jwks.json' });
    expect(await readJwks('HTTP://localhost:8080/keys', io())).toEqual({ jwksUrl: 'HTTP://localhost:8080/keys' });
  });

  it('reads a local key set file', async () => {
    const set = { keys: [{ kty: 'oct', k: 'AAAA' }] };
    expect(await readJwks(file('set.jwks', JSON.stringify(set)), io())).toEqual({ jwks: set });
  });

  it('refuses a file that is not JSON, or not {"keys": [...]}', async () => {
    expect(await usage(() => readJwks(file('x.jwks', 'nope'), io()))).toBe('x.jwks is not JSON (a JWKS: {"keys": [...]})');
    expect(await usage(() => readJwks(file('y.jwks', '{"keys":{}}'), io()))).toBe('y.jwks is not a JWKS: {"keys": [...]}');
    expect(await usage(() => readJwks(file('z.jwks', 'null'), io()))).toBe('z.jwks is not a JWKS: {"keys": [...]}');
    expect(await usage(() => readJwks('ftp.jwks', io()))).toBe('cannot read the JWKS file ftp.jwks (ENOENT)');
  });
});

describe('integer', () => {
  it('parses whole numbers of each kind and refuses the rest', () => {
    expect(integer('positive')('1')).toBe(1);
    expect(integer('non-negative')('0')).toBe(0);
    expect(integer('int32')('-2147483648')).toBe(-0x80000000);
    expect(integer('int32')('2147483647')).toBe(0x7fffffff);
    const refused: [Parameters<typeof integer>[0], string][] = [
      ['positive', '0'],
      ['non-negative', '-1'],
      ['int32', '2147483648'],
      ['int32', '-2147483649'],
      ['positive', '1.5'],
      ['positive', '1e3'],
      ['positive', ' 1'],
      ['positive', '0x10'],
      ['positive', ''],
      ['non-negative', '9007199254740993'],
    ];
    for (const [kind, text] of refused) expect(() => integer(kind)(text), `${kind} ${text}`).toThrow(InvalidArgumentError);
    expect(() => integer('positive')('0')).toThrow('a positive integer is expected.');
    expect(() => integer('int32')('x')).toThrow('a 32-bit integer is expected.');
  });
});

describe('collect and pairs', () => {
  it('collect appends each occurrence', () => {
    expect(collect('b', collect('a', undefined))).toEqual(['a', 'b']);
  });

  it('pairs reads name=value (the value may hold =, or be empty)', () => {
    expect(pairs(undefined, '--param')).toBeUndefined();
    expect(pairs(['a=1', 'b=x=y', 'c='], '--param')).toEqual({ a: '1', b: 'x=y', c: '' });
  });

  it('pairs refuses an item without a name', () => {
    expect(() => pairs(['=1'], '--param')).toThrow(new UsageError('--param takes name=value, got "=1"'));
    expect(() => pairs(['novalue'], '--grant')).toThrow(UsageError);
  });
});
