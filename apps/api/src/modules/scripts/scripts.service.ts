import type { LintResponse, SessionUser, SuggestedScript } from '@crm/contracts';
import {
  assignVariant,
  type LintLocale,
  REQUIRED_DISCLOSURE,
  daysPastDue,
  formatMoney,
  localDate,
  missedInstalments,
  renderScriptText,
  stageFor,
  type ScriptStep,
  type ServerScriptVariable,
} from '@crm/domain';
import { lintText } from '../../lib/script-linter.js';
import type { Clock } from '../../lib/clock.js';
import { isoDay } from '../../lib/date-columns.js';
import { BadRequestError, NotFoundError } from '../../lib/errors.js';
import type { AccountAccess } from '../accounts/account-access.js';
import { fromDbLocale } from '../auth/auth.repository.js';
import type { PoliciesRepository } from '../policies/policies.repository.js';
import type { ExperimentsRepository } from './experiments.repository.js';
import type { ScriptsRepository } from './scripts.repository.js';

export interface ScriptsServiceDeps {
  scripts: ScriptsRepository;
  experiments: Pick<ExperimentsRepository, 'running'>;
  access: AccountAccess;
  policies: Pick<PoliciesRepository, 'stageThresholds'>;
  clock: Clock;
}

const SALUTATION: Record<'en' | 'zh-CN', Record<string, string>> = {
  en: { mr: 'Mr', ms: 'Ms', mx: 'Mx', dr: 'Dr', none: '' },
  'zh-CN': { mr: '先生', ms: '女士', mx: '', dr: '博士', none: '' },
};

/** "Ms Taylor" / "王女士": how the script addresses the customer. */
export function addressForm(locale: 'en' | 'zh-CN', salutation: string, familyName: string, fullName: string): string {
  const title = SALUTATION[locale][salutation] ?? '';
  if (!title) return fullName;
  return locale === 'zh-CN' ? `${familyName}${title}` : `${title} ${familyName}`;
}

export type ScriptsService = ReturnType<typeof createScriptsService>;

export function createScriptsService({ scripts, experiments, access, policies, clock }: ScriptsServiceDeps) {
  type VersionRow = NonNullable<Awaited<ReturnType<ScriptsRepository['published']>>>;

  async function accountContext(user: SessionUser, accountId: string) {
    const now = clock.now();
    await access.assertCanOpen(user, accountId, now);
    const account = await scripts.accountForScript(accountId);
    if (!account) throw new NotFoundError('No such account.');
    const dpd = daysPastDue(isoDay(account.oldestUnpaidDueDate), localDate(now, account.debtor.timeZone));
    return { account, dpd, stage: stageFor(dpd, await policies.stageThresholds()), now };
  }

  /** A script version with the account's details (as accountContext found them) filled in, in the version's language. */
  async function render(
    user: SessionUser,
    { account, dpd, stage, now }: Awaited<ReturnType<typeof accountContext>>,
    version: VersionRow,
  ): Promise<SuggestedScript> {
    const zone = account.debtor.timeZone;
    const dueDate = isoDay(account.oldestUnpaidDueDate);
    const locale = fromDbLocale(version.script.locale);
    const intlLocale = locale === 'zh-CN' ? 'zh-CN' : 'en-US';
    const money = (minor: bigint) =>
      formatMoney({ amountMinor: Number(minor), currency: account.currency }, intlLocale);
    const values: Record<ServerScriptVariable, string> = {
      customerName: addressForm(locale, account.debtor.salutation, account.debtor.familyName, account.debtor.fullName),
      customerFullName: account.debtor.fullName,
      creditor: account.creditor.name,
      overdueAmount: money(account.overdueMinor),
      instalmentAmount: money(account.instalmentMinor),
      balanceAmount: money(account.balanceMinor),
      dueDate: dueDate
        ? new Intl.DateTimeFormat(intlLocale, { dateStyle: 'long', timeZone: 'UTC' }).format(
            new Date(`${dueDate}T00:00:00Z`),
          )
        : '—',
      daysPastDue: String(dpd),
      missedInstalments: String(missedInstalments(dueDate, localDate(now, zone))),
      collectorName: user.displayName,
      requiredDisclosure: REQUIRED_DISCLOSURE[account.complianceProfile][locale],
    };
    const steps = (version.steps as unknown as ScriptStep[]).map((step) => ({
      ...step,
      text: renderScriptText(step.text, values),
      ...(step.branches
        ? { branches: step.branches.map((b) => ({ ...b, text: renderScriptText(b.text, values) })) }
        : {}),
    }));
    // Prepared answers may use the same variables as the script.
    const objections = (await scripts.objections(stage, version.script.locale)).map((o) => ({
      ...o,
      customerSays: renderScriptText(o.customerSays, values),
      answer: renderScriptText(o.answer, values),
    }));
    return {
      scriptVersionId: version.id,
      scriptName: version.script.name,
      version: version.version,
      stage,
      locale,
      steps,
      objections,
    };
  }

  return {
    /** Compliance findings in a piece of script text (packages/domain rules). */
    lint(text: string, locale: LintLocale): LintResponse {
      return { findings: lintText(text, locale) };
    },

    async suggested(user: SessionUser, accountId: string): Promise<SuggestedScript> {
      const context = await accountContext(user, accountId);
      const { account, stage } = context;
      // The customer's language, falling back to English when that script is missing.
      let version = await scripts.published(stage, account.debtor.preferredLanguage);
      if (!version && account.debtor.preferredLanguage !== 'en') version = await scripts.published(stage, 'en');
      if (!version) throw new NotFoundError(`No published script for stage ${stage}.`);
      // A running experiment on this script: the account's variant (the same on every call and instance, ADR 056).
      const experiment = await experiments.running(stage, version.script.locale);
      const variant = experiment && assignVariant(experiment.id, accountId, experiment.variants);
      if (variant && variant.scriptVersionId !== version.id)
        version = (await scripts.versionById(variant.scriptVersionId)) ?? version;
      return render(user, context, version);
    },

    /** Any version (a draft included) rendered against a real account exactly as the collector would see it. */
    async preview(
      user: SessionUser,
      versionId: string,
      accountExternalId: string,
    ): Promise<{ accountId: string; script: SuggestedScript }> {
      const version = await scripts.versionById(versionId);
      if (!version) throw new NotFoundError('No such script version.');
      const accountId = await scripts.accountIdByExternalId(accountExternalId);
      if (!accountId)
        throw new BadRequestError(`no account ${accountExternalId}`, [
          { field: 'account', message: `no account ${accountExternalId}` },
        ]);
      return { accountId, script: await render(user, await accountContext(user, accountId), version) };
    },
  };
}
