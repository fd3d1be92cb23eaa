// Reading what the user gives: the token (argument or '-' for stdin), secrets, key files.
import { createPublicKey, type KeyObject } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { InvalidArgumentError } from 'commander';
import type { JSONWebKeySet, JWK } from 'jose';
import { UsageError } from './exit-codes.js';
import type { CliIo } from './io.js';

/**
 * The token argument, or stdin for '-'. From stdin, one final line ending is dropped: `\n`, or the
 * `\r\n` of a Windows line (it is one line ending, so it goes as a whole). Nothing else is trimmed:
 * a second newline, a lone `\r` or spaces stay, and the parser points at them.
 */
export async function readToken(arg: string, io: CliIo): Promise<string> {
  if (arg !== '-') return arg;
  const text = await io.readStdin();
  return text.replace(/\r?\n$/, '');
}

async function readUserFile(file: string, io: CliIo, what: string): Promise<string> {
  try {
    return await readFile(path.resolve(io.cwd, file), 'utf8');
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    throw new UsageError(`cannot read the ${what} file ${file}${typeof code === 'string' ? ` (${code})` : ''}`);
  }
}

export interface SecretOptions {
  secretEnv?: string;
  secretFile?: string;
}

/**
 * The HMAC secret from an environment variable or a file (one final line ending of a file is
 * dropped), never from a flag value. Messages name the flag, never its argument: someone who typed
 * `--secret-env "$SECRET"` gave the secret itself, and an error must not print it (on stderr, in
 * --json, in CI logs). Undefined when neither option is given.
 */
export async function readSecret(options: SecretOptions, io: CliIo): Promise<string | undefined> {
  if (options.secretEnv !== undefined && options.secretFile !== undefined) {
    throw new UsageError('give the secret once: --secret-env or --secret-file, not both');
  }
  if (options.secretEnv !== undefined) {
    const name = options.secretEnv;
    const value = Object.hasOwn(io.env, name) ? io.env[name] : undefined;
    if (value === undefined || value === '') {
      throw new UsageError('the environment variable named by --secret-env is not set or is empty (--secret-env takes the variable\'s name, not the secret)');
    }
    return value;
  }
  if (options.secretFile !== undefined) {
    let text: string;
    try {
      text = await readFile(path.resolve(io.cwd, options.secretFile), 'utf8');
    } catch (error) {
      const code = (error as { code?: unknown }).code;
      throw new UsageError(`cannot read the file given to --secret-file${typeof code === 'string' ? ` (${code})` : ''}`);
    }
    const value = text.replace(/\r?\n$/, '');
    if (value === '') throw new UsageError('the file given to --secret-file is empty');
    return value;
  }
  return undefined;
}

/**
 * A verification key from a file: a PEM public key (SPKI `PUBLIC KEY`, PKCS#1 `RSA PUBLIC KEY`) or
 * certificate, or a JWK as JSON. A private key is refused: verification needs only the public part,
 * and a private key does not belong in a verify step.
 */
export async function readKeyFile(file: string, io: CliIo): Promise<KeyObject | JWK> {
  const text = await readUserFile(file, io, 'key');
  const trimmed = text.trim();
  if (trimmed.startsWith('-----BEGIN')) {
    if (/-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(trimmed)) {
      throw new UsageError(`${file} holds a private key; give the public key (openssl pkey -in ${file} -pubout)`);
    }
    try {
      return createPublicKey(trimmed);
    } catch {
      throw new UsageError(`${file} is not a PEM public key or certificate that Node can read`);
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(trimmed);
  } catch {
    throw new UsageError(`${file} is neither PEM nor JSON (a JWK)`);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw new UsageError(`${file} is not a JWK (a JSON object)`);
  if ('keys' in json) throw new UsageError(`${file} is a key set; pass it with --jwks`);
  return json;
}

/** `--jwks`: an http(s) URL (fetched by the verifier) or a local JWKS file. */
export async function readJwks(source: string, io: CliIo): Promise<{ jwksUrl: string } | { jwks: JSONWebKeySet }> {
  if (/^https?:\/\//i.test(source)) return { jwksUrl: source };
  const text = await readUserFile(source, io, 'JWKS');
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    throw new UsageError(`${source} is not JSON (a JWKS: {"keys": [...]})`);
  }
  if (typeof json !== 'object' || json === null || !Array.isArray((json as { keys?: unknown }).keys)) {
    throw new UsageError(`${source} is not a JWKS: {"keys": [...]}`);
  }
  return { jwks: json as JSONWebKeySet };
}

/** A whole-number option value (commander argParser): non-negative, or positive, or any 32-bit integer. */
export function integer(kind: 'positive' | 'non-negative' | 'int32') {
  return (value: string): number => {
    const n = Number(value);
    const ok =
      /^-?\d+$/.test(value) &&
      Number.isSafeInteger(n) &&
      (kind === 'int32' ? n >= -0x80000000 && n <= 0x7fffffff : kind === 'positive' ? n > 0 : n >= 0);
    if (!ok) throw new InvalidArgumentError(kind === 'int32' ? 'a 32-bit integer is expected.' : `a ${kind} integer is expected.`);
    return n;
  };
}

/** Appends each occurrence of a repeatable option. */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

/** `name=value` pairs of repeatable options, as an object. */
export function pairs(list: readonly string[] | undefined, option: string): Record<string, string> | undefined {
  if (list === undefined) return undefined;
  const out: Record<string, string> = {};
  for (const item of list) {
    const eq = item.indexOf('=');
    if (eq <= 0) throw new UsageError(`${option} takes name=value, got ${JSON.stringify(item)}`);
    out[item.slice(0, eq)] = item.slice(eq + 1);
  }
  return out;
}
