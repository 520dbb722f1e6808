/** Pieces every page of the efforts module uses: level names, badges, the filter form, pickers. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent, type ReactNode } from 'react';
import { AGE_MAX, AGE_MIN, EFFORT_STATUSES, type TEffortDetail, type TEffortStatus, type TRag, type TTriangleLabels } from '../../../contracts/efforts.ts';
import { TRIANGLE_LEVELS, type TOrganisationMap, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { FieldMessages, SelectField, describedBy, errorFor, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import type { Crumb } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getOrganisationMap, listForums } from '../../lib/endpoints.ts';
import { formatDkk, formatNumber, isoDate } from '../../lib/format.ts';
import { ORG_KEY } from '../organisation/labels.ts';
import { organisationOptions } from '../organisation/tree.ts';
import { useCollator } from '../organisation/shared.tsx';
import { getDistricts, getTriangleLabels, listLegalBases } from './api.ts';
import { EFFORTS_ROOT, EFFORT_KEY, RAG_KEYS, STATUS_KEYS, defaultTriangleLabels, isValidAge, yearChoices, type EffortFilters, type Translate } from './labels.ts';
import './efforts.css';

/** This year in Danish time: the default year of the triangle, the economy and new budget lines. */
export function currentYear(): number {
  return Number(isoDate(new Date()).slice(0, 4));
}

/** A past year is read as the efforts were at its end (level, owner and status then); this year and later as they are now. */
export function asOfForYear(year: number | undefined): string | undefined {
  return year !== undefined && year < currentYear() ? `${year}-12-31` : undefined;
}

/** Says that a past year shows the efforts as they were at its end. */
export function YearEndNote({ year }: { year: number }) {
  const { t } = useI18n();
  return asOfForYear(year) ? <p className="small-text">{t('effort.as_of.year_end', { year })}</p> : null;
}

/** The municipality's own names for the triangle's levels; the standard names until they arrive. */
export function useTriangleLabels(): TTriangleLabels {
  const { t } = useI18n();
  const labels = useQuery({ queryKey: [EFFORT_KEY, 'triangle-labels'], queryFn: getTriangleLabels, staleTime: 60_000 });
  return labels.data ?? defaultTriangleLabels(t);
}

/** The municipality's districts (areas an effort can reach), for filters and the form. */
export function useDistricts() {
  return useQuery({ queryKey: [EFFORT_KEY, 'districts'], queryFn: getDistricts, staleTime: 60_000 });
}

export function useLegalBases() {
  return useQuery({ queryKey: [EFFORT_KEY, 'legal-bases'], queryFn: listLegalBases, staleTime: 60_000 });
}

/** The organisation map (units, functions) for pickers; shares the organisation module's cache. */
export function useOrganisationMap(enabled = true) {
  return useQuery({ queryKey: [ORG_KEY, 'map', null], queryFn: () => getOrganisationMap(null), enabled, staleTime: 60_000 });
}

export function useForums(enabled = true) {
  return useQuery({ queryKey: [ORG_KEY, 'forums', null], queryFn: () => listForums(null), enabled, staleTime: 60_000 });
}

/** Units as options, indented under their centre as in the organisation tree. */
export function useUnitOptions(enabled = true): { value: string; label: string }[] {
  const collator = useCollator();
  const map = useOrganisationMap(enabled);
  return useMemo(() => (map.data ? organisationOptions(map.data.organisations, collator) : []), [map.data, collator]);
}

const STATUS_BADGE: Record<TEffortStatus, string> = { planned: 'badge-info', active: 'badge-success', paused: 'badge-warning', ended: 'badge-neutral' };

