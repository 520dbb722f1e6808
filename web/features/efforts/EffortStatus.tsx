import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { STATUS_TRANSITIONS, type TEffortDetail, type TEffortStatus } from '../../../contracts/efforts.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, SelectField, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDateTime, formatIsoDate, parseDateInput } from '../../lib/format.ts';
import { changeEffortStatus } from './api.ts';
import { STATUS_KEYS, statusOptions } from './labels.ts';
import { StatusBadge, useEffortSaved, useFormErrors } from './shared.tsx';

const FIELD_IDS = { status: 'status-new', effectiveOn: 'status-date', reason: 'status-reason' };

function ChangeStatusForm({ effort }: { effort: TEffortDetail }) {
  const { t } = useI18n();
  const saved = useEffortSaved(effort.id);
  const options = statusOptions(STATUS_TRANSITIONS[effort.status]);
  const [status, setStatus] = useState<TEffortStatus | ''>('');
  const [date, setDate] = useState('');
  const [reason, setReason] = useState('');
  const { errors, attempt, show, clear } = useFormErrors();
  const [done, setDone] = useState<string | null>(null);
  const mutation = useMutation({
    mutationFn: () => changeEffortStatus(effort.id, { status: status as TEffortStatus, effectiveOn: date.trim() ? (parseDateInput(date) ?? date) : undefined, reason: reason.trim() }),
    onSuccess: (updated) => {
      saved(updated);
      setDone(t('effort.status.changed', { status: t(STATUS_KEYS[updated.status]).toLocaleLowerCase() }));
      setStatus('');
      setDate('');
      setReason('');
      clear();
    },
    onError: (error) => {
      show(errorsFromFailure(error, FIELD_IDS, t));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setDone(null);
    const found: FormError[] = [];
    if (!status) found.push({ fieldId: FIELD_IDS.status, message: t('effort.status.choose_required') });
    if (date.trim() && !parseDateInput(date)) found.push({ fieldId: FIELD_IDS.effectiveOn, message: t('effort.form.date_invalid') });
    if (reason.trim().length < 3) found.push({ fieldId: FIELD_IDS.reason, message: t('effort.status.reason_required') });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  if (options.length === 0) return null;
  return (
    <div className="org-panel mt-5">
      <h3 id="change-status-heading">{t('effort.status.change_title')}</h3>
      {done ? <Alert variant="success" heading={done} headingLevel={3} /> : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="change-status-heading">
        <SelectField
          id={FIELD_IDS.status}
          label={t('effort.status.new')}
          value={status}
          onChange={(e) => setStatus(e.target.value as TEffortStatus | '')}
          error={errorFor(errors, FIELD_IDS.status)}
          options={[{ value: '', label: t('effort.status.choose') }, ...options.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))]}
        />
        <TextField
          id={FIELD_IDS.effectiveOn}
          label={t('effort.status.effective_on')}
          hint={t('effort.status.effective_on_hint')}
          optional
          value={date}
          onChange={(e) => setDate(e.target.value)}
          error={errorFor(errors, FIELD_IDS.effectiveOn)}
          inputMode="numeric"
          autoComplete="off"
          className="input-char-11"
        />
        <TextArea
          id={FIELD_IDS.reason}
          label={t('effort.status.reason')}
          hint={t('effort.status.reason_hint')}
          value={reason}
          onChange={(e) => setReason(e.target.value)}
          error={errorFor(errors, FIELD_IDS.reason)}
          rows={3}
          maxLength={1000}
        />
        <button type="submit" className="button button-primary mt-4" disabled={mutation.isPending}>
          {t('effort.status.submit')}
        </button>
      </form>
    </div>
  );
}

/** The effort's status now, how it got there, and (for editors) the change to the next one. */
export function StatusSection({ effort }: { effort: TEffortDetail }) {
  const { t, locale } = useI18n();
  const history = [...effort.statusHistory].reverse();
  return (
    <section aria-labelledby="status-heading" className="mt-7">
      <h2 id="status-heading">{t('effort.status.title')}</h2>
      <p>
        {t('effort.status.current')} <StatusBadge status={effort.status} />
      </p>
      {effort.abilities.changeStatus ? <ChangeStatusForm effort={effort} /> : null}
      <h3 id="status-history-heading" className="mt-6">
        {t('effort.status.history')}
      </h3>
      {history.length === 0 ? (
        <div className="empty-state">
          <p>{t('effort.status.history_empty')}</p>
        </div>
      ) : (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="status-history-heading">
          <table className="table table--compact" id="status-history">
            <thead>
              <tr>
                <th scope="col">{t('effort.status.effective_on_column')}</th>
                <th scope="col">{t('effort.status.change')}</th>
                <th scope="col">{t('effort.status.reason')}</th>
                <th scope="col">{t('effort.status.by')}</th>
              </tr>
            </thead>
            <tbody>
              {history.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td className="nowrap">{formatIsoDate(entry.effectiveOn, locale)}</td>
                  <td>
                    {entry.previousStatus
                      ? t('effort.status.from_to', { from: t(STATUS_KEYS[entry.previousStatus]), to: t(STATUS_KEYS[entry.status]) })
                      : t('effort.status.created_as', { status: t(STATUS_KEYS[entry.status]) })}
                  </td>
                  <td className="pre-line">{entry.reason}</td>
                  <td>
                    {entry.actorName ?? t('effort.status.unknown_actor')}
                    <span className="small-text d-block">{formatDateTime(entry.at, locale)}</span>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
