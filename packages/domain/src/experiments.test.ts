import { describe, expect, it } from 'vitest';
import {
  assignVariant,
  bucketRanges,
  experimentBucket,
  experimentVerdict,
  fnv1a32,
  normalCdf,
  normalQuantile,
  sampleSizePerGroup,
  twoProportionTest,
  verdictSentence,
  wilsonInterval,
} from './experiments.js';

describe('FNV-1a 32 (the same function the database computes)', () => {
  // Published FNV-1a test vectors: "" is the offset basis 0x811c9dc5, "a" is 0xe40c292c,
  // "foobar" is 0xbf9cf968.
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
    // UTF-8 bytes e5 ae 9e e9 aa 8c, folded by hand-checked arithmetic (h = ((h ^ byte) * 16777619) mod 2^32).
    ['实验', 3622820361],
  ])('%j -> %i', (text, hash) => expect(fnv1a32(text)).toBe(hash));

  it('buckets an account by experiment and account id: fnv("e1:a1") = 4181871565, mod 100 = 65', () => {
    expect(experimentBucket('e1', 'a1')).toBe(65);
    // Same answer on every call (and instance): nothing but the two ids goes in.
    expect(experimentBucket('e1', 'a1')).toBe(experimentBucket('e1', 'a1'));
  });
});

describe('shares as bucket ranges and the assignment', () => {
  it.each([
    [
      [50, 50],
      [
        { bucketFrom: 0, bucketTo: 49 },
        { bucketFrom: 50, bucketTo: 99 },
      ],
    ],
    [
      [60, 30, 10],
      [
        { bucketFrom: 0, bucketTo: 59 },
        { bucketFrom: 60, bucketTo: 89 },
        { bucketFrom: 90, bucketTo: 99 },
      ],
    ],
  ])('%j -> %j', (shares, ranges) => expect(bucketRanges(shares)).toEqual({ ranges, problems: [] }));

  it.each([
    [[50, 40], 'variants: the shares add up to 90%, not 100%'],
    [[100, 0], 'variants/0/share must be a whole percent from 1 to 99'],
    [[50.5, 49.5], 'variants/0/share must be a whole percent from 1 to 99'],
  ])('refuses %j: %s', (shares, problem) => expect(bucketRanges(shares).problems).toContain(problem));

  it('gives the variant whose range holds the bucket (e1:a1 is bucket 65)', () => {
    const { ranges } = bucketRanges([50, 50]);
    const variants = ranges.map((r, i) => ({ ...r, name: i === 0 ? 'A' : 'B' }));
    expect(assignVariant('e1', 'a1', variants)?.name).toBe('B');
    expect(assignVariant('e1', 'a1', [{ bucketFrom: 0, bucketTo: 65, name: 'A' }])?.name).toBe('A');
  });

  it('splits many accounts close to the shares', () => {
    const { ranges } = bucketRanges([70, 30]);
    let a = 0;
    for (let i = 0; i < 2000; i++) if (assignVariant('exp', `acct-${i}`, ranges) === ranges[0]) a++;
    expect(a / 2000).toBeGreaterThan(0.65);
    expect(a / 2000).toBeLessThan(0.75);
  });
});

describe('normal distribution', () => {
  it.each([
    [0, 0.5],
    [1.959964, 0.975],
    [-1.644854, 0.05],
  ])('Φ(%f) = %f', (z, p) => expect(normalCdf(z)).toBeCloseTo(p, 6));
  it.each([
    [0.975, 1.959964],
    [0.8, 0.841621],
    [0.01, -2.326348],
  ])('Φ⁻¹(%f) = %f', (p, z) => expect(normalQuantile(p)).toBeCloseTo(z, 5));
});

describe('Wilson score interval (95%, z = 1.959964, z² = 3.841459)', () => {
  it.each([
    // 8/10: p = 0.8, z²/n = 0.384146; centre = (0.8 + 0.192073) / 1.384146 = 0.716740;
    // half = (1.959964 / 1.384146) * sqrt(0.8*0.2/10 + 3.841459/400) = 1.416009 * 0.160012 = 0.226578.
    [8, 10, 0.490162, 0.943318],
    // 0/10: centre = 0.192073 / 1.384146 = 0.138766; half = 1.416009 * sqrt(0.009604) = 0.138766.
    [0, 10, 0, 0.277533],
    // 50/100: centre 0.5; half = (1.959964 / 1.038415) * sqrt(0.0025 + 0.000096) = 1.887458 * 0.050951 = 0.096168.
    [50, 100, 0.403832, 0.596168],
  ])('%i of %i -> [%f, %f]', (x, n, low, high) => {
    const ci = wilsonInterval(x, n)!;
    expect(ci.low).toBeCloseTo(low, 5);
    expect(ci.high).toBeCloseTo(high, 5);
  });
  it('has no interval without trials', () => expect(wilsonInterval(0, 0)).toBeNull());
});

