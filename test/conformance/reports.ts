// Reports shared by the reporter tests: computed once per test file.
import { createModuleAdapter, runCheck, runConformance, runDifferential, type CheckReport, type ConformanceReport, type DifferentialReport } from '../../src/conformance/index.js';
import { captokenAdapter, example, SEED } from './support.js';

let lenientHardened: Promise<ConformanceReport> | undefined;
/** The lenient parser under hardened: rfc failures (gating), hardened findings (advisory), a waived class. */
export function lenientHardenedReport(): Promise<ConformanceReport> {
  lenientHardened ??= createModuleAdapter(example('regressed/lenient-buffer.mjs')).then((a) =>
    runConformance(a, { profile: 'hardened', seed: SEED, runs: 400, allow: ['forbidden-member'] }),
  );
  return lenientHardened;
}

let replaceFirst: Promise<ConformanceReport> | undefined;
export function replaceFirstReport(): Promise<ConformanceReport> {
  replaceFirst ??= createModuleAdapter(example('regressed/replace-first.mjs')).then((a) => runConformance(a, { seed: SEED, runs: 300 }));
  return replaceFirst;
}

let differential: Promise<DifferentialReport> | undefined;
/** lenient-buffer against captoken, profile rfc: rfc regressions (gating), hardened ones (advisory). */
export function differentialReport(): Promise<DifferentialReport> {
  differential ??= createModuleAdapter(example('regressed/lenient-buffer.mjs')).then((a) => runDifferential(a, captokenAdapter(), { seed: SEED, runs: 300, profile: 'rfc' }));
  return differential;
}

let check: Promise<CheckReport> | undefined;
export function checkReport(): Promise<CheckReport> {
  check ??= createModuleAdapter(example('regressed/replace-first.mjs')).then((a) => runCheck(a, captokenAdapter(), { seed: SEED, runs: 300 }));
  return check;
}
