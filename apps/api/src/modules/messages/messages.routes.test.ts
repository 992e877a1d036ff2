import { beforeAll, describe, expect, it } from 'vitest';
import { useTestApp } from '../../../test/build-app.js';

describe('message log', () => {
  const t = useTestApp();
  const recipients: Record<string, string> = {};

  beforeAll(async () => {
    const supA = await t.factories.user('supervisor', { username: 'm-sup-a' });
    const supB = await t.factories.user('supervisor', { username: 'm-sup-b' });
    const teamA = await t.factories.team('M-A', supA.id);
    const teamB = await t.factories.team('M-B', supB.id);
    const colA = await t.factories.user('collector', { username: 'm-col-a', teamId: teamA.id });
    const colB = await t.factories.user('collector', { username: 'm-col-b', teamId: teamB.id });
    await t.factories.user('admin', { username: 'm-admin' });
    await t.factories.user('service', { username: 'm-feed' });
    const creditor = await t.factories.creditor();
    // One delivered reminder per account, written as the built-in sender writes them.
    const deliver = async (name: string, collectorId: string | null) => {
      const account = await t.factories.account({ creditorId: creditor.id, collectorId, fullName: `${name} Customer` });
      const point = await t.factories.contactPoint(account.debtorId, {
        value: `+1 212-555-01${Object.keys(recipients).length}0`,
      });
      const outbox = await t.db.outboxMessage.create({
        data: {
          accountId: account.id,
          kind: 'promise_due',
          channel: 'sms',
          contactPointId: point.id,
          recipient: point.value,
          locale: 'en',
          body: `Reminder for ${name}`,
          sendAfter: t.clock.now(),
          status: 'sent',
        },
      });
      await t.db.messageLog.create({
        data: { outboxId: outbox.id, channel: 'sms', recipient: point.value, body: outbox.body },
      });
      recipients[name] = point.value;
    };
    await deliver('TeamA', colA.id);
    await deliver('TeamB', colB.id);
    await deliver('Unassigned', null);
  });

  const seen = async (username: string) => {
    const res = await (await t.login(username)).inject({ method: 'GET', url: '/api/messages' });
    expect(res.statusCode).toBe(200);
    return res
      .json()
      .items.map((m: { recipient: string }) => m.recipient)
      .sort();
  };

  it("shows a supervisor only messages about their teams' accounts", async () => {
    expect(await seen('m-sup-a')).toEqual([recipients.TeamA]);
    expect(await seen('m-sup-b')).toEqual([recipients.TeamB]);
  });

  it('shows admins every message, newest first', async () => {
    expect(await seen('m-admin')).toEqual(Object.values(recipients).sort());
    const items = (await (await t.login('m-admin')).inject({ method: 'GET', url: '/api/messages' })).json().items as {
      at: string;
    }[];
    expect(items.map((m) => m.at)).toEqual(
      items
        .map((m) => m.at)
        .sort()
        .reverse(),
    );
  });

  it('refuses collectors and integrations', async () => {
    for (const username of ['m-col-a', 'm-feed']) {
      expect((await (await t.login(username)).inject({ method: 'GET', url: '/api/messages' })).statusCode).toBe(403);
    }
  });
});
