import type { CaseFile, SuggestedScript } from '@crm/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import i18n from 'i18next';
import { useState } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { OutcomeForm } from '../../contacts/components/outcome-form';
import { typedPromiseOf, type TypedPromise } from './promise-read-back';
import { ScriptPanel } from './script-panel';

const gateOk = { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false };
const accountId = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const phoneId = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa';
const caseFile = {
  account: { id: accountId, currency: 'CNY', balanceMinor: 500_000 },
  customer: { timeZone: 'Asia/Shanghai' },
  contactPoints: [{ id: phoneId, kind: 'phone', type: 'mobile', value: '+86 138 0013 8000', gate: gateOk }],
  summary: { gate: { ...gateOk, contactPointId: phoneId } },
  thirdParties: [],
  thirdPartyScript: [],
} as unknown as CaseFile;
const scriptIn = (locale: 'en' | 'zh-CN', text: string): SuggestedScript => ({
  scriptVersionId: '6f1c1d1e-1b1a-4c1d-9e1f-0000000000f1',
  scriptName: 'Early arrears',
  version: 3,
  stage: 'm1',
  locale,
  steps: [{ key: 'close', title: 'Summary and close', text }],
  objections: [],
});
const verification = { method: 'name_and_date_of_birth', verifiedAt: '2026-11-22T14:59:00.000Z' } as const;

/** The desk as the workstation wires it: the outcome form's draft values feed the script's close. */
function Desk() {
  const [typed, setTyped] = useState<TypedPromise | null>(null);
  return (
    <>
      <ScriptPanel accountId={accountId} promise={{ typed, currency: 'CNY' }} />
      <OutcomeForm
        caseFile={caseFile}
        answered={{ party: 'debtor', verification }}
        onDraft={(values) => setTyped(typedPromiseOf(values))}
        onSaved={vi.fn()}
      />
    </>
  );
}

describe('the close step reads back the promise being typed (ADR 035)', () => {
  afterEach(() => vi.unstubAllGlobals());

  it.each([
    [
      'en',
      'So, to confirm: you will pay {{promiseAmount}} on {{promiseDate}} by {{promiseChannel}}.',
      'So, to confirm: you will pay [amount] on [date] by [channel].',
      'No promise entered yet',
      ['Amount (CNY)', 'Date', 'Payment channel'],
      'So, to confirm: you will pay CN¥1,200.00 on Friday 4 December by bank transfer.',
    ],
    [
      'zh-CN',
      '跟您确认一下：您将于{{promiseDate}}通过{{promiseChannel}}还款{{promiseAmount}}。',
      '跟您确认一下：您将于[日期]通过[渠道]还款[金额]。',
      '尚未录入还款承诺',
      ['金额（CNY）', '日期', '还款渠道'],
      '跟您确认一下：您将于12月4日星期五通过银行转账还款¥1,200.00。',
    ],
  ] as const)(
    '%s',
    async (locale, text, empty, noPromise, [amountLabel, dateLabel, channelLabel], filled) => {
      stubFetch({ [`/api/accounts/${accountId}/suggested-script`]: () => ({ body: scriptIn(locale, text) }) });
      await renderWithProviders(<Desk />, { locale });
      const close = await screen.findByTestId('promise-read-back');
      expect(close).toHaveTextContent(empty);
      expect(screen.getByText(noPromise, { exact: false })).toBeInTheDocument();
      await userEvent.type(screen.getByLabelText(amountLabel), '1200');
      await userEvent.type(screen.getByLabelText(dateLabel), '2026-12-04');
      await userEvent.selectOptions(screen.getByLabelText(channelLabel), 'bank_transfer');
      await vi.waitFor(() => expect(screen.getByTestId('promise-read-back')).toHaveTextContent(filled));
      expect(screen.queryByText(noPromise, { exact: false })).not.toBeInTheDocument();
    },
    20_000,
  );

  it('a Chinese script on an English desk reads back in Chinese: its texts are fetched first (ADR 044)', async () => {
    const text = '跟您确认一下：您将于{{promiseDate}}通过{{promiseChannel}}还款{{promiseAmount}}。';
    stubFetch({ [`/api/accounts/${accountId}/suggested-script`]: () => ({ body: scriptIn('zh-CN', text) }) });
    i18n.removeResourceBundle('zh-CN', 'translation'); // as on a first load in English
    await renderWithProviders(<Desk />, { locale: 'en' });
    expect(await screen.findByTestId('promise-read-back')).toHaveTextContent(
      '跟您确认一下：您将于[日期]通过[渠道]还款[金额]。',
    );
    expect(screen.getByText('No promise entered yet', { exact: false })).toBeInTheDocument();
  });
});
