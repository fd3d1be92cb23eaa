// The Node crypto provider (src/verify/crypto-node.ts): its HMAC equals createHmac, and HS256
// verifySync allocates no ArrayBuffer per call (the digests travel as latin1 strings into buffers
// allocated once per key, and the signature is decoded into the codec's scratch).
import { spawnSync } from 'node:child_process';
import { createHmac } from 'node:crypto';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hmacForTest } from '../../src/verify/crypto-node.js';
import { DIST, requireBuild } from '../support/browser-bundle.js';
import { fcParams, seeded } from '../support/fc.js';

const TOKEN_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.'.split('');

describe('the Node HMAC (two one-shot digests over prepared pads, latin1 digests)', () => {
  it(seeded('equals createHmac for every digest, key length (short, block-sized, longer than a block) and input'), () => {
    fc.assert(
      fc.property(
        fc.constantFrom('sha256', 'sha384', 'sha512'),
        fc.oneof(fc.uint8Array({ minLength: 1, maxLength: 200 }), fc.constantFrom(64, 128, 129).map((n) => new Uint8Array(n).fill(0xa5))),
        fc.array(
          fc.oneof(
            fc.string({ unit: fc.constantFrom(...TOKEN_CHARS) }),
            // Around and over the 16 KiB scratch (the createHmac fallback), and lengths that change the kept view.
            fc.constantFrom(16 * 1024 - 1, 16 * 1024, 16 * 1024 + 1, 20_000).map((n) => 'a.b-_'.repeat(Math.ceil(n / 5)).slice(0, n)),
          ),
          { minLength: 1, maxLength: 5 },
        ),
        (digest, key, inputs) => {
          const mac = hmacForTest(digest, key);
          // Several inputs through one instance: the scratch, the kept view and the tag buffer are reused.
          for (const input of inputs) expect(mac(input).equals(createHmac(digest, key).update(input).digest())).toBe(true);
        },
      ),
      fcParams(),
    );
  });

  it('every digest byte survives the latin1 round trip (all 256 byte values at every tag position)', () => {
    // A digest string carries bytes 0x00-0xFF as code units; a UTF-8 write would corrupt those >= 0x80.
    const mac = hmacForTest('sha512', new Uint8Array(64).fill(1));
    const seen = new Set<number>();
    for (let i = 0; seen.size < 256 && i < 100_000; i++) {
      const input = `x${i}`;
      const tag = mac(input);
      expect(tag.equals(createHmac('sha512', new Uint8Array(64).fill(1)).update(input).digest())).toBe(true);
      for (const b of tag) seen.add(b);
    }
    expect(seen.size).toBe(256);
  });
});

/**
 * Runs `body` (a module body with `fn` defined) in a fresh Node whose young generation is large
 * enough that no GC runs during the measured loop, and returns the growth of
 * process.memoryUsage().arrayBuffers over it, per call. The loop is marked so --trace-gc output
 * inside it (which would invalidate the figure) is found.
 */
function arrayBufferBytesPerCall(setup: string, calls = 20_000): number {
  const script = `
    ${setup}
    for (let i = 0; i < 20000; i++) fn();
    globalThis.gc();
    // V8 frees dead ArrayBuffers on a concurrent sweeper thread after a GC; on a loaded machine that
    // can spill into the measured loop and lower the count. Let it finish first.
    await new Promise((resolve) => setTimeout(resolve, 200));
    globalThis.gc();
    await new Promise((resolve) => setTimeout(resolve, 50));
    const before = process.memoryUsage().arrayBuffers;
    console.log('<<loop');
    for (let i = 0; i < ${calls}; i++) fn();
    console.log('loop>>');
    console.log('delta', process.memoryUsage().arrayBuffers - before);`;
  const result = spawnSync(
    process.execPath,
    ['--expose-gc', '--trace-gc', '--min-semi-space-size=64', '--max-semi-space-size=64', '--input-type=module', '-e', script],
    { encoding: 'utf8', cwd: path.dirname(DIST) },
  );
  expect(result.status, result.stderr).toBe(0);
  const inside = result.stdout.slice(result.stdout.indexOf('<<loop'), result.stdout.indexOf('loop>>'));
  expect(inside, 'a GC ran during the measured loop: the figure would be meaningless').not.toMatch(/Scavenge|Mark-Compact|Mark-sweep/);
  const delta = Number(/delta (-?\d+)/.exec(result.stdout)?.[1]);
  return delta / calls;
}

describe('allocation (built package, dist/)', () => {
  const index = pathToFileURL(path.join(DIST, 'index.js')).href;

  it('HS256 verifySync allocates no ArrayBuffer per call', () => {
    requireBuild(['index.js']);
    const perCall = arrayBufferBytesPerCall(`
      const { createVerifier } = await import(${JSON.stringify(index)});
      const { createHmac } = await import('node:crypto');
      const secret = 'a-shared-secret-of-at-least-32-bytes!!';
      const b = (s) => Buffer.from(s).toString('base64url');
      const input = b('{"alg":"HS256","typ":"JWT"}') + '.' + b(JSON.stringify({ sub: 'user-1', iss: 'https://issuer.example', scope: 'read write', exp: 4102444800 }));
      const token = input + '.' + createHmac('sha256', secret).update(input).digest('base64url');
      const verifier = createVerifier({ algorithms: ['HS256'], key: secret });
      const fn = () => verifier.verifySync(token);`);
    expect(perCall).toBe(0);
  });

  it('the measurement does see an ArrayBuffer per call (positive control: crypto.hash into a Buffer)', () => {
    const perCall = arrayBufferBytesPerCall(`
      const { hash } = await import('node:crypto');
      const data = Buffer.alloc(100);
      const fn = () => hash('sha256', data, 'buffer');`);
    expect(perCall).toBeGreaterThanOrEqual(32);
  });
});
