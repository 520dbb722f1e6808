import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { TTemplateKey } from '../../../contracts/scenarios.ts';
import { ErrorSummary, FieldMessages, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatIsoDate, isoDate, parseDateInput } from '../../lib/format.ts';
import { useFormErrors } from '../efforts/shared.tsx';
import { createScenario } from './api.ts';
import { scenarioPath } from './labels.ts';
import { scenarioCrumbs, useScenarioSaved, useTemplates } from './shared.tsx';

const TITLE_ID = 'new-scenario-title';
const DESCRIPTION_ID = 'new-scenario-description';
const FROM_ID = 'new-scenario-from';
const AS_OF_ID = 'new-scenario-as-of';

/** Start a scenario: a copy of the map as of a day, or one of the memo's templates. */
export function CreateScenarioPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const saved = useScenarioSaved();
  const templates = useTemplates();
  const [title, setTitle] = useState('');
  const [description, setDescription] = useState('');
  const [from, setFrom] = useState<'today' | TTemplateKey>('today');
  const [asOf, setAsOf] = useState(formatIsoDate(isoDate(new Date())));
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: (day: string) =>
      createScenario({ title: title.trim(), description: description.trim(), from: from === 'today' ? { kind: 'today', asOf: day } : { kind: 'template', key: from } }),
    onSuccess: (created) => {
      saved(created);
      navigate(scenarioPath(created.id), { state: { saved: t('scenario.create.done', { title: created.title }) } });
    },
    onError: (error) => show(errorsFromFailure(error, { title: TITLE_ID, description: DESCRIPTION_ID, 'from.asOf': AS_OF_ID, from: `${FROM_ID}-0` }, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!title.trim()) found.push({ fieldId: TITLE_ID, message: t('scenario.create.title_missing') });
    const day = parseDateInput(asOf);
    if (from === 'today' && !day) found.push({ fieldId: AS_OF_ID, message: t('scenario.create.as_of_invalid') });
    show(found);
    if (found.length === 0) mutation.mutate(day ?? '');
  };
  const choices: { value: 'today' | TTemplateKey; label: string; hint: string }[] = [
    { value: 'today', label: t('scenario.create.from_today'), hint: t('scenario.create.from_today_hint') },
    ...(templates.data ?? []).map((tpl) => ({ value: tpl.key, label: tpl.name, hint: tpl.description })),
  ];
  return (
    <>
      <Breadcrumbs items={scenarioCrumbs(t, [{ label: t('scenario.create.heading') }])} />
      <PageHeading lead={t('scenario.create.lead')}>{t('scenario.create.heading')}</PageHeading>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id={TITLE_ID} label={t('scenario.field.title')} value={title} onChange={(e) => setTitle(e.target.value)} error={errorFor(errors, TITLE_ID)} maxLength={160} autoComplete="off" />
        <TextArea id={DESCRIPTION_ID} label={t('scenario.field.description')} optional value={description} onChange={(e) => setDescription(e.target.value)} error={errorFor(errors, DESCRIPTION_ID)} rows={3} />
        {templates.isPending ? <Loading /> : null}
        {templates.isError ? <LoadError error={templates.error} retry={() => void templates.refetch()} /> : null}
        <div className="form-group">
          <fieldset>
            <legend className="form-label">{t('scenario.create.from')}</legend>
            {choices.map((choice, index) => (
              <div className="form-group-radio" key={choice.value}>
                <input
                  type="radio"
                  id={`${FROM_ID}-${index}`}
                  name={FROM_ID}
                  className="form-radio"
                  value={choice.value}
                  checked={from === choice.value}
                  onChange={() => setFrom(choice.value)}
                  aria-describedby={`${FROM_ID}-${index}-hint`}
                />
                <label htmlFor={`${FROM_ID}-${index}`}>{choice.label}</label>
                <span className="form-hint" id={`${FROM_ID}-${index}-hint`}>
                  {choice.hint}
                </span>
                {choice.value === 'today' && from === 'today' ? (
                  <div className={`form-group scenario-as-of${errorFor(errors, AS_OF_ID) ? ' form-error' : ''}`}>
                    <label className="form-label" htmlFor={AS_OF_ID}>
                      {t('scenario.create.as_of')}
                    </label>
                    <FieldMessages id={AS_OF_ID} hint={t('scenario.create.as_of_hint')} error={errorFor(errors, AS_OF_ID)} />
                    <input
                      id={AS_OF_ID}
                      className="form-input input-width-s"
                      value={asOf}
                      onChange={(e) => setAsOf(e.target.value)}
                      aria-describedby={`${AS_OF_ID}-hint${errorFor(errors, AS_OF_ID) ? ` ${AS_OF_ID}-error` : ''}`}
                      aria-invalid={errorFor(errors, AS_OF_ID) ? true : undefined}
                      autoComplete="off"
                    />
                  </div>
                ) : null}
              </div>
            ))}
          </fieldset>
        </div>
        <button type="submit" className="button button-primary" disabled={mutation.isPending}>
          {t('scenario.create.submit')}
        </button>
        {mutation.isPending ? <Loading label={t('scenario.create.working')} small /> : null}
      </form>
    </>
  );
}
