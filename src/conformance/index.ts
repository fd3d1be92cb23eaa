// captoken's conformance kit, published as `captoken/conformance`: run the vectors and generated
// tokens against any parser through an adapter, from the CLI or from a test suite.
export {
  AdapterError,
  DEFAULT_TIMEOUT_MS,
  isAdapterError,
  REJECT_CATEGORIES,
  type Adapter,
  type AdapterAnswer,
  type AdapterErrorKind,
  type RejectCategory,
} from './adapter.js';
export { createCommandAdapter, type CommandAdapterOptions } from './command-adapter.js';
export { adapterFromFunction, createModuleAdapter } from './module-adapter.js';
export { createBrowserAdapter, type BrowserAdapterOptions } from './browser-adapter.js';
export { createUrlAdapter } from './url-adapter.js';
export { openAdapter, type AdapterSpec } from './open-adapter.js';
export { CHECK_CLASSES, LEVELS, type CheckClass, type CheckClassId, type Level } from './classes.js';
export { DEFAULT_RUNS, PROFILES, type ConformanceOptions, type Profile, type ProfileName } from './options.js';
export { jsonDifference } from './compare.js';
export type { Coverage, CoverageCell, LengthCell } from './coverage.js';
export {
  REPORT_SCHEMA,
  type CaseReport,
  type CheckReport,
  type ClassSummary,
  type ConformanceReport,
  type Diagnosis,
  type Difference,
  type DifferentialReport,
  type Failure,
  type FaultChar,
  type PropertyResult,
  type Report,
  type RunSettings,
  type VectorCase,
} from './report.js';
export { runConformance } from './run-conformance.js';
export { runDifferential } from './run-differential.js';
export { runCheck, type CheckOptions } from './run-check.js';
export { formatText, type TextOptions } from './format-text.js';
export { formatJson } from './format-json.js';
export { escapeXml, formatJunit } from './format-junit.js';
export { generateVectors, VECTORS_VERSION } from './generate-vectors.js';
export { loadVectors, serializeVectors, vectorsPath, type VectorFile, type VectorGroup, type VectorNote, type VectorTest } from './vector-file.js';
// Issue 12: replaying captured tokens, shards and merged reports, known deviations.
export { corpusFiles, corpusRun, type CorpusOptions } from './corpus.js';
export type { CorpusAnswer, CorpusFinding, CorpusReport, CorpusReproduction } from './corpus-report.js';
export { fingerprint, redact } from './redact.js';
export { inShard, parseShard, shardSelect, type Shard } from './shard.js';
export { mergeJunit, mergeReports } from './merge-reports.js';
export {
  applyExpectations,
  deviations,
  EXPECTATION_SCOPES,
  parseExpectations,
  readExpectations,
  serializeExpectations,
  writeExpectations,
  type Expectation,
  type ExpectationScope,
  type ExpectationsResult,
} from './expectations.js';