describe('two-proportion z-test (pooled)', () => {
  it.each([
    // 20/100 vs 35/100: pooled 55/200 = 0.275; se = sqrt(0.275*0.725*(2/100)) = 0.063147;
    // z = 0.15 / 0.063147 = 2.375423; p = 2 * (1 - Φ(2.375423)) = 0.017529.
    [20, 100, 35, 100, 2.375423, 0.017529],
    // 30/200 vs 36/200: pooled 0.165; se = sqrt(0.165*0.835*0.01) = 0.037118; z = 0.03 / 0.037118 = 0.808232; p = 0.418957.
    [30, 200, 36, 200, 0.808232, 0.418957],
    // 140/400 vs 100/400 (the champion better): pooled 0.3; se = sqrt(0.3*0.7*0.005) = 0.032404; z = -0.1/0.032404 = -3.086067.
    [140, 400, 100, 400, -3.086067, 0.002028],
  ])('%i/%i vs %i/%i: z = %f, p = %f', (x1, n1, x2, n2, z, p) => {
    const t = twoProportionTest({ successes: x1, trials: n1 }, { successes: x2, trials: n2 })!;
    expect(t.z).toBeCloseTo(z, 5);
    expect(t.pValue).toBeCloseTo(p, 5);
  });
  it('has no test without variance or trials', () => {
    expect(twoProportionTest({ successes: 0, trials: 10 }, { successes: 0, trials: 10 })).toBeNull();
    expect(twoProportionTest({ successes: 0, trials: 0 }, { successes: 1, trials: 10 })).toBeNull();
  });
});

describe('contacts needed per variant (alpha 0.05 two-sided, power 0.8: z = 1.959964 and 0.841621)', () => {
  it.each([
    // 0.2 vs 0.3: p̄ = 0.25; 1.959964*sqrt(2*0.25*0.75) = 1.200224; 0.841621*sqrt(0.16+0.21) = 0.511937;
    // (1.712161)² / 0.01 = 293.15 -> 294.
    [0.2, 0.3, 294],
    // 0.15 vs 0.18: p̄ = 0.165; 1.959964*sqrt(0.27555) = 1.028845; 0.841621*sqrt(0.1275+0.1476) = 0.441406;
    // (1.470251)² / 0.0009 = 2401.89 -> 2402.
    [0.15, 0.18, 2402],
    [0.3, 0.3, null],
  ])('%f vs %f -> %s', (p1, p2, n) => expect(sampleSizePerGroup(p1, p2)).toBe(n));
});

describe('the plain verdict', () => {
  it.each([
    [[20, 100], [35, 100], { kind: 'winner', winner: 'challenger' }, 'B beats A.'],
    [[140, 400], [100, 400], { kind: 'winner', winner: 'champion' }, 'A beats B.'],
    // Not significant (p = 0.419); 2402 needed per variant, 200 each so far: 2202 more.
    [
      [30, 200],
      [36, 200],
      { kind: 'not_yet', moreTrialsPerVariant: 2202 },
      'No difference yet; about 2202 more right-party contacts per variant needed.',
    ],
    [
      [5, 50],
      [5, 50],
      { kind: 'not_yet', moreTrialsPerVariant: null },
      'No difference yet; the rates are the same so far.',
    ],
    [[0, 0], [3, 10], { kind: 'no_data' }, 'No right-party contacts yet on one of the variants.'],
  ] as const)('%j vs %j', ([x1, n1], [x2, n2], verdict, sentence) => {
    const v = experimentVerdict({ successes: x1, trials: n1 }, { successes: x2, trials: n2 });
    expect(v).toMatchObject(verdict);
    expect(verdictSentence(v)).toBe(sentence);
  });
});
