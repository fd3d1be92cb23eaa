// A dedicated module worker: no DOM, no window, no document, as in an edge runtime (Workers, Deno
// Deploy). The same browser build of captoken must parse, verify on WebCrypto and mint there.
import * as captoken from 'captoken';
import fc from 'fast-check';
import { runCodecProperties } from './properties.js';
import { runWebVerify } from './web-verify.js';

const scope = globalThis as unknown as { postMessage(message: unknown): void; onmessage: ((e: MessageEvent<{ seed: number; runs: number }>) => void) | null };

scope.onmessage = (event) => {
  const { seed, runs } = event.data;
  runWebVerify(captoken).then(
    (verify) => {
      scope.postMessage({
        hasDocument: typeof (globalThis as { document?: unknown }).document !== 'undefined',
        properties: runCodecProperties(captoken, fc, seed, runs),
        verify,
      });
    },
    (error: unknown) => {
      scope.postMessage({ error: error instanceof Error ? `${error.name}: ${error.message}` : String(error) });
    },
  );
};
