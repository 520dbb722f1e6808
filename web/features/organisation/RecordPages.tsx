/**
 * Creating, changing and ending the records of the tree: organisations, functions and pools.
 * Each form shows the server's validation messages at the field, and a refusal (409) plainly.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { Link, useNavigate, useParams, useSearchParams } from 'react-router';
import {
  ORGANISATION_KINDS,
  TRIANGLE_LEVELS,
  type TFunction,
  type TFunctionInput,
  type TOrganisation,
  type TOrganisationInput,
  type TOrganisationMap,
  type TOwnerScope,
  type TPool,
  type TPoolInput,
  type TTriangleLevel,
} from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, RadioGroup, SelectField, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError } from '../../lib/api.ts';
import {
  createFunction,
  createOrganisation,
  createPool,
  removeFunction,
  removeOrganisation,
  removePool,
  updateFunction,
  updateOrganisation,
  updatePool,
} from '../../lib/endpoints.ts';
import { parseDecimal } from '../../lib/format.ts';
import { FUNDING_KEYS, KIND_KEYS, ORG_KEY, SCOPE_KEYS, TRIANGLE_KEYS } from './labels.ts';
import { useCollator } from './shared.tsx';
import { useOrganisationMap } from './TreePage.tsx';
import { descendantsOf, organisationOptions } from './tree.ts';

type Kind = 'organisation' | 'function' | 'pool';

const ANCHORS: Record<Kind, string> = { organisation: 'org', function: 'fn', pool: 'pool' };

/** Where the tree shows a record: the tree page, scrolled to it. */
const treeLink = (kind: Kind, id: string) => `/organisation/trae#${ANCHORS[kind]}-${id}`;

function useFormState() {
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  return {
    errors,
    attempt,
    show(found: FormError[]) {
      setErrors(found);
      setAttempt((n) => n + 1);
    },
  };
}

function ScopeField({ id, value, onChange, error }: { id: string; value: TOwnerScope; onChange(next: TOwnerScope): void; error?: string }) {
  const { t } = useI18n();
  return (
    <SelectField
      id={id}
      label={t('org.forum.owner')}
      hint={t('org.owner.hint')}
      value={value}
      onChange={(e) => onChange(e.target.value as TOwnerScope)}
      error={error}
      options={(['municipality', 'police_district'] as const).map((s) => ({ value: s, label: t(SCOPE_KEYS[s]) }))}
    />
  );
}

function InScopeField({ id, value, onChange, hint }: { id: string; value: boolean; onChange(next: boolean): void; hint: string }) {
  const { t } = useI18n();
  return (
    <div className="form-group">
      <fieldset>
        <legend className="form-label">{t('org.scope_line.title')}</legend>
        <div className="form-group-checkbox">
          <input type="checkbox" id={id} className="form-checkbox" checked={value} onChange={(e) => onChange(e.target.checked)} aria-describedby={`${id}-hint`} />
          <label htmlFor={id}>{t('org.scope_line.in_long')}</label>
          <span className="form-hint" id={`${id}-hint`}>
            {hint}
          </span>
        </div>
      </fieldset>
    </div>
  );
}

/** The frame of a record page: breadcrumbs, heading, loading and errors, the form, and removal. */
function RecordFrame({
  kind,
  title,
  map,
  children,
  removal,
}: {
  kind: Kind;
  title: string;
  map: ReturnType<typeof useOrganisationMap>;
  children(map: TOrganisationMap): ReactNode;
  removal?: ReactNode;
}) {
  const { t } = useI18n();
  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/', label: t('nav.front_page') },
          { to: '/organisation', label: t('nav.organisation') },
          { to: '/organisation/trae', label: t('org.tree.title') },
          { label: title },
        ]}
      />
      <PageHeading title={title} lead={t(`org.form.lead.${kind}`)}>
        {title}
      </PageHeading>
      {map.isPending ? <Loading /> : null}
      {map.isError ? <LoadError error={map.error} retry={() => void map.refetch()} /> : null}
      {map.data ? children(map.data) : null}
      {map.data ? removal : null}
    </>
  );
}

function NotInMap() {
  const { t } = useI18n();
  return (
    <Alert variant="warning" heading={t('org.form.not_found')}>
      <p>
        {t('org.form.not_found_detail')} <Link to="/organisation/trae">{t('org.tree.title')}</Link>
      </p>
    </Alert>
  );
}

