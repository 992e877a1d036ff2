import { STAGES } from '@crm/contracts';
import { screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { useState } from 'react';
import { describe, expect, it, vi } from 'vitest';
import { renderWithProviders } from '../../testing/render';
import { useCodeOptions } from './code-options';
import { CheckboxGroup, SelectField, TextAreaField, TextField } from './field';

describe('form fields', () => {
  it('a text field is named by its label, hands over what is typed, and ties its hint and problem to the control', async () => {
    function Form() {
      const [name, setName] = useState('');
      return (
        <TextField
          label="Name"
          help="As on the ID card"
          error={name === 'x' ? 'Too short' : undefined}
          value={name}
          onChange={setName}
          maxLength={10}
        />
      );
    }
    await renderWithProviders(<Form />);
    const input = screen.getByLabelText('Name');
    expect(input).toHaveAttribute('maxlength', '10');
    expect(input).not.toHaveAttribute('aria-invalid');
    expect(input).toHaveAccessibleDescription('As on the ID card');
    await userEvent.type(input, 'x');
    expect(input).toHaveValue('x');
    expect(input).toHaveAttribute('aria-invalid', 'true');
    expect(input).toHaveAccessibleDescription('As on the ID card Too short');
    expect(input.closest('.field')).toHaveClass('has-error');
  });

  it('a text area works the same way', async () => {
    const onChange = vi.fn();
    await renderWithProviders(<TextAreaField label="Comment" rows={2} value="" onChange={onChange} error="Required" />);
    const area = screen.getByLabelText('Comment');
    expect(area.tagName).toBe('TEXTAREA');
    expect(area).toHaveAccessibleDescription('Required');
    await userEvent.type(area, 'a');
    expect(onChange).toHaveBeenLastCalledWith('a');
  });

  it('a select of a code list shows each code in the reader’s language, with an empty first choice', async () => {
    const onChange = vi.fn();
    function Stages() {
      const stages = useCodeOptions('stages', STAGES);
      return <SelectField label="阶段" value="" onChange={onChange} options={stages} empty="全部" />;
    }
    await renderWithProviders(<Stages />, { locale: 'zh-CN' });
    const select = screen.getByLabelText('阶段');
    expect([...select.querySelectorAll('option')].map((o) => [o.value, o.textContent])).toEqual([
      ['', '全部'],
      ['pre_due', '到期前'],
      ['m1', 'M1 · 1–30天'],
      ['m2', 'M2 · 31–60天'],
      ['m3', 'M3 · 61–90天'],
      ['m4_plus', 'M4+ · 90天以上'],
    ]);
    await userEvent.selectOptions(select, 'm2');
    expect(onChange).toHaveBeenLastCalledWith('m2');
  });

  it('a checkbox group adds and removes the values ticked', async () => {
    function Group() {
      const [selected, setSelected] = useState<string[]>(['a']);
      return (
        <>
          <CheckboxGroup
            legend="Letters"
            options={[
              { value: 'a', label: 'A' },
              { value: 'b', label: 'B' },
            ]}
            selected={selected}
            onChange={setSelected}
          />
          <output>{selected.join(',')}</output>
        </>
      );
    }
    await renderWithProviders(<Group />);
    expect(screen.getByRole('group', { name: 'Letters' })).toBeInTheDocument();
    await userEvent.click(screen.getByLabelText('B'));
    expect(screen.getByRole('status')).toHaveTextContent('a,b');
    await userEvent.click(screen.getByLabelText('A'));
    expect(screen.getByRole('status')).toHaveTextContent('b');
  });
});
