// captoken vectors [--out file]: the conformance vectors (Wycheproof layout), to stdout or a file.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Command } from 'commander';
import { generateVectors } from '../../conformance/generate-vectors.js';
import { serializeVectors } from '../../conformance/vector-file.js';
import type { CliContext } from '../context.js';
import { EXIT_CODES_HELP, EXIT_OK } from '../exit-codes.js';
import { writeJson } from '../output/json.js';

interface VectorsOptions {
  out?: string;
  json?: boolean;
}

export async function vectorsCommand(options: VectorsOptions, ctx: CliContext): Promise<void> {
  ctx.json = options.json === true;
  const vectors = generateVectors();
  const text = serializeVectors(vectors);
  ctx.exitCode = EXIT_OK;
  if (options.out === undefined) {
    // The vector file is itself the one JSON document, with or without --json.
    ctx.io.out(text);
    return;
  }
  const file = path.resolve(ctx.io.cwd, options.out);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text);
  const summary = { ok: true, out: file, version: vectors.version, numberOfTests: vectors.numberOfTests };
  if (ctx.json) writeJson(ctx.io, summary);
  else ctx.io.out(`wrote ${vectors.numberOfTests} vectors (version ${vectors.version}) to ${options.out}\n`);
}

export function registerVectors(cmd: Command, ctx: CliContext): void {
  cmd
    .description('write the conformance vectors (captoken-vectors-v1, Wycheproof layout) to stdout or a file')
    .option('--out <file>', 'write to this file instead of stdout')
    .option('--json', 'with --out: print {ok, out, version, numberOfTests}; without: the vector file is the JSON document')
    .addHelpText('after', EXIT_CODES_HELP)
    .action((options: VectorsOptions) => vectorsCommand(options, ctx));
}
