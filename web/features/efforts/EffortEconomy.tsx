/** An effort's money and hours per year, and the form that replaces one year's figures. */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { BUDGET_KINDS, type TBudgetKind, type TEffortDetail, type TEffortYear, type TEffortYearInput } from '../../../contracts/efforts.ts';
import type { TOrganisationMap } from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, SelectField, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDkk, formatNumber, parseGroupedNumber } from '../../lib/format.ts';
import { setEffortYear } from './api.ts';
import { BUDGET_KIND_KEYS, yearChoices } from './labels.ts';
import { DemoBadge, FunctionSelect, currentYear, useEffortSaved, useOrganisationMap, useFormErrors } from './shared.tsx';

const MAX_AMOUNT = 1_000_000_000;
const MAX_HOURS = 100_000;

/** A stored number as text the user can edit, with a decimal comma: 12500.5 → `12500,5`. */
const amountText = (value: number | null | undefined) => (value == null ? '' : String(value).replace('.', ','));

function YearView({ year }: { year: TEffortYear }) {
  const { t, locale } = useI18n();
  const budget = year.lines.reduce((sum, l) => sum + l.budget, 0);
  const actual = year.lines.reduce((sum, l) => sum + (l.actual ?? 0), 0);
  const hours = year.hours.reduce((sum, h) => sum + h.hours, 0);
  const headingId = `economy-${year.year}-heading`;
  return (
    <>
      {year.lines.length === 0 ? (
        <p>{t('effort.economy.no_lines')}</p>
      ) : (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={headingId}>
          <table className="table table--compact effort-money">
            <caption className="sr-only">{t('effort.economy.lines_caption', { year: year.year })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('effort.economy.kind')}</th>
                <th scope="col" className="align-text-right">
                  {t('effort.economy.budget')}
                </th>
                <th scope="col" className="align-text-right">
                  {t('effort.economy.actual')}
                </th>
              </tr>
            </thead>
            <tbody>
              {year.lines.map((line) => (
                <tr key={line.kind}>
                  <th scope="row">{t(BUDGET_KIND_KEYS[line.kind])}</th>
                  <td className="align-text-right nowrap">{formatDkk(line.budget, locale)}</td>
                  <td className="align-text-right nowrap">{line.actual == null ? t('effort.economy.actual_missing') : formatDkk(line.actual, locale)}</td>
                </tr>
              ))}
            </tbody>
            <tfoot>
              <tr>
                <th scope="row">{t('effort.economy.total')}</th>
                <td className="align-text-right nowrap">{formatDkk(budget, locale)}</td>
                <td className="align-text-right nowrap">{formatDkk(actual, locale)}</td>
              </tr>
            </tfoot>
          </table>
        </div>
      )}
      {year.hours.length === 0 ? (
        <p>{t('effort.economy.no_hours')}</p>
      ) : (
        <table className="table table--compact effort-hours">
          <caption className="sr-only">{t('effort.economy.hours_caption', { year: year.year })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('effort.economy.function')}</th>
              <th scope="col" className="align-text-right">
                {t('effort.economy.hours')}
              </th>
            </tr>
          </thead>
          <tbody>
            {year.hours.map((h) => (
              <tr key={h.functionId}>
                <th scope="row">{h.functionTitle}</th>
                <td className="align-text-right nowrap">{t('effort.hours', { hours: formatNumber(h.hours, locale, 1) })}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">{t('effort.economy.total')}</th>
              <td className="align-text-right nowrap">{t('effort.hours', { hours: formatNumber(hours, locale, 1) })}</td>
            </tr>
          </tfoot>
        </table>
      )}
    </>
  );
}

interface HoursRow {
  key: number;
  functionId: string;
  hours: string;
}

function YearForm({ effort, year, current, map, onClose, onDone }: { effort: TEffortDetail; year: number; current: TEffortYear | undefined; map: TOrganisationMap; onClose(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const saved = useEffortSaved(effort.id);
  const prefix = `economy-form-${year}`;
  const lineOf = (kind: TBudgetKind) => current?.lines.find((l) => l.kind === kind);
  const [amounts, setAmounts] = useState<Record<TBudgetKind, { budget: string; actual: string }>>(
    () => Object.fromEntries(BUDGET_KINDS.map((k) => [k, { budget: amountText(lineOf(k)?.budget), actual: amountText(lineOf(k)?.actual) }])) as Record<TBudgetKind, { budget: string; actual: string }>,
  );
  const [rows, setRows] = useState<HoursRow[]>(() => (current?.hours ?? []).map((h, i) => ({ key: i, functionId: h.functionId, hours: amountText(h.hours) })));
  const [nextKey, setNextKey] = useState(rows.length);
  const { errors, attempt, show } = useFormErrors();
  const fieldId = (kind: TBudgetKind, what: 'budget' | 'actual') => `${prefix}-${kind}-${what}`;

  const input = (): TEffortYearInput => ({
    lines: BUDGET_KINDS.filter((k) => amounts[k].budget.trim()).map((k) => ({
      kind: k,
      budget: parseGroupedNumber(amounts[k].budget) as number,
      actual: amounts[k].actual.trim() ? (parseGroupedNumber(amounts[k].actual) as number) : null,
    })),
    hours: rows.map((r) => ({ functionId: r.functionId, hours: parseGroupedNumber(r.hours) as number })),
  });
  const mutation = useMutation({
    mutationFn: () => setEffortYear(effort.id, year, input()),
    onSuccess: (updated) => {
      saved(updated);
      onDone(t('effort.economy.saved', { year }));
    },
    onError: (error) => {
      show(errorsFromFailure(error, { lines: fieldId('salary', 'budget'), hours: `${prefix}-hours-add` }, t));
    },
  });
  const money = (text: string) => {
    const value = parseGroupedNumber(text);
    // Kroner and øre: at most two decimals.
    return value !== null && value >= 0 && value <= MAX_AMOUNT && Math.abs(value * 100 - Math.round(value * 100)) < 1e-6;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    for (const kind of BUDGET_KINDS) {
      const { budget, actual } = amounts[kind];
      const name = t(BUDGET_KIND_KEYS[kind]);
      if (budget.trim() && !money(budget)) found.push({ fieldId: fieldId(kind, 'budget'), message: t('effort.economy.amount_invalid', { kind: name }) });
      if (actual.trim() && !money(actual)) found.push({ fieldId: fieldId(kind, 'actual'), message: t('effort.economy.amount_invalid', { kind: name }) });
      else if (actual.trim() && !budget.trim()) found.push({ fieldId: fieldId(kind, 'budget'), message: t('effort.economy.budget_required', { kind: name }) });
    }
    const seen = new Set<string>();
    for (const row of rows) {
      if (!row.functionId) found.push({ fieldId: `${prefix}-fn-${row.key}`, message: t('effort.economy.function_required') });
      else if (seen.has(row.functionId)) found.push({ fieldId: `${prefix}-fn-${row.key}`, message: t('effort.economy.function_twice') });
      seen.add(row.functionId);
      const hours = parseGroupedNumber(row.hours);
      if (hours === null || hours < 0 || hours > MAX_HOURS) found.push({ fieldId: `${prefix}-h-${row.key}`, message: t('effort.economy.hours_invalid') });
    }
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  const chosen = new Set(rows.map((r) => r.functionId).filter(Boolean));
  // A recorded year's form sits under the year's h3; a new year's directly under the h2.
  const Heading = current ? 'h4' : 'h3';
  const updateRow = (key: number, change: Partial<HoursRow>) => setRows((all) => all.map((r) => (r.key === key ? { ...r, ...change } : r)));
  return (
    <div className="org-panel mt-4">
      <Heading id={`${prefix}-heading`}>{t('effort.economy.form_title', { year })}</Heading>
      <p className="small-text">{t('effort.economy.form_lead')}</p>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-heading`}>
        {BUDGET_KINDS.map((kind) => (
          <fieldset key={kind} className="mt-4">
            <legend className="form-label">{t(BUDGET_KIND_KEYS[kind])}</legend>
            <div className="effort-form-row">
              <TextField
                id={fieldId(kind, 'budget')}
                label={t('effort.economy.budget_kr')}
                optional
                value={amounts[kind].budget}
                onChange={(e) => setAmounts({ ...amounts, [kind]: { ...amounts[kind], budget: e.target.value } })}
                error={errorFor(errors, fieldId(kind, 'budget'))}
                inputMode="decimal"
                autoComplete="off"
                className="input-char-11"
              />
              <TextField
                id={fieldId(kind, 'actual')}
                label={t('effort.economy.actual_kr')}
                optional
                value={amounts[kind].actual}
                onChange={(e) => setAmounts({ ...amounts, [kind]: { ...amounts[kind], actual: e.target.value } })}
                error={errorFor(errors, fieldId(kind, 'actual'))}
                inputMode="decimal"
                autoComplete="off"
                className="input-char-11"
              />
            </div>
          </fieldset>
        ))}
        <fieldset className="mt-5">
          <legend className="form-label">{t('effort.economy.hours_legend')}</legend>
          <span className="form-hint">{t('effort.economy.hours_hint')}</span>
          {rows.map((row, index) => (
            <div className="effort-form-row effort-hours-row" key={row.key}>
              <FunctionSelect
                id={`${prefix}-fn-${row.key}`}
                label={t('effort.economy.function_n', { n: index + 1 })}
                map={map}
                value={row.functionId}
                onChange={(functionId) => updateRow(row.key, { functionId })}
                error={errorFor(errors, `${prefix}-fn-${row.key}`)}
                emptyLabel={t('effort.economy.choose_function')}
                exclude={chosen}
              />
              <TextField
                id={`${prefix}-h-${row.key}`}
                label={t('effort.economy.hours_n', { n: index + 1 })}
                value={row.hours}
                onChange={(e) => updateRow(row.key, { hours: e.target.value })}
                error={errorFor(errors, `${prefix}-h-${row.key}`)}
                inputMode="decimal"
                autoComplete="off"
                className="input-char-4"
              />
              <button type="button" className="function-link effort-row-remove" onClick={() => setRows((all) => all.filter((r) => r.key !== row.key))}>
                <Icon name="delete" />
                {t('effort.economy.remove_row')}
                <span className="sr-only"> {index + 1}</span>
              </button>
            </div>
          ))}
          <p>
            <button
              type="button"
              id={`${prefix}-hours-add`}
              className="function-link mt-3"
              onClick={() => {
                setRows((all) => [...all, { key: nextKey, functionId: '', hours: '' }]);
                setNextKey((n) => n + 1);
              }}
            >
              <Icon name="plus" />
              {t('effort.economy.add_row')}
            </button>
          </p>
        </fieldset>
        <div className="button-group mt-5">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {t('effort.economy.save', { year })}
          </button>
          <button type="button" className="button button-tertiary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      </form>
    </div>
  );
}

export function EconomySection({ effort }: { effort: TEffortDetail }) {
  const { t } = useI18n();
  const editable = effort.abilities.editEconomy;
  const map = useOrganisationMap(editable);
  const [editing, setEditing] = useState<number | null>(null);
  const [newYear, setNewYear] = useState(String(currentYear()));
  const [message, setMessage] = useState<string | null>(null);
  if (!effort.economy) return null;
  const years = [...effort.economy].sort((a, b) => b.year - a.year);
  const used = new Set(years.map((y) => y.year));
  const free = yearChoices(currentYear()).filter((y) => !used.has(y));
  const form = (year: number) =>
    map.isPending ? (
      <Loading small />
    ) : map.isError ? (
      <LoadError error={map.error} retry={() => void map.refetch()} />
    ) : (
      <YearForm
        effort={effort}
        year={year}
        current={effort.economy?.find((y) => y.year === year)}
        map={map.data}
        onClose={() => setEditing(null)}
        onDone={(text) => {
          setEditing(null);
          setMessage(text);
        }}
      />
    );
  return (
    <section aria-labelledby="economy-heading" className="mt-7">
      <h2 id="economy-heading">{t('effort.economy.title')}</h2>
      <p>{t('effort.economy.lead')}</p>
      <div aria-live="polite">{message ? <Alert variant="success" heading={message} /> : null}</div>
      {years.length === 0 ? (
        <div className="empty-state">
          <p>{editable ? t('effort.economy.empty_editor') : t('effort.economy.empty')}</p>
        </div>
      ) : null}
      {years.map((year) => (
        <section key={year.year} aria-labelledby={`economy-${year.year}-heading`} className="effort-year mt-5">
          <h3 id={`economy-${year.year}-heading`}>
            {year.year} {year.demo ? <DemoBadge /> : null}
          </h3>
          {editing === year.year ? form(year.year) : <YearView year={year} />}
          {editable && editing !== year.year ? (
            <p>
              <button type="button" className="function-link" onClick={() => setEditing(year.year)}>
                <Icon name="edit" />
                {t('effort.economy.edit', { year: year.year })}
              </button>
            </p>
          ) : null}
        </section>
      ))}
      {editable && editing !== null && !used.has(editing) ? (
        <section aria-label={t('effort.economy.form_title', { year: editing })} className="mt-5">
          {form(editing)}
        </section>
      ) : null}
      {editable && editing === null && free.length > 0 ? (
        <div className="effort-add-year mt-5">
          <SelectField id="economy-new-year" label={t('effort.economy.add_year_label')} value={newYear} onChange={(e) => setNewYear(e.target.value)} options={free.map((y) => ({ value: String(y), label: String(y) }))} />
          <button type="button" className="button button-secondary" onClick={() => setEditing(Number(free.includes(Number(newYear)) ? newYear : free[0]))}>
            <Icon name="plus" />
            {t('effort.economy.add_year')}
          </button>
        </div>
      ) : null}
    </section>
  );
}
