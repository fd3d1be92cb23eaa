// The browser properties have teeth: against a lenient decoder (Node's Buffer base64url, which skips
// bad characters, stops at '=' and ignores trailing bits) the oracle and incident properties fail,
// and against captoken they pass.
import { Buffer } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as captoken from '../../src/index.js';
import { NUM_RUNS, SEED, seeded } from '../support/fc.js';
import { oracle, runCodecProperties, type CodecApi } from './properties.js';

const lenient: CodecApi = {
  ...captoken,
  decodeBase64url: (input) => new Uint8Array(Buffer.from(input, 'base64url')),
  parseToken: (token) => {
    const [h = '', p = '', s = ''] = token.split('.');
    const json = (seg: string) => JSON.parse(Buffer.from(seg, 'base64url').toString('utf8')) as Record<string, unknown>;
    return { header: json(h), payload: json(p), signature: new Uint8Array(Buffer.from(s, 'base64url')) };
  },
};

describe('codec properties (the ones the browser test runs)', () => {
  it(seeded('pass against captoken in Node'), () => {
    const reports = runCodecProperties(captoken, fc, SEED, NUM_RUNS);
    expect(reports.filter((r) => r.failed)).toEqual([]);
  });

  it(seeded('fail against a lenient decoder, except round-trip (which it passes)'), () => {
    const reports = runCodecProperties(lenient, fc, SEED, NUM_RUNS);
    expect(reports.map((r) => [r.name.split(':')[0], r.failed])).toEqual([
      ['round-trip', false],
      ['oracle', true],
      ['incident', true],
      ['incident', true],
      ['incident', true],
    ]);
  });

  it('the oracle agrees with known answers', () => {
    expect(oracle('-_8')).toEqual({ ok: true, bytes: [0xfb, 0xff] });
    expect(oracle('QR')).toEqual({ ok: false, code: 'BASE64URL_NONCANONICAL', offset: 1 });
    expect(oracle('QQ==')).toEqual({ ok: false, code: 'BASE64URL_PADDING', offset: 2 });
    expect(oracle('a+b')).toEqual({ ok: false, code: 'BASE64URL_INVALID_CHAR', offset: 1 });
    expect(oracle('abcde')).toEqual({ ok: false, code: 'BASE64URL_LENGTH', offset: undefined });
    expect(oracle('')).toEqual({ ok: true, bytes: [] });
  });
});
