import { describe, expect, it } from 'vitest';
import { evaluatePromises, type PaymentToAllocate, type PromiseToEvaluate } from './promise-evaluation.js';

const made = new Date('2026-11-01T15:00:00Z');
const promise = (
  id: string,
  amountMinor: number,
  dueDate: string,
  over: Partial<PromiseToEvaluate> = {},
): PromiseToEvaluate => ({ id, amountMinor, dueDate, createdAt: made, cancelled: false, planId: null, ...over });
const pay = (
  id: string,
  amountMinor: number,
  paidAt: string,
  reversalOfId: string | null = null,
): PaymentToAllocate => ({ id, amountMinor, paidAt: new Date(paidAt), reversalOfId });

function run(
  promises: PromiseToEvaluate[],
  payments: PaymentToAllocate[],
  today = '2026-11-22',
  timeZone = 'UTC',
  graceDays = 3,
) {
  const result = evaluatePromises({ promises, payments, today, timeZone, graceDays });
  return { byId: Object.fromEntries(result.promises.map((p) => [p.id, p])), plans: result.plans };
}

describe('evaluatePromises', () => {
  it('exact payment by the due date: kept', () => {
    const { byId } = run([promise('a', 50_000, '2026-11-10')], [pay('p1', 50_000, '2026-11-09T10:00:00Z')]);
    expect(byId.a).toMatchObject({
      status: 'kept',
      allocatedMinor: 50_000,
      allocations: [{ paymentId: 'p1', amountMinor: 50_000 }],
    });
  });

  it('within the grace days still counts; after them it does not', () => {
    expect(run([promise('a', 100, '2026-11-10')], [pay('p1', 100, '2026-11-13T23:00:00Z')]).byId.a!.status).toBe(
      'kept',
    );
    expect(run([promise('a', 100, '2026-11-10')], [pay('p1', 100, '2026-11-14T00:30:00Z')]).byId.a!.status).toBe(
      'broken',
    );
  });

  it('is pending until the grace period ends, then partly kept or broken', () => {
    expect(run([promise('a', 100, '2026-11-20')], [pay('p1', 40, '2026-11-19T10:00:00Z')]).byId.a!.status).toBe(
      'pending',
    );
    expect(
      run([promise('a', 100, '2026-11-20')], [pay('p1', 40, '2026-11-19T10:00:00Z')], '2026-11-23').byId.a!.status,
    ).toBe('pending');
    expect(
      run([promise('a', 100, '2026-11-20')], [pay('p1', 40, '2026-11-19T10:00:00Z')], '2026-11-24').byId.a,
    ).toMatchObject({ status: 'partly_kept', allocatedMinor: 40 });
    expect(run([promise('a', 100, '2026-11-20')], [], '2026-11-24').byId.a!.status).toBe('broken');
  });

  it('several payments add up; overpayment flows to the next open promise', () => {
    const { byId } = run(
      [promise('a', 100, '2026-11-05'), promise('b', 100, '2026-11-12')],
      [pay('p1', 60, '2026-11-03T10:00:00Z'), pay('p2', 90, '2026-11-04T10:00:00Z')],
    );
    expect(byId.a).toMatchObject({ status: 'kept', allocatedMinor: 100 });
    expect(byId.b).toMatchObject({
      status: 'partly_kept',
      allocatedMinor: 50,
      allocations: [{ paymentId: 'p2', amountMinor: 50 }],
    });
  });

  it('allocates to the earliest-due open promise first, whatever the order they were made in', () => {
    const { byId } = run(
      [promise('late', 100, '2026-11-20'), promise('early', 100, '2026-11-08')],
      [pay('p1', 100, '2026-11-07T10:00:00Z')],
    );
    expect(byId.early!.status).toBe('kept');
    expect(byId.late!.status).toBe('pending');
  });

  it('a payment made before the promise does not count towards it', () => {
    const { byId } = run(
      [promise('a', 100, '2026-11-10', { createdAt: new Date('2026-11-05T12:00:00Z') })],
      [pay('p1', 100, '2026-11-05T11:00:00Z')],
    );
    expect(byId.a!.status).toBe('broken');
  });

  it('a payment after a promise’s grace goes to the next promise', () => {
    const { byId } = run(
      [promise('a', 100, '2026-11-05'), promise('b', 100, '2026-11-20')],
      [pay('p1', 100, '2026-11-15T10:00:00Z')],
    );
    expect(byId.a!.status).toBe('broken');
    expect(byId.b!.status).toBe('kept');
  });

  it('a reversal re-opens, or breaks, what the reversed payment had kept', () => {
    const payments = [pay('p1', 100, '2026-11-04T10:00:00Z'), pay('r1', -100, '2026-11-06T10:00:00Z', 'p1')];
    expect(run([promise('a', 100, '2026-11-20')], payments).byId.a).toMatchObject({
      status: 'pending',
      allocatedMinor: 0,
    });
    expect(run([promise('a', 100, '2026-11-05')], payments).byId.a!.status).toBe('broken');
  });

  it('cancelled promises keep their status and take no money', () => {
    const { byId } = run(
      [promise('a', 100, '2026-11-05', { cancelled: true }), promise('b', 100, '2026-11-06')],
      [pay('p1', 100, '2026-11-04T10:00:00Z')],
    );
    expect(byId.a).toMatchObject({ status: 'cancelled', allocatedMinor: 0 });
    expect(byId.b!.status).toBe('kept');
  });

  it('judges day boundaries in the customer’s time zone', () => {
    // 2026-11-13 23:30 in Shanghai is 15:30 UTC: inside 3 grace days after 2026-11-10.
    const inTime = run(
      [promise('a', 100, '2026-11-10')],
      [pay('p1', 100, '2026-11-13T15:30:00Z')],
      '2026-11-22',
      'Asia/Shanghai',
    );
    expect(inTime.byId.a!.status).toBe('kept');
    // 00:30 on the 14th in Shanghai (16:30 UTC on the 13th) is too late there, though still the 13th in UTC.
    const late = run(
      [promise('a', 100, '2026-11-10')],
      [pay('p1', 100, '2026-11-13T16:30:00Z')],
      '2026-11-22',
      'Asia/Shanghai',
    );
    expect(late.byId.a!.status).toBe('broken');
  });

  it('a plan is completed only when every instalment is kept', () => {
    const plan = (over: Partial<PromiseToEvaluate>) => ({ planId: 'plan', ...over });
    const instalments = [
      promise('i1', 100, '2026-11-05', plan({})),
      promise('i2', 100, '2026-11-15', plan({})),
      promise('i3', 100, '2026-12-15', plan({})),
    ];
    expect(run(instalments, [pay('p1', 200, '2026-11-04T10:00:00Z')]).plans.get('plan')).toBe('active');
    expect(run(instalments, [pay('p1', 300, '2026-11-04T10:00:00Z')]).plans.get('plan')).toBe('completed');
    expect(run(instalments, [pay('p1', 100, '2026-11-04T10:00:00Z')]).plans.get('plan')).toBe('broken');
  });

  describe('a judged outcome is final (ADR 027)', () => {
    // Two October promises judged when their grace ended; a payment posted today, dated inside
    // the first one's grace, must not move either of them.
    const late = pay('late', 100, '2026-10-12T10:00:00Z');
    const early = pay('early', 60, '2026-10-02T10:00:00Z');
    const october = (judgedA: PromiseToEvaluate['judged'], judgedB: PromiseToEvaluate['judged']) => [
      promise('a', 100, '2026-10-10', { createdAt: new Date('2026-09-30T10:00:00Z'), judged: judgedA }),
      promise('b', 60, '2026-10-20', { createdAt: new Date('2026-09-30T10:00:00Z'), judged: judgedB }),
    ];
    const cases: {
      name: string;
      judged: [PromiseToEvaluate['judged'], PromiseToEvaluate['judged']];
      payments: PaymentToAllocate[];
      expected: [string, number, string, number];
    }[] = [
      {
        name: 'broken stays broken when money dated in its grace arrives later',
        judged: [
          { status: 'broken', paidMinor: 0 },
          { status: 'broken', paidMinor: 0 },
        ],
        payments: [late],
        expected: ['broken', 0, 'broken', 0],
      },
      {
        name: 'kept stays kept, with its amount, when earlier money would re-allocate',
        judged: [
          { status: 'partly_kept', paidMinor: 60 },
          { status: 'kept', paidMinor: 60 },
        ],
        payments: [early, pay('p2', 60, '2026-10-15T10:00:00Z'), late],
        expected: ['partly_kept', 60, 'kept', 60],
      },
      {
        name: 'a reversal after the grace period does not re-open a kept promise',
        judged: [
          { status: 'kept', paidMinor: 100 },
          { status: 'broken', paidMinor: 0 },
        ],
        payments: [pay('p1', 100, '2026-10-05T10:00:00Z'), pay('r1', -100, '2026-11-02T10:00:00Z', 'p1')],
        expected: ['kept', 100, 'broken', 0],
      },
      {
        name: 'not judged yet: the same money still counts (the old behaviour for pending promises)',
        judged: [null, null],
        payments: [late],
        expected: ['kept', 100, 'broken', 0],
      },
    ];
    it.each(cases)('$name', ({ judged, payments, expected }) => {
      const { byId } = run(october(...judged), payments);
      expect([byId.a!.status, byId.a!.allocatedMinor, byId.b!.status, byId.b!.allocatedMinor]).toEqual(expected);
    });

    it('money a final promise was credited with is not counted again for a later one', () => {
      const { byId } = run(
        [
          promise('a', 100, '2026-11-05', { judged: { status: 'kept', paidMinor: 100 } }),
          promise('b', 100, '2026-11-30'),
        ],
        [pay('p1', 100, '2026-11-04T10:00:00Z')],
      );
      expect(byId.a).toMatchObject({ status: 'kept', allocatedMinor: 100 });
      expect(byId.b).toMatchObject({ status: 'pending', allocatedMinor: 0 });
    });

    it('kept before its grace ends is not final: a reversal re-opens it', () => {
      const { byId } = run(
        [promise('a', 100, '2026-11-20', { judged: { status: 'kept', paidMinor: 100 } })],
        [pay('p1', 100, '2026-11-04T10:00:00Z'), pay('r1', -100, '2026-11-06T10:00:00Z', 'p1')],
      );
      expect(byId.a).toMatchObject({ status: 'pending', allocatedMinor: 0 });
    });

    it('superseded promises keep their status and take no money', () => {
      const { byId } = run(
        [promise('a', 100, '2026-11-25', { superseded: true }), promise('b', 100, '2026-11-26')],
        [pay('p1', 100, '2026-11-20T10:00:00Z')],
      );
      expect(byId.a).toMatchObject({ status: 'superseded', allocatedMinor: 0 });
      expect(byId.b!.status).toBe('kept');
    });
  });
});
