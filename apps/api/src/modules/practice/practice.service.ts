import {
  practiceScenarioContentSchema,
  type PracticeDebrief,
  type PracticeLineResponse,
  type PracticeLogEntry,
  type PracticeOutcomeBody,
  type PracticeScenarioContent,
  type PracticeScenarioDetail,
  type PracticeScenarioSummary,
  type PracticeSession,
  type SessionUser,
} from '@crm/contracts';
import {
  openingLog,
  outcomeProblems,
  practiceEnded,
  scenarioGraphProblems,
  scorePractice,
  stepPractice,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors.js';
import { lintText } from '../../lib/script-linter.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { fromDbLocale, toDbLocale } from '../auth/auth.repository.js';
import type { ScriptsRepository } from '../scripts/scripts.repository.js';
import { practiceCaseFile, practiceScript } from './practice-desk.js';
import type {
  PracticeRepository,
  PracticeScenarioRow,
  PracticeSessionRow,
  SessionScope,
} from './practice.repository.js';

export interface PracticeServiceDeps {
  practice: PracticeRepository;
  scripts: Pick<ScriptsRepository, 'published' | 'objections'>;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
}

export type PracticeService = ReturnType<typeof createPracticeService>;

const content = (json: unknown) => json as PracticeScenarioContent;

function summary(row: PracticeScenarioRow): PracticeScenarioSummary {
  const v = row.versions[0]!;
  const c = content(v.content);
  return {
    id: row.id,
    key: row.key,
    locale: fromDbLocale(row.locale),
    version: v.version,
    versionId: v.id,
    title: c.title,
    persona: c.persona,
    stage: c.stage,
    briefing: c.briefing,
  };
}

function sessionDto(row: PracticeSessionRow): PracticeSession {
  const v = row.scenarioVersion;
  const c = content(v.content);
  const log = row.log as PracticeLogEntry[];
  return {
    id: row.id,
    status: row.status as PracticeSession['status'],
    trainee: { id: row.trainee.id, displayName: row.trainee.displayName },
    assignedBy: row.assignedBy,
    scenario: {
      id: v.scenario.id,
      key: v.scenario.key,
      locale: fromDbLocale(v.scenario.locale),
      version: v.version,
      versionId: v.id,
      title: c.title,
      persona: c.persona,
      stage: c.stage,
      briefing: c.briefing,
    },
    log,
    ended: practiceEnded(c, log),
    outcome: (row.outcome as PracticeOutcomeBody | null) ?? null,
    debrief: (row.debrief as PracticeDebrief | null) ?? null,
    startedAt: row.startedAt.toISOString(),
    finishedAt: row.finishedAt?.toISOString() ?? null,
  };
}

/**
 * Practice mode (issue 17, ADR 057): scenarios and practice sessions on synthetic facts. Every
 * write is to the practice tables, with its audit event in the same transaction; nothing is
 * written to accounts, contact attempts, promises, the outbox or the KPIs.
 */
export function createPracticeService({ practice, scripts, uow, audit, clock }: PracticeServiceDeps) {
  const scopeOf = (user: SessionUser): SessionScope =>
    user.role === 'admin'
      ? { all: true }
      : user.role === 'supervisor'
        ? { supervisorId: user.id }
        : { traineeId: user.id };

  /** A session the caller may see (the trainee, their team's supervisor, an admin); anyone else gets 404. */
  function visible(user: SessionUser, row: PracticeSessionRow | null): PracticeSessionRow {
    const ok =
      row &&
      (user.role === 'admin' ||
        row.traineeId === user.id ||
        (user.role === 'supervisor' && row.trainee.team?.supervisorId === user.id));
    if (!ok) throw new NotFoundError('No such practice session.');
    return row;
  }
  /** Only the trainee speaks and records the outcome of their practice call. */
  function asTrainee(user: SessionUser, row: PracticeSessionRow | null): PracticeSessionRow {
    const r = visible(user, row);
    if (r.traineeId !== user.id) throw new ForbiddenError('Only the trainee takes part in their practice call.');
    if (r.status === 'finished') throw new ConflictError('This practice session is finished.');
    return r;
  }

  const record = (
    user: SessionUser,
    action: string,
    entityId: string,
    requestId: string,
    data: Record<string, unknown>,
  ) => ({ actorId: user.id, action, entityType: 'practice_session', entityId, requestId, data }) as const;

  return {
    async listScenarios(locale?: 'en' | 'zh-CN') {
      return { items: (await practice.listScenarios(locale ? toDbLocale(locale) : undefined)).map(summary) };
    },

    async scenario(id: string): Promise<PracticeScenarioDetail> {
      const row = await practice.scenario(id);
      if (!row) throw new NotFoundError('No such practice scenario.');
      return { ...summary(row), content: content(row.versions[0]!.content) };
    },

    /** An admin saves a new version; the graph is checked (each problem naming its field) and the language kept. */
    async saveScenario(user: SessionUser, id: string, body: PracticeScenarioContent, requestId: string) {
      const row = await practice.scenario(id);
      if (!row) throw new NotFoundError('No such practice scenario.');
      const problems = scenarioGraphProblems(body);
      if (fromDbLocale(row.locale) !== body.locale)
        problems.push({
          field: 'content.locale',
          message: `must stay ${fromDbLocale(row.locale)} (a scenario keeps its language)`,
        });
      if (problems.length) throw new BadRequestError('The scenario has problems.', problems);
      const parsed = practiceScenarioContentSchema.parse(body);
      const saved = await uow(async (tx) => {
        const s = await practice.addScenarioVersion(tx, id, parsed, user.id);
        await audit.record(
          {
            actorId: user.id,
            action: 'practice_scenario.save',
            entityType: 'practice_scenario',
            entityId: id,
            requestId,
            data: { version: s.versions[0]!.version },
          },
          tx,
        );
        return s;
      });
      return { ...summary(saved), content: content(saved.versions[0]!.content) };
    },

    /**
     * Starts a practice call on the scenario's newest version. A collector practises for themselves;
     * a supervisor may assign one to a collector of their teams, an admin to any active collector.
     */
    async start(user: SessionUser, body: { scenarioId: string; traineeId?: string | undefined }, requestId: string) {
      const traineeId = body.traineeId ?? user.id;
      if (traineeId !== user.id) {
        if (user.role === 'collector')
          throw new ForbiddenError('A collector starts practice sessions for themselves only.');
        const trainee = await practice.trainee(traineeId);
        const mine = user.role === 'admin' || trainee?.team?.supervisorId === user.id;
        if (!trainee || !mine || !trainee.active || trainee.role !== 'collector')
          throw new BadRequestError('No such collector in your teams.', [
            { field: 'traineeId', message: 'must be an active collector of your teams' },
          ]);
      }
      const scenario = await practice.scenario(body.scenarioId);
      if (!scenario)
        throw new BadRequestError('No such practice scenario.', [
          { field: 'scenarioId', message: 'names no scenario' },
        ]);
      const version = scenario.versions[0]!;
      const row = await uow(async (tx) => {
        const created = await practice.createSession(tx, {
          traineeId,
          assignedById: traineeId === user.id ? null : user.id,
          scenarioVersionId: version.id,
          log: openingLog(content(version.content)),
        });
        await audit.record(
          record(user, 'practice.start', created.id, requestId, {
            scenario: scenario.key,
            version: version.version,
            traineeId,
          }),
          tx,
        );
        return created;
      });
      return sessionDto(row);
    },

    async get(user: SessionUser, id: string) {
      return sessionDto(visible(user, await practice.session(id)));
    },

    async list(user: SessionUser, traineeId?: string) {
      const rows = await practice.listSessions(scopeOf(user), traineeId);
      return {
        items: rows.map((r) => {
          const d = sessionDto(r);
          return {
            id: d.id,
            status: d.status,
            trainee: d.trainee,
            scenario: {
              id: d.scenario.id,
              key: d.scenario.key,
              title: d.scenario.title,
              persona: d.scenario.persona,
              locale: d.scenario.locale,
            },
            score: r.score,
            passed: r.passed,
            startedAt: d.startedAt,
            finishedAt: d.finishedAt,
          };
        }),
      };
    },

    /** A trainee's line: linted, read into intents, and answered by the customer's next turn. */
    async line(user: SessionUser, id: string, text: string, requestId: string): Promise<PracticeLineResponse> {
      return uow(async (tx) => {
        const row = asTrainee(user, await practice.lockedSession(tx, id));
        const c = content(row.scenarioVersion.content);
        const log = row.log as PracticeLogEntry[];
        if (practiceEnded(c, log))
          throw new ConflictError('The practice call has ended: record the outcome and finish.');
        const step = stepPractice(c, log, text, lintText(text, c.locale));
        await practice.updateSession(tx, id, { log: step.log });
        await audit.record(
          record(user, 'practice.line', id, requestId, { turn: step.log.length, findings: step.line.findings.length }),
          tx,
        );
        return { line: step.line, customer: step.customer, ended: step.ended };
      });
    },

    /** The outcome the trainee records, checked by the workstation's outcome rules (400 naming the field). */
    async outcome(user: SessionUser, id: string, body: PracticeOutcomeBody, requestId: string) {
      const problems = outcomeProblems({
        ...body,
        channel: 'phone',
        direction: 'outbound',
        contactPointId: 'practice',
      });
      if (problems.length)
        throw new BadRequestError(
          'The outcome does not fit what happened.',
          problems.map((p) => ({ field: p.field, message: p.message })),
        );
      const row = await uow(async (tx) => {
        asTrainee(user, await practice.lockedSession(tx, id));
        const saved = await practice.updateSession(tx, id, { outcome: body });
        await audit.record(
          record(user, 'practice.outcome', id, requestId, {
            partyReached: body.partyReached,
            disposition: body.disposition,
          }),
          tx,
        );
        return saved;
      });
      return sessionDto(row);
    },

    /** Ends the session: the debrief scored from the turn log and the recorded outcome. */
    async finish(user: SessionUser, id: string, requestId: string) {
      const row = await uow(async (tx) => {
        const r = asTrainee(user, await practice.lockedSession(tx, id));
        const c = content(r.scenarioVersion.content);
        const outcome = r.outcome as PracticeOutcomeBody | null;
        const debrief = scorePractice(
          c,
          r.log as PracticeLogEntry[],
          outcome ? { partyReached: outcome.partyReached, disposition: outcome.disposition } : null,
        );
        const saved = await practice.updateSession(tx, id, {
          status: 'finished',
          debrief,
          score: debrief.score,
          passed: debrief.passed,
          finishedAt: clock.now(),
        });
        await audit.record(
          record(user, 'practice.finish', id, requestId, { score: debrief.score, passed: debrief.passed }),
          tx,
        );
        return saved;
      });
      return sessionDto(row);
    },

    /** The synthetic case file in the workstation's shape. */
    async caseFile(user: SessionUser, id: string) {
      const row = visible(user, await practice.session(id));
      return practiceCaseFile(row.id, content(row.scenarioVersion.content), clock.now());
    },

    /** The published script for the scenario's stage and language, filled with its facts, in the workstation's shape. */
    async suggestedScript(user: SessionUser, id: string) {
      const row = visible(user, await practice.session(id));
      const c = content(row.scenarioVersion.content);
      const locale = toDbLocale(c.locale);
      let version = await scripts.published(c.stage, locale);
      if (!version && locale !== 'en') version = await scripts.published(c.stage, 'en');
      if (!version) throw new NotFoundError(`No published script for stage ${c.stage}.`);
      const objections = await scripts.objections(c.stage, locale);
      return practiceScript(c, row.trainee.displayName, version, objections, clock.now());
    },
  };
}
