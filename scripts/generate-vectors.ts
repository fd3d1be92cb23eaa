// Writes vectors/captoken-vectors.json from src/conformance/generate-vectors.ts (deterministic).
// Run: npx tsx scripts/generate-vectors.ts [--check]   (--check: exit 1 if the committed file differs)
import { readFileSync, writeFileSync } from 'node:fs';
import { generateVectors } from '../src/conformance/generate-vectors.js';
import { serializeVectors, vectorsPath } from '../src/conformance/vector-file.js';

const file = vectorsPath();
const text = serializeVectors(generateVectors());
if (process.argv.includes('--check')) {
  let current = '';
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    // missing: differs
  }
  if (current !== text) {
    console.error(`${file} is out of date: run npx tsx scripts/generate-vectors.ts`);
    process.exit(1);
  }
  console.log(`${file} is up to date`);
} else {
  writeFileSync(file, text);
  console.log(`wrote ${file}`);
}
