// What each parser of the real-parser panel does, fault class by fault class, under the current kit.
// Prints Markdown (the tables of NOTES-panel.md). Not a test: it pins nothing, it looks.
//
//   npx tsx test/conformance/real-parsers/explore.ts [--runs 1000] [--per-class 200] [--seeds 1,2,3]
//
// Four views:
// 1. The kit's own verdicts: runConformance under `accept` and `strict`, pinned seed, default runs.
// 2. `accept` over more seeds: every valid token a parser refuses or mis-decodes, with its cause
//    (evidence for false failures; jsonwebtoken's Latin-1 header is checked against its own oracle).
// 3. Per fault class: N generated invalid tokens of each class, sent to every parser one by one
//    (an answer the protocol cannot carry, e.g. PyJWT's NaN, is recorded for that token alone),
//    counted accepted / total with the segment the fault is in, and what was accepted.
// 4. The PyJWT differential, token by token: where 2.15 answers otherwise than 2.6, and which of the
//    two agrees with what the kit expects.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { FAULT_CLASSES, invalidToken, type FaultClass, type InvalidToken } from '../../../src/arbitraries/index.js';
import { answerDifference, DEFAULT_RUNS, isAdapterError, jsonDifference, loadVectors, runConformance, type AdapterAnswer, type Expectation, type VectorTest } from '../../../src/conformance/index.js';
import { acceptProperties } from '../../../src/conformance/properties.js';
import { SEED } from '../../support/fc.js';
import { PANEL_PYTHONS } from '../../support/panel-availability.js';
import { latin1Reading } from './latin1.js';
import { PANEL, PYJWT_2_15, PYJWT_2_6, type PanelParser } from './panel.js';

const ROOT = path.resolve(import.meta.dirname, '../../..');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i === -1 ? fallback : process.argv[i + 1]!;
}
const RUNS = Number(option('runs', String(DEFAULT_RUNS)));
const PER_CLASS = Number(option('per-class', '200'));
const EXTRA_SEEDS = option('seeds', '1,2,3,4,5,6,7,8,9,10').split(',').map(Number);

type Outcome = { kind: 'accept'; header: unknown; payload: unknown } | { kind: 'reject'; error: string } | { kind: 'adapter-error'; error: string };

/**
 * Every token's answer, one outcome per token. Tokens are pipelined; when the adapter fails (a
 * command adapter stops at the first line that is not JSON), the unanswered tokens are retried one by
 * one on fresh adapters, so only the token that caused it is recorded as an adapter error.
 */
async function decodeAll(parser: PanelParser, tokens: readonly string[]): Promise<Outcome[]> {
  const toOutcome = (a: AdapterAnswer): Outcome => (a.ok ? { kind: 'accept', header: a.header, payload: a.payload } : { kind: 'reject', error: a.error });
  let adapter = await parser.open();
  const settled = await Promise.allSettled(tokens.map((t) => adapter.decode(t)));
  await adapter.close();
  const outcomes: (Outcome | undefined)[] = settled.map((s) => (s.status === 'fulfilled' ? toOutcome(s.value) : undefined));
  if (outcomes.every((o) => o !== undefined)) return outcomes;
  adapter = await parser.open();
  for (let i = 0; i < tokens.length; i++) {
    if (outcomes[i] !== undefined) continue;
    try {
      outcomes[i] = toOutcome(await adapter.decode(tokens[i]!));
    } catch (error) {
      if (!isAdapterError(error)) throw error;
      outcomes[i] = { kind: 'adapter-error', error: `${error.kind}: ${error.message}` };
      await adapter.close();
      adapter = await parser.open();
    }
  }
  await adapter.close();
  return outcomes as Outcome[];
}

const rejection = (code: string | undefined): Expectation => ({ expected: 'reject', code });
const expectationOf = (t: VectorTest): Expectation => (t.result === 'valid' ? { expected: 'accept', header: t.header, payload: t.payload } : rejection(t.error));
const asAnswer = (o: Outcome): AdapterAnswer => (o.kind === 'accept' ? { ok: true, header: o.header, payload: o.payload } : { ok: false, error: o.error });

function cut(text: string, n = 160): string {
  const s = JSON.stringify(text).slice(1, -1);
  return s.length > n ? `${s.slice(0, n - 1)}…` : s;
}

