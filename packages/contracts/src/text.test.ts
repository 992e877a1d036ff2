import { describe, expect, it } from 'vitest';
import { findTextProblems, MAX_JSON_DEPTH, textProblem } from './text.js';

describe('textProblem', () => {
  it('refuses NUL and unpaired surrogates, accepts everything else (emoji, CJK, control characters)', () => {
    expect(textProblem('a\u0000b')).toMatch(/NUL/);
    expect(textProblem('a\ud800b')).toMatch(/surrogate/);
    expect(textProblem('\udc00')).toMatch(/surrogate/);
    expect(textProblem('好的 👍 \t\n')).toBeNull();
  });
});

describe('findTextProblems', () => {
  it('names the path of every bad string and key', () => {
    const found = findTextProblems({
      notes: 'x\u0000',
      plan: [{ dueDate: 'ok' }, { dueDate: '\ud800' }],
      ['k\u0000']: 1,
    });
    expect(found).toHaveLength(3);
    expect(found).toEqual(
      expect.arrayContaining([
        { path: ['notes'], message: 'must not contain a NUL character (\\u0000)' },
        { path: ['plan', 1, 'dueDate'], message: 'must not contain an unpaired UTF-16 surrogate' },
        { path: ['k\u0000'], message: 'name must not contain a NUL character (\\u0000)' },
      ]),
    );
  });

  it('reports nesting beyond the limit once, without exhausting the call stack', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const problems = findTextProblems(deep);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.path).toHaveLength(MAX_JSON_DEPTH);
    expect(problems[0]!.message).toBe(`nests deeper than ${MAX_JSON_DEPTH} levels`);
    expect(findTextProblems({ a: { b: { c: ['fine'] } } })).toEqual([]);
  });
});
