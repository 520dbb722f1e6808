/** The municipality's settings for efforts: its words for the triangle's levels, its districts, and the legal bases. */
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TLegalBasis, TTriangleLabels } from '../../../contracts/efforts.ts';
import { TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { createLegalBasis, getTriangleLabels, retireLegalBasis, setDistricts, setTriangleLabels } from './api.ts';
import { EFFORT_KEY, LEVELS_TOP_DOWN } from './labels.ts';
import { effortCrumbs, useDistricts, useLegalBases, useFormErrors } from './shared.tsx';

const LABEL_MAX = 60;
const DISTRICT_MAX = 80;
const DISTRICTS_MAX = 100;
const LABEL_IDS: Record<TTriangleLevel, string> = { general: 'triangle-label-general', targeted: 'triangle-label-targeted', individual: 'triangle-label-individual' };
const DEFAULT_KEYS = { general: 'org.triangle.general', targeted: 'org.triangle.targeted', individual: 'org.triangle.individual' } as const;

function LabelsForm({ current }: { current: TTriangleLabels }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [labels, setLabels] = useState(current);
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => setTriangleLabels({ general: labels.general.trim(), targeted: labels.targeted.trim(), individual: labels.individual.trim() }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY] }),
    onError: (error) => show(errorsFromFailure(error, LABEL_IDS, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    for (const level of TRIANGLE_LEVELS) {
      const value = labels[level].trim();
      if (!value) found.push({ fieldId: LABEL_IDS[level], message: t('effort.settings.label_required') });
      else if (value.length > LABEL_MAX) found.push({ fieldId: LABEL_IDS[level], message: t('org.form.too_long', { max: LABEL_MAX }) });
    }
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      {mutation.isSuccess ? <Alert variant="success" heading={t('effort.settings.labels_saved')} headingLevel={3} /> : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="labels-heading">
        {LEVELS_TOP_DOWN.map((level) => (
          <TextField
            key={level}
            id={LABEL_IDS[level]}
            label={t('effort.settings.label_field', { level: t(DEFAULT_KEYS[level]) })}
            hint={t(`effort.settings.label_hint.${level}`)}
            value={labels[level]}
            onChange={(e) => setLabels({ ...labels, [level]: e.target.value })}
            error={errorFor(errors, LABEL_IDS[level])}
            maxLength={LABEL_MAX}
          />
        ))}
        <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
          {t('effort.settings.labels_save')}
        </button>
      </form>
    </>
  );
}

function LabelsSection() {
  const { t } = useI18n();
  const labels = useQuery({ queryKey: [EFFORT_KEY, 'triangle-labels-edit'], queryFn: getTriangleLabels });
  return (
    <section aria-labelledby="labels-heading">
      <h2 id="labels-heading">{t('effort.settings.labels_title')}</h2>
      <p>{t('effort.settings.labels_lead')}</p>
      {labels.isPending ? <Loading /> : null}
      {labels.isError ? <LoadError error={labels.error} retry={() => void labels.refetch()} /> : null}
      {labels.data ? <LabelsForm current={labels.data} /> : null}
    </section>
  );
}

function DistrictsForm({ current }: { current: string[] }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [text, setText] = useState(current.join('\n'));
  const { errors, attempt, show } = useFormErrors();
  const lines = () => [...new Set(text.split('\n').map((l) => l.trim()).filter(Boolean))];
  const mutation = useMutation({
    mutationFn: () => setDistricts(lines()),
    onSuccess: (saved) => {
      setText(saved.districts.join('\n'));
      void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY] });
    },
    onError: (error) => show(errorsFromFailure(error, { districts: 'districts-list' }, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    const all = lines();
    if (all.some((l) => l.length > DISTRICT_MAX)) found.push({ fieldId: 'districts-list', message: t('effort.settings.district_too_long', { max: DISTRICT_MAX }) });
    if (all.length > DISTRICTS_MAX) found.push({ fieldId: 'districts-list', message: t('effort.settings.districts_too_many', { max: DISTRICTS_MAX }) });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      {mutation.isSuccess ? <Alert variant="success" heading={t('effort.settings.districts_saved')} headingLevel={3} /> : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="districts-heading">
        <TextArea id="districts-list" label={t('effort.settings.districts_field')} hint={t('effort.settings.districts_hint')} value={text} onChange={(e) => setText(e.target.value)} error={errorFor(errors, 'districts-list')} rows={8} />
        <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
          {t('effort.settings.districts_save')}
        </button>
      </form>
    </>
  );
}

function DistrictsSection() {
  const { t } = useI18n();
  const districts = useDistricts();
  return (
    <section aria-labelledby="districts-heading" className="mt-8">
      <h2 id="districts-heading">{t('effort.settings.districts_title')}</h2>
      <p>
        {t('effort.settings.districts_lead')}
        <AssumedMark reason={districts.data?.assumed ?? undefined} />
      </p>
      {districts.isPending ? <Loading /> : null}
      {districts.isError ? <LoadError error={districts.error} retry={() => void districts.refetch()} /> : null}
      {districts.data ? <DistrictsForm current={districts.data.districts} /> : null}
    </section>
  );
}

function LegalBasesSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const bases = useLegalBases();
  const [law, setLaw] = useState('');
  const [section, setSection] = useState('');
  const [added, setAdded] = useState<string | null>(null);
  const { errors, attempt, show } = useFormErrors();
  const ids = { law: 'legal-law', section: 'legal-section' };
  const retire = useMutation({
    mutationFn: (basis: TLegalBasis) => retireLegalBasis(basis.id).then(() => basis),
    onSuccess: (basis) => {
      setAdded(t('effort.settings.legal_retired', { label: basis.label }));
      void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY, 'legal-bases'] });
    },
  });
  const mutation = useMutation({
    mutationFn: () => createLegalBasis({ law: law.trim(), section: section.trim() || null }),
    onSuccess: (created) => {
      setAdded(t('effort.settings.legal_added', { label: created.label }));
      setLaw('');
      setSection('');
      show([]);
      void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY, 'legal-bases'] });
    },
    onError: (error) => show(errorsFromFailure(error, ids, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setAdded(null);
    const found: FormError[] = [];
    if (law.trim().length < 2) found.push({ fieldId: ids.law, message: t('effort.settings.law_required') });
    else if (law.trim().length > 120) found.push({ fieldId: ids.law, message: t('org.form.too_long', { max: 120 }) });
    if (section.trim().length > 40) found.push({ fieldId: ids.section, message: t('org.form.too_long', { max: 40 }) });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <section aria-labelledby="legal-heading" className="mt-8">
      <h2 id="legal-heading">{t('effort.settings.legal_title')}</h2>
      <p>{t('effort.settings.legal_lead')}</p>
      {bases.isPending ? <Loading /> : null}
      {bases.isError ? <LoadError error={bases.error} retry={() => void bases.refetch()} /> : null}
      {bases.data ? (
        bases.data.length === 0 ? (
          <div className="empty-state">
            <p>{t('effort.settings.legal_empty')}</p>
          </div>
        ) : (
          <ul className="effort-legal-list" aria-labelledby="legal-heading">
            {bases.data.map((b) => (
              <li key={b.id}>
                {b.label} <span className="effort-legal-scope">({t(b.national ? 'effort.settings.legal_national' : 'effort.settings.legal_own')})</span>
                {b.abilities.retire ? (
                  <button type="button" className="button button-unstyled ml-3" onClick={() => retire.mutate(b)} disabled={retire.isPending}>
                    {t('effort.settings.legal_retire')}
                    <span className="sr-only"> {b.label}</span>
                  </button>
                ) : null}
              </li>
            ))}
          </ul>
        )
      ) : null}
      <div className="org-panel mt-5">
        <h3 id="legal-add-heading">{t('effort.settings.legal_add_title')}</h3>
        <div aria-live="polite">{added ? <Alert variant="success" heading={added} headingLevel={3} /> : null}</div>
        <ErrorSummary errors={errors} attempt={attempt} />
        <form onSubmit={onSubmit} noValidate aria-labelledby="legal-add-heading">
          <TextField id={ids.law} label={t('effort.settings.law')} hint={t('effort.settings.law_hint')} value={law} onChange={(e) => setLaw(e.target.value)} error={errorFor(errors, ids.law)} maxLength={120} />
          <TextField id={ids.section} label={t('effort.settings.section')} hint={t('effort.settings.section_hint')} optional value={section} onChange={(e) => setSection(e.target.value)} error={errorFor(errors, ids.section)} maxLength={40} className="input-width-s" />
          <button type="submit" className="button button-secondary mt-4" disabled={mutation.isPending}>
            {t('effort.settings.legal_add')}
          </button>
        </form>
      </div>
    </section>
  );
}

export function EffortSettingsPage() {
  const { t } = useI18n();
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [{ label: t('effort.settings.title') }])} />
      <PageHeading lead={t('effort.settings.lead')}>{t('effort.settings.title')}</PageHeading>
      <LabelsSection />
      <DistrictsSection />
      <LegalBasesSection />
    </>
  );
}
