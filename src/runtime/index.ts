// The runtime the library uses. This file re-exports the Node primitives; the browser build aliases
// `runtime/index` to `runtime/web` (tsup.config.ts), and tests import both to prove they agree.
export * from './node.js';
