import { describe, expect, it } from 'vitest';
import { checkFirstLoad, firstLoadChunks, type ChunkInfo } from './first-load-budget';

const chunk = (fileName: string, rest: Partial<ChunkInfo> = {}): ChunkInfo => ({
  type: 'chunk',
  fileName,
  imports: [],
  moduleIds: [],
  code: '',
  ...rest,
});

/** An entry importing react; a lazy route importing a shared chunk; another route importing zod. */
function bundle(workCode = 'export const w = 1;') {
  const chunks = [
    chunk('index.js', { isEntry: true, imports: ['react.js'], code: 'console.log(1)' }),
    chunk('react.js', { moduleIds: ['/r/node_modules/.pnpm/react@19/node_modules/react/index.js'] }),
    chunk('work.js', { facadeModuleId: '/r/apps/web/src/app/routes/work.tsx', imports: ['shared.js'], code: workCode }),
    chunk('shared.js', { imports: ['react.js'] }),
    chunk('admin.js', { facadeModuleId: '/r/apps/web/src/app/routes/admin.tsx', imports: ['zod.js'] }),
    chunk('zod.js', { moduleIds: ['/r/node_modules/.pnpm/zod@4/node_modules/zod/index.js'] }),
    { type: 'asset', fileName: 'index.css' } as ChunkInfo,
  ];
  return Object.fromEntries(chunks.map((c) => [c.fileName, c]));
}

describe('first-load budget', () => {
  it('a page loads the entry, its route and what they import statically, once each', () => {
    const files = firstLoadChunks(bundle(), ['src/app/routes/work.tsx']).map((c) => c.fileName);
    expect(files.sort()).toEqual(['index.js', 'react.js', 'shared.js', 'work.js']);
  });

  it('fails a page over its budget or loading a forbidden package, and names it', () => {
    const page = { name: '/work', modules: ['src/app/routes/work.tsx'], budgetKiB: 1, forbid: ['zod'] };
    expect(checkFirstLoad(bundle(), page).problems).toEqual([]);
    // 4 KiB of pseudo-random text, which gzip cannot shrink below 1 KiB.
    let x = 2463534242;
    const noise = Array.from({ length: 4096 }, () => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return String.fromCharCode(35 + ((x >>> 0) % 90));
    }).join('');
    expect(checkFirstLoad(bundle(`export const w = ${JSON.stringify(noise)};`), page).problems).toEqual([
      expect.stringMatching(/^\/work: \d+\.\d KiB gzipped, over its budget of 1 KiB$/),
    ]);
    const admin = { ...page, name: '/admin', modules: ['src/app/routes/admin.tsx'] };
    expect(checkFirstLoad(bundle(), admin).problems).toEqual([
      '/admin: loads zod, which its first load must not carry',
    ]);
  });

  it('a page whose route has no chunk is an error, not a pass', () => {
    expect(() => firstLoadChunks(bundle(), ['src/app/routes/gone.tsx'])).toThrow(
      /no chunk for src\/app\/routes\/gone\.tsx/,
    );
  });
});
