/**
 * Champion/challenger experiments (ADR 056): which variant an account gets, and the statistics
 * that say whether one script's rate is really different from another's.
 */

/** Buckets an account can fall in; a variant's share is a number of buckets (percent). */
export const EXPERIMENT_BUCKETS = 100;

/**
 * FNV-1a, 32 bits, over the UTF-8 bytes of `text`. The database computes the same function
 * (`experiment_bucket` in migration 20261208120000), so every instance and the SQL agree.
 */
export function fnv1a32(text: string): number {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(text)) {
    hash ^= byte;
    // Multiply by the FNV prime 16777619 modulo 2^32 without losing precision.
    hash = (Math.imul(hash, 0x01000193) >>> 0) as number;
  }
  return hash >>> 0;
}

/** The bucket (0..99) of an account in an experiment: stable for the pair, whatever instance asks. */
export function experimentBucket(experimentId: string, accountId: string): number {
  return fnv1a32(`${experimentId}:${accountId}`) % EXPERIMENT_BUCKETS;
}

export interface BucketRange {
  bucketFrom: number;
  bucketTo: number;
}

/**
 * Shares (whole percent, in variant order, summing to 100) as bucket ranges: the first variant
 * gets buckets 0..share-1, the next the following ones. Problems name the share that is wrong.
 */
export function bucketRanges(shares: number[]): { ranges: BucketRange[]; problems: string[] } {
  const problems: string[] = [];
  shares.forEach((s, i) => {
    if (!Number.isInteger(s) || s < 1 || s > 99)
      problems.push(`variants/${i}/share must be a whole percent from 1 to 99`);
  });
  const total = shares.reduce((a, b) => a + b, 0);
  if (problems.length === 0 && total !== EXPERIMENT_BUCKETS)
    problems.push(`variants: the shares add up to ${total}%, not 100%`);
  if (problems.length > 0) return { ranges: [], problems };
  let next = 0;
  const ranges = shares.map((s) => {
    const range = { bucketFrom: next, bucketTo: next + s - 1 };
    next += s;
    return range;
  });
  return { ranges, problems };
}

/** The variant whose range holds the account's bucket (null only if the ranges leave a gap). */
export function assignVariant<V extends BucketRange>(experimentId: string, accountId: string, variants: V[]): V | null {
  const bucket = experimentBucket(experimentId, accountId);
  return variants.find((v) => bucket >= v.bucketFrom && bucket <= v.bucketTo) ?? null;
}

// ---------------------------------------------------------------------------------------------
// Statistics of proportions

/** The standard normal cumulative distribution (Abramowitz & Stegun 7.1.26 for erf; error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/** The standard normal quantile (Acklam's rational approximation; relative error < 1.2e-9). */
export function normalQuantile(p: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError('p must be between 0 and 1');
  const a = [
    -39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239,
  ];
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155211848];
  const c = [
    -0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416];
  const low = 0.02425;
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p));
    return (
      (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) /
      ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
    );
  }
  if (p > 1 - low) return -normalQuantile(1 - p);
  const q = p - 0.5;
  const r = q * q;
  return (
    ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) /
    (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
  );
}

export interface Interval {
  low: number;
  high: number;
}

/** Wilson score interval of `successes` out of `trials` at confidence 1 - alpha (null when no trials). */
export function wilsonInterval(successes: number, trials: number, alpha = 0.05): Interval | null {
  if (trials <= 0) return null;
  const z = normalQuantile(1 - alpha / 2);
  const p = successes / trials;
  const z2n = (z * z) / trials;
  const centre = (p + z2n / 2) / (1 + z2n);
  const half = (z / (1 + z2n)) * Math.sqrt((p * (1 - p)) / trials + (z * z) / (4 * trials * trials));
  return { low: Math.max(0, centre - half), high: Math.min(1, centre + half) };
}

export interface Proportion {
  successes: number;
  trials: number;
}

/**
 * Two-proportion z-test with the pooled variance: z of (b - a) and its two-sided p-value.
 * Null when either side has no trials or the pooled rate is 0 or 1 (no variance to test).
 */
export function twoProportionTest(a: Proportion, b: Proportion): { z: number; pValue: number } | null {
  if (a.trials <= 0 || b.trials <= 0) return null;
  const pooled = (a.successes + b.successes) / (a.trials + b.trials);
  if (pooled <= 0 || pooled >= 1) return null;
  const se = Math.sqrt(pooled * (1 - pooled) * (1 / a.trials + 1 / b.trials));
  const z = (b.successes / b.trials - a.successes / a.trials) / se;
  return { z, pValue: 2 * (1 - normalCdf(Math.abs(z))) };
}

/**
 * Trials needed in EACH group to detect the difference between rates `p1` and `p2` with a
 * two-sided test at `alpha` and the given power (the usual normal-approximation formula):
 * n = (z(1-α/2)·√(2·p̄·q̄) + z(power)·√(p1·q1 + p2·q2))² / (p1 - p2)². Null when p1 = p2.
 */
export function sampleSizePerGroup(p1: number, p2: number, alpha = 0.05, power = 0.8): number | null {
  if (p1 === p2) return null;
  const zA = normalQuantile(1 - alpha / 2);
  const zB = normalQuantile(power);
  const pBar = (p1 + p2) / 2;
  const n =
    (zA * Math.sqrt(2 * pBar * (1 - pBar)) + zB * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2))) ** 2 / (p1 - p2) ** 2;
  return Math.ceil(n);
}

export type ExperimentVerdict =
  | { kind: 'winner'; winner: 'champion' | 'challenger'; pValue: number }
  | { kind: 'not_yet'; pValue: number | null; moreTrialsPerVariant: number | null }
  | { kind: 'no_data' };

/**
 * The plain verdict on a challenger against the champion for one rate: which wins when the test
 * is significant at `alpha`, otherwise how many more trials (right-party contacts) each variant
 * needs, at the rates observed so far, for the test to have `power`.
 */
export function experimentVerdict(
  champion: Proportion,
  challenger: Proportion,
  alpha = 0.05,
  power = 0.8,
): ExperimentVerdict {
  if (champion.trials <= 0 || challenger.trials <= 0) return { kind: 'no_data' };
  const test = twoProportionTest(champion, challenger);
  if (test && test.pValue < alpha)
    return { kind: 'winner', winner: test.z > 0 ? 'challenger' : 'champion', pValue: test.pValue };
  const needed = sampleSizePerGroup(
    champion.successes / champion.trials,
    challenger.successes / challenger.trials,
    alpha,
    power,
  );
  const more = needed === null ? null : Math.max(0, needed - Math.min(champion.trials, challenger.trials));
  return { kind: 'not_yet', pValue: test?.pValue ?? null, moreTrialsPerVariant: more };
}

/** The verdict in one English sentence (the web says it in the reader's language from the same fields). */
export function verdictSentence(v: ExperimentVerdict, championName = 'A', challengerName = 'B'): string {
  if (v.kind === 'no_data') return 'No right-party contacts yet on one of the variants.';
  if (v.kind === 'winner')
    return v.winner === 'challenger'
      ? `${challengerName} beats ${championName}.`
      : `${championName} beats ${challengerName}.`;
  if (v.moreTrialsPerVariant === null) return 'No difference yet; the rates are the same so far.';
  if (v.moreTrialsPerVariant === 0) return 'No significant difference at this many right-party contacts.';
  return `No difference yet; about ${v.moreTrialsPerVariant} more right-party contacts per variant needed.`;
}
