/**
 * bench/machine.mjs — what a run was measured on, and the run id every figure is quoted with.
 *
 *   machineInfo() -> { cpuModel, cores, memoryGiB, node, v8, platform, arch, loadavg }
 *   gitInfo(root) -> { sha, dirty }        dirty: uncommitted changes under src/ (what dist/ is built from)
 *   makeRunId({ date, sha, dirty, node, cpuModel, loadavg }) -> '2026-12-01T09-30-00Z_695369d_node20.20.2_AMD-EPYC-7B13_load1.52'
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';

export function machineInfo() {
  let cpuModel = os.cpus()[0]?.model ?? 'unknown';
  try {
    const line = readFileSync('/proc/cpuinfo', 'utf8')
      .split('\n')
      .find((l) => l.startsWith('model name'));
    if (line) cpuModel = line.slice(line.indexOf(':') + 1).trim();
  } catch {
    // Not Linux: keep what os.cpus() says.
  }
  return {
    cpuModel,
    cores: os.availableParallelism?.() ?? os.cpus().length,
    memoryGiB: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    v8: process.versions.v8,
    platform: process.platform,
    arch: process.arch,
    loadavg: os.loadavg().map((x) => Number(x.toFixed(2))),
  };
}

export function gitInfo(root) {
  const git = (...args) => {
    try {
      return execFileSync('git', args, { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    } catch {
      return '';
    }
  };
  return { sha: git('rev-parse', '--short', 'HEAD') || 'nogit', dirty: git('status', '--porcelain', '--', 'src').length > 0 };
}

export function makeRunId({ date, sha, dirty, node, cpuModel, loadavg }) {
  const time = date.toISOString().replace(/\.\d+Z$/, 'Z').replace(/:/g, '-');
  const words = [];
  for (const word of cpuModel.split(/\s+/)) {
    if (word === '@') break; // the clock speed follows
    if (word === '' || word === 'CPU' || word === 'Processor' || word.endsWith('-Core')) continue;
    words.push(word.replaceAll('(R)', '').replaceAll('(TM)', '').replace(/[^\w.-]/g, ''));
  }
  const cpu = words.filter(Boolean).join('-').slice(0, 32);
  return `${time}_${sha}${dirty ? '+dirty' : ''}_node${node.replace(/^v/, '')}_${cpu || 'cpu'}_load${loadavg[0].toFixed(2)}`;
}