export function StatusBadge({ status }: { status: TEffortStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${STATUS_BADGE[status]}`}>{t(STATUS_KEYS[status])}</span>;
}

const RAG_BADGE: Record<TRag, string> = { green: 'badge-success', amber: 'badge-warning', red: 'badge-error', none: 'badge-neutral' };

/** Green, amber or red against target: a coloured mark and always the words, never colour alone. */
export function RagBadge({ rag }: { rag: TRag }) {
  const { t } = useI18n();
  return (
    <span className={`badge rag ${RAG_BADGE[rag]}`}>
      <span className={`rag-dot rag-dot-${rag}`} aria-hidden="true" />
      {t(RAG_KEYS[rag])}
    </span>
  );
}

/** Illustrative amounts are marked wherever they show. */
export function DemoBadge() {
  const { t } = useI18n();
  return <span className="badge badge-warning badge-demo">{t('effort.demo.badge')}</span>;
}

export function DemoNotice() {
  const { t } = useI18n();
  return (
    <Alert variant="info" heading={t('effort.demo.badge')} className="demo-notice">
      <p>{t('effort.demo.detail')}</p>
    </Alert>
  );
}

/** An amount, or a dash read out as "no access" for readers without the economy. */
export function Money({ amount }: { amount: number | null }) {
  const { t, locale } = useI18n();
  if (amount == null) return <NoAccess text={t('effort.economy.no_access_short')} />;
  return <>{formatDkk(amount, locale)}</>;
}

export function Hours({ hours }: { hours: number | null }) {
  const { t, locale } = useI18n();
  if (hours == null) return <NoAccess text={t('effort.economy.no_access_short')} />;
  return <>{t('effort.hours', { hours: formatNumber(hours, locale, 1) })}</>;
}

function NoAccess({ text }: { text: string }) {
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{text}</span>
    </>
  );
}

export type FilterField = keyof Omit<EffortFilters, 'page'>;

/** The age range's fields: empty, or an age the server takes, and "from" not above "to". */
function ageErrors(from: string, to: string, t: Translate): { ageFrom?: string; ageTo?: string } {
  const bad = (v: string) => v.trim() !== '' && !isValidAge(v.trim());
  const message = t('effort.filter.age_invalid', { min: AGE_MIN, max: AGE_MAX });
  if (bad(from) || bad(to)) return { ageFrom: bad(from) ? message : undefined, ageTo: bad(to) ? message : undefined };
  if (from.trim() && to.trim() && Number(from) > Number(to)) return { ageTo: t('effort.filter.age_order') };
  return {};
}

/** From and to: the target group's age, applied when the user leaves a field or presses Enter. */
function AgeRange({ from, to, onFrom, onTo, errors, onApply }: { from: string; to: string; onFrom(v: string): void; onTo(v: string): void; errors: { ageFrom?: string; ageTo?: string }; onApply(): void }) {
  const { t } = useI18n();
  const field = (id: string, label: string, value: string, set: (v: string) => void, error?: string) => (
    <div className={`form-group effort-age-field${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} error={error} />
      <input id={id} className="form-input input-char-4" inputMode="numeric" autoComplete="off" maxLength={2} value={value} onChange={(e) => set(e.target.value)} onBlur={onApply} onKeyDown={(e) => {
          // Enter applies the ages, also on the triangle, whose form has no search button.
          if (e.key === 'Enter') {
            e.preventDefault();
            onApply();
          }
        }} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, undefined, error)} />
    </div>
  );
  return (
    <fieldset className="effort-age-range">
      <legend className="form-label">{t('effort.filter.age')}</legend>
      <div className="effort-age-fields">
        {field('filter-age-from', t('effort.filter.age_from'), from, onFrom, errors.ageFrom)}
        {field('filter-age-to', t('effort.filter.age_to'), to, onTo, errors.ageTo)}
      </div>
    </fieldset>
  );
}

/**
 * The filters shared by the list, the triangle and (year only) the economy. Choices apply at
 * once; the free text and the ages apply when the user searches (Enter) or leaves the field,
 * so the server is not asked per keystroke. On a phone the choices fold away behind one button.
 */
