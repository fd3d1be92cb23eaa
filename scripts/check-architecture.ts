// Checks that every import in src/ runs down the layer table and that no folders import each other in
// a cycle (docs/architecture.md). Prints each offending import as `file:line → target`; exit 1 on any.
// Run: npm run check:architecture
import { fileURLToPath } from 'node:url';
import { checkArchitecture, formatReport } from './architecture.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const report = checkArchitecture(root);
console.log(formatReport(report));
process.exitCode = report.ok ? 0 : 1;
