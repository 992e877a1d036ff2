import { describe, expect, it } from 'vitest';
import type { QueuePromise } from './queue-priority.js';
import { RECENT_BRANCH_LIMIT, willingnessFromRecords, type RecordedBranch } from './willingness.js';

type Status = QueuePromise['status'];
const today = '2026-12-01';
const KEEPS: Status[] = ['kept', 'kept', 'kept'];
const MIXED: Status[] = ['kept', 'partly_kept', 'broken'];
const BREAKS: Status[] = ['broken', 'broken', 'kept'];
const on = (date: string, branch: RecordedBranch['branch']): RecordedBranch => ({ date, branch });

describe('willingness from promises and recorded branches', () => {
  it.each<[string, Status[], RecordedBranch[], string]>([
    // Without recorded branches: promise history alone, as before.
    ['nothing known', [], [], 'no_history'],
    ['promises kept, no calls', KEEPS, [], 'keeps_promises'],
    ['mixed record, no calls', MIXED, [], 'mixed'],
    ['broken promises, no calls', BREAKS, [], 'breaks_promises'],
    ['only pending promises', ['pending'], [], 'no_history'],
    // No promise history: what the customer said is all we know.
    ['new customer says willing and able', [], [on('2026-11-28', 'willing_able')], 'willing_able'],
    ['new customer says willing but unable', [], [on('2026-11-28', 'willing_unable')], 'willing_unable'],
    ['new customer says unwilling', [], [on('2026-11-28', 'unwilling')], 'unwilling'],
    // A good record.
    ['keeps promises, still able', KEEPS, [on('2026-11-28', 'willing_able')], 'keeps_promises'],
    ['keeps promises, now unable', KEEPS, [on('2026-11-28', 'willing_unable')], 'willing_unable'],
    ['keeps promises, now unwilling', KEEPS, [on('2026-11-28', 'unwilling')], 'mixed'],
    // A mixed record.
    ['mixed, says able', MIXED, [on('2026-11-28', 'willing_able')], 'mixed'],
    ['mixed, says unable', MIXED, [on('2026-11-28', 'willing_unable')], 'willing_unable'],
    ['mixed, says unwilling', MIXED, [on('2026-11-28', 'unwilling')], 'unwilling'],
    // Deeds outweigh words.
    ['breaks promises, says able', BREAKS, [on('2026-11-28', 'willing_able')], 'breaks_promises'],
    ['breaks promises, says unable', BREAKS, [on('2026-11-28', 'willing_unable')], 'breaks_promises'],
    ['breaks promises, says unwilling', BREAKS, [on('2026-11-28', 'unwilling')], 'unwilling'],
    // The latest recent call decides, whatever order the calls come in.
    ['latest of two calls', [], [on('2026-11-02', 'unwilling'), on('2026-11-28', 'willing_unable')], 'willing_unable'],
    // A call older than 90 days is stale; one dated after today (clock skew) is ignored.
    ['stale call only', KEEPS, [on('2026-09-01', 'unwilling')], 'keeps_promises'],
    ['90 days ago still counts', [], [on('2026-09-02', 'unwilling')], 'unwilling'],
    ['91 days ago is stale', [], [on('2026-09-01', 'unwilling')], 'no_history'],
    ['a future date is ignored', [], [on('2026-12-02', 'unwilling')], 'no_history'],
  ])('%s', (_name, promiseStatuses, branches, expected) => {
    expect(willingnessFromRecords({ promiseStatuses, branches, today }).assessment).toBe(expected);
  });

  it('lists the recent branches newest first, at most five, with the promise counts', () => {
    const branches = [
      on('2026-08-01', 'willing_able'), // stale
      on('2026-11-02', 'unwilling'),
      on('2026-11-28', 'willing_unable'),
      on('2026-11-20', 'willing_able'),
      on('2026-11-21', 'willing_able'),
      on('2026-11-22', 'willing_able'),
      on('2026-11-23', 'willing_able'),
    ];
    const result = willingnessFromRecords({ promiseStatuses: ['kept', 'broken', 'pending'], branches, today });
    expect(result.recentBranches).toHaveLength(RECENT_BRANCH_LIMIT);
    expect(result.recentBranches.map((b) => b.date)).toEqual([
      '2026-11-28',
      '2026-11-23',
      '2026-11-22',
      '2026-11-21',
      '2026-11-20',
    ]);
    expect(result).toMatchObject({ kept: 1, partlyKept: 0, broken: 1, pending: 1, assessment: 'breaks_promises' });
  });

  it('keeps the given order of calls on the same day (the later call first)', () => {
    const result = willingnessFromRecords({
      promiseStatuses: [],
      branches: [on('2026-11-28', 'unwilling'), on('2026-11-28', 'willing_able')],
      today,
    });
    expect(result.assessment).toBe('unwilling');
  });
});
