import { differenceInYears, parseISO } from 'date-fns';
import type { IsoDate } from './dates.js';

export const AGE_BANDS = ['under_25', '25_34', '35_44', '45_54', '55_64', '65_plus'] as const;
export type AgeBand = (typeof AGE_BANDS)[number];

/** Age band on `today` for a customer born on `dateOfBirth`; null when unknown. */
export function ageBand(dateOfBirth: IsoDate | null, today: IsoDate): AgeBand | null {
  if (!dateOfBirth) return null;
  const age = differenceInYears(parseISO(today), parseISO(dateOfBirth));
  if (age < 25) return 'under_25';
  if (age < 35) return '25_34';
  if (age < 45) return '35_44';
  if (age < 55) return '45_54';
  if (age < 65) return '55_64';
  return '65_plus';
}
