// Options shared by `conformance` and `check`: one place that turns flags into run options and picks
// the report file and format.
import path from 'node:path';
import { Option, type Command } from 'commander';
import type { ConformanceOptions, Level } from '../conformance/index.js';
import type { JwsAlgorithm } from '../verify/algorithms.js';
import { UsageError } from './exit-codes.js';
import { integer } from './input.js';

export const REPORTERS = ['text', 'json', 'junit'] as const;
export type Reporter = (typeof REPORTERS)[number];

const EXTENSION: Readonly<Record<Reporter, string>> = { text: 'txt', json: 'json', junit: 'xml' };
/** The reporter a report file's extension implies, where it implies one. */
const REPORTER_OF_EXTENSION: Readonly<Record<string, Reporter>> = { '.xml': 'junit', '.json': 'json', '.txt': 'text' };

export interface RunFlags {
  profile?: string;
  failOn?: string;
  allow?: string[];
  verifies?: boolean;
  alg?: string[];
  maxHeaderBytes?: number;
  maxPayloadBytes?: number;
  runs?: number;
  seed?: number;
  timeoutMs?: number;
  reporter?: Reporter;
  out?: string;
  json?: boolean;
}

/** A comma-separated option value, repeatable: `--alg RS256,ES256 --alg EdDSA`. */
function list(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), ...value.split(',').map((s) => s.trim()).filter((s) => s !== '')];
}

export function addRunOptions(cmd: Command, outHelp: string): Command {
  return cmd
    .addOption(
      new Option(
        '--profile <profile>',
        "accept: valid tokens decode exactly (the gate); rfc: also every rejection an RFC requires; hardened: also captoken's policies (advisory unless --fail-on hardened); strict: deprecated name of hardened",
      )
        .choices(['accept', 'rfc', 'hardened', 'strict'])
        .default('accept'),
    )
    .addOption(new Option('--fail-on <level>', 'the most lenient level whose failures fail the run (default: the profile, rfc for hardened)').choices(['accept', 'rfc', 'hardened']))
    .option('--allow <classes>', 'fault classes to waive, comma-separated: reported, never failing the run', list)
    .option('--verifies', 'the adapter reads the signature segment: its syntax is checked at rfc level')
    .option('--alg <list>', 'alg values of generated tokens, comma-separated registered JWS algorithms (default: all); vectors with others are skipped', list)
    .option('--max-header-bytes <n>', 'largest generated header, bytes of JSON (default 511)', integer('positive'))
    .option('--max-payload-bytes <n>', 'largest generated payload, bytes of JSON (default 8191)', integer('positive'))
    .option('--runs <n>', 'generated valid tokens (default 1000); rfc and hardened add as many invalid ones', integer('non-negative'))
    .option('--seed <seed>', 'fast-check seed (default: random, and reported); replays a run exactly', integer('int32'))
    .option('--timeout-ms <ms>', 'per-token timeout of the adapter (default 5000)', integer('positive'))
    .addOption(new Option('--reporter <format>', 'report file format (default: from the --out extension, else text)').choices([...REPORTERS]))
    .option('--out <file>', outHelp)
    .option('--json', 'stdout is one JSON document (the report, with reportPath)');
}

/** The run options the flags give (checked by the kit: a mistake is CONFIG_INVALID, exit 2). */
export function runOptions(flags: RunFlags, seed: number): ConformanceOptions {
  const options: ConformanceOptions = { seed };
  if (flags.profile !== undefined) options.profile = flags.profile as ConformanceOptions['profile'] & string;
  if (flags.failOn !== undefined) options.failOn = flags.failOn as Level;
  if (flags.allow !== undefined) options.allow = flags.allow;
  if (flags.verifies === true) options.verifies = true;
  if (flags.alg !== undefined) options.algorithms = flags.alg as JwsAlgorithm[];
  if (flags.maxHeaderBytes !== undefined) options.maxHeaderBytes = flags.maxHeaderBytes;
  if (flags.maxPayloadBytes !== undefined) options.maxPayloadBytes = flags.maxPayloadBytes;
  if (flags.runs !== undefined) options.runs = flags.runs;
  return options;
}

/** The seed of the run: the flag, or a random one (chosen here, so it can be printed before the run). */
export function runSeed(flags: RunFlags): number {
  return flags.seed ?? (Math.random() * 0x7fffffff) | 0;
}

/**
 * The report file and its format: `--out` (else `reports/<name>.<ext>`) and `--reporter` (else the
 * format `--out`'s extension implies, else text). A `--reporter` that contradicts the extension
 * (`--out x.xml --reporter text`) is a usage error: a report never lands in a file that claims
 * another format.
 */
export function reportTarget(flags: RunFlags, cwd: string, name: string): { reporter: Reporter; file: string; shown: string } {
  const implied = flags.out === undefined ? undefined : REPORTER_OF_EXTENSION[path.extname(flags.out).toLowerCase()];
  if (flags.reporter !== undefined && implied !== undefined && implied !== flags.reporter) {
    throw new UsageError(`--out ${flags.out!} is a .${EXTENSION[implied]} file but --reporter is ${flags.reporter}: give --reporter ${implied}, or another file name`);
  }
  const reporter = flags.reporter ?? implied ?? 'text';
  const shown = flags.out ?? path.join('reports', `${name}.${EXTENSION[reporter]}`);
  return { reporter, file: path.resolve(cwd, shown), shown };
}
