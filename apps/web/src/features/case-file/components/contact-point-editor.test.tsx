import type { ContactPointDto } from '@crm/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderWithProviders, stubFetch } from '../../../testing/render';
import { AddContactPoint, ContactPointActions } from './contact-point-editor';

const ACCOUNT = '6f1c1d1e-1b1a-4c1d-9e1f-000000000001';
const POINT = '6f1c1d1e-1b1a-4c1d-9e1f-0000000000aa';
const saved = {
  id: POINT,
  kind: 'phone',
  type: 'work',
  label: null,
  country: null,
  region: null,
  status: 'unverified',
  statusReason: null,
  timeZones: ['Pacific/Honolulu'],
  zoneSource: 'number',
  source: 'collector',
};
const point: ContactPointDto = {
  id: POINT,
  kind: 'phone',
  type: 'mobile',
  value: '+1 808 555 0117',
  status: 'valid',
  optedOut: false,
  optedOutChannels: [],
  workInconvenient: false,
  source: 'collector',
  timeZones: ['Pacific/Honolulu'],
  zoneSource: 'number',
  label: 'sister',
  statusReason: null,
  lastSuccessAt: null,
  workedBefore: false,
  gate: { allowed: true, reasons: [], nextAllowedAt: null, viaCallback: false, overridable: false },
};
const bodyOf = (calls: { init?: RequestInit }[]) => JSON.parse(String(calls.at(-1)!.init!.body));

describe('adding and editing a contact point in the case file', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('adds a number with the zone the customer stated, and closes the form', async () => {
    const calls = stubFetch({ [`/api/accounts/${ACCOUNT}/contact-points`]: () => ({ status: 201, body: saved }) });
    await renderWithProviders(<AddContactPoint accountId={ACCOUNT} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add number or address' }));
    await user.selectOptions(screen.getByLabelText('Type'), 'work');
    await user.type(screen.getByLabelText('Phone number'), '808 555 0117');
    await user.type(screen.getByLabelText('Zone the customer stated'), 'Pacific/Honolulu');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(bodyOf(calls)).toEqual({
      kind: 'phone',
      type: 'work',
      value: '808 555 0117',
      timeZone: 'Pacific/Honolulu',
    });
    expect(await screen.findByRole('button', { name: 'Add number or address' })).toBeInTheDocument();
  });

  it("shows the server's problem under the field it names (a number the customer already has)", async () => {
    stubFetch({
      [`/api/accounts/${ACCOUNT}/contact-points`]: () => ({
        status: 409,
        body: {
          error: {
            code: 'conflict',
            message: "This number is already one of the customer's.",
            requestId: 'r1',
            fields: [
              { field: 'value', code: 'invalid', message: "is already one of this customer's numbers (home, valid)" },
            ],
          },
        },
      }),
    });
    await renderWithProviders(<AddContactPoint accountId={ACCOUNT} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add number or address' }));
    await user.type(screen.getByLabelText('Phone number'), '+1 212 555 0190');
    await user.click(screen.getByRole('button', { name: 'Save' }));
    expect(await screen.findByLabelText('Phone number')).toHaveAccessibleDescription(
      /already one of this customer's numbers/,
    );
  });

  it('an address asks for its country, postcode and state', async () => {
    await renderWithProviders(<AddContactPoint accountId={ACCOUNT} />);
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: 'Add number or address' }));
    await user.selectOptions(screen.getByLabelText('Kind'), 'address');
    expect(screen.getByLabelText('Street and town')).toBeRequired();
    expect(screen.getByLabelText('Country (ISO code, e.g. US)')).toBeRequired();
    expect(screen.getByLabelText('ZIP or postcode')).toBeInTheDocument();
    expect(screen.getByLabelText('State or region')).toBeInTheDocument();
  });

  it('marks a number invalid with a reason, in Chinese', async () => {
    const calls = stubFetch({
      [`/api/accounts/${ACCOUNT}/contact-points/${POINT}`]: () => ({
        body: { ...saved, status: 'invalid', statusReason: '餐馆接听' },
      }),
    });
    await renderWithProviders(<ContactPointActions accountId={ACCOUNT} point={point} />, { locale: 'zh-CN' });
    expect(screen.getByText('sister')).toBeInTheDocument();
    const user = userEvent.setup();
    await user.click(screen.getByRole('button', { name: '编辑 +1 808 555 0117' }));
    await user.click(screen.getByLabelText('号码或地址错误或无效'));
    await user.type(screen.getByLabelText('原因（如接听者是一家餐馆）'), '餐馆接听');
    await user.click(screen.getByRole('button', { name: '保存' }));
    expect(bodyOf(calls)).toEqual({ status: 'invalid', reason: '餐馆接听' });
  });

  it('shows why a number was marked invalid', async () => {
    await renderWithProviders(
      <ContactPointActions
        accountId={ACCOUNT}
        point={{ ...point, status: 'invalid', statusReason: 'a bakery answered' }}
      />,
    );
    expect(screen.getByText('Invalid: a bakery answered')).toBeInTheDocument();
  });
});
