// Wycheproof JWS vectors (C2SP/wycheproof json_web_signature_test.json, 401 cases in 23 groups) run
// through the JWS layer, on the Node (sync) and the WebCrypto (async) paths. Every disagreement with
// the upstream label is listed below with its reason and the code we reject with; the test fails on
// any other disagreement, and on a listed one that stops happening.
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JWK } from 'jose';
import { isCaptokenError } from '../../src/errors.js';
import { cryptoProvider as node } from '../../src/verify/crypto-node.js';
import { cryptoProvider as web } from '../../src/verify/crypto-web.js';
import { isJwsAlgorithm, type JwsAlgorithm } from '../../src/verify/algorithms.js';
import { buildJwsVerifier } from '../../src/verify/jws-verifier.js';
import type { CryptoProvider } from '../../src/verify/provider.js';

interface Test {
  tcId: number;
  comment: string;
  jws: string;
  result: 'valid' | 'invalid';
  flags: string[];
}
interface Group {
  comment: string;
  public?: JWK;
  private?: JWK;
  tests: Test[];
}
// Committed in this repository (Apache-2.0; source, commit and checksum in test/fixtures/wycheproof/README.md).
const FILE = fileURLToPath(new URL('../fixtures/wycheproof/wycheproof_json_web_signature_test.json', import.meta.url));
const suite = JSON.parse(readFileSync(FILE, 'utf8')) as { numberOfTests: number; testGroups: Group[] };

/** Upstream defects: cases not run at all. */
const SKIP: Record<number, string> = {
  367: 'byte-identical to the valid tcId 357 but labelled invalid (the conversion lost its payload): the label is wrong',
  370: 'byte-identical to the valid tcId 357 but labelled invalid (the conversion lost its payload): the label is wrong',
};

/** Cases where captoken's verdict differs from the label, with the code we reject with and why. */
const DISAGREE: Record<number, { code: string; reason: string }> = {
  372: { code: 'BASE64URL_INVALID_CHAR', reason: "labelled valid, but '?' sits inside the header segment and the MAC does not verify anyway: treated as invalid" },
  373: { code: 'BASE64URL_INVALID_CHAR', reason: "labelled valid, but '?' sits inside the payload segment and the MAC does not verify anyway: treated as invalid" },
  346: { code: 'ALG_NOT_ALLOWED', reason: 'PS384 token under a JWK whose "alg" is PS256: the JWK alg binds the key (RFC 7517 §4.4), so the verifier allows PS256 only' },
  350: { code: 'ALG_NOT_ALLOWED', reason: 'PS384 token under a JWK whose "alg" is PS256 (with key_ops): the JWK alg binds the key (RFC 7517 §4.4)' },
  347: { code: 'CONFIG_INVALID', reason: 'the JWK says "alg": "ES521", which is not a JWS algorithm (ES512 is): a key bound to an unknown algorithm is refused (not in the shared README)' },
  351: { code: 'CONFIG_INVALID', reason: 'the JWK says "alg": "ES521", which is not a JWS algorithm (ES512 is): a key bound to an unknown algorithm is refused (not in the shared README)' },
};

/** Labelled invalid and rejected, but by the strict decoder rather than by the MAC: recorded, with the code. */
const DECODER_REJECTS: Record<number, string> = {
  374: 'BASE64URL_NONCANONICAL',
  375: 'BASE64URL_NONCANONICAL',
};

/** The verifier's configuration for a group: the key's own alg, or every algorithm its type fits. */
function algorithmsFor(key: JWK): JwsAlgorithm[] {
  if (isJwsAlgorithm(key.alg)) return [key.alg];
  switch (key.kty) {
    case 'oct':
      return ['HS256'];
    case 'RSA':
      return ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512'];
    case 'EC':
      return [key.crv === 'P-384' ? 'ES384' : key.crv === 'P-521' ? 'ES512' : 'ES256'];
    default:
      return ['EdDSA'];
  }
}

interface Outcome {
  accepted: boolean;
  code: string | undefined;
}

async function run(provider: CryptoProvider, group: Group, test: Test): Promise<Outcome> {
  const key = group.public ?? group.private!;
  try {
    const verifier = buildJwsVerifier({ algorithms: algorithmsFor(key), key }, provider);
    if (provider.sync) verifier.verifySync(test.jws);
    else await verifier.verify(test.jws);
    return { accepted: true, code: undefined };
  } catch (error) {
    if (!isCaptokenError(error)) throw error;
    return { accepted: false, code: error.code };
  }
}

