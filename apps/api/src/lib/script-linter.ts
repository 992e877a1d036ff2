import { Jieba } from '@node-rs/jieba';
import { dict } from '@node-rs/jieba/dict.js';
import {
  lintScript as lintScriptWith,
  lintText as lintTextWith,
  type LintLocale,
  type ScriptStep,
  type WordSegmenter,
} from '@crm/domain';

/**
 * The compliance linter (packages/domain/src/script-linter.ts) with a maintained Chinese word
 * segmenter: jieba (@node-rs/jieba, prebuilt native binaries shipped in the npm package, its
 * dictionary embedded). Loaded on first use (about 0.2 s), then a few microseconds a sentence
 * (ADR 022). The scripts, objections and live lint all lint through here.
 */
let jieba: Jieba | undefined;
export const jiebaSegmenter: WordSegmenter = (text) => (jieba ??= Jieba.withDict(dict)).cut(text, false);

export const lintText = (text: string, locale: LintLocale) => lintTextWith(text, locale, jiebaSegmenter);

export const lintScript = (steps: ScriptStep[], locale: LintLocale, profile: 'US' | 'UK' | 'CN' | null = null) =>
  lintScriptWith(steps, locale, profile, jiebaSegmenter);
