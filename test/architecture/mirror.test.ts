// Tests mirror src/: every module src/<path>.ts other than an index.ts entry point has
// test/<path>.test.ts (or .test-d.ts for a types-only module), or is named in topic-map.ts with the
// topic test that covers it. Pending entries are listed as todos so they stay visible in every run.
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { TOPIC_MAP } from './topic-map.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

function modules(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir))
    .sort()
    .flatMap((name) => {
      const rel = `${dir}/${name}`;
      if (statSync(path.join(ROOT, rel)).isDirectory()) return modules(rel);
      return name.endsWith('.ts') && !name.endsWith('.d.ts') && name !== 'index.ts' ? [rel] : [];
    });
}

/** The mirrored test of a module that has one: test/<path>.test.ts, else test/<path>.test-d.ts. */
function mirroredTest(module: string): string | undefined {
  const base = `test/${module.slice('src/'.length, -'.ts'.length)}`;
  return [`${base}.test.ts`, `${base}.test-d.ts`].find((file) => existsSync(path.join(ROOT, file)));
}

const SOURCES = modules('src');

describe('tests mirror src/', () => {
  it('every module has a mirrored test, or a topic test in test/architecture/topic-map.ts', () => {
    const uncovered = SOURCES.filter((m) => mirroredTest(m) === undefined && !(m in TOPIC_MAP));
    expect(uncovered, 'add test/<path>.test.ts, or name the topic test in topic-map.ts').toEqual([]);
  });

  it('the map names only modules that exist and have no mirrored test', () => {
    const stale = Object.keys(TOPIC_MAP).filter((m) => !SOURCES.includes(m));
    expect(stale, 'no such module: remove it from topic-map.ts').toEqual([]);
    const mirrored = Object.keys(TOPIC_MAP).flatMap((m) => {
      const test = mirroredTest(m);
      return test === undefined ? [] : [`${m} has ${test}`];
    });
    expect(mirrored, 'the mirrored test is the one source: remove these from topic-map.ts').toEqual([]);
  });

  it('every topic test the map names exists and is a test file', () => {
    const missing = Object.entries(TOPIC_MAP)
      .filter(([, topic]) => !/\.test(?:-d)?\.ts$/.test(topic.test) || !existsSync(path.join(ROOT, topic.test)))
      .map(([module, topic]) => `${module} → ${topic.test}`);
    expect(missing).toEqual([]);
  });

  for (const [module, topic] of Object.entries(TOPIC_MAP)) {
    if (topic.pending !== undefined) it.todo(`${module}: direct test pending (${topic.pending}); covered today by ${topic.test}`);
  }
});