export function EffortFilterForm({
  filters,
  fields,
  onChange,
  statusAll,
  statuses = EFFORT_STATUSES,
  headingId,
  extraYears = [],
}: {
  filters: EffortFilters;
  fields: readonly FilterField[];
  onChange(next: Partial<EffortFilters>): void;
  /** The words for "no status chosen": the triangle then counts active efforts. */
  statusAll?: string;
  statuses?: readonly TEffortStatus[];
  headingId: string;
  extraYears?: readonly number[];
}) {
  const { t } = useI18n();
  const me = useSession();
  const labels = useTriangleLabels();
  const show = (field: FilterField) => fields.includes(field);
  const units = useUnitOptions(show('unit') && hasPermission(me, 'organisation.read'));
  const districts = useDistricts();
  const [text, setText] = useState(filters.text);
  const [ageFrom, setAgeFrom] = useState(filters.ageFrom);
  const [ageTo, setAgeTo] = useState(filters.ageTo);
  const [ageShown, setAgeShown] = useState(false);
  const [open, setOpen] = useState(false);
  const ageProblems = ageErrors(ageFrom, ageTo, t);
  /** The ages as typed, when they are fine and differ from the address's. */
  const changedAges = (): Partial<EffortFilters> => {
    setAgeShown(true);
    if (!show('ageFrom') || ageProblems.ageFrom || ageProblems.ageTo) return {};
    const next = { ageFrom: ageFrom.trim(), ageTo: ageTo.trim() };
    return next.ageFrom !== filters.ageFrom || next.ageTo !== filters.ageTo ? next : {};
  };
  const applyAges = () => {
    const next = changedAges();
    if (Object.keys(next).length > 0) onChange(next);
  };
  const onSearch = (event: FormEvent) => {
    event.preventDefault();
    // One change with all of it: two in a row would each start from the same address.
    const next = { ...changedAges(), ...(show('text') ? { text: text.trim() } : {}) };
    if (Object.keys(next).length > 0) onChange(next);
  };
  const select = (field: FilterField, label: string, options: { value: string; label: string }[], hint?: ReactNode) =>
    show(field) ? (
      <div className="col-12 col-md-6 col-lg-4">
        <SelectField id={`filter-${field}`} label={label} hint={hint} value={filters[field]} onChange={(e) => onChange({ [field]: e.target.value })} options={options} />
      </div>
    ) : null;
  // The count on the phone's button: the choices set, not the free text (which stays in view),
  // the age range once, and the year only where it can be left open (elsewhere it always is set).
  const counted = fields.filter((f) => f !== 'text' && f !== 'ageTo' && (f !== 'year' || show('text')));
  const chosen = counted.filter((f) => (f === 'ageFrom' ? filters.ageFrom || filters.ageTo : filters[f])).length;
  const choicesId = `${headingId}-choices`;
  return (
    <form className="org-filters effort-filters" onSubmit={onSearch} role={show('text') ? 'search' : undefined} aria-labelledby={headingId} noValidate>
      <h2 id={headingId} className="h4">
        {t('effort.filter.title')}
      </h2>
      {show('text') ? (
        <div className="form-group">
          <label className="form-label" htmlFor="filter-text">
            {t('effort.filter.text')}
          </label>
          <span className="form-hint" id="filter-text-hint">
            {t('effort.filter.text_hint')}
          </span>
          <div className="search">
            <input id="filter-text" type="search" className="form-input" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="filter-text-hint" autoComplete="off" maxLength={200} />
            <button type="submit" className="button button-search">
              <Icon name="search" />
              <span className="sr-only">{t('effort.filter.search')}</span>
            </button>
          </div>
        </div>
      ) : null}
      <button type="button" className="button button-secondary effort-filters-toggle" aria-expanded={open} aria-controls={choicesId} onClick={() => setOpen(!open)}>
        <Icon name="tune" />
        {open ? t('effort.filter.hide') : chosen > 0 ? t('effort.filter.show_chosen', { count: chosen }) : t('effort.filter.show')}
      </button>
      <div id={choicesId} className={`row effort-filters-choices${open ? ' is-open' : ''}`}>
        {select('level', t('effort.field.level'), [{ value: '', label: t('effort.filter.all_levels') }, ...TRIANGLE_LEVELS.map((l: TTriangleLevel) => ({ value: l, label: labels[l] }))])}
        {select('status', t('effort.field.status'), [{ value: '', label: statusAll ?? t('effort.filter.all_statuses') }, ...statuses.map((s) => ({ value: s, label: t(STATUS_KEYS[s]) }))])}
        {hasPermission(me, 'organisation.read') ? select('unit', t('effort.field.owner'), [{ value: '', label: t('effort.filter.all_units') }, ...units]) : null}
        {show('ageFrom') ? (
          <div className="col-12 col-md-6 col-lg-4">
            <AgeRange from={ageFrom} to={ageTo} onFrom={setAgeFrom} onTo={setAgeTo} errors={ageShown ? ageProblems : {}} onApply={applyAges} />
          </div>
        ) : null}
        {select('district', t('effort.field.district'), [{ value: '', label: t('effort.filter.all_districts') }, ...(districts.data?.districts ?? []).map((d) => ({ value: d, label: d }))])}
        {select(
          'year',
          t('effort.filter.year'),
          [...(fields.includes('text') ? [{ value: '', label: t('effort.filter.all_years') }] : []), ...yearChoices(currentYear(), extraYears).map((y) => ({ value: String(y), label: String(y) }))],
        )}
      </div>
    </form>
  );
}

