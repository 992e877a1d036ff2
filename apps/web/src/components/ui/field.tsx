import {
  useId,
  type ChangeEvent,
  type InputHTMLAttributes,
  type ReactNode,
  type SelectHTMLAttributes,
  type TextareaHTMLAttributes,
} from 'react';

/** One option of a select: the value sent and the words shown. */
export interface Option<V extends string = string> {
  value: V;
  label: string;
}

/** What every field takes besides its control: its label, and the problem or hint shown under it. */
interface FieldText {
  label: ReactNode;
  /** A problem with the value (the server's or the form's), shown under the control and tied to it. */
  error?: string | undefined;
  /** A hint shown under the control. */
  help?: ReactNode;
  /** Extra class on the field's box (e.g. "end"). */
  fieldClassName?: string;
  /** The control's id; one is made up when not given. */
  id?: string;
}

/**
 * A labelled field: label, control, hint, problem. The caller brings the control and gives it `id`
 * (and, to tie the hint and the problem to it, `fieldAria(id, error, help)`); TextField,
 * SelectField and TextAreaField do all of that themselves.
 */
export function Field({
  id,
  label,
  error,
  help,
  fieldClassName,
  children,
}: FieldText & { id: string; children: ReactNode }) {
  return (
    <div className={['field', error ? 'has-error' : null, fieldClassName].filter(Boolean).join(' ')}>
      <label htmlFor={id}>{label}</label>
      {children}
      {help && (
        <p className="muted small" id={`${id}-help`}>
          {help}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`}>
          {error}
        </p>
      )}
    </div>
  );
}

/** The ARIA links from a control to its hint and its problem. */
export const fieldAria = (id: string, error?: string, help?: ReactNode) => {
  const ids = [help ? `${id}-help` : null, error ? `${id}-error` : null].filter(Boolean).join(' ');
  return { ...(error ? { 'aria-invalid': true } : {}), ...(ids ? { 'aria-describedby': ids } : {}) };
};

/** Splits a field's props: the box's (label, problem, hint), the control's id and ARIA links, the rest. */
function useFieldParts<P extends FieldText>({ label, error, help, fieldClassName, id: givenId, ...rest }: P) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return { box: { id, label, error, help, fieldClassName }, control: { id, ...fieldAria(id, error, help) }, rest };
}

/** A controlled value: `onChange` gets the new text (or the chosen value). */
interface Controlled<V extends string = string> {
  value: V | '';
  onChange: (value: V) => void;
}

type InputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange' | 'value' | 'id'>;
type TextAreaProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange' | 'value' | 'id'>;

/** A labelled text (or date, number, password...) input. */
export function TextField(props: FieldText & InputProps & Controlled) {
  return <TextControl element="input" {...props} />;
}

/** A labelled text area. */
export function TextAreaField(props: FieldText & TextAreaProps & Controlled) {
  return <TextControl element="textarea" {...props} />;
}

/** An input or a text area in its field; `onChange` gets the new text. */
function TextControl({
  element: Element,
  ...props
}: FieldText & Controlled & (InputProps | TextAreaProps) & { element: 'input' | 'textarea' }) {
  const { box, control, rest } = useFieldParts(props);
  const { value, onChange, ...attributes } = rest;
  return (
    <Field {...box}>
      <Element
        {...control}
        {...(attributes as InputProps & TextAreaProps)}
        value={value}
        onChange={(e: ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) => onChange(e.target.value)}
      />
    </Field>
  );
}

/** The options of a select; `empty` adds a first one with the value "" ("Any", "None", "—"). */
export function Options({ options, empty }: { options: readonly Option[]; empty?: string | undefined }) {
  return (
    <>
      {empty !== undefined && <option value="">{empty}</option>}
      {options.map((o) => (
        <option key={o.value} value={o.value}>
          {o.label}
        </option>
      ))}
    </>
  );
}

type SelectProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange' | 'value' | 'id'>;

/**
 * A labelled select of options (a code list's from `useCodeOptions`, or the caller's); `empty`
 * adds a first option with the value "". Option groups, if any, come as `children` after the options.
 */
export function SelectField<V extends string = string>(
  props: FieldText &
    SelectProps &
    Controlled<V> & { options: readonly Option<V>[]; empty?: string | undefined; children?: ReactNode },
) {
  const { box, control, rest } = useFieldParts(props);
  const { value, onChange, options, empty, children, ...select } = rest;
  return (
    <Field {...box}>
      <select {...control} value={value} onChange={(e) => onChange(e.target.value as V)} {...select}>
        <Options options={options} empty={empty} />
        {children}
      </select>
    </Field>
  );
}

/** A checkbox with its label beside it. */
export function CheckboxField({
  label,
  checked,
  onChange,
  className = 'check',
}: {
  label: ReactNode;
  checked: boolean;
  onChange: (checked: boolean) => void;
  className?: string;
}) {
  return (
    <label className={className}>
      <input type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/** A group of checkboxes choosing several values of a list (stages, stop flags, objections...). */
export function CheckboxGroup<V extends string>({
  legend,
  options,
  selected,
  onChange,
  className,
  itemClassName = 'check',
  wrapClassName,
}: {
  legend: ReactNode;
  options: readonly Option<V>[];
  selected: readonly V[];
  onChange: (selected: V[]) => void;
  className?: string;
  itemClassName?: string;
  /** A box around the checkboxes, inside the fieldset (e.g. "checks"). */
  wrapClassName?: string;
}) {
  const boxes = options.map((o) => (
    <CheckboxField
      key={o.value}
      className={itemClassName}
      label={o.label}
      checked={selected.includes(o.value)}
      onChange={(on) => onChange(on ? [...selected, o.value] : selected.filter((x) => x !== o.value))}
    />
  ));
  return (
    <fieldset className={className}>
      <legend>{legend}</legend>
      {wrapClassName ? <div className={wrapClassName}>{boxes}</div> : boxes}
    </fieldset>
  );
}
