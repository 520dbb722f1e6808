import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import {
  AGE_MAX,
  AGE_MIN,
  DERIVED_GROUPS,
  EVIDENCE_RATINGS,
  RISK_PROFILES,
  type TEffortCreate,
  type TEffortDetail,
  type TEffortInput,
  type TEvidenceRating,
  type TRiskProfile,
} from '../../../contracts/efforts.ts';
import { TRIANGLE_LEVELS, type TOrganisationMap, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxGroup, ErrorSummary, RadioGroup, SelectField, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatIsoDate, parseDateInput } from '../../lib/format.ts';
import { organisationOptions } from '../organisation/tree.ts';
import { useCollator } from '../organisation/shared.tsx';
import { createEffort, getEffort, updateEffort } from './api.ts';
import { EFFORTS_ROOT, DERIVED_KEYS, EFFORT_KEY, EVIDENCE_KEYS, RISK_KEYS, STATUS_KEYS } from './labels.ts';
import { FieldError, FunctionSelect, effortCrumbs, useDistricts, useForums, useLegalBases, useOrganisationMap, useTriangleLabels, useFormErrors } from './shared.tsx';

/** Server field name → the input that shows its error. */
const FIELD_IDS: Record<string, string> = {
  title: 'effort-title',
  description: 'effort-description',
  level: 'effort-level-0',
  inScope: 'effort-in-scope',
  ownerOrganisationId: 'effort-owner',
  responsibleFunctionId: 'effort-function',
  partnerOrganisationIds: 'effort-partners-0',
  forumIds: 'effort-forums-0',
  ageMin: 'effort-age-min',
  ageMax: 'effort-age-max',
  riskProfile: 'effort-risk',
  derivedGroups: 'effort-derived-0',
  districts: 'effort-districts-0',
  legalBasisIds: 'effort-legal-0',
  periodStart: 'effort-start',
  periodEnd: 'effort-end',
  evidenceRating: 'effort-evidence',
  evidenceDocumentation: 'effort-evidence-doc',
  status: 'effort-status-0',
};

type Derived = (typeof DERIVED_GROUPS)[number];

