// captoken verify <token | -> --alg <list> (--secret-env | --secret-file | --key | --jwks): verify and show.
import type { Command } from 'commander';
import { capabilitiesOf } from '../../capabilities/index.js';
import { isCaptokenError } from '../../errors.js';
import { createVerifier, type JwsAlgorithm, type VerifierOptions } from '../../verify/index.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_FAIL, EXIT_OK, UsageError } from '../exit-codes.js';
import { collect, readJwks, readKeyFile, readSecret, readToken } from '../input.js';
import { writeJson } from '../output/json.js';
import { errorJson, errorText, tokenText } from '../output/token-view.js';

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
  return out;
}

export async function verifyCommand(arg: string, options: VerifyOptions, ctx: CliContext): Promise<void> {
  ctx.json = options.json === true;
  // Configuration first: a bad flag is exit 2 whatever the token.
  const verifier = createVerifier(await verifierOptions(options, ctx));
  const token = await readToken(arg, ctx.io);
  let verified;
  let capabilities;
  try {
    verified = await verifier.verify(token);
    capabilities = capabilitiesOf(verified);
  } catch (error) {
    if (!isCaptokenError(error) || error.code === 'CONFIG_INVALID') throw error;
    ctx.exitCode = EXIT_FAIL;
    if (ctx.json) writeJson(ctx.io, { ok: false, error: errorJson(error) });
    else ctx.io.err(errorText(error, token, ctx.err));
    return;
  }
  ctx.exitCode = EXIT_OK;
  const { header, payload, alg, kid } = verified;
  if (ctx.json) writeJson(ctx.io, { ok: true, alg, ...(kid === undefined ? {} : { kid }), header, payload, capabilities });
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
    .argument('<token>', "the compact token, or '-' to read it from stdin (one final newline is dropped)")
    .requiredOption('--alg <list>', 'allowed algorithms, comma-separated (e.g. HS256 or RS256,ES256); never none')
    .option('--secret-env <VAR>', 'HMAC secret from this environment variable')
    .option('--secret-file <file>', 'HMAC secret from this file (one final newline is dropped)')
    .option('--key <file>', 'public key: PEM (SPKI "PUBLIC KEY", "RSA PUBLIC KEY", certificate) or a JWK JSON file')
    .option('--jwks <file|url>', 'JSON Web Key Set: a local file or an http(s) URL; the token\'s kid selects the key')
    .option('--iss <issuer>', 'required issuer (repeat to accept several)', collect)
    .option('--aud <audience>', 'required audience (repeat to accept several)', collect)
    .option('--sub <subject>', 'required subject')
    .option('--clock-tolerance <seconds>', 'leeway for exp, nbf and iat', seconds)
    .option('--json', 'print one JSON document: {ok, alg, kid?, header, payload, capabilities} or {ok: false, error}')
    .addHelpText(
      'after',
      `\nExamples:\n  TOKEN_SECRET=... captoken verify "$TOKEN" --alg HS256 --secret-env TOKEN_SECRET --iss AC0123...\n  captoken verify - --alg RS256,ES256 --jwks https://issuer.example/.well-known/jwks.json --aud api < token.txt\n${EXIT_CODES_HELP}`,
    )
    .action((arg: string, options: VerifyOptions) => verifyCommand(arg, options, ctx));
}
