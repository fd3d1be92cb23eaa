// Replaying captured tokens (`check --corpus`): each corpus token goes through the candidate, the
// baseline if one is given, and captoken's own verdict (a corpus token is valid iff parseToken
// accepts it; its decode is the expected header and payload). Files are read as streams, in batches,
// so a corpus of millions of lines runs in bounded memory. Nothing printed carries a corpus token:
// see redact.ts.
import { createReadStream } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { configError, isCaptokenError, type CaptokenErrorCode } from '../errors.js';
import { parseToken } from '../parse.js';
import { AdapterError, isAdapterError, type Adapter, type AdapterAnswer } from './adapter.js';
import type { KitCase } from './cases.js';
import { checkClass, levelOf, levelWithin, type CheckClassId } from './classes.js';
import type { CorpusAnswer, CorpusFinding, CorpusReport } from './corpus-report.js';
import { findReproductions, faultKey } from './corpus-repro.js';
import { charAt, faultChars, segmentLengths } from './display.js';
import { conformanceJudge, differentialJudge, type ConformanceVerdict, type DifferentialVerdict, type Judge } from './judge.js';
import type { ResolvedOptions } from './options.js';
import { now } from './recorder.js';
import { redact, fingerprint } from './redact.js';
import { inShard, type Shard } from './shard.js';

/** Where the corpus comes from and what may be shown of it. */
export interface CorpusOptions {
  /** Files of tokens, one per line (`#` comments and blank lines skipped). */
  files?: readonly string[];
  /** Directories whose regular files are corpus files (not recursive; sorted by name). */
  dirs?: readonly string[];
  /** Show the payload's claim values (default: names only). */
  showClaims?: boolean;
  /** Findings kept in the report (default 10,000); the rest are counted. */
  maxFindings?: number;
  /** Search for synthetic reproductions (default true). */
  reproduce?: boolean;
}

/** Tokens judged at once: enough to keep adapters busy, few enough to bound memory. */
const BATCH = 1024;
const DEFAULT_MAX_FINDINGS = 10_000;

/** The check class captoken's rejection falls in: its level decides whether a disagreement gates. */
const CLASS_OF_CODE: Partial<Record<CaptokenErrorCode, CheckClassId>> = {
  BASE64URL_INVALID_CHAR: 'char-plus',
  BASE64URL_PADDING: 'char-padding',
  BASE64URL_LENGTH: 'length-1-mod-4',
  BASE64URL_NONCANONICAL: 'trailing-bits',
  TOKEN_MALFORMED: 'two-segments',
  TOKEN_TOO_LARGE: 'too-large',
  TOKEN_UTF8: 'invalid-utf8',
  TOKEN_JSON: 'not-json',
  TOKEN_DUPLICATE_MEMBER: 'duplicate-member-accepted',
  TOKEN_FORBIDDEN_MEMBER: 'forbidden-member',
};

/**
 * The files of a corpus, in order: the files as given, then each directory's files by name.
 *
 * @example
 * const files = await corpusFiles({ files: ['staging-tokens.txt'], dirs: [] });
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when a corpus directory cannot be read or no file is given.
 */
export async function corpusFiles(options: CorpusOptions, cwd = process.cwd()): Promise<string[]> {
  const files = (options.files ?? []).map((f) => path.resolve(cwd, f));
  for (const dir of options.dirs ?? []) {
    const abs = path.resolve(cwd, dir);
    let names: string[];
    try {
      names = (await readdir(abs)).sort();
    } catch {
      throw configError(`corpus directory ${dir} cannot be read`);
    }
    for (const name of names) {
      const file = path.join(abs, name);
      if ((await stat(file)).isFile()) files.push(file);
    }
  }
  if (files.length === 0) throw configError('a corpus needs at least one file (--corpus <file> or --corpus-dir <dir> with files)');
  return files;
}

/** One line of a corpus, as judged. */
interface Line {
  file: string;
  line: number;
  token: string;
  case: KitCase;
  code?: string;
}

/** captoken's verdict on a corpus token, as a kit case. */
export function corpusCase(token: string): { case: KitCase; code?: string } {
  try {
    const parsed = parseToken(token);
    return { case: { token, cls: 'valid', expectation: { expected: 'accept', header: parsed.header, payload: parsed.payload } } };
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    const cls = (error.code === 'BASE64URL_INVALID_CHAR' && error.segment === 'signature' ? 'signature-syntax' : CLASS_OF_CODE[error.code]) ?? 'two-segments';
    const c: KitCase = { token, cls, expectation: { expected: 'reject', code: error.code, compatible: checkClass(cls)!.compatible }, fault: { code: error.code } };
    if (error.offset !== undefined) c.fault!.offset = error.offset;
    if (error.segment !== undefined) c.fault!.segment = error.segment;
    return { case: c, code: error.code };
  }
}