/** A link-looking button that resets the filters, shown only when some filter is set. */
export function ResetFilters({ filters, fields, onReset }: { filters: EffortFilters; fields: readonly FilterField[]; onReset(): void }) {
  const { t } = useI18n();
  if (!fields.some((f) => filters[f])) return null;
  return (
    <p>
      <button type="button" className="function-link" onClick={onReset}>
        <Icon name="close" />
        {t('effort.filter.reset')}
      </button>
    </p>
  );
}

/** Forside › Indsatser › …: the module's breadcrumbs. */
export function effortCrumbs(t: Translate, rest: Crumb[]): Crumb[] {
  return [{ to: '/', label: t('nav.front_page') }, { to: EFFORTS_ROOT, label: t('nav.efforts') }, ...rest];
}

/** A field error for a group without its own error slot (radio buttons). */
export function FieldError({ errors, fieldId }: { errors: FormError[]; fieldId: string }) {
  const { t } = useI18n();
  const message = errorFor(errors, fieldId);
  if (!message) return null;
  return (
    <p className="form-error-message">
      <span className="sr-only">{t('form.error_prefix')} </span>
      {message}
    </p>
  );
}

/** A function of the organisation map, grouped by its organisation. */
export function FunctionSelect({
  id,
  label,
  hint,
  map,
  value,
  onChange,
  error,
  emptyLabel,
  exclude,
}: {
  id: string;
  label: string;
  hint?: string;
  map: TOrganisationMap;
  value: string;
  onChange(next: string): void;
  error?: string;
  emptyLabel: string;
  /** Functions already chosen elsewhere (another row of hours). */
  exclude?: ReadonlySet<string>;
}) {
  const collator = useCollator();
  const organisations = new Map(map.organisations.map((o) => [o.id, o]));
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const fn of map.functions) {
    if (exclude?.has(fn.id) && fn.id !== value) continue;
    const org = organisations.get(fn.organisationId);
    const groupLabel = org ? (org.shortName && org.shortName !== org.name ? `${org.name} (${org.shortName})` : org.name) : '–';
    if (!groups.has(fn.organisationId)) groups.set(fn.organisationId, { label: groupLabel, options: [] });
    groups.get(fn.organisationId)!.options.push({ value: fn.id, label: fn.title });
  }
  const sorted = [...groups.values()].sort((a, b) => collator.compare(a.label, b.label));
  sorted.forEach((g) => g.options.sort((a, b) => collator.compare(a.label, b.label)));
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select id={id} className="form-select" value={value} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)}>
        <option value="">{emptyLabel}</option>
        {sorted.map((group) => (
          <optgroup key={group.label} label={group.label}>
            {group.options.map((o) => (
              <option key={o.value} value={o.value}>
                {o.label}
              </option>
            ))}
          </optgroup>
        ))}
      </select>
    </div>
  );
}

/**
 * After a change the server answers with the whole effort: put it in the cache, and refresh
 * everything else of the module (lists, triangle, economy) that it may have changed.
 */
export function useEffortSaved(effortId: string): (updated: TEffortDetail) => void {
  const queryClient = useQueryClient();
  return (updated) => {
    queryClient.setQueryData([EFFORT_KEY, 'detail', effortId], updated);
    void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY], predicate: (q) => !(q.queryKey[1] === 'detail' && q.queryKey[2] === effortId) });
  };
}

/** A form's errors and its count of failed submits (the error summary takes focus again on each). */
export function useFormErrors() {
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  return {
    errors,
    attempt,
    /** Shows the errors found; none clears them. */
    show: (found: FormError[]) => {
      setErrors(found);
      setAttempt((n) => n + 1);
    },
    clear: () => setErrors([]),
  };
}
