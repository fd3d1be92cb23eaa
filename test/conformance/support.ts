// Shared helpers of the conformance tests.
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adapterFromFunction } from '../../src/conformance/index.js';
import { parseToken } from '../../src/index.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const fixture = (name: string): string => path.join(ROOT, 'test/conformance/fixtures', name);
export const example = (name: string): string => path.join(ROOT, 'examples', name);

/** captoken's own parser as an in-process adapter. */
export const captokenAdapter = () =>
  adapterFromFunction('captoken', (token) => {
    const { header, payload } = parseToken(token);
    return { header, payload };
  });

/** The Node example command adapter, importing captoken from src/ through tsx (no build needed). */
export const NODE_ADAPTER_COMMAND = `node --import tsx ${JSON.stringify(example('adapters/captoken-node.mjs'))}`;
export const NODE_ADAPTER_ENV = { ...process.env, CAPTOKEN_MODULE: path.join(ROOT, 'src/index.ts') };
export const PYTHON_ADAPTER_COMMAND = `python3 ${JSON.stringify(example('adapters/captoken_python.py'))}`;
export const SEED = Number(process.env['FC_SEED'] ?? 20261121);
export const parserFixture = (name: string): string => path.join(ROOT, 'test/conformance/fixtures/parsers', name);
