import { readFile } from 'node:fs/promises';
import type { Plugin } from 'vite';
import { FIRST_TEXTS } from '../src/locales/parts';

const PART = /^(.+\.json)\?texts=(first|rest)$/;

/** The groups (top-level keys) of a language's texts in one part: `first` or `rest` (src/locales/parts.ts). */
export function textsPart(all: Record<string, unknown>, part: 'first' | 'rest') {
  const first = new Set<string>(FIRST_TEXTS);
  return Object.fromEntries(Object.entries(all).filter(([group]) => first.has(group) === (part === 'first')));
}

/**
 * `import('../locales/en.json?texts=first')`: that part of the language's texts, as a module of its
 * own (ADR 054); Vite's JSON plugin turns it into JavaScript as it does the whole file.
 */
export function localeParts(): Plugin {
  return {
    name: 'crm:locale-parts',
    enforce: 'pre',
    async load(id) {
      const match = PART.exec(id);
      if (!match) return null;
      this.addWatchFile(match[1]!);
      const all = JSON.parse(await readFile(match[1]!, 'utf8')) as Record<string, unknown>;
      return JSON.stringify(textsPart(all, match[2] as 'first' | 'rest'));
    },
  };
}
