import { useMutation } from '@tanstack/react-query';
import { useCallback, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { TScenarioDetail } from '../../../contracts/scenarios.ts';
import { useFlash } from '../../app/flash.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError } from '../../lib/api.ts';
import { formatDateTime, formatIsoDate, isoDate, parseDateInput } from '../../lib/format.ts';
import { NotFoundPage } from '../about/ForbiddenPage.tsx';
import { useFormErrors } from '../efforts/shared.tsx';
import { AS_OF_PARAM } from '../organisation/shared.tsx';
import { adoptScenario, discardScenario, shareScenario } from './api.ts';
import { COMPARE_PATH, REVISION_PROBLEM, originText } from './labels.ts';
import { ScenarioEditor } from './ScenarioEditor.tsx';
import { SharingBadge, StatusBadge, scenarioCrumbs, useScenario, useScenarioSaved, useTemplateNames } from './shared.tsx';
import { useRecordId } from '../../lib/ids.ts';

type Step = { kind: 'share'; sharing: 'working_group' | 'steering' } | { kind: 'discard' } | { kind: 'adopt'; effectiveFrom: string };

const ADOPT_DATE_ID = 'adopt-effective-from';

/** Share, discard and adopt, each as the scenario's abilities allow and each confirmed first. */
function ScenarioActions({ scenario, onDone }: { scenario: TScenarioDetail; onDone(message: string): void }) {
  const { t, locale } = useI18n();
  const saved = useScenarioSaved();
  const [step, setStep] = useState<Step | null>(null);
  const [effectiveFrom, setEffectiveFrom] = useState(formatIsoDate(isoDate(new Date())));
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: (s: Step) =>
      s.kind === 'share' ? shareScenario(scenario.id, s.sharing) : s.kind === 'discard' ? discardScenario(scenario.id) : adoptScenario(scenario.id, { revision: scenario.revision, effectiveFrom: s.effectiveFrom }),
    onSuccess: (updated, s) => {
      setStep(null);
      saved(updated);
      onDone(
        s.kind === 'share'
          ? t(s.sharing === 'steering' ? 'scenario.share.done_steering' : 'scenario.share.done_working_group')
          : s.kind === 'discard'
            ? t('scenario.discard.done')
            : t('scenario.adopt.done', { date: formatIsoDate(s.effectiveFrom, locale) }),
      );
    },
    onError: (error) => {
      setStep(null);
      // A newer revision is said in the page's words; other refusals (the map changed since) in the server's.
      show(error instanceof ApiError && error.type === REVISION_PROBLEM ? [{ message: t('scenario.adopt.stale') }] : errorsFromFailure(error, { effectiveFrom: ADOPT_DATE_ID }, t));
    },
  });
  const { share, discard, adopt } = scenario.abilities;
  const widen = scenario.sharing === 'private' ? (['working_group', 'steering'] as const) : scenario.sharing === 'working_group' ? (['steering'] as const) : [];
  if (!(share && widen.length) && !discard && !adopt) return null;
  const onAdopt = (event: FormEvent) => {
    event.preventDefault();
    const day = parseDateInput(effectiveFrom);
    const found: FormError[] = !day
      ? [{ fieldId: ADOPT_DATE_ID, message: t('scenario.adopt.date_invalid') }]
      : day > isoDate(new Date())
        ? [{ fieldId: ADOPT_DATE_ID, message: t('scenario.adopt.date_future') }]
        : [];
    show(found);
    if (day && found.length === 0) setStep({ kind: 'adopt', effectiveFrom: day });
  };
  const confirmText: Record<Step['kind'], { heading: string; body: string; yes: string }> | null = step
    ? {
        share: {
          heading: t(step.kind === 'share' && step.sharing === 'steering' ? 'scenario.share.steering' : 'scenario.share.working_group'),
          body: t(step.kind === 'share' && step.sharing === 'steering' ? 'scenario.share.confirm_steering' : 'scenario.share.confirm_working_group'),
          yes: t('scenario.share.yes'),
        },
        discard: { heading: t('scenario.discard.heading'), body: t('scenario.discard.confirm'), yes: t('scenario.discard.yes') },
        adopt: { heading: t('scenario.adopt.heading'), body: t('scenario.adopt.confirm', { date: step.kind === 'adopt' ? formatIsoDate(step.effectiveFrom, locale) : '' }), yes: t('scenario.adopt.yes') },
      }
    : null;
  return (
    <section aria-labelledby="scenario-actions-heading" className="scenario-actions">
      <h2 id="scenario-actions-heading">{t('scenario.actions.heading')}</h2>
      <ErrorSummary errors={errors} attempt={attempt} />
      <div className="button-group">
        {share
          ? widen.map((sharing) => (
              <button key={sharing} type="button" className="button button-secondary" onClick={() => setStep({ kind: 'share', sharing })}>
                {t(sharing === 'steering' ? 'scenario.share.steering' : 'scenario.share.working_group')}
              </button>
            ))
          : null}
        {discard ? (
          <button type="button" className="button button-tertiary" onClick={() => setStep({ kind: 'discard' })}>
            {t('scenario.discard.button')}
          </button>
        ) : null}
      </div>
      {adopt ? (
        <form onSubmit={onAdopt} noValidate className="scenario-adopt" aria-labelledby="scenario-adopt-heading">
          <h3 id="scenario-adopt-heading">{t('scenario.adopt.title')}</h3>
          <p>{t('scenario.adopt.lead')}</p>
          <TextField id={ADOPT_DATE_ID} label={t('scenario.adopt.date')} hint={t('scenario.adopt.date_hint')} value={effectiveFrom} onChange={(e) => setEffectiveFrom(e.target.value)} error={errorFor(errors, ADOPT_DATE_ID)} autoComplete="off" className="input-width-s" />
          <button type="submit" className="button button-primary">
            {t('scenario.adopt.button')}
          </button>
        </form>
      ) : null}
      {step && confirmText ? (
        <ConfirmDialog heading={confirmText[step.kind].heading} confirmLabel={confirmText[step.kind].yes} danger={step.kind === 'discard'} busy={mutation.isPending} onConfirm={() => mutation.mutate(step)} onCancel={() => setStep(null)}>
          <p>{confirmText[step.kind].body}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function ScenarioView({ scenario }: { scenario: TScenarioDetail }) {
  const { t, locale } = useI18n();
  const templates = useTemplateNames();
  const [message, setMessage] = useFlash();
  const [dirty, setDirty] = useState(false);
  const onDirtyChange = useCallback((d: boolean) => setDirty(d), []);
  return (
    <>
      <Breadcrumbs items={scenarioCrumbs(t, [{ label: scenario.title }])} />
      <PageHeading>{scenario.title}</PageHeading>
      {message ? <Alert variant="success" heading={message} /> : null}
      <div className="scenario-summary" id="scenario-summary">
        <StatusBadge status={scenario.status} />
        <SharingBadge sharing={scenario.sharing} />
        <span>{originText(scenario, templates, t, (iso) => formatIsoDate(iso, locale))}</span>
        <span>{t('scenario.by', { name: scenario.author.name, at: formatDateTime(scenario.updatedAt, locale) })}</span>
      </div>
      {scenario.status === 'adopted' && scenario.adoptedFrom ? (
        <Alert variant="info" heading={t('scenario.adopted.from', { date: formatIsoDate(scenario.adoptedFrom, locale) })} id="scenario-adopted">
          <p>
            <Link to={`/organisation/trae?${AS_OF_PARAM}=${scenario.adoptedFrom}`}>{t('scenario.adopted.map', { date: formatIsoDate(scenario.adoptedFrom, locale) })}</Link>
          </p>
        </Alert>
      ) : null}
      {scenario.status === 'discarded' ? <Alert variant="info" heading={t('scenario.discarded')} /> : null}
      <p>
        <Link to={`${COMPARE_PATH}?ids=${scenario.id}`}>{t('scenario.compare_this')}</Link>
      </p>
      {dirty ? <p className="scenario-unsaved-actions">{t('scenario.actions.save_first')}</p> : <ScenarioActions scenario={scenario} onDone={setMessage} />}
      {/* A new status or sharing changes what may be edited: start the editor afresh from the server's copy. */}
      <ScenarioEditor key={`${scenario.status}:${scenario.sharing}`} scenario={scenario} onDirtyChange={onDirtyChange} />
    </>
  );
}

export function ScenarioPage() {
  const id = useRecordId();
  return id ? <ScenarioLoader id={id} /> : <NotFoundPage />;
}

function ScenarioLoader({ id }: { id: string }) {
  const scenario = useScenario(id);
  if (scenario.isPending) return <Loading />;
  if (scenario.isError) return scenario.error instanceof ApiError && scenario.error.status === 404 ? <NotFoundPage /> : <LoadError error={scenario.error} retry={() => void scenario.refetch()} />;
  return <ScenarioView scenario={scenario.data} />;
}
