// Whether the Python half of the real-parser panel (test/conformance/real-parsers/) can run here,
// decided once per process. The Node half needs only devDependencies and always runs.
// - Both interpreters found, each with the PyJWT version the pins were made with: the suites run.
// - Otherwise they are skipped, and test/support/global-setup.ts says so loudly, with the commands that
//   set them up, at the start and at the end of the run, so a skip is never silent.
// - CAPTOKEN_REQUIRE_PANEL=1 (set by .ci/run, which installs both): a missing one fails the run instead.
// The interpreters are found exactly where .ci/run puts them; the variables override both places.
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PANEL_DIR = path.join(ROOT, 'test/conformance/real-parsers');
export const PANEL_REQUIREMENTS = path.join(PANEL_DIR, 'requirements.txt');
export const REQUIRE_PANEL = process.env['CAPTOKEN_REQUIRE_PANEL'] === '1';

/** The PyJWT version requirements.txt pins (the venv's). */
function pinnedPyjwt(): string {
  const pin = /^PyJWT==(\S+)/m.exec(readFileSync(PANEL_REQUIREMENTS, 'utf8'));
  if (pin === null) throw new Error(`${PANEL_REQUIREMENTS} does not pin PyJWT==<version>`);
  return pin[1]!;
}

export interface PanelPython {
  /** Short name used in test titles: `pyjwt-2.6` ... */
  name: string;
  /** What it is, for messages. */
  label: string;
  /** The interpreter the adapter runs under (always with -I: no PYTHONPATH, no user site-packages). */
  python: string;
  /** The PyJWT version the panel's pins were made with. */
  expectedVersion: string;
  /** The commands that set it up (Debian; what .ci/run does). */
  setup: string;
  /** The version found, when the interpreter imports jwt. */
  foundVersion?: string;
  /** Why it cannot run here, when it cannot. */
  problem?: string;
}

function probe(python: PanelPython): PanelPython {
  const run = spawnSync(python.python, ['-I', '-c', 'import jwt; print(jwt.__version__)'], { encoding: 'utf8', timeout: 20_000 });
  if (run.error !== undefined) return { ...python, problem: `${python.python} cannot be run (${run.error.message})` };
  if (run.status !== 0) {
    const last = run.stderr.trim().split('\n').pop() ?? '';
    return { ...python, problem: `${python.python} cannot import jwt (${last})` };
  }
  const foundVersion = run.stdout.trim();
  if (foundVersion !== python.expectedVersion) {
    return { ...python, foundVersion, problem: `${python.python} has PyJWT ${foundVersion}, the panel's expected verdicts are for ${python.expectedVersion}` };
  }
  return { ...python, foundVersion };
}

const VENV = process.env['CAPTOKEN_PANEL_VENV'] ?? path.join(ROOT, '.venv-panel');
/** The venv as a person would type it: relative to the repository when inside it. */
const VENV_SHOWN = path.relative(ROOT, VENV).startsWith('..') ? VENV : path.relative(ROOT, VENV);

/** PyJWT from Debian's python3-jwt under the system interpreter: the differential's baseline. */
export const PYJWT_DEBIAN: PanelPython = probe({
  name: 'pyjwt-2.6',
  label: "PyJWT 2.6.0 (Debian's python3-jwt)",
  python: process.env['CAPTOKEN_PANEL_SYSTEM_PYTHON'] ?? '/usr/bin/python3',
  expectedVersion: '2.6.0',
  setup: 'sudo apt-get update && sudo apt-get install -y python3-jwt python3-venv',
});

/** PyJWT pinned in requirements.txt, in the panel's virtual environment: the differential's candidate. */
export const PYJWT_VENV: PanelPython = probe({
  name: 'pyjwt-2.15',
  label: `PyJWT ${pinnedPyjwt()} (virtual environment ${VENV_SHOWN})`,
  python: process.env['CAPTOKEN_PANEL_PYTHON'] ?? path.join(VENV, 'bin/python'),
  expectedVersion: pinnedPyjwt(),
  setup: `/usr/bin/python3 -m venv ${VENV_SHOWN} && ${VENV_SHOWN}/bin/pip install -r ${path.relative(ROOT, PANEL_REQUIREMENTS)}`,
});

export const PANEL_PYTHONS: readonly PanelPython[] = [PYJWT_DEBIAN, PYJWT_VENV];
const missing = PANEL_PYTHONS.filter((p) => p.problem !== undefined);

/** True when the Python panel is complete here. */
export const PANEL_PYTHON_FOUND = missing.length === 0;

/**
 * True when the Python panel suites must be skipped: something is missing and the run does not
 * require it. With CAPTOKEN_REQUIRE_PANEL=1 this is false, so the suites run and fail.
 */
export const SKIP_PANEL_PYTHON = !PANEL_PYTHON_FOUND && !REQUIRE_PANEL;

export function missingPanelMessage(): string {
  return [
    'the Python half of the real-parser panel needs both PyJWT interpreters:',
    ...missing.map((p) => `  - ${p.label}: ${p.problem ?? ''}\n    set up with: ${p.setup}`),
    'or point CAPTOKEN_PANEL_SYSTEM_PYTHON / CAPTOKEN_PANEL_PYTHON at interpreters with those versions. bash .ci/run does all of it.',
  ].join('\n');
}

/** The banner printed when the Python panel suites are skipped. */
export function panelSkipBanner(): string {
  const rule = '='.repeat(78);
  return [
    '',
    rule,
    'PYTHON PANEL SKIPPED: the PyJWT cases of test/conformance/real-parsers/ did not run.',
    missingPanelMessage(),
    'CI sets CAPTOKEN_REQUIRE_PANEL=1, under which a missing interpreter fails the run.',
    rule,
    '',
  ].join('\n');
}
