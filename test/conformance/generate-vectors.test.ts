import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { tokenParts } from '../../src/arbitraries/index.js';
import { encodeBase64url } from '../../src/index.js';
import { CHECK_CLASSES, generateVectors, loadVectors, serializeVectors, vectorsPath } from '../../src/conformance/index.js';
import { REGISTERED_JWS_ALGORITHMS } from '../../src/arbitraries/index.js';
import { CAPTOKEN_ERROR_CODES, parseToken, type CaptokenError } from '../../src/index.js';

const file = generateVectors();
const tests = file.testGroups.flatMap((g) => g.tests);
const valid = tests.filter((t) => t.result === 'valid');
const invalid = tests.filter((t) => t.result === 'invalid');
const segmentsOf = (token: string): [string, string, string] => token.split('.') as [string, string, string];
const utf8 = new TextDecoder();
const decodedJson = (segment: string): string => utf8.decode(Buffer.from(segment, 'base64url'));

describe('vectors/captoken-vectors.json', () => {
  it('is what the generator writes, byte for byte (run npx tsx scripts/generate-vectors.ts)', () => {
    expect(readFileSync(vectorsPath(), 'utf8')).toBe(serializeVectors(generateVectors()));
  });

  it('loads through loadVectors() with its Wycheproof header fields', () => {
    const loaded = loadVectors();
    expect(loaded).toEqual(file);
    expect(loaded.schema).toBe('captoken-vectors-v1');
    expect(loaded.numberOfTests).toBe(tests.length);
    expect(new Set(tests.map((t) => t.tcId)).size).toBe(tests.length);
    for (const flag of new Set(tests.flatMap((t) => t.flags))) expect(file.notes[flag], flag).toBeDefined();
  });

  it("agrees with captoken's parseToken on every vector: result, header/payload, code, offset, segment", () => {
    for (const t of tests) {
      if (t.result === 'valid') {
        const parsed = parseToken(t.token);
        expect(parsed.header, `tcId ${t.tcId}`).toEqual(t.header);
        expect(parsed.payload, `tcId ${t.tcId}`).toEqual(t.payload);
      } else {
        let error: CaptokenError | undefined;
        try {
          parseToken(t.token);
        } catch (e) {
          error = e as CaptokenError;
        }
        expect(error?.code, `tcId ${t.tcId} ${t.comment}`).toBe(t.error);
        expect(error?.offset, `tcId ${t.tcId} offset`).toBe(t.offset);
        expect(error?.segment, `tcId ${t.tcId} segment`).toBe(t.segment);
      }
    }
  });

  it('has an invalid vector, with a flag, for every parse error code of captoken', () => {
    const parseCodes = CAPTOKEN_ERROR_CODES.slice(0, CAPTOKEN_ERROR_CODES.indexOf('TOKEN_FORBIDDEN_MEMBER') + 1);
    expect(parseCodes).toHaveLength(10);
    for (const code of parseCodes) {
      const forCode = invalid.filter((t) => t.error === code);
      expect(forCode.length, code).toBeGreaterThan(0);
      for (const t of forCode) expect(t.flags.length).toBeGreaterThan(0);
    }
    const invalidChars = invalid.filter((t) => t.error === 'BASE64URL_INVALID_CHAR').map((t) => t.token);
    expect(invalidChars.some((t) => t.includes('+'))).toBe(true);
    expect(invalidChars.some((t) => t.includes('/'))).toBe(true);
    expect(invalidChars.some((t) => /[ \t\r\n]/.test(t))).toBe(true);
  });

  it("puts '-' and '_' first and last in the signature, and at positions 3 and length-4 of header and payload", () => {
    for (const c of ['-', '_']) {
      expect(valid.some((t) => segmentsOf(t.token)[2].startsWith(c)), `signature starts with ${c}`).toBe(true);
      expect(valid.some((t) => segmentsOf(t.token)[2].endsWith(c)), `signature ends with ${c}`).toBe(true);
      for (const i of [0, 1]) {
        expect(valid.some((t) => segmentsOf(t.token)[i]![3] === c), `segment ${i} position 3 ${c}`).toBe(true);
        expect(valid.some((t) => segmentsOf(t.token)[i]!.at(-4) === c), `segment ${i} length-4 ${c}`).toBe(true);
      }
    }
  });

  it('documents the impossible places: no UTF-8 JSON object encodes with -/_ in its first 3 or last 3 characters', () => {
    // Every valid header/payload of the file and of 2000 generated tokens obeys it; the notes say why.
    fc.assert(
      fc.property(tokenParts(), fc.constantFrom('', ' ', '\n', '\t\r\n '), ({ header, payload }, space) => {
        for (const value of [header, payload]) {
          const s = encodeBase64url(new TextEncoder().encode(space + JSON.stringify(value) + space));
          if (/[-_]/.test(s.slice(0, 3) + s.slice(-3))) return false;
        }
        return true;
      }),
      { seed: 20261121, numRuns: 2000 },
    );
    for (const t of valid) {
      for (const s of segmentsOf(t.token).slice(0, 2)) {
        expect(/[-_]/.test(s.slice(0, 3) + s.slice(-3)), s).toBe(false);
      }
    }
    expect(file.notes['DashUnderscoreAtBoundary']?.description).toMatch(/positions 0-2/);
  });

  it("repeats '-' and '_' within segments, in all three segments of one token", () => {
    const count = (s: string, c: string): number => s.split(c).length - 1;
    for (const i of [0, 1, 2]) {
      expect(valid.some((t) => count(segmentsOf(t.token)[i]!, '-') >= 2), `segment ${i} has two '-'`).toBe(true);
      expect(valid.some((t) => count(segmentsOf(t.token)[i]!, '_') >= 2), `segment ${i} has two '_'`).toBe(true);
    }
    expect(valid.some((t) => segmentsOf(t.token).every((s) => s.includes('-') && s.includes('_')))).toBe(true);
  });

  it('covers segment lengths 0, 2 and 3 mod 4 in every segment', () => {
    for (const i of [0, 1, 2]) {
      const mods = new Set(valid.map((t) => segmentsOf(t.token)[i]!.length % 4));
      expect([...mods].sort(), `segment ${i}`).toEqual([0, 2, 3]);
    }
  });

  it('has non-ASCII claims of 2, 3 and 4 UTF-8 bytes, both capability formats and an 8 KiB token', () => {
    const texts = valid.map((t) => decodedJson(segmentsOf(t.token)[1]) + decodedJson(segmentsOf(t.token)[0]));
    expect(texts.some((s) => /[\u0080-\u07ff]/.test(s))).toBe(true);
    expect(texts.some((s) => /[\u0800-\uffff]/.test(s.replace(/[\ud800-\udfff]/g, '')))).toBe(true);
    expect(texts.some((s) => /[\ud800-\udbff][\udc00-\udfff]/.test(s))).toBe(true);
    expect(valid.some((t) => typeof (t.payload as { scope?: unknown }).scope === 'string')).toBe(true);
    expect(valid.some((t) => (t.header as { cty?: unknown }).cty === 'twilio-fpa;v=1' && typeof (t.payload as { grants?: unknown }).grants === 'object')).toBe(true);
    expect(valid.some((t) => t.token.length === 8192)).toBe(true);
  });

  it('names the check class of every invalid vector, and a twin without the fault that captoken accepts', () => {
    const ids = new Set<string>(CHECK_CLASSES.filter((c) => c.level !== 'accept').map((c) => c.id));
    for (const t of invalid) {
      expect(ids.has(t.fault!), `tcId ${t.tcId} fault ${String(t.fault)}`).toBe(true);
      expect(t.twin, `tcId ${t.tcId}`).toBeDefined();
      expect(() => parseToken(t.twin!), `tcId ${t.tcId} twin`).not.toThrow();
    }
    // Every rfc and hardened class but the policy-only duplicate one has a vector.
    const covered = new Set(invalid.map((t) => t.fault));
    for (const id of ids) if (id !== 'duplicate-member-accepted') expect(covered.has(id), id).toBe(true);
  });

  it('gives each duplicate-member vector what keeping the lexically last member decodes to', () => {
    const duplicates = invalid.filter((t) => t.fault === 'duplicate-member');
    expect(duplicates.length).toBeGreaterThan(0);
    for (const t of duplicates) {
      const [h, p] = segmentsOf(t.token);
      expect(t.acceptable, `tcId ${t.tcId}`).toEqual({ header: JSON.parse(decodedJson(h)) as unknown, payload: JSON.parse(decodedJson(p)) as unknown });
    }
  });

  it('valid vectors are valid everywhere: registered alg, registered claims with their types, exp in the future, real sizes', () => {
    const now = Date.now() / 1000;
    for (const t of valid) {
      const header = t.header as Record<string, unknown>;
      const payload = t.payload as Record<string, unknown>;
      expect(REGISTERED_JWS_ALGORITHMS, `tcId ${t.tcId}`).toContain(header['alg']);
      for (const name of ['kid', 'typ', 'cty']) if (name in header) expect(typeof header[name], `tcId ${t.tcId} ${name}`).toBe('string');
      for (const name of ['crit', 'b64', 'jku', 'jwk', 'x5u', 'x5c', 'x5t', 'zip']) expect(name in header, `tcId ${t.tcId} ${name}`).toBe(false);
      for (const name of ['exp', 'nbf', 'iat']) if (name in payload) expect(typeof payload[name], `tcId ${t.tcId} ${name}`).toBe('number');
      for (const name of ['iss', 'sub', 'jti']) if (name in payload) expect(typeof payload[name], `tcId ${t.tcId} ${name}`).toBe('string');
      if ('exp' in payload) expect(payload['exp'] as number, `tcId ${t.tcId} exp`).toBeGreaterThan(now);
      const [h, p] = segmentsOf(t.token);
      expect(Buffer.from(h, 'base64url').length, `tcId ${t.tcId} header bytes`).toBeLessThan(512);
      expect(Buffer.from(p, 'base64url').length, `tcId ${t.tcId} payload bytes`).toBeLessThan(8192);
    }
  });
});
