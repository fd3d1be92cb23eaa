// captoken's conformance kit: run the vectors and generated tokens against any parser through an adapter.
export { AdapterError, DEFAULT_TIMEOUT_MS, isAdapterError, type Adapter, type AdapterAnswer, type AdapterErrorKind } from './adapter.js';
export { createCommandAdapter, type CommandAdapterOptions } from './command-adapter.js';
export { adapterFromFunction, createModuleAdapter } from './module-adapter.js';
export { createBrowserAdapter, type BrowserAdapterOptions } from './browser-adapter.js';
export { createUrlAdapter } from './url-adapter.js';
export { answerDifference, jsonDifference, type Expectation } from './compare.js';
export type { ConformanceOptions, ConformanceReport, DifferentialReport, Failure, Profile, PropertyResult, VectorCase } from './report.js';
export { DEFAULT_RUNS, runConformance } from './run-conformance.js';
export { runDifferential } from './run-differential.js';
export { formatText } from './format-text.js';
export { formatJson } from './format-json.js';
export { escapeXml, formatJunit } from './format-junit.js';
export { generateVectors, VECTORS_VERSION } from './generate-vectors.js';
export { loadVectors, serializeVectors, vectorsPath, type VectorFile, type VectorGroup, type VectorNote, type VectorTest } from './vector-file.js';