function EffortForm({ effort, map }: { effort: TEffortDetail | null; map: TOrganisationMap }) {
  const { t } = useI18n();
  const labels = useTriangleLabels();
  const collator = useCollator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const forums = useForums();
  const legalBases = useLegalBases();
  const districtList = useDistricts();

  const [title, setTitle] = useState(effort?.title ?? '');
  const [description, setDescription] = useState(effort?.description ?? '');
  const [level, setLevel] = useState<TTriangleLevel>(effort?.level ?? 'targeted');
  const [inScope, setInScope] = useState(effort?.inScope ?? true);
  const [ownerId, setOwnerId] = useState(effort?.owner?.id ?? '');
  const [functionId, setFunctionId] = useState(effort?.responsibleFunction?.id ?? '');
  const [partnerIds, setPartnerIds] = useState<string[]>(effort?.partners.map((p) => p.id) ?? []);
  const [forumIds, setForumIds] = useState<string[]>(effort?.forums.map((f) => f.id) ?? []);
  const [ageMin, setAgeMin] = useState(String(effort?.ageMin ?? 6));
  const [ageMax, setAgeMax] = useState(String(effort?.ageMax ?? 25));
  const [risk, setRisk] = useState<TRiskProfile>(effort?.riskProfile ?? 'all');
  const [derived, setDerived] = useState<Derived[]>(effort?.derivedGroups ?? []);
  const [districts, setDistricts] = useState<string[]>(effort?.districts ?? []);
  const [legalIds, setLegalIds] = useState<string[]>(effort?.legalBases.map((b) => b.id) ?? []);
  const [start, setStart] = useState(effort ? formatIsoDate(effort.periodStart) : '');
  const [end, setEnd] = useState(effort?.periodEnd ? formatIsoDate(effort.periodEnd) : '');
  const [evidence, setEvidence] = useState<TEvidenceRating>(effort?.evidenceRating ?? 'unknown');
  const [evidenceDoc, setEvidenceDoc] = useState(effort?.evidenceDocumentation ?? '');
  const [status, setStatus] = useState<'planned' | 'active'>('planned');
  const { errors, attempt, show } = useFormErrors();

  const units = organisationOptions(map.organisations, collator);
  // A district removed from the municipality's list since stays choosable on the efforts that name it.
  const districtOptions = [...new Set([...(districtList.data?.districts ?? []), ...(effort?.districts ?? [])])].map((d) => ({ value: d, label: d }));
  const forumOptions = [...(forums.data ?? [])].sort((a, b) => collator.compare(a.name, b.name)).map((f) => ({ value: f.id, label: f.name }));
  // A retired legal basis stays choosable on the efforts that cite it, as districts do.
  const cited = (effort?.legalBases ?? []).filter((b) => !(legalBases.data ?? []).some((l) => l.id === b.id));
  const legalOptions = [...(legalBases.data ?? []), ...cited].map((b) => ({ value: b.id, label: b.label }));

  const input = (): TEffortInput => ({
    title: title.trim(),
    description: description.trim() || null,
    level,
    inScope,
    ownerOrganisationId: ownerId,
    responsibleFunctionId: functionId || null,
    partnerOrganisationIds: partnerIds,
    forumIds,
    ageMin: Number(ageMin),
    ageMax: Number(ageMax),
    riskProfile: risk,
    derivedGroups: derived,
    districts,
    legalBasisIds: legalIds,
    periodStart: parseDateInput(start) ?? start,
    periodEnd: end.trim() ? (parseDateInput(end) ?? end) : null,
    evidenceRating: evidence,
    evidenceDocumentation: evidenceDoc.trim() || null,
  });
  const mutation = useMutation({
    mutationFn: () => (effort ? updateEffort(effort.id, input()) : createEffort({ ...input(), status } satisfies TEffortCreate)),
    onSuccess: (saved) => {
      queryClient.setQueryData([EFFORT_KEY, 'detail', saved.id], saved);
      void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY] });
      navigate(`${EFFORTS_ROOT}/${saved.id}`, { state: { saved: effort ? t('effort.form.saved') : t('effort.form.created', { title: saved.title }) } });
    },
    onError: (error) => {
      show(errorsFromFailure(error, FIELD_IDS, t));
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    const age = (text: string) => /^\d{1,2}$/.test(text.trim()) && Number(text) >= AGE_MIN && Number(text) <= AGE_MAX;
    if (!title.trim()) found.push({ fieldId: 'effort-title', message: t('effort.form.title_required') });
    if (!ownerId) found.push({ fieldId: 'effort-owner', message: t('effort.form.owner_required') });
    if (!age(ageMin)) found.push({ fieldId: 'effort-age-min', message: t('effort.form.age_invalid', { min: AGE_MIN, max: AGE_MAX }) });
    if (!age(ageMax)) found.push({ fieldId: 'effort-age-max', message: t('effort.form.age_invalid', { min: AGE_MIN, max: AGE_MAX }) });
    else if (age(ageMin) && Number(ageMin) > Number(ageMax)) found.push({ fieldId: 'effort-age-max', message: t('effort.form.age_order') });
    const from = parseDateInput(start);
    const to = end.trim() ? parseDateInput(end) : null;
    if (!start.trim()) found.push({ fieldId: 'effort-start', message: t('effort.form.start_required') });
    else if (!from) found.push({ fieldId: 'effort-start', message: t('effort.form.date_invalid') });
    if (end.trim() && !to) found.push({ fieldId: 'effort-end', message: t('effort.form.date_invalid') });
    else if (from && to && to < from) found.push({ fieldId: 'effort-end', message: t('effort.form.end_before_start') });
    show(found);
    if (found.length === 0) mutation.mutate();
  };

  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <fieldset className="effort-form-section">
          <legend className="h3">{t('effort.form.section.what')}</legend>
          <TextField id="effort-title" label={t('effort.field.title')} hint={t('effort.form.title_hint')} value={title} onChange={(e) => setTitle(e.target.value)} error={errorFor(errors, 'effort-title')} maxLength={200} />
          <TextArea id="effort-description" label={t('effort.field.description')} optional value={description} onChange={(e) => setDescription(e.target.value)} error={errorFor(errors, 'effort-description')} maxLength={8000} />
          <RadioGroup<TTriangleLevel> id="effort-level" legend={t('effort.field.level')} value={level} onChange={setLevel} options={[...TRIANGLE_LEVELS].reverse().map((l) => ({ value: l, label: labels[l] }))} />
          <FieldError errors={errors} fieldId="effort-level-0" />
          <div className="form-group">
            <div className="form-group-checkbox">
              <input id="effort-in-scope" type="checkbox" className="form-checkbox" checked={inScope} onChange={(e) => setInScope(e.target.checked)} aria-describedby="effort-in-scope-hint" />
              <label htmlFor="effort-in-scope">{t('effort.field.in_scope')}</label>
              <span className="form-hint" id="effort-in-scope-hint">
                {t('effort.form.in_scope_hint')}
              </span>
            </div>
          </div>
          {!effort ? (
            <>
              <RadioGroup<'planned' | 'active'> id="effort-status" legend={t('effort.form.start_status')} value={status} onChange={setStatus} options={(['planned', 'active'] as const).map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))} />
              <FieldError errors={errors} fieldId="effort-status-0" />
            </>
          ) : null}
        </fieldset>

        <fieldset className="effort-form-section">
          <legend className="h3">{t('effort.form.section.who')}</legend>
          <SelectField id="effort-owner" label={t('effort.field.owner')} hint={t('effort.form.owner_hint')} value={ownerId} onChange={(e) => setOwnerId(e.target.value)} error={errorFor(errors, 'effort-owner')} options={[{ value: '', label: t('effort.form.choose_unit') }, ...units]} />
          <FunctionSelect id="effort-function" label={t('effort.field.responsible')} hint={t('effort.form.responsible_hint')} map={map} value={functionId} onChange={setFunctionId} error={errorFor(errors, 'effort-function')} emptyLabel={t('effort.form.no_function')} />
          <CheckboxGroup id="effort-partners" legend={t('effort.field.partners')} hint={t('effort.form.partners_hint')} value={partnerIds} onChange={setPartnerIds} options={units.filter((u) => u.value !== ownerId)} error={errorFor(errors, 'effort-partners-0')} />
          {forums.isError ? <LoadError error={forums.error} retry={() => void forums.refetch()} /> : null}
          <CheckboxGroup id="effort-forums" legend={t('effort.field.forums')} hint={t('effort.form.forums_hint')} value={forumIds} onChange={setForumIds} options={forumOptions} error={errorFor(errors, 'effort-forums-0')} />
        </fieldset>

        <fieldset className="effort-form-section">
          <legend className="h3">{t('effort.form.section.target')}</legend>
          <div className="effort-form-row">
            <TextField id="effort-age-min" label={t('effort.field.age_min')} value={ageMin} onChange={(e) => setAgeMin(e.target.value)} error={errorFor(errors, 'effort-age-min')} inputMode="numeric" className="input-char-4" maxLength={2} />
            <TextField id="effort-age-max" label={t('effort.field.age_max')} value={ageMax} onChange={(e) => setAgeMax(e.target.value)} error={errorFor(errors, 'effort-age-max')} inputMode="numeric" className="input-char-4" maxLength={2} />
          </div>
          <SelectField id="effort-risk" label={t('effort.field.risk')} value={risk} onChange={(e) => setRisk(e.target.value as TRiskProfile)} error={errorFor(errors, 'effort-risk')} options={RISK_PROFILES.map((r) => ({ value: r, label: t(RISK_KEYS[r]) }))} />
          <CheckboxGroup<Derived> id="effort-derived" legend={t('effort.field.derived')} hint={t('effort.form.derived_hint')} value={derived} onChange={setDerived} options={DERIVED_GROUPS.map((g) => ({ value: g, label: t(DERIVED_KEYS[g]) }))} error={errorFor(errors, 'effort-derived-0')} />
          {districtOptions.length > 0 ? (
            <CheckboxGroup id="effort-districts" legend={t('effort.field.districts')} hint={t('effort.form.districts_hint')} value={districts} onChange={setDistricts} options={districtOptions} error={errorFor(errors, 'effort-districts-0')} />
          ) : (
            <p className="form-hint">{t('effort.form.no_districts')}</p>
          )}
        </fieldset>

        <fieldset className="effort-form-section">
          <legend className="h3">{t('effort.form.section.basis')}</legend>
          {legalBases.isError ? <LoadError error={legalBases.error} retry={() => void legalBases.refetch()} /> : null}
          <CheckboxGroup id="effort-legal" legend={t('effort.field.legal_bases')} hint={t('effort.form.legal_hint')} value={legalIds} onChange={setLegalIds} options={legalOptions} error={errorFor(errors, 'effort-legal-0')} />
          <div className="effort-form-row">
            <TextField id="effort-start" label={t('effort.field.period_start')} hint={t('effort.form.date_hint')} value={start} onChange={(e) => setStart(e.target.value)} error={errorFor(errors, 'effort-start')} inputMode="numeric" autoComplete="off" className="input-char-11" />
            <TextField id="effort-end" label={t('effort.field.period_end')} hint={t('effort.form.end_hint')} optional value={end} onChange={(e) => setEnd(e.target.value)} error={errorFor(errors, 'effort-end')} inputMode="numeric" autoComplete="off" className="input-char-11" />
          </div>
          <SelectField id="effort-evidence" label={t('effort.field.evidence')} hint={t('effort.form.evidence_hint')} value={evidence} onChange={(e) => setEvidence(e.target.value as TEvidenceRating)} error={errorFor(errors, 'effort-evidence')} options={EVIDENCE_RATINGS.map((r) => ({ value: r, label: t(EVIDENCE_KEYS[r]) }))} />
          <TextArea id="effort-evidence-doc" label={t('effort.field.evidence_doc')} hint={t('effort.form.evidence_doc_hint')} optional value={evidenceDoc} onChange={(e) => setEvidenceDoc(e.target.value)} error={errorFor(errors, 'effort-evidence-doc')} maxLength={4000} />
        </fieldset>

        <div className="button-group mt-6">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {effort ? t('effort.form.save') : t('effort.create')}
          </button>
          <Link to={effort ? `${EFFORTS_ROOT}/${effort.id}` : EFFORTS_ROOT} className="button button-tertiary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

