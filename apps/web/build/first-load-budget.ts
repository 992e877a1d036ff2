import { gzipSync } from 'node:zlib';
import type { Plugin } from 'vite';

/**
 * The first load's budget (issue 16, ADR 054), checked by every `vite build`: for each page, the
 * JavaScript the browser loads before the page shows (the entry, the page's lazy route and the
 * language's texts, each with the chunks it imports statically) summed as gzip (level 9, as the
 * build's .gz copies), and the packages that must not be in it. Over budget, or a forbidden
 * package in it, fails the build. Deterministic: it reads the bundle, it times nothing.
 */
export interface FirstLoadPage {
  name: string;
  /** Modules loaded on the page besides the entry (its lazy route, its language), repository-relative to apps/web. */
  modules: string[];
  /** At most this many KiB of JavaScript, gzipped. */
  budgetKiB: number;
  /** Packages (node_modules names) that must not be loaded. */
  forbid?: string[];
}

/** What the budget needs of a built chunk (rollup's OutputChunk). */
export interface ChunkInfo {
  type: 'chunk' | 'asset';
  fileName: string;
  isEntry?: boolean;
  facadeModuleId?: string | null;
  imports?: string[];
  moduleIds?: string[];
  code?: string;
}

/** The chunks a page loads: the entry's and each module's chunk, and everything they import statically. */
export function firstLoadChunks(bundle: Record<string, ChunkInfo>, modules: string[]): ChunkInfo[] {
  const chunks = Object.values(bundle).filter((c) => c.type === 'chunk');
  const roots = chunks.filter((c) => c.isEntry);
  for (const m of modules) {
    const chunk = chunks.find((c) => c.facadeModuleId?.endsWith(`/${m}`));
    if (!chunk) throw new Error(`first-load budget: no chunk for ${m} (renamed? update vite.config.ts)`);
    roots.push(chunk);
  }
  const seen = new Map<string, ChunkInfo>();
  const visit = (c: ChunkInfo) => {
    if (seen.has(c.fileName)) return;
    seen.set(c.fileName, c);
    for (const f of c.imports ?? []) {
      const dep = bundle[f];
      if (dep) visit(dep);
    }
  };
  roots.forEach(visit);
  return [...seen.values()];
}

const packageOf = (id: string) =>
  /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)\//.exec(id)?.[1];

/** Each page's gzip total and what breaks its rules (empty when within them). */
export function checkFirstLoad(bundle: Record<string, ChunkInfo>, page: FirstLoadPage) {
  const chunks = firstLoadChunks(bundle, page.modules);
  const sizes = chunks.map((c) => ({ file: c.fileName, gzip: gzipSync(c.code ?? '', { level: 9 }).length }));
  const total = sizes.reduce((sum, s) => sum + s.gzip, 0);
  const problems: string[] = [];
  if (total > page.budgetKiB * 1024) {
    problems.push(`${page.name}: ${(total / 1024).toFixed(1)} KiB gzipped, over its budget of ${page.budgetKiB} KiB`);
  }
  const loaded = new Set(chunks.flatMap((c) => (c.moduleIds ?? []).map(packageOf)));
  for (const pkg of page.forbid ?? []) {
    if (loaded.has(pkg)) problems.push(`${page.name}: loads ${pkg}, which its first load must not carry`);
  }
  return { total, sizes, problems };
}

export function firstLoadBudget(pages: FirstLoadPage[]): Plugin {
  return {
    name: 'crm:first-load-budget',
    apply: 'build',
    generateBundle(_options, bundle) {
      const problems: string[] = [];
      for (const page of pages) {
        const result = checkFirstLoad(bundle as unknown as Record<string, ChunkInfo>, page);
        const files = result.sizes.map((s) => `${s.file} ${(s.gzip / 1024).toFixed(1)}`).join(', ');
        this.info(`first load of ${page.name}: ${(result.total / 1024).toFixed(1)} KiB gzipped (${files})`);
        problems.push(...result.problems);
      }
      if (problems.length > 0) this.error(`first-load budget (ADR 054):\n${problems.join('\n')}`);
    },
  };
}
