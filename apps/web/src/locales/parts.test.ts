import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { textsPart } from '../../build/locale-parts';
import en from './en.json';
import { FIRST_TEXTS } from './parts';
import zh from './zh-CN.json';

const SRC = path.resolve(__dirname, '..');

/** The source files a start file imports statically (not `import type`, not `import()`), transitively. */
function staticGraph(...starts: string[]) {
  const seen = new Set<string>();
  const resolve = (from: string, spec: string) =>
    ['', '.ts', '.tsx', '/index.ts']
      .map((ext) => path.resolve(path.dirname(from), spec) + ext)
      .find((f) => existsSync(f) && /\.tsx?$/.test(f));
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const m of source.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\bfrom\s+'(\.[^']+)';/gms)) {
      const target = resolve(file, m[1]!);
      if (target) visit(target);
    }
  };
  starts.forEach((s) => visit(path.join(SRC, s)));
  return [...seen];
}

describe('texts in two parts (ADR 054)', () => {
  it('the first load uses only groups of the first part', () => {
    const files = staticGraph('main.tsx', 'app/routes/workstation.tsx');
    expect(files.map((f) => path.relative(SRC, f))).toContain('features/queue/components/queue-panel.tsx');
    const groups = new Set(Object.keys(en));
    const used = new Map<string, string>();
    for (const file of files) {
      const source = readFileSync(file, 'utf8');
      // 'group.key', `group.${code}` and useCodeOptions('group', ...): every way the code names a text.
      for (const m of source.matchAll(/['"`]([a-zA-Z]+)\.(?:[a-zA-Z_]|\$\{)|useCodeOptions\('([a-zA-Z]+)'/g)) {
        const group = m[1] ?? m[2]!;
        if (groups.has(group)) used.set(group, path.relative(SRC, file));
      }
    }
    const missing = [...used].filter(([group]) => !(FIRST_TEXTS as readonly string[]).includes(group));
    expect(missing).toEqual([]);
  });

  it('every group listed exists, and the two parts are the whole file in each language', () => {
    for (const texts of [en, zh] as Record<string, unknown>[]) {
      expect(FIRST_TEXTS.filter((g) => !(g in texts))).toEqual([]);
      const first = textsPart(texts, 'first');
      const rest = textsPart(texts, 'rest');
      expect(Object.keys(first).filter((g) => g in rest)).toEqual([]);
      expect({ ...first, ...rest }).toEqual(texts);
    }
  });
});
