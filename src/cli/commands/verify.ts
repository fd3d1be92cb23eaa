// captoken verify <token | -> --alg <list> (--secret-env | --secret-file | --key | --jwks): verify and show.
import type { Command } from 'commander';
import { capabilitiesOf } from '../../capabilities/index.js';
import { isCaptokenError } from '../../errors.js';
import { createVerifier, type JwsAlgorithm, type VerifiedToken, type VerifierOptions } from '../../verify/index.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_OK, EXIT_USAGE, UsageError } from '../exit-codes.js';
import { collect, integer, readJwks, readKeyFile, readSecret, readToken } from '../input.js';
import { writeJson } from '../output/json.js';
import { tokenText } from '../output/token-view.js';
import { reportTokenFault, tokenPrecheck } from '../token-fault.js';

interface VerifyOptions {
  alg: string;
  secretEnv?: string;
  secretFile?: string;
  key?: string;
  jwks?: string;
  iss?: string[];
  aud?: string[];
  sub?: string;
  clockTolerance?: number;
  maxLength?: number;
  json?: boolean;
}

/** Verifier options from the flags: exactly one key source. Throws UsageError for flag mistakes. */
async function verifierOptions(options: VerifyOptions, ctx: CliContext): Promise<VerifierOptions> {
  const sources = (['secretEnv', 'secretFile', 'key', 'jwks'] as const).filter((k) => options[k] !== undefined);
  if (sources.length !== 1) {
    throw new UsageError(
      sources.length === 0
        ? 'give one key source: --secret-env VAR, --secret-file F, --key F or --jwks F|URL'
        : 'give only one key source of --secret-env, --secret-file, --key, --jwks',
    );
  }
  const algorithms = options.alg
    .split(',')
    .map((a) => a.trim())
    .filter((a) => a !== '') as JwsAlgorithm[];
  const out: VerifierOptions = { algorithms };
  const secret = await readSecret(options, ctx.io);
  if (secret !== undefined) out.key = secret;
  else if (options.key !== undefined) out.key = await readKeyFile(options.key, ctx.io);
  else if (options.jwks !== undefined) Object.assign(out, await readJwks(options.jwks, ctx.io));
  if (options.iss !== undefined) out.issuer = options.iss;
  if (options.aud !== undefined) out.audience = options.aud;
  if (options.sub !== undefined) out.subject = options.sub;
  if (options.clockTolerance !== undefined) out.clockTolerance = options.clockTolerance;
  if (options.maxLength !== undefined) out.maxLength = options.maxLength;
  return out;
}

/**
 * Verifies the token and shows it. A token fault is exit 1. A key source that cannot be reached or
 * read (KEY_SOURCE_UNAVAILABLE: the JWKS URL is down, slow or serves garbage) is exit 2: the key
 * source, not the token, is at fault, so the verdict on the token is unknown. Capability claims that
 * do not read are exit 1, with the verified header and payload shown.
 */
export async function verifyCommand(arg: string, options: VerifyOptions, ctx: CliContext): Promise<void> {
  ctx.json = options.json === true;
  // Configuration first: a bad flag is exit 2 whatever the token.
  const verifier = createVerifier(await verifierOptions(options, ctx));
  const token = await readToken(arg, ctx.io);
  let verified: VerifiedToken;
  try {
    const fault = tokenPrecheck(token);
    if (fault !== undefined) throw fault;
    verified = await verifier.verify(token);
  } catch (error) {
    if (!isCaptokenError(error) || error.code === 'CONFIG_INVALID') throw error;
    reportTokenFault(error, token, ctx);
    if (error.code === 'KEY_SOURCE_UNAVAILABLE') ctx.exitCode = EXIT_USAGE;
    return;
  }
  const { header, payload, alg, kid } = verified;
  const shown = { alg, ...(kid === undefined ? {} : { kid }), header, payload };
  let capabilities;
  try {
    capabilities = capabilitiesOf(verified);
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    if (!ctx.json) ctx.io.out(tokenText({ header, payload, alg, kid }, undefined, ctx.out));
    reportTokenFault(error, token, ctx, shown);
    return;
  }
  ctx.exitCode = EXIT_OK;
  if (ctx.json) writeJson(ctx.io, { ok: true, ...shown, capabilities });
  else ctx.io.out(tokenText({ header, payload, alg, kid }, capabilities, ctx.out));
}

function seconds(value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0) throw new UsageError(`--clock-tolerance takes a non-negative number of seconds, got ${JSON.stringify(value)}`);
  return n;
}

export function registerVerify(cmd: Command, ctx: CliContext): void {
  cmd
    .description('verify a token (signature, algorithm allow-list, claims, expiry) and show its header, payload and capabilities')
    .argument('<token>', "the compact token, or '-' to read it from stdin (one final line ending, \\n or \\r\\n, is dropped)")
    .requiredOption('--alg <list>', 'allowed algorithms, comma-separated (e.g. HS256 or RS256,ES256); never none')
    .option('--secret-env <VAR>', 'HMAC secret from this environment variable')
    .option('--secret-file <file>', 'HMAC secret from this file (one final line ending is dropped)')
    .option('--key <file>', 'public key: PEM (SPKI "PUBLIC KEY", "RSA PUBLIC KEY", certificate) or a JWK JSON file')
    .option('--jwks <file|url>', "JSON Web Key Set: a local file or an https URL (http only to localhost); the token's kid selects the key")
    .option('--iss <issuer>', 'required issuer (repeat to accept several)', collect)
    .option('--aud <audience>', 'required audience (repeat to accept several)', collect)
    .option('--sub <subject>', 'required subject')
    .option('--clock-tolerance <seconds>', 'leeway for exp, nbf and iat', seconds)
    .option('--max-length <characters>', 'refuse longer tokens (TOKEN_TOO_LARGE); default 16384', integer('positive'))
    .option('--json', 'print one JSON document: {ok, alg, kid?, header, payload, capabilities} or {ok: false, error}')
    .addHelpText(
      'after',
      `\nExamples:\n  TOKEN_SECRET=... captoken verify "$TOKEN" --alg HS256 --secret-env TOKEN_SECRET --iss AC0123...\n  captoken verify - --alg RS256,ES256 --jwks https://issuer.example/.well-known/jwks.json --aud api < token.txt\n${EXIT_CODES_HELP}`,
    )
    .action((arg: string, options: VerifyOptions) => verifyCommand(arg, options, ctx));
}
