/** A Postgres `date` column (read as midnight UTC) as YYYY-MM-DD; null stays null. */
export function isoDay(d: Date): string;
export function isoDay(d: Date | null): string | null;
export function isoDay(d: Date | null): string | null {
  return d ? d.toISOString().slice(0, 10) : null;
}
