import type { Db, Prisma } from '@crm/db';
import type { Tx } from '../../lib/transaction.js';

const VERSION = {
  id: true,
  version: true,
  content: true,
  scenario: { select: { id: true, key: true, locale: true } },
} as const;
const SCENARIO = {
  id: true,
  key: true,
  locale: true,
  versions: { orderBy: { version: 'desc' }, take: 1, select: { id: true, version: true, content: true } },
} as const;
const PERSON = { select: { id: true, displayName: true } } as const;
const SESSION = {
  id: true,
  status: true,
  log: true,
  outcome: true,
  debrief: true,
  score: true,
  passed: true,
  startedAt: true,
  finishedAt: true,
  traineeId: true,
  trainee: { select: { id: true, displayName: true, team: { select: { supervisorId: true } } } },
  assignedBy: PERSON,
  scenarioVersion: { select: VERSION },
} as const;

export type PracticeSessionRow = Prisma.PracticeSessionGetPayload<{ select: typeof SESSION }>;
export type PracticeScenarioRow = Prisma.PracticeScenarioGetPayload<{ select: typeof SCENARIO }>;

/** Who sees a trainee's sessions: themselves, the supervisor of their team, admins. */
export type SessionScope = { all: true } | { traineeId: string } | { supervisorId: string };

export type PracticeRepository = ReturnType<typeof createPracticeRepository>;

/**
 * Practice scenarios (versioned) and practice sessions (ADR 057). Reads and writes only the
 * practice tables: nothing here touches accounts, contact attempts, promises or the outbox.
 */
export function createPracticeRepository(db: Pick<Db, 'practiceScenario' | 'practiceSession' | 'user'>) {
  return {
    listScenarios: (locale?: 'en' | 'zh_CN') =>
      db.practiceScenario.findMany({
        where: locale ? { locale } : {},
        orderBy: [{ locale: 'asc' }, { key: 'asc' }],
        select: SCENARIO,
      }),

    scenario: (id: string) => db.practiceScenario.findUnique({ where: { id }, select: SCENARIO }),

    /** A new version after the newest, the scenario locked so two saves number their versions in turn. */
    async addScenarioVersion(tx: Tx, scenarioId: string, content: Prisma.InputJsonValue, createdById: string) {
      await tx.$queryRaw`SELECT id FROM practice_scenarios WHERE id = ${scenarioId}::uuid FOR UPDATE`;
      const newest = await tx.practiceScenarioVersion.findFirst({
        where: { scenarioId },
        orderBy: { version: 'desc' },
        select: { version: true },
      });
      await tx.practiceScenarioVersion.create({
        data: { scenarioId, version: (newest?.version ?? 0) + 1, content, createdById },
      });
      return tx.practiceScenario.findUniqueOrThrow({ where: { id: scenarioId }, select: SCENARIO });
    },

    /** A user a session may be assigned to, with their team's supervisor. */
    trainee: (id: string) =>
      db.user.findUnique({
        where: { id },
        select: { id: true, role: true, active: true, team: { select: { supervisorId: true } } },
      }),

    createSession: (
      tx: Tx,
      data: { traineeId: string; assignedById: string | null; scenarioVersionId: string; log: Prisma.InputJsonValue },
    ) => tx.practiceSession.create({ data, select: SESSION }),

    session: (id: string) => db.practiceSession.findUnique({ where: { id }, select: SESSION }),

    /** The session read under its row lock, in the caller's transaction: lines of one session are taken in turn. */
    async lockedSession(tx: Tx, id: string) {
      const rows = await tx.$queryRaw<
        { id: string }[]
      >`SELECT id FROM practice_sessions WHERE id = ${id}::uuid FOR UPDATE`;
      if (rows.length === 0) return null;
      return tx.practiceSession.findUnique({ where: { id }, select: SESSION });
    },

    updateSession: (
      tx: Tx,
      id: string,
      data: {
        log?: Prisma.InputJsonValue;
        outcome?: Prisma.InputJsonValue;
        debrief?: Prisma.InputJsonValue;
        status?: 'in_progress' | 'finished';
        score?: number;
        passed?: boolean;
        finishedAt?: Date;
      },
    ) => tx.practiceSession.update({ where: { id }, data, select: SESSION }),

    listSessions: (scope: SessionScope, traineeId?: string) =>
      db.practiceSession.findMany({
        where: {
          AND: [
            'traineeId' in scope ? { traineeId: scope.traineeId } : {},
            'supervisorId' in scope ? { trainee: { team: { supervisorId: scope.supervisorId } } } : {},
            traineeId ? { traineeId } : {},
          ],
        },
        orderBy: [{ startedAt: 'desc' }, { id: 'desc' }],
        take: 500,
        select: SESSION,
      }),
  };
}
