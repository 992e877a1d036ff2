import { describe, expect, it } from 'vitest';
import { ageBand } from './age-band.js';

describe('ageBand', () => {
  it('is null when the date of birth is unknown', () => {
    expect(ageBand(null, '2026-11-22')).toBeNull();
  });
  it('changes on the birthday, not before', () => {
    expect(ageBand('2001-11-23', '2026-11-22')).toBe('under_25');
    expect(ageBand('2001-11-22', '2026-11-22')).toBe('25_34');
    expect(ageBand('1961-11-22', '2026-11-22')).toBe('65_plus');
    expect(ageBand('1980-01-01', '2026-11-22')).toBe('45_54');
  });
});