const out: string[] = [];
const say = (line = ''): void => {
  out.push(line);
};

/** A path as a person would type it: relative to the repository when inside it. */
function shown(file: string): string {
  const relative = path.relative(ROOT, file);
  return relative.startsWith('..') ? file : relative;
}

function version(pkg: string): string {
  return (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', pkg, 'package.json'), 'utf8')) as { version: string }).version;
}

// ---------------------------------------------------------------------------------------------------

const available = PANEL.filter((p) => p.python?.problem === undefined);
const missing = PANEL.filter((p) => p.python?.problem !== undefined);

say(`Generated by \`npx tsx test/conformance/real-parsers/explore.ts --runs ${RUNS} --per-class ${PER_CLASS} --seeds ${EXTRA_SEEDS.join(',')}\` (seed ${SEED}).`);
say();
say(`Libraries: jose ${version('jose')}, jwt-decode ${version('jwt-decode')}, fast-jwt ${version('fast-jwt')}, jsonwebtoken ${version('jsonwebtoken')} (jws ${version('jws')}), ${PANEL_PYTHONS.map((p) => `${p.label} found ${p.foundVersion ?? 'no'} at ${shown(p.python)}`).join('; ')}.`);
if (missing.length > 0) say(`Not run here (interpreter missing): ${missing.map((p) => `${p.name} (${p.python?.problem ?? ''})`).join(', ')}.`);
say();

// 1. The kit's verdicts ------------------------------------------------------------------------------
say('## 1. The kit\'s verdicts (runConformance, current engine)');
say();
say(`Seed ${SEED}, ${RUNS} runs (the CLI default). \`failing properties\` lists failed/run cases per property; vectors are the committed file's.`);
say();
say('| parser | profile | verdict | failing properties | failing vectors | cases | time |');
say('| --- | --- | --- | --- | --- | --- | --- |');
for (const parser of available) {
  for (const profile of ['accept', 'strict'] as const) {
    const adapter = await parser.open();
    const started = performance.now();
    try {
      const r = await runConformance(adapter, { profile, seed: SEED, runs: RUNS });
      const props = r.properties.filter((p) => p.failed).map((p) => `${p.name} ${p.failedRuns ?? 0}/${p.numRuns}`);
      say(`| ${parser.name} | ${profile} | ${r.passed ? 'PASS' : 'FAIL'} | ${props.join(', ') || '-'} | ${r.vectors.failed}/${r.vectors.total} | ${r.cases} | ${Math.round(performance.now() - started)} ms |`);
    } catch (error) {
      if (!isAdapterError(error)) throw error;
      // The message quotes the adapter's line as a JSON string: show it as the adapter wrote it.
      const message = error.message.replace(/\\"/g, '"').replace(/\|/g, '\\|');
      say(`| ${parser.name} | ${profile} | ADAPTER ERROR, run stopped | ${error.kind}: ${message.length > 200 ? `${message.slice(0, 199)}…` : message} | | | ${Math.round(performance.now() - started)} ms |`);
    }
    await adapter.close();
  }
}
say();

// 2. accept over more seeds ------------------------------------------------------------------------
say('## 2. `accept` over more seeds: every valid token refused or mis-decoded');
say();
say(`Seeds ${[SEED, ...EXTRA_SEEDS].join(', ')}, ${RUNS} valid tokens each (two spellings: \`valid\`, \`valid-ascii-json\`), plus the ${loadVectors().testGroups.flatMap((g) => g.tests).filter((t) => t.result === 'valid').length} valid vectors.`);
say('A jsonwebtoken failure counts as Latin-1 when its answer is exactly the Latin-1 reading of the header bytes with the right payload.');
say();
const validVectors = loadVectors()
  .testGroups.flatMap((g) => g.tests)
  .filter((t) => t.result === 'valid');
const validCases: { id: string; token: string; expectation: Expectation }[] = validVectors.map((t) => ({ id: `tcId:${t.tcId}`, token: t.token, expectation: expectationOf(t) }));
for (const seed of [SEED, ...EXTRA_SEEDS]) {
  for (const spec of acceptProperties()) {
    fc.sample(spec.arbitrary, { seed, numRuns: RUNS }).forEach((c, i) => validCases.push({ id: `${spec.name} seed ${seed} #${i}`, token: c.token, expectation: c.expectation }));
  }
}
// The two spellings of an all-ASCII token are the same token: judge each distinct token once.
const distinct = [...new Map(validCases.map((c) => [c.token, c])).values()];
say('| parser | valid tokens judged | refused | mis-decoded | of which Latin-1 header | other |');
say('| --- | --- | --- | --- | --- | --- |');
const otherValidFailures: string[] = [];
for (const parser of available) {
  const outcomes = await decodeAll(parser, distinct.map((c) => c.token));
  let refused = 0;
  let misdecoded = 0;
  let latin1 = 0;
  let other = 0;
  outcomes.forEach((o, i) => {
    const c = distinct[i]!;
    if (o.kind === 'adapter-error') {
      other++;
      otherValidFailures.push(`- ${parser.name}, ${c.id}: adapter error ${cut(o.error)}; token \`${cut(c.token, 200)}\``);
      return;
    }
    const difference = answerDifference(c.expectation, asAnswer(o));
    if (difference === undefined) return;
    if (o.kind === 'reject') refused++;
    else misdecoded++;
    const expectation = c.expectation as { header: unknown; payload: unknown };
    if (o.kind === 'accept' && answerDifference({ expected: 'accept', header: latin1Reading(c.token), payload: expectation.payload }, asAnswer(o)) === undefined) {
      latin1++;
      return;
    }
    other++;
    otherValidFailures.push(`- ${parser.name}, ${c.id}: ${cut(difference)}; header ${cut(JSON.stringify(expectation.header))}; token \`${cut(c.token, 200)}\``);
  });
  say(`| ${parser.name} | ${distinct.length} | ${refused} | ${misdecoded} | ${latin1} | ${other} |`);
}
say();
say(otherValidFailures.length === 0 ? 'No valid token failed on any parser for any reason other than a Latin-1 header.' : 'Valid tokens that failed for another reason:');
for (const line of otherValidFailures) say(line);
say();

// 3. per fault class ------------------------------------------------------------------------------
say('## 3. Per fault class: invalid tokens accepted');
say();
say(`${PER_CLASS} generated tokens per class (seed ${SEED}); a cell is accepted/total, then where the accepted faults are`);
say('(h = header, p = payload, s = signature). `0` means every token was rejected. ADAPTER: answers the protocol cannot carry.');
say();
const classTokens = new Map<FaultClass, InvalidToken[]>();
for (const fault of FAULT_CLASSES) classTokens.set(fault, fc.sample(invalidToken([fault]), { seed: SEED, numRuns: PER_CLASS }));
const allInvalid = FAULT_CLASSES.flatMap((f) => classTokens.get(f)!);
const invalidOutcomes = new Map<string, Outcome[]>();
for (const parser of available) invalidOutcomes.set(parser.name, await decodeAll(parser, allInvalid.map((t) => t.token)));

say(`| fault class | ${available.map((p) => p.name).join(' | ')} |`);
say(`| --- | ${available.map(() => '---').join(' | ')} |`);
const details: string[] = [];
for (const fault of FAULT_CLASSES) {
  const start = FAULT_CLASSES.indexOf(fault) * PER_CLASS;
  const cells = available.map((parser) => {
    const outcomes = invalidOutcomes.get(parser.name)!.slice(start, start + PER_CLASS);
    const bySegment = { header: 0, payload: 0, signature: 0, whole: 0 };
    let accepted = 0;
    let adapterErrors = 0;
    outcomes.forEach((o, i) => {
      if (o.kind === 'reject') return;
      if (o.kind === 'adapter-error') {
        adapterErrors++;
        return;
      }
      accepted++;
      bySegment[classTokens.get(fault)![i]!.segment ?? 'whole']++;
    });
    const where = (['header', 'payload', 'signature'] as const)
      .filter((s) => bySegment[s] > 0)
      .map((s) => `${s[0]} ${bySegment[s]}`)
      .join(', ');
    const cell = `${accepted}/${PER_CLASS}${where === '' ? '' : ` (${where})`}`;
    return adapterErrors > 0 ? `${cell} + ADAPTER ${adapterErrors}` : cell;
  });
  say(`| ${fault} | ${cells.join(' | ')} |`);
}
say();

/** What was accepted, within a class: the replacement character, the JSON mutation, ... */
function variant(t: InvalidToken): string {
  const segments = t.token.split('.');
  const index = { header: 0, payload: 1, signature: 2 };
  switch (t.fault) {
    case 'char-plus':
    case 'char-slash':
    case 'char-padding':
    case 'char-whitespace':
    case 'char-control':
    case 'char-non-ascii':
    case 'char-lone-surrogate': {
      const c = t.token.charCodeAt(t.offset!);
      return `U+${c.toString(16).toUpperCase().padStart(4, '0')} in ${t.segment ?? '?'}`;
    }
    case 'not-json': {
      const text = Buffer.from(segments[index[t.segment as 'header' | 'payload']]!, 'base64url').toString('utf8');
      if (text.startsWith('\ufeff')) return 'leading BOM';
      if (text.includes('NaN')) return 'NaN';
      if (text.includes('1e}')) return '1e (bad number)';
      if (text.includes('\u0001')) return 'raw U+0001 in a string';
      if (text.includes('\\x41')) return '\\x escape';
      if (text.includes(",}") || text.endsWith(',}')) return 'trailing comma';
      if (text.includes("'q'")) return 'single-quoted name';
      if (text.endsWith('}}')) return 'trailing garbage }';
      return 'unclosed object';
    }
    case 'invalid-utf8': {
      const bytes = Buffer.from(segments[index[t.segment as 'header' | 'payload']]!, 'base64url');
      const surrogate = bytes.some((b, i) => b === 0xed && (bytes[i + 1]! & 0xe0) === 0xa0);
      return `${surrogate ? 'UTF-8 of a surrogate (ED A0..BF) in ' : ''}${t.segment ?? 'whole'}`;
    }
    case 'too-large':
      return t.token.startsWith('+/=') ? 'too-large, garbage' : 'too-large, a token padded with a claim';
    case 'duplicate-member':
    case 'forbidden-member':
    case 'json-not-object':
    case 'trailing-bits':
    case 'length-1-mod-4':
      return t.segment ?? 'whole';
    default:
      return t.fault;
  }
}

/** `U+002B in signature 62, ...`, with long lists of characters in one segment folded into a count. */
function condense(entries: [string, number][]): string[] {
  const bySegment = new Map<string, [string, number][]>();
  const rest: string[] = [];
  for (const [key, n] of entries) {
    const m = /^(U\+[0-9A-F]{4}) in (\w+)$/.exec(key);
    if (m === null) rest.push(`${key} ${n}`);
    else bySegment.set(m[2]!, [...(bySegment.get(m[2]!) ?? []), [m[1]!, n]]);
  }
  const chars = [...bySegment].map(([segment, list]) => {
    const total = list.reduce((sum, [, n]) => sum + n, 0);
    const shown = list.length <= 10 ? list.map(([c, n]) => `${c} ${n}`).join(', ') : `${list.length} distinct characters`;
    return `in ${segment} ${total} (${shown})`;
  });
  return [...chars, ...rest];
}

for (const parser of available) {
  const outcomes = invalidOutcomes.get(parser.name)!;
  const lines: string[] = [];
  for (const fault of FAULT_CLASSES) {
    const start = FAULT_CLASSES.indexOf(fault) * PER_CLASS;
    const counts = new Map<string, number>();
    let lastWins = 0;
    let otherResolution = 0;
    outcomes.slice(start, start + PER_CLASS).forEach((o, i) => {
      if (o.kind === 'reject') return;
      const t = classTokens.get(fault)![i]!;
      const key = o.kind === 'adapter-error' ? `${variant(t)} answered with a line that is not JSON (adapter error)` : variant(t);
      counts.set(key, (counts.get(key) ?? 0) + 1);
      if (fault === 'duplicate-member' && o.kind === 'accept') {
        // Independent oracle: JSON.parse keeps the lexically last member (what RFC 7515 section 5.2
        // allows). Only the segment with the duplicate is compared, read as UTF-8 or as Latin-1 (so
        // jsonwebtoken's header defect does not hide how it resolves duplicates).
        const segment = t.segment === 'header' ? 0 : 1;
        const bytes = Buffer.from(t.token.split('.')[segment]!, 'base64url');
        const got = segment === 0 ? o.header : o.payload;
        const readings = [bytes.toString('utf8'), bytes.toString('latin1')].map((text) => JSON.parse(text) as unknown);
        if (readings.some((r) => jsonDifference(r, got) === undefined)) lastWins++;
        else otherResolution++;
      }
    });
    if (counts.size === 0) continue;
    const list = condense([...counts].sort((a, b) => b[1] - a[1]));
    const resolution = fault === 'duplicate-member' && lastWins + otherResolution > 0 ? `; resolution: last-wins ${lastWins}, other ${otherResolution}` : '';
    lines.push(`  - ${fault}: ${list.join(', ')}${resolution}`);
  }
  details.push(`- ${parser.name}${lines.length === 0 ? ': rejects every generated invalid token' : ''}`, ...lines);
}
say('What was accepted, by variant (replacement character and segment, JSON mutation, segment):');
say();
for (const line of details) say(line);
say();

// Invalid vectors ---------------------------------------------------------------------------------------
say('Invalid vectors accepted (committed file, `strict` only):');
say();
const invalidVectors = loadVectors()
  .testGroups.flatMap((g) => g.tests)
  .filter((t) => t.result === 'invalid');
for (const parser of available) {
  const outcomes = await decodeAll(parser, invalidVectors.map((t) => t.token));
  const accepted = outcomes.flatMap((o, i) => {
    if (o.kind === 'reject') return [];
    const t = invalidVectors[i]!;
    return [`${t.tcId} ${t.error ?? ''}${t.segment === undefined ? '' : ` in ${t.segment}`}${o.kind === 'adapter-error' ? ' (answer not JSON: adapter error)' : ''}`];
  });
  say(`- ${parser.name}: ${accepted.length}/${invalidVectors.length}${accepted.length === 0 ? '' : `: ${accepted.join('; ')}`}`);
}
say();

// 4. PyJWT differential ----------------------------------------------------------------------------
if (PYJWT_2_6.python?.problem === undefined && PYJWT_2_15.python?.problem === undefined) {
  say('## 4. PyJWT 2.6 (baseline) vs 2.15 (candidate), token by token');
  say();
  const cases: { id: string; token: string; expectation: Expectation; group: string }[] = [
    ...loadVectors()
      .testGroups.flatMap((g) => g.tests)
      .map((t) => ({
        id: `tcId:${t.tcId}`,
        token: t.token,
        group: t.result === 'valid' ? 'vector valid' : `vector ${t.error ?? ''}`,
        expectation: expectationOf(t),
      })),
    ...distinct.map((c) => ({ ...c, group: 'valid (generated)' })),
    ...allInvalid.map((t, i) => ({ id: `${t.fault} #${i % PER_CLASS}`, token: t.token, group: t.fault, expectation: rejection(t.code) })),
  ];
  const tokens = cases.map((c) => c.token);
  const [base, cand] = [await decodeAll(PYJWT_2_6, tokens), await decodeAll(PYJWT_2_15, tokens)];
  const groups = new Map<string, { improvement: number; regression: number; bothWrong: number; changedButRight: number }>();
  let differing = 0;
  cases.forEach((c, i) => {
    const b = base[i]!;
    const k = cand[i]!;
    if (JSON.stringify(b) === JSON.stringify(k)) return;
    if (b.kind === 'reject' && k.kind === 'reject') return; // both reject: only the message changed
    differing++;
    const bRight = b.kind !== 'adapter-error' && answerDifference(c.expectation, asAnswer(b)) === undefined;
    const kRight = k.kind !== 'adapter-error' && answerDifference(c.expectation, asAnswer(k)) === undefined;
    const g = groups.get(c.group) ?? { improvement: 0, regression: 0, bothWrong: 0, changedButRight: 0 };
    if (kRight && !bRight) g.improvement++;
    else if (bRight && !kRight) g.regression++;
    else if (!bRight && !kRight) g.bothWrong++;
    else g.changedButRight++;
    groups.set(c.group, g);
  });
  say(`${cases.length} tokens (all vectors, the valid tokens of section 2, the invalid tokens of section 3); ${differing} answered differently (accept/reject or decoded value; a changed rejection message is not counted).`);
  say('improvement: only the candidate agrees with the kit\'s expectation; regression: only the baseline does.');
  say();
  say('| tokens | improvement | regression | both wrong | both right |');
  say('| --- | --- | --- | --- | --- |');
  for (const [group, g] of [...groups].sort()) say(`| ${group} | ${g.improvement} | ${g.regression} | ${g.bothWrong} | ${g.changedButRight} |`);
  say();
}

process.stdout.write(`${out.join('\n')}\n`);
