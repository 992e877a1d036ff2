import type {
  CreateExperimentBody,
  ExperimentDetail,
  ExperimentList,
  ExperimentSummary,
  ExperimentVariantView,
  SessionUser,
} from '@crm/contracts';
import {
  bucketRanges,
  experimentVerdict,
  lintScriptForProfiles,
  scriptProfiles,
  scriptStepProblems,
  verdictSentence,
  wilsonInterval,
  type ScriptStep,
} from '@crm/domain';
import type { Clock } from '../../lib/clock.js';
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors.js';
import { jiebaSegmenter } from '../../lib/script-linter.js';
import type { UnitOfWork } from '../../lib/transaction.js';
import type { AuditRepository } from '../audit/audit.repository.js';
import { fromDbLocale, toDbLocale } from '../auth/auth.repository.js';
import type { ExperimentRow, ExperimentsRepository, VariantCounts } from './experiments.repository.js';
import type { ScriptLibraryRepository } from './script-library.repository.js';

export type ExperimentsService = ReturnType<typeof createExperimentsService>;

const rate = (successes: number, trials: number) => {
  const ci = wilsonInterval(successes, trials);
  return {
    successes,
    trials,
    rate: trials > 0 ? successes / trials : null,
    low: ci?.low ?? null,
    high: ci?.high ?? null,
  };
};

/**
 * Champion/challenger experiments on a stage's script (ADR 056): set up by an admin from the
 * published version and versions that passed the same publication rules, run on a deterministic
 * share of accounts, read live from the attempts that recorded their variant, stopped or promoted.
 */
