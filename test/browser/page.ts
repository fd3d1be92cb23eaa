// The test page's script, bundled by esbuild for the browser: `captoken` resolves through the
// package's `browser` condition to dist/browser.js (the build partner SDKs get), fast-check from
// node_modules. Results go to `window.__captoken` for the test to read back.
import * as captoken from 'captoken';
import fc from 'fast-check';
import { runCodecProperties, type PropertyReport } from './properties.js';
import { runWebVerify, type VerifyCase } from './web-verify.js';

export interface PageReport {
  userAgent: string;
  /** Node globals must not exist here, so passing properties prove the web runtime did the work. */
  nodeGlobals: string[];
  properties: PropertyReport[];
  /** HS256 / ES256 verification (async verify, WebCrypto), minting and capabilitiesOf. */
  verify: VerifyCase[];
  /** verifySync on the web runtime: no synchronous WebCrypto, so KEY_ASYNC. */
  verifySync: string;
  /** The same work in a dedicated module worker (no DOM: the shape of an edge runtime). */
  worker: WorkerReport;
}

export interface WorkerReport {
  hasDocument?: boolean;
  properties?: PropertyReport[];
  verify?: VerifyCase[];
  error?: string;
}

function inWorker(seed: number, runs: number): Promise<WorkerReport> {
  return new Promise((resolve) => {
    const worker = new Worker('/worker.js', { type: 'module' });
    worker.onmessage = (event: MessageEvent<WorkerReport>) => {
      worker.terminate();
      resolve(event.data);
    };
    worker.onerror = (event) => {
      worker.terminate();
      resolve({ error: event.message });
    };
    worker.postMessage({ seed, runs });
  });
}

declare global {
  interface Window {
    __captoken?: PageReport;
    __captokenError?: string;
  }
}

async function run(): Promise<PageReport> {
  const params = new URLSearchParams(location.search);
  const seed = Number(params.get('seed'));
  const numRuns = Number(params.get('runs'));
  const g = globalThis as Record<string, unknown>;
  return {
    userAgent: navigator.userAgent,
    nodeGlobals: ['Buffer', 'process', 'require', 'global'].filter((name) => g[name] !== undefined),
    properties: runCodecProperties(captoken, fc, seed, numRuns),
    verify: await runWebVerify(captoken),
    verifySync: syncOutcome(),
    worker: await inWorker(seed, numRuns),
  };
}

function syncOutcome(): string {
  try {
    captoken.createVerifier({ algorithms: ['HS256'], key: 'browser-hs256-secret-of-32-bytes!' }).verifySync('e30.e30.AAAA');
    return 'ok';
  } catch (error) {
    return captoken.isCaptokenError(error) ? error.code : String(error);
  }
}

run().then(
  (report) => {
    window.__captoken = report;
  },
  (error: unknown) => {
    window.__captokenError = error instanceof Error ? `${error.name}: ${error.message}\n${error.stack ?? ''}` : String(error);
  },
);
