/**
 * bench/build.mjs — makes sure the benches measure what users get: the built ESM entry (dist/index.js).
 *
 *   await preparedBuild({ build = true }) -> { entry, snapshot, built, stale, sourceNewest, distTime }
 *
 * Runs `npm run build` when dist/index.js is missing or older than anything in src/, tsup.config.ts,
 * tsconfig.json or package.json (pass build: false, or `--no-build` to run.mjs, to skip that and record
 * the staleness instead: build.json lists the newer files). Then copies dist/ to bench/.snapshot/ (git-ignored) and returns the path of the
 * copied index.js: several engineers share this checkout, and tsup's `clean` would otherwise delete
 * the files under a running bench. Bare imports (jose, node:*) in the copy still resolve from the
 * repository's node_modules.
 *
 * If `npm run build` fails (another entry point, such as the CLI, broken by work in progress), the
 * snapshot is built instead from src/index.ts alone with tsup and the options tsup.config.ts gives the
 * Node ESM build (platform node, target node20, splitting, treeshake): the same bundle of the same
 * code as dist/index.js. `fallback` in the result says so, with the reason.
 */
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, readdirSync, rmSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.dirname(here);
const dist = path.join(root, 'dist');
const snapshot = path.join(here, '.snapshot');

function files(p) {
  if (!existsSync(p)) return [];
  if (!statSync(p).isDirectory()) return [p];
  return readdirSync(p).flatMap((name) => files(path.join(p, name)));
}

export function buildState() {
  const entry = path.join(dist, 'index.js');
  const distTime = existsSync(entry) ? statSync(entry).mtimeMs : 0;
  const inputs = ['src', 'tsup.config.ts', 'tsconfig.json', 'package.json'].flatMap((p) => files(path.join(root, p)));
  const times = inputs.map((f) => [f, statSync(f).mtimeMs]);
  const sourceNewest = Math.max(0, ...times.map(([, t]) => t));
  const newer = times.filter(([, t]) => t > distTime).map(([f]) => path.relative(root, f));
  return { distTime, sourceNewest, newer, stale: distTime === 0 || newer.length > 0 };
}

export async function fallbackBuild(reason) {
  console.log(`[bench] npm run build failed (${reason}); building src/index.ts alone into bench/.snapshot/`);
  const { build } = await import('tsup');
  rmSync(snapshot, { recursive: true, force: true });
  await build({
    config: false,
    entry: { index: path.join(root, 'src/index.ts') },
    format: ['esm'],
    platform: 'node',
    target: 'node20',
    splitting: true,
    treeshake: true,
    dts: false,
    sourcemap: false,
    outDir: snapshot,
    silent: true,
  });
  const now = new Date().toISOString();
  return { entry: path.join(snapshot, 'index.js'), snapshot, built: true, stale: false, fallback: reason, distTime: now, sourceNewest: now, newerThanDist: [], changedDuringBuild: [] };
}

export async function preparedBuild({ build = true } = {}) {
  let state = buildState();
  let built = false;
  if (state.stale && build) {
    console.log('[bench] dist/ is missing or older than src/: npm run build');
    const started = Date.now();
    try {
      execFileSync('npm', ['run', '--silent', 'build'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    } catch (error) {
      const first = String(error.stderr ?? error.message).split('\n').find((l) => l.includes('ERROR')) ?? 'see npm run build';
      return fallbackBuild(first.trim().slice(0, 200));
    }
    built = true;
    state = buildState();
    // Files other engineers saved while the build ran are listed, but do not make this build stale.
    state.changedDuringBuild = state.newer.filter((f) => statSync(path.join(root, f)).mtimeMs >= started);
    state.newer = state.newer.filter((f) => !state.changedDuringBuild.includes(f));
    state.stale = state.newer.length > 0;
  }
  if (!existsSync(path.join(dist, 'index.js'))) throw new Error('dist/index.js is missing and the build was skipped or failed');
  rmSync(snapshot, { recursive: true, force: true });
  cpSync(dist, snapshot, { recursive: true });
  return {
    entry: path.join(snapshot, 'index.js'),
    snapshot,
    built,
    stale: state.stale,
    newerThanDist: state.newer.slice(0, 20),
    changedDuringBuild: state.changedDuringBuild ?? [],
    sourceNewest: new Date(state.sourceNewest).toISOString(),
    distTime: new Date(state.distTime).toISOString(),
  };
}
