/**
 * An effort's goals, their indicators with RAG and latest value, the measurements, and the
 * forms to enter a measurement (street workers on a phone) and to keep goals and indicators.
 */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode } from 'react';
import type { TLocale } from '../../../contracts/common.ts';
import { DIRECTIONS, type TEffortDetail, type TGoal, type TIndicator, type TIndicatorInput, type TMeasurement } from '../../../contracts/efforts.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, RadioGroup, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ConfirmDialog, Modal } from '../../components/Modal.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatIsoDate, formatNumber, isoDate, parseDateInput, parseGroupedNumber } from '../../lib/format.ts';
import { NotStated } from '../organisation/shared.tsx';
import { addGoal, addIndicator, addMeasurement, removeGoal, removeIndicator, removeMeasurement, updateGoal, updateIndicator } from './api.ts';
import { DIRECTION_KEYS, formatPeriod, type Translate } from './labels.ts';
import { FieldError, RagBadge, useEffortSaved, useFormErrors } from './shared.tsx';

type Direction = (typeof DIRECTIONS)[number];

function problemText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) return [error.problem.title, error.problem.detail].filter(Boolean).join(' ');
  return t('error.unexpected');
}

/** `42 deltagere`, `12,5 %`: a value with its unit. */
function valueWithUnit(value: number, unit: string, locale: TLocale): string {
  return `${formatNumber(value, locale)} ${unit}`.trim();
}

function MeasurementForm({ effort, indicator }: { effort: TEffortDetail; indicator: TIndicator }) {
  const { t, locale } = useI18n();
  const saved = useEffortSaved(effort.id);
  const prefix = `measure-${indicator.id}`;
  const ids = { measuredOn: `${prefix}-date`, value: `${prefix}-value`, note: `${prefix}-note` };
  const [date, setDate] = useState(() => formatIsoDate(isoDate(new Date())));
  const [value, setValue] = useState('');
  const [note, setNote] = useState('');
  const { errors, attempt, show, clear } = useFormErrors();
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => addMeasurement(effort.id, indicator.id, { measuredOn: parseDateInput(date) as string, value: parseGroupedNumber(value) as number, note: note.trim() || null }),
    onSuccess: (updated) => {
      saved(updated);
      setDone(t('effort.measure.saved', { value: valueWithUnit(parseGroupedNumber(value) as number, indicator.unit, locale) }));
      setValue('');
      setNote('');
      clear();
    },
    onError: (error) => {
      show(errorsFromFailure(error, ids, t));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const found: FormError[] = [];
    if (!parseDateInput(date)) found.push({ fieldId: ids.measuredOn, message: t('effort.form.date_invalid') });
    if (!value.trim()) found.push({ fieldId: ids.value, message: t('effort.measure.value_required') });
    else if (parseGroupedNumber(value) === null) found.push({ fieldId: ids.value, message: t('effort.form.number_invalid') });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <div className="effort-measure">
      <h5 id={`${prefix}-heading`}>{t('effort.measure.title')}</h5>
      <div aria-live="polite">{done ? <Alert variant="success" heading={done} headingLevel={3} /> : null}</div>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby={`${prefix}-heading`}>
        <div className="effort-form-row">
          <TextField id={ids.measuredOn} label={t('effort.measure.date')} hint={t('effort.form.date_hint')} value={date} onChange={(e) => setDate(e.target.value)} error={errorFor(errors, ids.measuredOn)} inputMode="numeric" autoComplete="off" className="input-char-11" />
          <TextField id={ids.value} label={t('effort.measure.value', { unit: indicator.unit })} value={value} onChange={(e) => setValue(e.target.value)} error={errorFor(errors, ids.value)} inputMode="decimal" autoComplete="off" className="input-char-11" />
        </div>
        <TextField id={ids.note} label={t('effort.measure.note')} optional value={note} onChange={(e) => setNote(e.target.value)} error={errorFor(errors, ids.note)} maxLength={500} />
        <button type="submit" className="button button-secondary mt-4" disabled={mutation.isPending}>
          {t('effort.measure.submit')}
        </button>
      </form>
    </div>
  );
}