/** Ending a record: asks first, says what happens, and shows a refusal in plain words. */
function RemoveRecord({ kind, name, detail, remove }: { kind: Kind; name: string; detail: string; remove(): Promise<unknown> }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const mutation = useMutation({
    mutationFn: remove,
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      navigate('/organisation/trae', { state: { removed: name } });
    },
    onSettled: () => setConfirming(false),
  });
  return (
    <section aria-labelledby="remove-heading" className="mt-8 org-remove">
      <h2 id="remove-heading" className="h3">
        {t(`org.form.remove_title.${kind}`)}
      </h2>
      <p>{detail}</p>
      {mutation.isError ? (
        <Alert variant="error" heading={t('org.form.remove_refused')}>
          <p>{mutation.error instanceof ApiError ? [mutation.error.problem.title, mutation.error.problem.detail].filter(Boolean).join(' ') : t('error.unexpected')}</p>
        </Alert>
      ) : null}
      <button type="button" className="button button-secondary" onClick={() => setConfirming(true)}>
        <Icon name="delete" />
        {t(`org.form.remove.${kind}`)}
      </button>
      {confirming ? (
        <ConfirmDialog
          heading={t('org.form.remove_confirm_heading', { name })}
          confirmLabel={t(`org.form.remove_confirm.${kind}`)}
          onConfirm={() => mutation.mutate()}
          onCancel={() => setConfirming(false)}
          busy={mutation.isPending}
        >
          <p>{detail}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

// --- organisations --------------------------------------------------------------------------

function OrganisationForm({ map, organisation, parentId }: { map: TOrganisationMap; organisation: TOrganisation | null; parentId: string | null }) {
  const { t } = useI18n();
  const collator = useCollator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const parent = map.organisations.find((o) => o.id === parentId);
  const [kind, setKind] = useState<TOrganisation['kind']>(organisation?.kind ?? (parent ? 'unit' : 'centre'));
  const [name, setName] = useState(organisation?.name ?? '');
  const [shortName, setShortName] = useState(organisation?.shortName ?? '');
  const [parent_, setParent] = useState(organisation?.parentId ?? parent?.id ?? '');
  const [inScope, setInScope] = useState(organisation?.inScope ?? parent?.inScope ?? false);
  const [description, setDescription] = useState(organisation?.description ?? '');
  const [scope, setScope] = useState<TOwnerScope>(organisation?.scope ?? parent?.scope ?? 'municipality');
  const form = useFormState();
  const exclude = organisation ? descendantsOf(map.organisations, organisation.id) : new Set<string>();
  const input = (): TOrganisationInput => ({
    kind,
    name: name.trim(),
    shortName: shortName.trim() || null,
    parentId: parent_ || null,
    inScope,
    description: description.trim() || null,
    scope,
  });
  const fieldIds = { kind: 'org-kind-0', name: 'org-name', shortName: 'org-short', parentId: 'org-parent', inScope: 'org-in-scope', description: 'org-description', scope: 'org-scope' };
  const mutation = useMutation({
    mutationFn: () => (organisation ? updateOrganisation(organisation.id, input()) : createOrganisation(input())),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      navigate(treeLink('organisation', saved.id), { state: { saved: saved.name } });
    },
    onError: (error) => form.show(errorsFromFailure(error, fieldIds, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: 'org-name', message: t('org.form.name_required') });
    if (shortName.trim().length > 20) found.push({ fieldId: 'org-short', message: t('org.form.too_long', { max: 20 }) });
    form.show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      <ErrorSummary errors={form.errors} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate>
        <RadioGroup<TOrganisation['kind']> id="org-kind" legend={t('org.organisation.kind')} value={kind} onChange={setKind} options={ORGANISATION_KINDS.map((k) => ({ value: k, label: t(KIND_KEYS[k]) }))} />
        <TextField id="org-name" label={t('org.organisation.name')} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(form.errors, 'org-name')} maxLength={160} />
        <TextField
          id="org-short"
          label={t('org.organisation.short_name')}
          hint={t('org.organisation.short_name_hint')}
          optional
          value={shortName}
          onChange={(e) => setShortName(e.target.value)}
          error={errorFor(form.errors, 'org-short')}
          className="input-width-s"
        />
        <SelectField
          id="org-parent"
          label={t('org.organisation.parent')}
          hint={t('org.organisation.parent_hint')}
          value={parent_}
          onChange={(e) => setParent(e.target.value)}
          error={errorFor(form.errors, 'org-parent')}
          options={[{ value: '', label: t('org.organisation.no_parent') }, ...organisationOptions(map.organisations, collator, exclude)]}
        />
        <InScopeField id="org-in-scope" value={inScope} onChange={setInScope} hint={t('org.scope_line.hint_organisation')} />
        <TextArea id="org-description" label={t('org.organisation.description')} optional value={description} onChange={(e) => setDescription(e.target.value)} error={errorFor(form.errors, 'org-description')} maxLength={2000} />
        <ScopeField id="org-scope" value={scope} onChange={setScope} error={errorFor(form.errors, 'org-scope')} />
        <FormButtons kind="organisation" pending={mutation.isPending} creating={!organisation} cancelTo={organisation ? treeLink('organisation', organisation.id) : '/organisation/trae'} />
      </form>
    </>
  );
}

function FormButtons({ kind, pending, creating, cancelTo }: { kind: Kind; pending: boolean; creating: boolean; cancelTo: string }) {
  const { t } = useI18n();
  return (
    <div className="button-group mt-6">
      <button type="submit" className="button button-primary" disabled={pending}>
        {creating ? t(`org.form.create.${kind}`) : t('org.form.save')}
      </button>
      <Link to={cancelTo} className="button button-tertiary">
        {t('common.cancel')}
      </Link>
    </div>
  );
}

export function OrganisationRecordPage({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const map = useOrganisationMap(null);
  const organisation = mode === 'edit' ? map.data?.organisations.find((o) => o.id === id) : undefined;
  const title = mode === 'edit' ? t('org.organisation.edit_title', { name: organisation?.name ?? '' }) : t('org.organisation.create_title');
  return (
    <RecordFrame
      kind="organisation"
      title={title}
      map={map}
      removal={
        organisation?.abilities.delete ? (
          <RemoveRecord kind="organisation" name={organisation.name} detail={t('org.organisation.remove_detail', { name: organisation.name })} remove={() => removeOrganisation(organisation.id)} />
        ) : null
      }
    >
      {(data) => (mode === 'edit' && !organisation ? <NotInMap /> : <OrganisationForm map={data} organisation={organisation ?? null} parentId={params.get('overordnet')} />)}
    </RecordFrame>
  );
}

// --- functions ------------------------------------------------------------------------------

/** A number as the field shows it: `0,5` in Danish, with no thousands point to trip over. */
function numberText(value: number | null, locale: 'da' | 'en'): string {
  return value == null ? '' : String(value).replace('.', locale === 'da' ? ',' : '.');
}

function FunctionForm({ map, fn, organisationId }: { map: TOrganisationMap; fn: TFunction | null; organisationId: string | null }) {
  const { t, locale } = useI18n();
  const collator = useCollator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const org = map.organisations.find((o) => o.id === (fn?.organisationId ?? organisationId));
  const [title, setTitle] = useState(fn?.title ?? '');
  const [orgId, setOrgId] = useState(org?.id ?? '');
  const [headcount, setHeadcount] = useState(String(fn?.headcount ?? 1));
  const [hoursMin, setHoursMin] = useState(numberText(fn?.hoursMin ?? null, locale));
  const [hoursMax, setHoursMax] = useState(numberText(fn?.hoursMax ?? null, locale));
  const [fte, setFte] = useState(numberText(fn?.fte ?? null, locale));
  const [inScope, setInScope] = useState(fn?.inScope ?? org?.inScope ?? false);
  const [funding, setFunding] = useState<TFunction['funding']>(fn?.funding ?? 'salary');
  const [triangle, setTriangle] = useState<TTriangleLevel | ''>(fn?.triangleLevel ?? '');
  const [scope, setScope] = useState<TOwnerScope>(fn?.scope ?? org?.scope ?? 'municipality');
  const form = useFormState();
  const fieldIds = {
    title: 'fn-title',
    organisationId: 'fn-organisation',
    headcount: 'fn-headcount',
    hoursMin: 'fn-hours-min',
    hoursMax: 'fn-hours-max',
    fte: 'fn-fte',
    inScope: 'fn-in-scope',
    funding: 'fn-funding-0',
    triangleLevel: 'fn-triangle',
    scope: 'fn-scope',
  };
  const input = (): TFunctionInput => ({
    title: title.trim(),
    organisationId: orgId,
    headcount: Number(headcount),
    hoursMin: parseDecimal(hoursMin),
    hoursMax: parseDecimal(hoursMax),
    fte: parseDecimal(fte),
    inScope,
    funding,
    triangleLevel: triangle || null,
    scope,
  });
  const mutation = useMutation({
    mutationFn: () => (fn ? updateFunction(fn.id, input()) : createFunction(input())),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      navigate(treeLink('function', saved.id), { state: { saved: saved.title } });
    },
    onError: (error) => form.show(errorsFromFailure(error, fieldIds, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!title.trim()) found.push({ fieldId: 'fn-title', message: t('org.function.title_required') });
    if (!orgId) found.push({ fieldId: 'fn-organisation', message: t('org.function.organisation_required') });
    const count = Number(headcount);
    if (!/^\d+$/.test(headcount.trim()) || count < 1 || count > 500) found.push({ fieldId: 'fn-headcount', message: t('org.function.headcount_invalid') });
    const min = parseDecimal(hoursMin);
    const max = parseDecimal(hoursMax);
    if (hoursMin.trim() && (min === null || min < 0 || min > 80)) found.push({ fieldId: 'fn-hours-min', message: t('org.function.hours_invalid') });
    if (hoursMax.trim() && (max === null || max < 0 || max > 80)) found.push({ fieldId: 'fn-hours-max', message: t('org.function.hours_invalid') });
    else if (min !== null && max !== null && min > max) found.push({ fieldId: 'fn-hours-max', message: t('org.function.hours_order') });
    const years = parseDecimal(fte);
    if (fte.trim() && (years === null || years < 0 || years > 500)) found.push({ fieldId: 'fn-fte', message: t('org.function.fte_invalid') });
    form.show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      <ErrorSummary errors={form.errors} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="fn-title" label={t('org.function.title')} hint={t('org.function.title_hint')} value={title} onChange={(e) => setTitle(e.target.value)} error={errorFor(form.errors, 'fn-title')} maxLength={160} />
        <SelectField
          id="fn-organisation"
          label={t('org.function.organisation')}
          value={orgId}
          onChange={(e) => setOrgId(e.target.value)}
          error={errorFor(form.errors, 'fn-organisation')}
          options={[{ value: '', label: t('org.function.choose_organisation') }, ...organisationOptions(map.organisations, collator)]}
        />
        <TextField
          id="fn-headcount"
          label={t('org.function.headcount_long')}
          hint={t('org.function.headcount_hint')}
          value={headcount}
          onChange={(e) => setHeadcount(e.target.value)}
          error={errorFor(form.errors, 'fn-headcount')}
          inputMode="numeric"
          className="input-char-4"
        />
        <fieldset className="form-group">
          <legend className="form-label">{t('org.function.hours_long')}</legend>
          <span className="form-hint">{t('org.function.hours_hint')}</span>
          <div className="org-hours">
            <TextField id="fn-hours-min" label={t('org.function.hours_min')} optional value={hoursMin} onChange={(e) => setHoursMin(e.target.value)} error={errorFor(form.errors, 'fn-hours-min')} inputMode="decimal" className="input-char-4" />
            <TextField id="fn-hours-max" label={t('org.function.hours_max')} optional value={hoursMax} onChange={(e) => setHoursMax(e.target.value)} error={errorFor(form.errors, 'fn-hours-max')} inputMode="decimal" className="input-char-4" />
          </div>
        </fieldset>
        <TextField id="fn-fte" label={t('org.function.fte_long')} hint={t('org.function.fte_hint')} optional value={fte} onChange={(e) => setFte(e.target.value)} error={errorFor(form.errors, 'fn-fte')} inputMode="decimal" className="input-char-8" />
        <InScopeField id="fn-in-scope" value={inScope} onChange={setInScope} hint={t('org.scope_line.hint_function')} />
        <RadioGroup<TFunction['funding']> id="fn-funding" legend={t('org.function.funding')} value={funding} onChange={setFunding} options={(['salary', 'pool'] as const).map((f) => ({ value: f, label: t(FUNDING_KEYS[f]) }))} />
        <SelectField
          id="fn-triangle"
          label={t('org.function.triangle_long')}
          hint={t('org.function.triangle_hint')}
          value={triangle}
          onChange={(e) => setTriangle(e.target.value as TTriangleLevel | '')}
          error={errorFor(form.errors, 'fn-triangle')}
          options={[{ value: '', label: t('org.not_stated') }, ...TRIANGLE_LEVELS.map((l) => ({ value: l, label: t(TRIANGLE_KEYS[l]) }))]}
        />
        <ScopeField id="fn-scope" value={scope} onChange={setScope} error={errorFor(form.errors, 'fn-scope')} />
        <FormButtons kind="function" pending={mutation.isPending} creating={!fn} cancelTo={fn ? treeLink('function', fn.id) : '/organisation/trae'} />
      </form>
    </>
  );
}

export function FunctionRecordPage({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const map = useOrganisationMap(null);
  const fn = mode === 'edit' ? map.data?.functions.find((f) => f.id === id) : undefined;
  const title = mode === 'edit' ? t('org.function.edit_title', { name: fn?.title ?? '' }) : t('org.function.create_title');
  return (
    <RecordFrame
      kind="function"
      title={title}
      map={map}
      removal={
        fn?.abilities.delete ? <RemoveRecord kind="function" name={fn.title} detail={t('org.function.remove_detail', { name: fn.title, forums: fn.forumCount })} remove={() => removeFunction(fn.id)} /> : null
      }
    >
      {(data) => (mode === 'edit' && !fn ? <NotInMap /> : <FunctionForm map={data} fn={fn ?? null} organisationId={params.get('organisation')} />)}
    </RecordFrame>
  );
}

// --- pools ----------------------------------------------------------------------------------

function PoolForm({ map, pool, organisationId }: { map: TOrganisationMap; pool: TPool | null; organisationId: string | null }) {
  const { t } = useI18n();
  const collator = useCollator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const org = map.organisations.find((o) => o.id === (pool?.organisationId ?? organisationId));
  const [name, setName] = useState(pool?.name ?? '');
  const [orgId, setOrgId] = useState(org?.id ?? '');
  const [inScope, setInScope] = useState(pool?.inScope ?? org?.inScope ?? false);
  const [description, setDescription] = useState(pool?.description ?? '');
  const [scope, setScope] = useState<TOwnerScope>(pool?.scope ?? org?.scope ?? 'municipality');
  const form = useFormState();
  const fieldIds = { name: 'pool-name', organisationId: 'pool-organisation', inScope: 'pool-in-scope', description: 'pool-description', scope: 'pool-scope' };
  const input = (): TPoolInput => ({ name: name.trim(), organisationId: orgId, inScope, description: description.trim() || null, scope });
  const mutation = useMutation({
    mutationFn: () => (pool ? updatePool(pool.id, input()) : createPool(input())),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      navigate(treeLink('pool', saved.id), { state: { saved: saved.name } });
    },
    onError: (error) => form.show(errorsFromFailure(error, fieldIds, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: 'pool-name', message: t('org.form.name_required') });
    if (!orgId) found.push({ fieldId: 'pool-organisation', message: t('org.function.organisation_required') });
    form.show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      <ErrorSummary errors={form.errors} attempt={form.attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="pool-name" label={t('org.pool.name')} hint={t('org.pool.name_hint')} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(form.errors, 'pool-name')} maxLength={160} />
        <SelectField
          id="pool-organisation"
          label={t('org.function.organisation')}
          value={orgId}
          onChange={(e) => setOrgId(e.target.value)}
          error={errorFor(form.errors, 'pool-organisation')}
          options={[{ value: '', label: t('org.function.choose_organisation') }, ...organisationOptions(map.organisations, collator)]}
        />
        <InScopeField id="pool-in-scope" value={inScope} onChange={setInScope} hint={t('org.scope_line.hint_pool')} />
        <TextArea id="pool-description" label={t('org.organisation.description')} optional value={description} onChange={(e) => setDescription(e.target.value)} error={errorFor(form.errors, 'pool-description')} maxLength={2000} />
        <ScopeField id="pool-scope" value={scope} onChange={setScope} error={errorFor(form.errors, 'pool-scope')} />
        <FormButtons kind="pool" pending={mutation.isPending} creating={!pool} cancelTo={pool ? treeLink('pool', pool.id) : '/organisation/trae'} />
      </form>
    </>
  );
}

export function PoolRecordPage({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const [params] = useSearchParams();
  const map = useOrganisationMap(null);
  const pool = mode === 'edit' ? map.data?.pools.find((p) => p.id === id) : undefined;
  const title = mode === 'edit' ? t('org.pool.edit_title', { name: pool?.name ?? '' }) : t('org.pool.create_title');
  return (
    <RecordFrame
      kind="pool"
      title={title}
      map={map}
      removal={pool?.abilities.delete ? <RemoveRecord kind="pool" name={pool.name} detail={t('org.pool.remove_detail', { name: pool.name })} remove={() => removePool(pool.id)} /> : null}
    >
      {(data) => (mode === 'edit' && !pool ? <NotInMap /> : <PoolForm map={data} pool={pool ?? null} organisationId={params.get('organisation')} />)}
    </RecordFrame>
  );
}
