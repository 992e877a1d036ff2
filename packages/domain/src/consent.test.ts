import { describe, expect, it } from 'vitest';
import { inconvenientTimesOf, isSmsStopReply, phoneDigits, preferencesOf } from './consent.js';

describe('STOP replies', () => {
  it.each([
    ['STOP', true],
    ['stop', true],
    [' Stop. ', true],
    ['STOP!', true],
    ['ＳＴＯＰ', true], // full width
    ['unsubscribe', true],
    ['Opt  out', true],
    ['STOPALL', true],
    ['退订', true],
    ['退訂', true],
    ['TD', true],
    ['please stop calling me at work', false],
    ['stopping by later', false],
    ['I paid', false],
    ['', false],
  ])('%j -> %s', (text, stop) => {
    expect(isSmsStopReply(text)).toBe(stop);
  });

  it('numbers are compared by their digits', () => {
    expect(phoneDigits('+1 (212) 555-0208')).toBe(phoneDigits('+1 212-555-0208'));
  });
});

describe('stored preferences', () => {
  it('read back as sent', () => {
    expect(
      preferencesOf({
        preferredChannel: 'sms',
        preferredTimeStart: '18:00',
        preferredTimeEnd: '19:00',
        inconvenientTimes: [{ start: '12:00', end: '13:00' }],
      }),
    ).toEqual({
      preferredChannel: 'sms',
      preferredTime: { start: '18:00', end: '19:00' },
      inconvenientTimes: [{ start: '12:00', end: '13:00' }],
    });
    expect(inconvenientTimesOf(null)).toEqual([]);
  });

  it.each([[{ start: '12:00' }], ['12:00-13:00'], [[{ start: '25:00', end: '26:00' }]]])(
    'a corrupt stored value is an error, never an empty list (%j)',
    (stored) => {
      expect(() => inconvenientTimesOf(stored)).toThrow(/inconvenient times/);
    },
  );
});