export function createExperimentsService({
  experiments,
  library,
  uow,
  audit,
  clock,
}: {
  experiments: ExperimentsRepository;
  library: Pick<ScriptLibraryRepository, 'version' | 'published' | 'servedProfiles' | 'publish'>;
  uow: UnitOfWork;
  audit: Pick<AuditRepository, 'record'>;
  clock: Clock;
}) {
  const load = async (id: string) => {
    const e = await experiments.get(id);
    if (!e) throw new NotFoundError('No such experiment.');
    return e;
  };

  const summary = (e: ExperimentRow, names: Map<string, string>): ExperimentSummary => ({
    id: e.id,
    name: e.name,
    stage: e.stage as ExperimentSummary['stage'],
    locale: fromDbLocale(e.locale),
    status: e.status,
    createdAt: e.createdAt.toISOString(),
    createdBy: names.get(e.createdById) ?? null,
    startedAt: e.startedAt?.toISOString() ?? null,
    endedAt: e.endedAt?.toISOString() ?? null,
    endedBy: e.endedById ? (names.get(e.endedById) ?? null) : null,
    winnerVariantId: e.winnerId,
  });
  const people = (e: ExperimentRow) => [e.createdById, ...(e.endedById ? [e.endedById] : [])];

  /**
   * Why a version may not run as a challenger, as a problem on `field` (empty: it may). It passed
   * the same rules as any published script (ADR 021): valid steps, and either no compliance
   * findings under every profile its language serves, or findings a second admin approved
   * (an archived, once published, version whose findings have not grown since).
   */
  async function challengerProblems(versionId: string, stage: string, locale: 'en' | 'zh_CN', field: string) {
    const v = await library.version(versionId);
    if (!v) return [{ field, message: 'is not a script version' }];
    if (v.script.stage !== stage || v.script.locale !== locale)
      return [{ field, message: `is a version of the ${v.script.stage} ${fromDbLocale(v.script.locale)} script` }];
    if (!['draft', 'approved', 'archived'].includes(v.status))
      return [{ field, message: `is ${v.status}; a challenger is a draft without findings, or an approved version` }];
    const steps = v.steps as unknown as ScriptStep[];
    if (scriptStepProblems(steps).length > 0) return [{ field, message: 'is not a valid script' }];
    const profiles = scriptProfiles(fromDbLocale(locale), await library.servedProfiles(locale));
    const findings = lintScriptForProfiles(steps, fromDbLocale(locale), profiles, jiebaSegmenter);
    const approvedFindings = v.reviewedById !== null && v.status !== 'draft' ? v.findings : 0;
    if (findings.length > approvedFindings)
      return [
        {
          field,
          message:
            `has ${findings.length} compliance finding(s) no second admin approved; ` +
            'publish it through approval (ADR 021) or fix the wording first',
        },
      ];
    return [];
  }

  /** Results per variant from SQL, with Wilson intervals and each challenger's verdict against the champion. */
  async function detail(e: ExperimentRow): Promise<ExperimentDetail> {
    const [names, counts, money] = await Promise.all([
      experiments.userNames(people(e)),
      experiments.counts(e.id),
      experiments.money(e.id),
    ]);
    const byVariant = new Map(counts.map((c) => [c.variant_id, c]));
    const empty = (id: string): VariantCounts => ({
      variant_id: id,
      attempts: 0,
      rpc: 0,
      rpc_with_promise: 0,
      judged: 0,
      kept: 0,
    });
    const champion = e.variants.find((v) => v.champion)!;
    const championCounts = byVariant.get(champion.id) ?? empty(champion.id);
    const variants: ExperimentVariantView[] = e.variants.map((v) => {
      const c = byVariant.get(v.id) ?? empty(v.id);
      let verdict: ExperimentVariantView['verdict'] = null;
      if (!v.champion) {
        const verdictOf = experimentVerdict(
          { successes: championCounts.rpc_with_promise, trials: championCounts.rpc },
          { successes: c.rpc_with_promise, trials: c.rpc },
        );
        verdict = {
          kind: verdictOf.kind,
          ...(verdictOf.kind === 'winner' ? { winner: verdictOf.winner } : {}),
          pValue: verdictOf.kind === 'no_data' ? null : verdictOf.pValue,
          moreContactsPerVariant: verdictOf.kind === 'not_yet' ? verdictOf.moreTrialsPerVariant : null,
          sentence: verdictSentence(verdictOf, `v${champion.scriptVersion.version}`, `v${v.scriptVersion.version}`),
        };
      }
      return {
        id: v.id,
        scriptVersionId: v.scriptVersionId,
        version: v.scriptVersion.version,
        versionStatus: v.scriptVersion.status,
        champion: v.champion,
        share: v.share,
        results: {
          attempts: c.attempts,
          rightPartyContacts: c.rpc,
          promiseRate: rate(c.rpc_with_promise, c.rpc),
          keptRate: rate(c.kept, c.judged),
          money: money
            .filter((m) => m.variant_id === v.id)
            .map((m) => ({
              currency: m.currency,
              rightPartyContacts: m.rpc,
              judgedMinor: String(m.judged_minor),
              paidMinor: String(m.paid_minor),
              keptAmountRate: m.judged_minor > 0n ? Number(m.paid_minor) / Number(m.judged_minor) : null,
              collectedMinor: String(m.collected_minor),
              collectedPerRpcMinor: m.rpc > 0 ? Math.round(Number(m.collected_minor) / m.rpc) : null,
            })),
        },
        verdict,
      };
    });
    return { ...summary(e, names), variants };
  }

  return {
    async list(): Promise<ExperimentList> {
      const rows = await experiments.list();
      const names = await experiments.userNames([...new Set(rows.flatMap(people))]);
      return { items: rows.map((e) => summary(e, names)) };
    },

    async get(id: string) {
      return detail(await load(id));
    },

    /** A draft experiment: the published champion and lawful challengers, shares as bucket ranges. */
    async create(user: SessionUser, body: CreateExperimentBody, requestId: string) {
      const locale = toDbLocale(body.locale);
      const problems: { field: string; message: string }[] = [];
      const champion = await library.version(body.champion.scriptVersionId);
      if (
        !champion ||
        champion.status !== 'published' ||
        champion.script.stage !== body.stage ||
        champion.script.locale !== locale
      )
        problems.push({
          field: 'champion/scriptVersionId',
          message: `must be the published version of the ${body.stage} ${body.locale} script`,
        });
      const ids = body.challengers.map((c) => c.scriptVersionId);
      for (const [i, c] of body.challengers.entries()) {
        const field = `challengers/${i}/scriptVersionId`;
        if (ids.indexOf(c.scriptVersionId) !== i || c.scriptVersionId === body.champion.scriptVersionId)
          problems.push({ field, message: 'is already a variant of this experiment' });
        else problems.push(...(await challengerProblems(c.scriptVersionId, body.stage, locale, field)));
      }
      const shares = [body.champion.share, ...body.challengers.map((c) => c.share)];
      const { ranges, problems: shareProblems } = bucketRanges(shares);
      if (shareProblems.length > 0)
        problems.push({
          field: 'challengers',
          message: `the shares (the champion's included) add up to ${shares.reduce((a, b) => a + b, 0)}%, not 100%`,
        });
      if (problems.length > 0) throw new BadRequestError('The experiment cannot be set up.', problems);
      const now = clock.now();
      const variants = [body.champion, ...body.challengers].map((v, i) => ({
        scriptVersionId: v.scriptVersionId,
        champion: i === 0,
        share: v.share,
        ...ranges[i]!,
      }));
      const created = await uow(async (tx) => {
        // Challenger drafts are frozen as approved: they passed the rules as they are now.
        for (const c of body.challengers) {
          const v = await library.version(c.scriptVersionId);
          if (v?.status === 'draft' && !(await experiments.approveDraft(tx, c.scriptVersionId, now)))
            throw new ConflictError('A challenger draft was published or changed meanwhile.');
        }
        const e = await experiments.create(
          tx,
          { name: body.name, stage: body.stage, locale, createdById: user.id, createdAt: now },
          variants,
        );
        await audit.record(
          {
            actorId: user.id,
            action: 'experiment.create',
            entityType: 'experiment',
            entityId: e.id,
            requestId,
            data: {
              stage: body.stage,
              locale: body.locale,
              variants: variants.map((v) => [v.scriptVersionId, v.share]),
            },
          },
          tx,
        );
        return e;
      });
      return detail(await load(created.id));
    },

    /** Draft -> running; 409 when another experiment runs on the stage and language. */
    async start(user: SessionUser, id: string, requestId: string) {
      const e = await load(id);
      if (e.status !== 'draft') throw new ConflictError('Only a draft experiment can be started.');
      if (await experiments.running(e.stage, e.locale))
        throw new ConflictError(`An experiment is already running on the ${e.stage} ${fromDbLocale(e.locale)} script.`);
      await uow(async (tx) => {
        if (!(await experiments.start(tx, id, `${e.stage}:${e.locale}`, user.id, clock.now())))
          throw new ConflictError('This experiment was started meanwhile.');
        await audit.record(
          { actorId: user.id, action: 'experiment.start', entityType: 'experiment', entityId: id, requestId, data: {} },
          tx,
        );
      });
      return detail(await load(id));
    },

    async stop(user: SessionUser, id: string, requestId: string) {
      const e = await load(id);
      if (e.status !== 'running') throw new ConflictError('Only a running experiment can be stopped.');
      await uow(async (tx) => {
        if (!(await experiments.end(tx, id, { from: 'running', to: 'stopped', by: user.id, now: clock.now() })))
          throw new ConflictError('This experiment was stopped or promoted meanwhile.');
        await audit.record(
          { actorId: user.id, action: 'experiment.stop', entityType: 'experiment', entityId: id, requestId, data: {} },
          tx,
        );
      });
      return detail(await load(id));
    },

    /**
     * Ends the experiment with `variantId` as the winner: a challenger's version is published (the
     * champion archived, as any publish does); the champion winning leaves the library as it is.
     * The experiment and its results stay readable.
     */
    async promote(user: SessionUser, id: string, variantId: string, requestId: string) {
      const e = await load(id);
      if (e.status !== 'running' && e.status !== 'stopped')
        throw new ConflictError('Only a running or stopped experiment can be promoted.');
      const variant = e.variants.find((v) => v.id === variantId);
      if (!variant)
        throw new BadRequestError('No such variant in this experiment.', [
          { field: 'variantId', message: 'is not a variant of this experiment' },
        ]);
      const champion = e.variants.find((v) => v.champion)!;
      if (!variant.champion && champion.scriptVersion.status !== 'published')
        throw new ConflictError(
          'Another version of this script was published during the experiment; its results no longer say the challenger beats what is live.',
        );
      const now = clock.now();
      await uow(async (tx) => {
        if (!variant.champion) {
          const status = variant.scriptVersion.status;
          if (status !== 'approved' && status !== 'archived')
            throw new ConflictError(`The winning version is ${status} now; it cannot be published.`);
          const result = await library.publish(tx, variant.scriptVersion.scriptId, variant.scriptVersionId, {
            from: status,
            now,
          });
          if (result !== 'published') throw new ConflictError('The winning version changed meanwhile.');
        }
        if (
          !(await experiments.end(tx, id, {
            from: e.status as 'running' | 'stopped',
            to: 'promoted',
            by: user.id,
            now,
            winnerId: variantId,
          }))
        )
          throw new ConflictError('This experiment was stopped or promoted meanwhile.');
        await audit.record(
          {
            actorId: user.id,
            action: 'experiment.promote',
            entityType: 'experiment',
            entityId: id,
            requestId,
            data: { variantId, scriptVersionId: variant.scriptVersionId, champion: variant.champion },
          },
          tx,
        );
      });
      return detail(await load(id));
    },
  };
}
