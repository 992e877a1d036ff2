// Where the time went: a short text summary of Node .cpuprofile files (written by `--cpu-prof`).
// `pnpm --filter @crm/bench exec tsx profile-summary.ts <dir or file>... [--top 25]`
// Also called by `bench/workstation.ts --cpu-prof` after its run.
//
// A .cpuprofile is JSON: `nodes` (id, callFrame {functionName, url, lineNumber}, children),
// `samples` (the node id on top of the stack at each tick) and `timeDeltas` (microseconds before
// each sample). A node's self time is the sum of the deltas of its samples; grouped by function
// (name + file + line) and by module (the package, or the file of our own code).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}
interface Profile {
  nodes: { id: number; callFrame: CallFrame }[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
}

/** The package a file belongs to (node_modules/<scope>/<name>), our own file, or Node's / V8's own. */
export function moduleOf(url: string): string {
  if (!url) return '(native / V8)';
  if (url.startsWith('node:')) return url;
  // The only WebAssembly in the server is Prisma's query compiler (engineType "client").
  if (url.startsWith('wasm://')) return 'wasm (Prisma query compiler)';
  const file = url.replace(/^file:\/\//, '');
  const nm = file.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const parts = file.slice(nm + '/node_modules/'.length).split('/');
    return parts[0]!.startsWith('@') ? `${parts[0]}/${parts[1]}` : parts[0]!;
  }
  const m = /\/(apps|packages|prisma)\/(.*)$/.exec(file);
  return m ? `${m[1]}/${m[2]}` : path.basename(file);
}

export interface ProfileSummary {
  totalMs: number;
  functions: { name: string; ms: number }[];
  modules: { name: string; ms: number }[];
}

/** Self time by function and by module over one or more profiles (the processes of one run). */
export function summarise(profiles: Profile[]): ProfileSummary {
  const byFunction = new Map<string, number>();
  const byModule = new Map<string, number>();
  let total = 0;
  for (const p of profiles) {
    const nodes = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
    p.samples.forEach((id, i) => {
      const us = p.timeDeltas[i] ?? 0;
      const f = nodes.get(id);
      if (!f) return;
      total += us;
      const where = f.url ? `${moduleOf(f.url)}:${f.lineNumber + 1}` : '';
      const name = `${f.functionName || '(anonymous)'} ${where}`.trim();
      byFunction.set(name, (byFunction.get(name) ?? 0) + us);
      // (idle) and (program) are not work; (garbage collector) is.
      const mod = f.url ? moduleOf(f.url) : f.functionName;
      byModule.set(mod, (byModule.get(mod) ?? 0) + us);
    });
  }
  const sorted = (m: Map<string, number>) =>
    [...m].map(([name, us]) => ({ name, ms: us / 1000 })).sort((a, b) => b.ms - a.ms);
  return { totalMs: total / 1000, functions: sorted(byFunction), modules: sorted(byModule) };
}

function profileFiles(target: string): string[] {
  if (!statSync(target).isDirectory()) return [target];
  return readdirSync(target)
    .filter((f) => f.endsWith('.cpuprofile'))
    .map((f) => path.join(target, f));
}

/** Prints the top self-time functions and modules of the profiles in `targets` (files or folders). */
export function printProfileSummary(targets: string | string[], top = 20) {
  const files = (Array.isArray(targets) ? targets : [targets]).flatMap(profileFiles);
  if (files.length === 0) {
    console.log(`No .cpuprofile in ${String(targets)}`);
    return;
  }
  const s = summarise(files.map((f) => JSON.parse(readFileSync(f, 'utf8')) as Profile));
  const busy = s.totalMs - (s.modules.find((m) => m.name === '(idle)')?.ms ?? 0);
  const pct = (ms: number) => `${((ms / busy) * 100).toFixed(1).padStart(5)}%`;
  const line = (r: { name: string; ms: number }) =>
    `  ${(r.ms / 1000).toFixed(2).padStart(8)} s ${pct(r.ms)}  ${r.name.slice(0, 110)}`;
  console.log(
    `\nCPU profile: ${files.length} process(es), ${(s.totalMs / 1000).toFixed(1)} s sampled, ${(busy / 1000).toFixed(1)} s not idle ` +
      `(percentages of the non-idle time)\n${files.map((f) => `  ${f}`).join('\n')}`,
  );
  console.log(`\nTop modules by self time:`);
  for (const r of s.modules.filter((m) => m.name !== '(idle)').slice(0, top)) console.log(line(r));
  console.log(`\nTop functions by self time:`);
  for (const r of s.functions.filter((m) => !m.name.startsWith('(idle)')).slice(0, top)) console.log(line(r));
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  const { values, positionals } = parseArgs({
    options: { top: { type: 'string', default: '20' } },
    allowPositionals: true,
  });
  if (positionals.length === 0) throw new Error('usage: profile-summary.ts <dir or .cpuprofile>... [--top N]');
  printProfileSummary(positionals, Number(values.top));
}