const objectKeys = Object.keys;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function answerOf(answer: AdapterAnswer, tokens: readonly string[], showClaims: boolean): CorpusAnswer {
  if (!answer.ok) {
    const a: CorpusAnswer = { ok: false, error: redact(answer.error, tokens) };
    if (answer.category !== undefined) a.category = answer.category;
    return a;
  }
  const payload = answer.payload;
  const a: CorpusAnswer = { ok: true, claims: isRecord(payload) ? objectKeys(payload) : [] };
  if (showClaims && isRecord(payload)) a.claimValues = payload;
  return a;
}

/** A sentence of the judge, without the values it quotes unless claims may be shown. */
function why(text: string, tokens: readonly string[], showClaims: boolean): { why: string; path?: string } {
  const m = /((?:header|payload)[^\s:]*): (?:expected|baseline|missing|unexpected)/.exec(text);
  const out: { why: string; path?: string } = { why: '' };
  if (m !== null) out.path = m[1]!;
  out.why = redact(showClaims || m === null ? text : `${text.slice(0, m.index)}${m[1]!}: the decoded value differs (values shown with --show-claims)`, tokens);
  return out;
}

/**
 * Replays a corpus through the candidate (and the baseline) against captoken's verdicts. An adapter
 * error is rethrown with every token of the batch in flight scrubbed from its message and stderr.
 *
 * @throws {CaptokenError} `CONFIG_INVALID` when no corpus file can be read; {AdapterError} (scrubbed).
 *
 * @example
 * const section = await corpusRun(candidate, undefined, { files: ['staging-tokens.txt'] }, 'accept');
 */