export function EffortFormPage({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const effort = useQuery({ queryKey: [EFFORT_KEY, 'detail', id], queryFn: () => getEffort(id), enabled: mode === 'edit' });
  const map = useOrganisationMap();
  const title = mode === 'edit' ? t('effort.form.edit_title', { title: effort.data?.title ?? '' }) : t('effort.create');
  const pending = map.isPending || (mode === 'edit' && effort.isPending);
  const error = map.error ?? (mode === 'edit' ? effort.error : null);
  const refused = mode === 'edit' && effort.data && !effort.data.abilities.update;
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [...(mode === 'edit' && effort.data ? [{ to: `${EFFORTS_ROOT}/${id}`, label: effort.data.title }] : []), { label: mode === 'edit' ? t('effort.edit') : t('effort.create') }])} />
      <PageHeading title={title} lead={t('effort.form.lead')}>
        {title}
      </PageHeading>
      {pending ? <Loading /> : null}
      {error ? <LoadError error={error} retry={() => void (map.refetch(), effort.refetch())} /> : null}
      {refused ? (
        <Alert variant="warning" heading={t('effort.form.refused')}>
          <p>{t('error.forbidden_detail')}</p>
        </Alert>
      ) : null}
      {!pending && !error && !refused && map.data ? <EffortForm key={effort.data?.id ?? 'new'} effort={mode === 'edit' ? (effort.data ?? null) : null} map={map.data} /> : null}
    </>
  );
}
