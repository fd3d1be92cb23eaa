// The real-parser panel: thin adapters over real, widely used token libraries, each calling only the
// library's own decode function. Shared by panel.test.ts (pinned verdicts) and explore.ts (the
// per-parser, per-fault-class table in docs/notes/panel.md).
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { createCommandAdapter, createModuleAdapter, type Adapter } from '../../../src/conformance/index.js';
import { PYJWT_DEBIAN, PYJWT_VENV, type PanelPython } from '../../support/panel-availability.js';

const HERE = path.dirname(fileURLToPath(import.meta.url));

export interface PanelParser {
  /** Stable short name, used in test titles and tables. */
  name: string;
  /** The library and the call the adapter makes. */
  library: string;
  /** The adapter file, relative to the repository (what `captoken conformance` would be given). */
  adapter: string;
  /** For a Python parser: the interpreter it needs, which may be missing on this machine. */
  python?: PanelPython;
  open(): Promise<Adapter>;
}

function moduleParser(name: string, library: string, file: string): PanelParser {
  const full = path.join(HERE, file);
  return { name, library, adapter: `test/conformance/real-parsers/${file}`, open: () => createModuleAdapter(full) };
}

function pyjwtParser(python: PanelPython): PanelParser {
  const script = path.join(HERE, 'pyjwt_adapter.py');
  return {
    name: python.name,
    library: `${python.label}: get_unverified_header + decode(verify_signature=False)`,
    adapter: 'test/conformance/real-parsers/pyjwt_adapter.py',
    python,
    // -I: isolated mode, so the PyJWT imported is the interpreter's own (no PYTHONPATH, no user site).
    open: () => Promise.resolve(createCommandAdapter(`${JSON.stringify(python.python)} -I ${JSON.stringify(script)}`)),
  };
}

export const JOSE = moduleParser('jose', 'jose: decodeProtectedHeader + decodeJwt', 'jose.mjs');
export const JWT_DECODE = moduleParser('jwt-decode', 'jwt-decode: jwtDecode(token, { header: true }) + jwtDecode(token)', 'jwt-decode.mjs');
export const FAST_JWT = moduleParser('fast-jwt', 'fast-jwt: createDecoder({ complete: true })', 'fast-jwt.mjs');
export const JSONWEBTOKEN = moduleParser('jsonwebtoken', 'jsonwebtoken: decode(token, { complete: true })', 'jsonwebtoken.mjs');
export const PYJWT_2_6 = pyjwtParser(PYJWT_DEBIAN);
export const PYJWT_2_15 = pyjwtParser(PYJWT_VENV);

export const NODE_PARSERS: readonly PanelParser[] = [JOSE, JWT_DECODE, FAST_JWT, JSONWEBTOKEN];
export const PYTHON_PARSERS: readonly PanelParser[] = [PYJWT_2_6, PYJWT_2_15];
export const PANEL: readonly PanelParser[] = [...NODE_PARSERS, ...PYTHON_PARSERS];