export async function corpusRun(
  candidate: Adapter,
  baseline: Adapter | undefined,
  options: ResolvedOptions,
  corpus: CorpusOptions,
  extra: { shard?: Shard | undefined; cwd?: string; onProgress?: (lines: number) => void } = {},
): Promise<CorpusReport> {
  const started = now();
  const files = await corpusFiles(corpus, extra.cwd);
  const showClaims = corpus.showClaims === true;
  const maxFindings = corpus.maxFindings ?? DEFAULT_MAX_FINDINGS;
  const judge: Judge<ConformanceVerdict | DifferentialVerdict> = baseline === undefined ? conformanceJudge(candidate) : differentialJudge(candidate, baseline);
  const report: CorpusReport = {
    files: files.map((f) => path.relative(extra.cwd ?? process.cwd(), f) || f),
    lines: 0,
    tokens: 0,
    skipped: 0,
    otherShards: 0,
    captoken: { valid: 0, invalid: 0 },
    outcomes: { failures: 0, regressions: 0, improvements: 0, bothWrong: 0, allowed: 0 },
    passed: true,
    showClaims,
    findings: [],
    findingsOmitted: 0,
    reproductions: [],
    durationMs: 0,
    tokensPerSecond: 0,
    peakRssMiB: 0,
  };
  // Findings of a valid token the candidate got wrong, by fault key: the reproduction search's input.
  const byKey = new Map<string, { key: boolean[]; findings: CorpusFinding[]; outcome: CorpusFinding['outcome'] }>();

  const gating = (cls: CheckClassId): boolean => levelWithin(levelOf(checkClass(cls)!, options.verifies), options.failOn) && !options.allow.has(cls);

  const record = (item: Line, verdict: ConformanceVerdict | DifferentialVerdict, tokens: readonly string[]): void => {
    let outcome: CorpusFinding['outcome'];
    let text: string;
    if ('outcome' in verdict) {
      if (verdict.outcome === 'same') return;
      outcome = verdict.outcome;
      text = verdict.candidateWrong ?? verdict.difference ?? '';
    } else {
      if (verdict.difference === undefined) return;
      outcome = 'fail';
      text = verdict.difference;
    }
    const o = report.outcomes;
    if (outcome === 'fail') o.failures++;
    else if (outcome === 'regression') o.regressions++;
    else if (outcome === 'improvement') o.improvements++;
    else if (outcome === 'both-wrong') o.bothWrong++;
    else o.allowed++;
    const c = item.case;
    const cls = checkClass(c.cls)!;
    const gate = (outcome === 'fail' || outcome === 'regression') && gating(c.cls);
    if (gate) report.passed = false;
    if (report.findings.length >= maxFindings) {
      report.findingsOmitted++;
      return;
    }
    const x = c.expectation;
    const w = why(text, tokens, showClaims);
    const f: CorpusFinding = {
      file: path.relative(extra.cwd ?? process.cwd(), item.file) || item.file,
      line: item.line,
      fingerprint: fingerprint(item.token),
      outcome,
      gating: gate,
      class: c.cls,
      level: levelOf(cls, options.verifies),
      requirement: cls.requirement,
      expected: x.expected,
      segments: segmentLengths(item.token),
      divergence: x.expected === 'reject' ? (c.fault?.offset === undefined ? [] : [charAt(item.token, c.fault.offset, c.fault.segment)]) : faultChars(item.token, undefined, true),
      candidate: answerOf('outcome' in verdict ? verdict.candidate : verdict.answer, tokens, showClaims),
      why: w.why,
    };
    if (item.code !== undefined) f.captokenCode = item.code;
    if (w.path !== undefined) f.divergencePath = w.path;
    if ('outcome' in verdict) f.baseline = answerOf(verdict.baseline, tokens, showClaims);
    if (x.expected === 'accept') {
      f.header = x.header;
      f.claims = isRecord(x.payload) ? objectKeys(x.payload) : [];
      if (showClaims && isRecord(x.payload)) f.claimValues = x.payload;
      if (outcome === 'fail' || outcome === 'regression') {
        const key = faultKey(item.token);
        if (key !== undefined) {
          const k = `${outcome}:${key.map((b) => (b ? 1 : 0)).join('')}`;
          let group = byKey.get(k);
          if (group === undefined) byKey.set(k, (group = { key, findings: [], outcome }));
          group.findings.push(f);
        }
      }
    }
    report.findings.push(f);
  };

  let batch: Line[] = [];
  const flush = async (): Promise<void> => {
    const items = batch;
    batch = [];
    let verdicts: Array<ConformanceVerdict | DifferentialVerdict>;
    try {
      verdicts = await Promise.all(items.map((item) => judge.judge(item.case)));
    } catch (error) {
      throw scrubbed(error, items);
    }
    // An answer is about its own token: that one is scrubbed from it by name (anything else shaped
    // like a token is scrubbed by shape). An adapter error may concern any token of the batch.
    for (let i = 0; i < items.length; i++) record(items[i]!, verdicts[i]!, [items[i]!.token]);
    extra.onProgress?.(report.lines);
  };

  for (const file of files) {
    const label = path.relative(extra.cwd ?? process.cwd(), file) || file;
    const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
    let n = 0;
    for await (const raw of lines) {
      n++;
      report.lines++;
      const token = raw.trim();
      if (token === '' || token.startsWith('#')) {
        report.skipped++;
        continue;
      }
      if (extra.shard !== undefined && !inShard(extra.shard, options.seed, `corpus:${label}#${n}`)) {
        report.otherShards++;
        continue;
      }
      report.tokens++;
      const { case: c, code } = corpusCase(token);
      if (c.expectation.expected === 'accept') report.captoken.valid++;
      else report.captoken.invalid++;
      const item: Line = { file, line: n, token, case: c };
      if (code !== undefined) item.code = code;
      batch.push(item);
      if (batch.length >= BATCH) await flush();
    }
    if (batch.length > 0) await flush();
  }

  // The replay's speed counts reading and judging the corpus, not the reproduction search after it.
  report.durationMs = now() - started;
  report.tokensPerSecond = report.durationMs > 0 ? (report.tokens * 1000) / report.durationMs : 0;
  if (corpus.reproduce !== false && byKey.size > 0) {
    const searchStarted = now();
    report.reproductions = await findReproductions(judge, options, [...byKey.values()]);
    report.reproductionMs = now() - searchStarted;
  }
  report.peakRssMiB = Math.round(process.resourceUsage().maxRSS / 1024);
  return report;
}

/** An adapter error raised on a batch of corpus tokens, with every one of them scrubbed from its text. */
function scrubbed(error: unknown, items: readonly Line[]): unknown {
  const tokens = items.map((i) => i.token);
  if (isAdapterError(error)) {
    const details: { stderrTail: string[]; status?: number } = { stderrTail: error.stderrTail.map((l) => redact(l, tokens)) };
    if (error.status !== undefined) details.status = error.status;
    return new AdapterError(error.kind, `${redact(error.message, tokens)} (while replaying the corpus)`, details);
  }
  if (error instanceof Error) return new Error(redact(error.message, tokens));
  return new Error('corpus run failed');
}