describe('Wycheproof json_web_signature_test.json', () => {
  it('has the documented shape (401 cases in 23 groups)', () => {
    expect(suite.numberOfTests).toBe(401);
    expect(suite.testGroups).toHaveLength(23);
    expect(suite.testGroups.flatMap((g) => g.tests)).toHaveLength(401);
  });

  for (const provider of [node, web]) {
    it(`${provider.name} path: every verdict agrees with the label except the documented cases`, async () => {
      const counts = { agree: 0, disagree: 0, skip: 0 };
      const disagreements: Record<number, string> = {};
      const decoderRejects: Record<number, string> = {};
      for (const group of suite.testGroups) {
        for (const test of group.tests) {
          if (SKIP[test.tcId] !== undefined) {
            counts.skip++;
            continue;
          }
          const outcome = await run(provider, group, test);
          const expected = test.result === 'valid';
          if (test.flags.includes('JsonSerialization')) {
            expect(outcome, `tcId ${test.tcId}`).toEqual({ accepted: false, code: 'TOKEN_MALFORMED' });
          }
          if (DECODER_REJECTS[test.tcId] !== undefined) decoderRejects[test.tcId] = outcome.code ?? 'accepted';
          if (outcome.accepted === expected) {
            counts.agree++;
          } else {
            counts.disagree++;
            disagreements[test.tcId] = outcome.code ?? 'accepted';
          }
        }
      }
      console.log(`[wycheproof ${provider.name}] agree=${counts.agree} disagree=${counts.disagree} skip=${counts.skip}`);
      for (const [id, d] of Object.entries(DISAGREE)) console.log(`  tcId ${id}: rejected with ${d.code}: ${d.reason}`);
      for (const [id, reason] of Object.entries(SKIP)) console.log(`  tcId ${id}: skipped: ${reason}`);
      for (const [id, code] of Object.entries(DECODER_REJECTS)) console.log(`  tcId ${id}: invalid, rejected by the strict decoder (${code})`);
      expect(disagreements).toEqual(Object.fromEntries(Object.entries(DISAGREE).map(([id, d]) => [id, d.code])));
      expect(decoderRejects).toEqual(DECODER_REJECTS);
      expect(counts).toEqual({ agree: 401 - 2 - Object.keys(DISAGREE).length, disagree: Object.keys(DISAGREE).length, skip: 2 });
    });
  }

  it('refuses keys meant for encryption (tcId 353/354 use "enc", 355/356 key_ops without verify) at construction', () => {
    for (const id of [353, 354, 355, 356]) {
      const group = suite.testGroups.find((g) => g.tests.some((t) => t.tcId === id))!;
      expect(() => buildJwsVerifier({ algorithms: algorithmsFor(group.public!), key: group.public! }, node), `tcId ${id}`).toThrow(
        expect.objectContaining({ code: 'CONFIG_INVALID' }),
      );
    }
  });

  it('accepts 346 (PS384) when the key is given without its PS256 binding: the rejection is the alg policy, not the signature', () => {
    const group = suite.testGroups.find((g) => g.tests.some((t) => t.tcId === 346))!;
    const { alg: _alg, ...unbound } = group.public!;
    const verifier = buildJwsVerifier({ algorithms: ['PS384'], key: unbound }, node);
    expect(verifier.verifySync(group.tests[0]!.jws).alg).toBe('PS384');
    // And a verifier that allows PS384 under the PS256-bound JWK fails at start-up, not per token.
    expect(() => buildJwsVerifier({ algorithms: ['PS256', 'PS384'], key: group.public! }, node)).toThrow(expect.objectContaining({ code: 'CONFIG_INVALID' }));
  });

  it('accepts 347 (ES512) when the key is given without its "ES521" binding: the rejection is the key policy, not the signature', () => {
    const group = suite.testGroups.find((g) => g.tests.some((t) => t.tcId === 347))!;
    const { alg: _alg, ...unbound } = group.public!;
    expect(buildJwsVerifier({ algorithms: ['ES512'], key: unbound }, node).verifySync(group.tests[0]!.jws).alg).toBe('ES512');
  });
});
