// captoken mint capability|access: mint the two token formats (HS256) for tests and demos. The secret
// comes from an environment variable or a file, never from a flag value.
import type { Command } from 'commander';
import type { CapabilityInput, VoiceGrantOptions } from '../../mint/index.js';
import { eventStreamScope, incomingScope, mintAccessToken, mintCapabilityToken, outgoingScope } from '../../mint/index.js';
import { parseToken } from '../../parse.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_OK, UsageError } from '../exit-codes.js';
import { collect, integer, pairs, readSecret, type SecretOptions } from '../input.js';
import { writeJson } from '../output/json.js';

interface CommonOptions extends SecretOptions {
  accountSid: string;
  ttl?: number;
  json?: boolean;
}

interface CapabilityOptions extends CommonOptions {
  incoming?: string;
  outgoing?: string;
  clientName?: string;
  appParam?: string[];
  eventStream?: boolean;
  eventFilter?: string[];
}

interface AccessOptions extends CommonOptions {
  keySid: string;
  identity: string;
  incoming?: boolean;
  outgoingApp?: string;
  outgoingParam?: string[];
  pushCredential?: string;
  endpointId?: string;
  region?: string;
  nbf?: number;
}

async function secretOf(options: SecretOptions, ctx: CliContext): Promise<string> {
  const secret = await readSecret(options, ctx.io);
  if (secret === undefined) throw new UsageError('give the signing secret with --secret-env VAR or --secret-file F (never on the command line)');
  return secret;
}

/** The minted token: alone on stdout, or with its decoded header and payload as JSON. */
function print(token: string, ctx: CliContext): void {
  ctx.exitCode = EXIT_OK;
  if (ctx.json) {
    const { header, payload } = parseToken(token);
    writeJson(ctx.io, { ok: true, token, header, payload });
  } else {
    ctx.io.out(`${token}\n`);
  }
}

/** `--json` on the subcommand (`mint capability --json`) or on `mint` itself (`mint --json capability`). */
function wantsJson(options: CommonOptions, cmd: Command | undefined): boolean {
  return options.json === true || (cmd?.parent?.opts())?.json === true;
}

export async function mintCapabilityCommand(options: CapabilityOptions, ctx: CliContext, cmd?: Command): Promise<void> {
  ctx.json = wantsJson(options, cmd);
  const capabilities: CapabilityInput[] = [];
  if (options.incoming !== undefined) capabilities.push(incomingScope(options.incoming));
  const appParams = pairs(options.appParam, '--app-param');
  if (options.outgoing !== undefined) {
    capabilities.push(
      outgoingScope({
        appSid: options.outgoing,
        ...(options.clientName === undefined ? {} : { clientName: options.clientName }),
        ...(appParams === undefined ? {} : { appParams }),
      }),
    );
  } else if (options.clientName !== undefined || appParams !== undefined) {
    throw new UsageError('--client-name and --app-param belong to --outgoing <appSid>');
  }
  const filters = pairs(options.eventFilter, '--event-filter');
  if (options.eventStream === true) capabilities.push(eventStreamScope(filters));
  else if (filters !== undefined) throw new UsageError('--event-filter belongs to --event-stream');
  const secret = await secretOf(options, ctx);
  const token = await mintCapabilityToken({
    accountSid: options.accountSid,
    secret,
    capabilities,
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
  });
  print(token, ctx);
}

export async function mintAccessCommand(options: AccessOptions, ctx: CliContext, cmd?: Command): Promise<void> {
  ctx.json = wantsJson(options, cmd);
  const params = pairs(options.outgoingParam, '--outgoing-param');
  if (params !== undefined && options.outgoingApp === undefined) throw new UsageError('--outgoing-param belongs to --outgoing-app <appSid>');
  const voice: VoiceGrantOptions = {
    ...(options.incoming === true ? { incomingAllow: true } : {}),
    ...(options.outgoingApp === undefined ? {} : { outgoingApplicationSid: options.outgoingApp }),
    ...(params === undefined ? {} : { outgoingApplicationParams: params }),
    ...(options.pushCredential === undefined ? {} : { pushCredentialSid: options.pushCredential }),
    ...(options.endpointId === undefined ? {} : { endpointId: options.endpointId }),
  };
  const secret = await secretOf(options, ctx);
  const token = await mintAccessToken({
    accountSid: options.accountSid,
    keySid: options.keySid,
    secret,
    identity: options.identity,
    ...(Object.keys(voice).length > 0 ? { voice } : {}),
    ...(options.ttl === undefined ? {} : { ttl: options.ttl }),
    ...(options.nbf === undefined ? {} : { nbf: options.nbf }),
    ...(options.region === undefined ? {} : { region: options.region }),
  });
  print(token, ctx);
}

function common(cmd: Command): Command {
  return cmd
    .requiredOption('--account-sid <AC…>', "the account sid: 'AC' and 32 lowercase hex digits")
    .option('--secret-env <VAR>', 'signing secret (at least 32 bytes) from this environment variable')
    .option('--secret-file <file>', 'signing secret from this file (one final line ending is dropped)')
    .option('--ttl <seconds>', 'lifetime in seconds (default 3600)', integer('positive'))
    .option('--json', 'print one JSON document: {ok, token, header, payload} or {ok: false, error}');
}

export function registerMint(cmd: Command, ctx: CliContext): void {
  cmd
    .description('mint a capability token or an access token (HS256), for tests and demos')
    .option('--json', 'print one JSON document (also accepted after the subcommand)')
    .addHelpText('after', EXIT_CODES_HELP);
  common(cmd.command('capability'))
    .description("mint a legacy capability token (scope claim, iss = account sid), as twilio's ClientCapability writes it")
    .option('--incoming <clientName>', 'grant client:incoming for this client name')
    .option('--outgoing <appSid>', 'grant client:outgoing through this application (AP…)')
    .option('--client-name <name>', 'the clientName of --outgoing')
    .option('--app-param <name=value>', 'an appParams entry of --outgoing (repeatable)', collect)
    .option('--event-stream', 'grant stream:subscribe to the event stream')
    .option('--event-filter <name=value>', 'a filter of --event-stream (repeatable)', collect)
    .addHelpText('after', `\nExample:\n  AUTH_TOKEN=... captoken mint capability --account-sid AC0123... --secret-env AUTH_TOKEN --incoming alice\n${EXIT_CODES_HELP}`)
    .action((options: CapabilityOptions, command: Command) => mintCapabilityCommand(options, ctx, command));
  common(cmd.command('access'))
    .description("mint an access token (cty twilio-fpa;v=1, grants), as twilio's AccessToken writes it")
    .requiredOption('--key-sid <SK…>', "the API key sid: 'SK' and 32 lowercase hex digits")
    .requiredOption('--identity <identity>', 'grants.identity')
    .option('--incoming', 'voice grant: allow incoming calls')
    .option('--outgoing-app <appSid>', 'voice grant: outgoing calls through this application (AP…)')
    .option('--outgoing-param <name=value>', 'a parameter of --outgoing-app (repeatable)', collect)
    .option('--push-credential <CR…>', 'voice grant: push credential sid')
    .option('--endpoint-id <id>', 'voice grant: endpoint id')
    .option('--region <region>', 'twr header member')
    .option('--nbf <seconds>', 'not before, in seconds since the epoch', integer('non-negative'))
    .addHelpText('after', `\nExample:\n  API_SECRET=... captoken mint access --account-sid AC0123... --key-sid SK0123... --identity alice --incoming --secret-env API_SECRET\n${EXIT_CODES_HELP}`)
    .action((options: AccessOptions, command: Command) => mintAccessCommand(options, ctx, command));
}
