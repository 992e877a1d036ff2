import { DESK_SCRIPT_VARIABLES, formatMoney, parseAmountToMinor, type DeskScriptVariable } from '@crm/domain';

/** The promise as typed in the outcome form (strings, not yet checked). */
export interface TypedPromise {
  amount: string;
  dueDate: string;
  channel: string;
}

/** The outcome form's promise or first plan instalment, as typed; null when nothing is typed. */
export function typedPromiseOf(
  values: {
    planMode: boolean;
    promise: TypedPromise;
    plan: readonly { amount: string; dueDate: string }[];
  } | null,
): TypedPromise | null {
  if (!values) return null;
  const first = values.planMode ? values.plan[0] : values.promise;
  if (!first || (!first.amount.trim() && !first.dueDate)) return null;
  return { amount: first.amount, dueDate: first.dueDate, channel: values.promise.channel };
}

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(Date.parse(`${s}T00:00:00Z`));

/**
 * The close step's promise read-back (ADR 035), in the script's language: "CN¥1,200.00",
 * "Friday 4 December", "bank transfer". What is not typed (or not valid) yet reads as the
 * placeholder, so the collector sees what is still missing; `entered` is false when nothing is.
 */
export function promiseReadBack(
  typed: TypedPromise | null,
  {
    locale,
    currency,
    channelLabel,
    placeholders,
  }: {
    locale: string;
    currency: string;
    channelLabel: (code: string) => string;
    placeholders: Record<DeskScriptVariable, string>;
  },
): { entered: boolean; values: Record<DeskScriptVariable, string> } {
  const minor = typed ? parseAmountToMinor(typed.amount, currency) : null;
  const date = typed && isDate(typed.dueDate) ? typed.dueDate : null;
  if (!typed || (minor === null && date === null)) return { entered: false, values: { ...placeholders } };
  const intl = locale === 'zh-CN' ? 'zh-CN' : 'en-GB';
  return {
    entered: true,
    values: {
      promiseAmount:
        minor !== null && minor > 0 ? formatMoney({ amountMinor: minor, currency }, intl) : placeholders.promiseAmount,
      promiseDate: date
        ? new Intl.DateTimeFormat(intl, { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' }).format(
            new Date(`${date}T00:00:00Z`),
          )
        : placeholders.promiseDate,
      promiseChannel: typed.channel ? channelLabel(typed.channel) : placeholders.promiseChannel,
    },
  };
}

/**
 * The desk variables' placeholders in the script's language ("[amount]", "[金额]"): what the close
 * shows before a promise is typed, and what an admin's preview shows (no promise is typed there).
 */
export function deskPlaceholders(inScriptLanguage: (key: string) => string): Record<DeskScriptVariable, string> {
  return Object.fromEntries(DESK_SCRIPT_VARIABLES.map((v) => [v, inScriptLanguage(`scriptReadBack.${v}`)])) as Record<
    DeskScriptVariable,
    string
  >;
}