function MeasurementHistory({ effort, indicator }: { effort: TEffortDetail; indicator: TIndicator }) {
  const { t, locale } = useI18n();
  const saved = useEffortSaved(effort.id);
  const [removing, setRemoving] = useState<TMeasurement | null>(null);
  const remove = useMutation({
    mutationFn: (m: TMeasurement) => removeMeasurement(effort.id, m.id),
    onSuccess: (updated) => {
      saved(updated);
      setRemoving(null);
    },
  });
  if (indicator.measurements.length === 0) return null;
  const rows = [...indicator.measurements].sort((a, b) => b.measuredOn.localeCompare(a.measuredOn));
  return (
    <details className="details">
      <summary className="details-summary">{t('effort.measure.all', { count: rows.length })}</summary>
      <div className="details-text">
        {remove.isError ? (
          <Alert variant="error" heading={t('effort.measure.remove_failed')}>
            <p>{problemText(remove.error, t)}</p>
          </Alert>
        ) : null}
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-label={t('effort.measure.caption', { name: indicator.name })}>
          <table className="table table--compact">
            <caption className="sr-only">{t('effort.measure.caption', { name: indicator.name })}</caption>
            <thead>
              <tr>
                <th scope="col">{t('effort.measure.date')}</th>
                <th scope="col" className="align-text-right">
                  {t('effort.measure.value_column')}
                </th>
                <th scope="col">{t('effort.measure.note_column')}</th>
                {effort.abilities.measure ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {rows.map((m) => (
                <tr key={m.id}>
                  <td className="nowrap">{formatIsoDate(m.measuredOn, locale)}</td>
                  <td className="align-text-right nowrap">{valueWithUnit(m.value, indicator.unit, locale)}</td>
                  <td>{m.note ?? <NotStated />}</td>
                  {effort.abilities.measure ? (
                    <td>
                      <button type="button" className="function-link" onClick={() => setRemoving(m)}>
                        <Icon name="delete" />
                        {t('effort.measure.remove')}
                        <span className="sr-only"> – {formatIsoDate(m.measuredOn, locale)}</span>
                      </button>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </div>
      {removing ? (
        <ConfirmDialog
          heading={t('effort.measure.remove_confirm_heading')}
          confirmLabel={t('effort.measure.remove_confirm')}
          onConfirm={() => remove.mutate(removing)}
          onCancel={() => setRemoving(null)}
          busy={remove.isPending}
        >
          <p>{t('effort.measure.remove_confirm_detail', { value: valueWithUnit(removing.value, indicator.unit, locale), date: formatIsoDate(removing.measuredOn, locale), name: indicator.name })}</p>
        </ConfirmDialog>
      ) : null}
    </details>
  );
}

function IndicatorBlock({ effort, indicator, onEdit, onRemove }: { effort: TEffortDetail; indicator: TIndicator; onEdit(): void; onRemove(): void }) {
  const { t, locale } = useI18n();
  return (
    <li className="effort-indicator" id={`indicator-${indicator.id}`}>
      <h4 className="effort-indicator-name">{indicator.name}</h4>
      <dl className="details-list effort-indicator-facts">
        <dt>{t('effort.indicator.rag')}</dt>
        <dd>
          <RagBadge rag={indicator.rag} />
        </dd>
        <dt>{t('effort.indicator.latest')}</dt>
        <dd className="effort-latest">
          {indicator.latest ? t('effort.indicator.latest_value', { value: valueWithUnit(indicator.latest.value, indicator.unit, locale), date: formatIsoDate(indicator.latest.measuredOn, locale) }) : t('effort.indicator.no_measurement')}
        </dd>
        <dt>{t('effort.indicator.baseline')}</dt>
        <dd>{valueWithUnit(indicator.baseline, indicator.unit, locale)}</dd>
        <dt>{t('effort.indicator.target')}</dt>
        <dd>
          {valueWithUnit(indicator.target, indicator.unit, locale)} ({t(DIRECTION_KEYS[indicator.direction]).toLocaleLowerCase()})
        </dd>
        <dt>{t('effort.indicator.period')}</dt>
        <dd>{formatPeriod(indicator.periodStart, indicator.periodEnd, t, locale)}</dd>
        {indicator.countsParticipants ? (
          <>
            <dt>{t('effort.indicator.participants')}</dt>
            <dd>{t('effort.indicator.counts_participants_yes')}</dd>
          </>
        ) : null}
      </dl>
      <MeasurementHistory effort={effort} indicator={indicator} />
      {effort.abilities.update ? (
        <div className="org-row-actions mt-3">
          <button type="button" className="function-link" onClick={onEdit}>
            <Icon name="edit" />
            {t('effort.indicator.edit')}
            <span className="sr-only"> – {indicator.name}</span>
          </button>
          <button type="button" className="function-link" onClick={onRemove}>
            <Icon name="delete" />
            {t('effort.indicator.remove')}
            <span className="sr-only"> – {indicator.name}</span>
          </button>
        </div>
      ) : null}
      {effort.abilities.measure ? <MeasurementForm effort={effort} indicator={indicator} /> : null}
    </li>
  );
}

/** A dialog holding one form: the error summary above it, save and cancel below. */
function FormDialog(props: {
  heading: string;
  formId: string;
  submitLabel: string;
  pending: boolean;
  errors: FormError[];
  attempt: number;
  onSubmit(event: FormEvent): void;
  onClose(): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <Modal
      heading={props.heading}
      onClose={props.onClose}
      actions={
        <div className="button-group">
          <button type="submit" form={props.formId} className="button button-primary" disabled={props.pending}>
            {props.submitLabel}
          </button>
          <button type="button" className="button button-secondary" onClick={props.onClose}>
            {t('common.cancel')}
          </button>
        </div>
      }
    >
      <ErrorSummary errors={props.errors} attempt={props.attempt} />
      <form id={props.formId} onSubmit={props.onSubmit} noValidate>
        {props.children}
      </form>
    </Modal>
  );
}

function GoalDialog({ effort, goal, onClose, onDone }: { effort: TEffortDetail; goal: TGoal | null; onClose(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const saved = useEffortSaved(effort.id);
  const ids = { title: 'goal-title', description: 'goal-description' };
  const [title, setTitle] = useState(goal?.title ?? '');
  const [description, setDescription] = useState(goal?.description ?? '');
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => {
      const input = { title: title.trim(), description: description.trim() || null };
      return goal ? updateGoal(effort.id, goal.id, input) : addGoal(effort.id, input);
    },
    onSuccess: (updated) => {
      saved(updated);
      onDone(goal ? t('effort.goal.saved') : t('effort.goal.added', { title: title.trim() }));
    },
    onError: (error) => {
      show(errorsFromFailure(error, ids, t));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!title.trim()) found.push({ fieldId: ids.title, message: t('effort.goal.title_required') });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <FormDialog
      heading={goal ? t('effort.goal.edit_heading') : t('effort.goal.add')}
      formId="goal-form"
      submitLabel={goal ? t('effort.form.save') : t('effort.goal.add')}
      pending={mutation.isPending}
      errors={errors}
      attempt={attempt}
      onSubmit={onSubmit}
      onClose={onClose}
    >
        <TextField id={ids.title} label={t('effort.goal.title_field')} hint={t('effort.goal.title_hint')} value={title} onChange={(e) => setTitle(e.target.value)} error={errorFor(errors, ids.title)} maxLength={200} />
        <TextArea id={ids.description} label={t('effort.goal.description')} optional value={description} onChange={(e) => setDescription(e.target.value)} error={errorFor(errors, ids.description)} rows={3} maxLength={4000} />
    </FormDialog>
  );
}

const INDICATOR_IDS: Record<string, string> = {
  name: 'indicator-name',
  unit: 'indicator-unit',
  baseline: 'indicator-baseline',
  target: 'indicator-target',
  direction: 'indicator-direction-0',
  periodStart: 'indicator-start',
  periodEnd: 'indicator-end',
  countsParticipants: 'indicator-participants',
};

function IndicatorDialog({ effort, goal, indicator, onClose, onDone }: { effort: TEffortDetail; goal: TGoal; indicator: TIndicator | null; onClose(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const saved = useEffortSaved(effort.id);
  const number = (n: number | undefined) => (n == null ? '' : String(n).replace('.', ','));
  const [name, setName] = useState(indicator?.name ?? '');
  const [unit, setUnit] = useState(indicator?.unit ?? '');
  const [baseline, setBaseline] = useState(number(indicator?.baseline));
  const [target, setTarget] = useState(number(indicator?.target));
  const [direction, setDirection] = useState<Direction>(indicator?.direction ?? 'increase');
  const [start, setStart] = useState(formatIsoDate(indicator?.periodStart ?? effort.periodStart));
  const [end, setEnd] = useState(indicator ? formatIsoDate(indicator.periodEnd) : effort.periodEnd ? formatIsoDate(effort.periodEnd) : '');
  const [participants, setParticipants] = useState(indicator?.countsParticipants ?? false);
  const { errors, attempt, show } = useFormErrors();
  const input = (): TIndicatorInput => ({
    name: name.trim(),
    unit: unit.trim(),
    baseline: parseGroupedNumber(baseline) as number,
    target: parseGroupedNumber(target) as number,
    direction,
    periodStart: parseDateInput(start) as string,
    periodEnd: parseDateInput(end) as string,
    countsParticipants: participants,
  });
  const mutation = useMutation({
    mutationFn: () => (indicator ? updateIndicator(effort.id, indicator.id, input()) : addIndicator(effort.id, goal.id, input())),
    onSuccess: (updated) => {
      saved(updated);
      onDone(indicator ? t('effort.indicator.saved') : t('effort.indicator.added', { name: name.trim() }));
    },
    onError: (error) => {
      show(errorsFromFailure(error, INDICATOR_IDS, t));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: INDICATOR_IDS.name, message: t('effort.indicator.name_required') });
    if (!unit.trim()) found.push({ fieldId: INDICATOR_IDS.unit, message: t('effort.indicator.unit_required') });
    const b = parseGroupedNumber(baseline);
    const g = parseGroupedNumber(target);
    if (b === null) found.push({ fieldId: INDICATOR_IDS.baseline, message: t('effort.form.number_invalid') });
    if (g === null) found.push({ fieldId: INDICATOR_IDS.target, message: t('effort.form.number_invalid') });
    else if (b !== null && (direction === 'increase' ? g < b : g > b)) found.push({ fieldId: INDICATOR_IDS.target, message: t(direction === 'increase' ? 'effort.indicator.target_above' : 'effort.indicator.target_below') });
    const from = parseDateInput(start);
    const to = parseDateInput(end);
    if (!from) found.push({ fieldId: INDICATOR_IDS.periodStart, message: t('effort.form.date_invalid') });
    if (!to) found.push({ fieldId: INDICATOR_IDS.periodEnd, message: t('effort.form.date_invalid') });
    else if (from && to < from) found.push({ fieldId: INDICATOR_IDS.periodEnd, message: t('effort.form.end_before_start') });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <FormDialog
      heading={indicator ? t('effort.indicator.edit_heading', { name: indicator.name }) : t('effort.indicator.add_heading', { goal: goal.title })}
      formId="indicator-form"
      submitLabel={indicator ? t('effort.form.save') : t('effort.indicator.add')}
      pending={mutation.isPending}
      errors={errors}
      attempt={attempt}
      onSubmit={onSubmit}
      onClose={onClose}
    >
        <TextField id={INDICATOR_IDS.name} label={t('effort.indicator.name')} hint={t('effort.indicator.name_hint')} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(errors, INDICATOR_IDS.name)} maxLength={200} />
        <TextField id={INDICATOR_IDS.unit} label={t('effort.indicator.unit')} hint={t('effort.indicator.unit_hint')} value={unit} onChange={(e) => setUnit(e.target.value)} error={errorFor(errors, INDICATOR_IDS.unit)} maxLength={40} className="input-width-s" />
        <RadioGroup<Direction> id="indicator-direction" legend={t('effort.indicator.direction')} value={direction} onChange={setDirection} options={DIRECTIONS.map((d) => ({ value: d, label: t(DIRECTION_KEYS[d]) }))} />
        <FieldError errors={errors} fieldId={INDICATOR_IDS.direction} />
        <div className="effort-form-row">
          <TextField id={INDICATOR_IDS.baseline} label={t('effort.indicator.baseline')} value={baseline} onChange={(e) => setBaseline(e.target.value)} error={errorFor(errors, INDICATOR_IDS.baseline)} inputMode="decimal" className="input-char-11" />
          <TextField id={INDICATOR_IDS.target} label={t('effort.indicator.target')} value={target} onChange={(e) => setTarget(e.target.value)} error={errorFor(errors, INDICATOR_IDS.target)} inputMode="decimal" className="input-char-11" />
        </div>
        <div className="effort-form-row">
          <TextField id={INDICATOR_IDS.periodStart} label={t('effort.indicator.period_start')} hint={t('effort.form.date_hint')} value={start} onChange={(e) => setStart(e.target.value)} error={errorFor(errors, INDICATOR_IDS.periodStart)} inputMode="numeric" autoComplete="off" className="input-char-11" />
          <TextField id={INDICATOR_IDS.periodEnd} label={t('effort.indicator.period_end')} hint={t('effort.form.date_hint')} value={end} onChange={(e) => setEnd(e.target.value)} error={errorFor(errors, INDICATOR_IDS.periodEnd)} inputMode="numeric" autoComplete="off" className="input-char-11" />
        </div>
        <div className="form-group">
          <div className="form-group-checkbox">
            <input id={INDICATOR_IDS.countsParticipants} type="checkbox" className="form-checkbox" checked={participants} onChange={(e) => setParticipants(e.target.checked)} aria-describedby="indicator-participants-hint" />
            <label htmlFor={INDICATOR_IDS.countsParticipants}>{t('effort.indicator.counts_participants')}</label>
            <span className="form-hint" id="indicator-participants-hint">
              {t('effort.indicator.counts_participants_hint')}
            </span>
          </div>
        </div>
    </FormDialog>
  );
}

type Removal = { kind: 'remove-goal'; goal: TGoal } | { kind: 'remove-indicator'; indicator: TIndicator };
type Dialog = { kind: 'goal'; goal: TGoal | null } | { kind: 'indicator'; goal: TGoal; indicator: TIndicator | null } | Removal;

export function GoalsSection({ effort }: { effort: TEffortDetail }) {
  const { t } = useI18n();
  const saved = useEffortSaved(effort.id);
  const heading = useRef<HTMLHeadingElement>(null);
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const done = (text: string) => {
    setDialog(null);
    setMessage(text);
  };
  const remove = useMutation({
    mutationFn: (r: Removal) => (r.kind === 'remove-goal' ? removeGoal(effort.id, r.goal.id) : removeIndicator(effort.id, r.indicator.id)),
    onSuccess: (updated, r) => {
      saved(updated);
      done(r.kind === 'remove-goal' ? t('effort.goal.removed', { title: r.goal.title }) : t('effort.indicator.removed', { name: r.indicator.name }));
      // The removed block and its button are gone: continue from the section heading.
      requestAnimationFrame(() => heading.current?.focus());
    },
  });
  const editable = effort.abilities.update;
  return (
    <section aria-labelledby="goals-heading" className="mt-7">
      <h2 id="goals-heading" tabIndex={-1} ref={heading}>
        {t('effort.goal.section_title')}
      </h2>
      <div aria-live="polite">{message ? <Alert variant="success" heading={message} /> : null}</div>
      {remove.isError ? (
        <Alert variant="error" heading={t('effort.goal.remove_failed')}>
          <p>{problemText(remove.error, t)}</p>
        </Alert>
      ) : null}
      {effort.goals.length === 0 ? (
        <div className="empty-state">
          <p>{editable ? t('effort.goal.empty_editor') : t('effort.goal.empty')}</p>
        </div>
      ) : (
        <ol className="nobullet-list effort-goals">
          {effort.goals.map((goal, index) => (
            <li key={goal.id} className="effort-goal">
              <h3>
                {t('effort.goal.numbered', { number: index + 1, title: goal.title })}
                <AssumedMark reason={goal.assumptions.title} />
              </h3>
              {goal.description ? <p className="pre-line">{goal.description}</p> : null}
              {editable ? (
                <div className="org-row-actions mb-4">
                  <button type="button" className="function-link" onClick={() => setDialog({ kind: 'goal', goal })}>
                    <Icon name="edit" />
                    {t('effort.goal.edit')}
                    <span className="sr-only"> – {goal.title}</span>
                  </button>
                  <button type="button" className="function-link" onClick={() => setDialog({ kind: 'remove-goal', goal })}>
                    <Icon name="delete" />
                    {t('effort.goal.remove')}
                    <span className="sr-only"> – {goal.title}</span>
                  </button>
                  <button type="button" className="function-link" onClick={() => setDialog({ kind: 'indicator', goal, indicator: null })}>
                    <Icon name="plus" />
                    {t('effort.indicator.add')}
                    <span className="sr-only"> – {goal.title}</span>
                  </button>
                </div>
              ) : null}
              {goal.indicators.length === 0 ? (
                <p className="small-text">{t('effort.indicator.empty')}</p>
              ) : (
                <ul className="nobullet-list effort-indicators">
                  {goal.indicators.map((indicator) => (
                    <IndicatorBlock
                      key={indicator.id}
                      effort={effort}
                      indicator={indicator}
                      onEdit={() => setDialog({ kind: 'indicator', goal, indicator })}
                      onRemove={() => setDialog({ kind: 'remove-indicator', indicator })}
                    />
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      )}
      {editable ? (
        <p className="mt-5">
          <button type="button" className="button button-secondary" onClick={() => setDialog({ kind: 'goal', goal: null })}>
            <Icon name="plus" />
            {t('effort.goal.add')}
          </button>
        </p>
      ) : null}
      {dialog?.kind === 'goal' ? <GoalDialog effort={effort} goal={dialog.goal} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'indicator' ? <IndicatorDialog effort={effort} goal={dialog.goal} indicator={dialog.indicator} onClose={() => setDialog(null)} onDone={done} /> : null}
      {dialog?.kind === 'remove-goal' ? (
        <ConfirmDialog heading={t('effort.goal.remove_confirm_heading', { title: dialog.goal.title })} confirmLabel={t('effort.goal.remove_confirm')} onConfirm={() => remove.mutate(dialog)} onCancel={() => setDialog(null)} busy={remove.isPending}>
          <p>{t('effort.goal.remove_confirm_detail', { count: dialog.goal.indicators.length })}</p>
        </ConfirmDialog>
      ) : null}
      {dialog?.kind === 'remove-indicator' ? (
        <ConfirmDialog heading={t('effort.indicator.remove_confirm_heading', { name: dialog.indicator.name })} confirmLabel={t('effort.indicator.remove_confirm')} onConfirm={() => remove.mutate(dialog)} onCancel={() => setDialog(null)} busy={remove.isPending}>
          <p>{t('effort.indicator.remove_confirm_detail', { count: dialog.indicator.measurements.length })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
