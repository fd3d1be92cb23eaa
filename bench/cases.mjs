/**
 * bench/cases.mjs — every benchmark case and its candidates, and what a process does before it
 * times any of them: load the built package, build the candidates, check them.
 *
 *   CASES: { [caseId]: { title, inputs(ctx), expected(input, ctx), view(result, input), badInputs(ctx), peersReject?, candidates } }
 *   await loadContext(inputsFile?) -> ctx   { captoken, captokenEntry, verify }: the built package (imported
 *       as `captoken`, the package's self-reference, which resolves to dist/index.js like a user's
 *       import) and the run's verify inputs (bench/inputs.mjs)
 *   await prepareCandidates(caseId, names, ctx) -> [{ name, describe, fn }]
 *       builds the named candidates, checks that each returns the expected result for every input and
 *       that captoken (and, for verify, every peer) rejects the bad inputs; throws otherwise. `fn` is
 *       the zero-argument function to time: it takes the case's inputs in turn.
 */
import { readFileSync } from 'node:fs';
import { isDeepStrictEqual } from 'node:util';
import { cases as decode } from './candidates/decode.mjs';
import { cases as parse } from './candidates/parse.mjs';
import { cases as verify } from './candidates/verify.mjs';

export const CASES = { ...decode, ...parse, ...verify };

/** The module specifier the benches load captoken by: the package's own name, i.e. its built `exports`. */
export const CAPTOKEN_SPECIFIER = 'captoken';

export async function loadContext(inputsFile) {
  const captoken = await import(CAPTOKEN_SPECIFIER);
  const captokenEntry = import.meta.resolve(CAPTOKEN_SPECIFIER);
  const verifyInputs = inputsFile ? JSON.parse(readFileSync(inputsFile, 'utf8')) : undefined;
  return { captoken, captokenEntry, verify: verifyInputs };
}

async function settle(f) {
  try {
    return { value: await f() };
  } catch (error) {
    return { error };
  }
}

export async function prepareCandidates(caseId, names, ctx) {
  const kase = CASES[caseId];
  if (!kase) throw new Error(`unknown case ${caseId}`);
  const inputs = kase.inputs(ctx);
  const built = [];
  for (const name of names) {
    const c = kase.candidates[name];
    if (!c) throw new Error(`case ${caseId} has no candidate ${name}`);
    const call = await c.make(ctx);
    const view = c.view ?? kase.view;
    // Same result as the reference, for every input, before anything is timed.
    for (const input of inputs) {
      const got = await settle(() => call(input));
      if (got.error) throw new Error(`${caseId}: ${name} failed on a benchmark input: ${got.error.message}`);
      if (!isDeepStrictEqual(view(got.value, input), kase.expected(input, ctx))) throw new Error(`${caseId}: ${name} returns a different result`);
    }
    // The strict path is the one timed: captoken rejects what it must; for verify, so does every peer.
    for (const bad of kase.badInputs(ctx)) {
      const got = await settle(() => call(bad));
      const mustReject = name === 'captoken' || kase.peersReject;
      if (mustReject && !got.error) throw new Error(`${caseId}: ${name} accepted a bad input`);
      if (name === 'captoken' && got.error?.name !== 'CaptokenError') throw new Error(`${caseId}: captoken threw ${got.error?.name}, not a CaptokenError`);
    }
    built.push({ name, describe: c.describe, fn: rotating(call, inputs) });
  }
  return built;
}

/** A zero-argument function over the inputs in turn (one input: always that one). */
function rotating(call, inputs) {
  if (inputs.length === 1) {
    const x = inputs[0];
    return () => call(x);
  }
  if ((inputs.length & (inputs.length - 1)) !== 0) throw new Error('rotating inputs must be a power of two');
  const mask = inputs.length - 1;
  let i = 0;
  return () => call(inputs[i++ & mask]);
}
