import { describe, expect, it } from 'vitest';

/**
 * The web's structural rules (ADR 017), checked on the sources as text:
 * - every feature with an api/ folder has api/query-keys.ts exporting one `<name>Keys` factory
 *   whose `all` is its own root (no two features share one);
 * - query keys are never written as literals: every `queryKey:` and every query-client call by key
 *   takes a factory's key (`contactKeys.logs()`), so invalidating by the owner's key reaches them all;
 * - a feature uses another feature only through its api/ folder (its data), never its components;
 *   screens that combine features live in app/routes.
 */

type Sources = Record<string, string>;

/** Problems in a set of sources (path relative to src/ -> text), one line each: "<rule>: <where>". */
export function structureProblems(sources: Sources): string[] {
  const problems: string[] = [];
  const features = new Set(
    Object.keys(sources)
      .map((p) => /^features\/([^/]+)\/api\//.exec(p)?.[1])
      .filter((f): f is string => !!f),
  );
  for (const feature of features)
    if (!(`features/${feature}/api/query-keys.ts` in sources))
      problems.push(`query-keys-file: features/${feature}/api has no query-keys.ts`);

  for (const [path, text] of Object.entries(sources)) {
    if (/\.test\.tsx?$/.test(path) || path.endsWith('/query-keys.ts')) continue;
    const lines = text.split('\n');
    lines.forEach((line, i) => {
      const at = `${path}:${i + 1}`;
      if (/queryKey:(?!\s*[A-Za-z]+Keys\.)/.test(line)) problems.push(`literal-query-key: ${at}`);
      if (
        /\.(setQueryData|getQueryData|getQueryState|removeQueries|cancelQueries|refetchQueries|resetQueries)\((?!\s*[A-Za-z]+Keys\.)/.test(
          line,
        )
      )
        problems.push(`literal-query-key: ${at}`);
      const feature = /^features\/([^/]+)\//.exec(path)?.[1];
      const specifier = /from '(\.[^']*)'/.exec(line)?.[1];
      const target = specifier && /^features\/([^/]+)\/components\//.exec(resolve(path, specifier));
      if (feature && target && target[1] !== feature) problems.push(`feature-imports-components: ${at} (${target[1]})`);
    });
  }
  return problems;
}

/** A relative import specifier resolved against the importing file's folder (paths relative to src/). */
function resolve(from: string, specifier: string): string {
  const parts = from.split('/').slice(0, -1);
  for (const part of specifier.split('/')) {
    if (part === '..') parts.pop();
    else if (part !== '.') parts.push(part);
  }
  return parts.join('/');
}

/** Root segments of every key factory, by feature. */
function factoryRoots(modules: Record<string, Record<string, unknown>>): Record<string, unknown[]> {
  const roots: Record<string, unknown[]> = {};
  for (const [path, exports] of Object.entries(modules)) {
    const feature = /features\/([^/]+)\/api\/query-keys\.ts$/.exec(path)![1]!;
    const factories = Object.entries(exports).filter(([name]) => name.endsWith('Keys'));
    expect(factories, `${path} exports one <name>Keys`).toHaveLength(1);
    roots[feature] = (factories[0]![1] as { all: unknown[] }).all;
  }
  return roots;
}

const sources = Object.fromEntries(
  Object.entries(
    import.meta.glob<string>(['/src/**/*.ts', '/src/**/*.tsx'], { query: '?raw', import: 'default', eager: true }),
  ).map(([path, text]) => [path.replace(/^\/src\//, ''), text]),
);

describe('web structure', () => {
  it('has a key factory per feature, keys only from factories, and features sharing data, not components', () => {
    expect(Object.keys(sources).length).toBeGreaterThan(50);
    expect(structureProblems(sources)).toEqual([]);
  });

  it('gives every feature its own root key', () => {
    const roots = factoryRoots(
      import.meta.glob<Record<string, unknown>>('/src/features/*/api/query-keys.ts', { eager: true }) as Record<
        string,
        Record<string, unknown>
      >,
    );
    for (const [feature, all] of Object.entries(roots)) expect(all, feature).toHaveLength(1);
    const flat = Object.values(roots).map((r) => r[0]);
    expect(new Set(flat).size).toBe(flat.length);
  });

  it('reports each kind of violation with the rule and the place', () => {
    expect(
      structureProblems({
        'features/contacts/api/query-keys.ts': "export const contactKeys = { all: ['contacts'] as const };",
        'features/contacts/api/get-contact-log.ts': "  queryKey: ['contacts', 'log'],",
        'features/reports/api/get-kpis.ts': "queryClient.setQueryData(['reports'], null);",
        'features/queue/components/panel.tsx':
          "import { CaseFileView } from '../../case-file/components/case-file-view';",
        'features/queue/api/next.ts': "import { caseFileKeys } from '../../case-file/api/query-keys';",
      }),
    ).toEqual([
      'query-keys-file: features/reports/api has no query-keys.ts',
      'query-keys-file: features/queue/api has no query-keys.ts',
      'literal-query-key: features/contacts/api/get-contact-log.ts:1',
      'literal-query-key: features/reports/api/get-kpis.ts:1',
      'feature-imports-components: features/queue/components/panel.tsx:1 (case-file)',
    ]);
  });
});
