import { describe, expect, it } from 'vitest';
import en from './en.json';
import zh from './zh-CN.json';

/** Every key path, with plural suffixes folded (Chinese has only the _other form). */
function keys(obj: object, prefix = ''): string[] {
  return Object.entries(obj).flatMap(([k, v]) =>
    typeof v === 'object' && v !== null ? keys(v, `${prefix}${k}.`) : [`${prefix}${k.replace(/_(one|other)$/, '')}`],
  );
}

describe('translations', () => {
  it('Chinese has every English text, and nothing English lacks', () => {
    const a = new Set(keys(en));
    const b = new Set(keys(zh));
    expect([...a].filter((k) => !b.has(k))).toEqual([]);
    expect([...b].filter((k) => !a.has(k))).toEqual([]);
  });
});
