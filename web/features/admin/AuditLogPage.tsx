import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router';
import { AUDIT_ACTIONS, ZAuditAction, type TAuditAction, type TAuditEntry } from '../../../contracts/audit.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, SelectField, TextField, errorFor, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { Pagination } from '../../components/Pagination.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { hasMessage, useI18n } from '../../i18n/i18n.tsx';
import { AUDIT_PAGE_SIZE, listReadPurposes, listUsers, searchAudit, subjectAccessCsvUrl, type AuditFilters } from '../../lib/endpoints.ts';
import { formatDateTime, formatNumber } from '../../lib/format.ts';

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The filters as the URL holds them, so they survive a reload and can be shared. */
function filtersFrom(params: URLSearchParams): AuditFilters {
  const action = ZAuditAction.safeParse(params.get('action'));
  const from = params.get('from') ?? '';
  const to = params.get('to') ?? '';
  const page = Number(params.get('page') ?? '1');
  return {
    action: action.success ? action.data : undefined,
    from: ISO_DATE.test(from) ? from : undefined,
    to: ISO_DATE.test(to) ? to : undefined,
    page: Number.isInteger(page) && page >= 1 ? page : 1,
  };
}

function toParams(filters: AuditFilters): Record<string, string> {
  const params: Record<string, string> = {};
  if (filters.action) params.action = filters.action;
  if (filters.from) params.from = filters.from;
  if (filters.to) params.to = filters.to;
  if (filters.page > 1) params.page = String(filters.page);
  return params;
}

/**
 * A code from the server (an action, an entity type) in the user's language, looked up as
 * `<prefix>.<code>` in the language files; a new code without a text yet shows itself.
 */
function named(prefix: 'audit.action' | 'audit.entity', code: string, t: ReturnType<typeof useI18n>['t']): string {
  const key = `${prefix}.${code}`;
  return hasMessage(key) ? t(key) : code;
}

const actionLabel = (action: string, t: ReturnType<typeof useI18n>['t']) => named('audit.action', action, t);

function Filters({ filters, onApply }: { filters: AuditFilters; onApply(next: AuditFilters): void }) {
  const { t } = useI18n();
  const [action, setAction] = useState<string>(filters.action ?? '');
  const [from, setFrom] = useState(filters.from ?? '');
  const [to, setTo] = useState(filters.to ?? '');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const actionOptions = [...AUDIT_ACTIONS].map((a) => ({ value: a, label: actionLabel(a, t) })).sort((a, b) => a.label.localeCompare(b.label, 'da'));
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (from && !ISO_DATE.test(from)) found.push({ fieldId: 'audit-from', message: t('audit.filter.date_invalid') });
    if (to && !ISO_DATE.test(to)) found.push({ fieldId: 'audit-to', message: t('audit.filter.date_invalid') });
    if (found.length === 0 && from && to && from > to) found.push({ fieldId: 'audit-to', message: t('audit.filter.to_before_from') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    onApply({ action: (action || undefined) as TAuditAction | undefined, from: from || undefined, to: to || undefined, page: 1 });
  };
  return (
    <form onSubmit={onSubmit} noValidate className="audit-filters" aria-labelledby="audit-filter-heading">
      <h2 id="audit-filter-heading" className="h3">
        {t('audit.filter.title')}
      </h2>
      <ErrorSummary errors={errors} attempt={attempt} />
      <div className="row">
        <div className="col-12 col-md-6">
          <SelectField id="audit-action" label={t('audit.filter.action')} value={action} onChange={(e) => setAction(e.target.value)} options={[{ value: '', label: t('audit.filter.all_actions') }, ...actionOptions]} />
        </div>
        <div className="col-6 col-md-3">
          <TextField id="audit-from" label={t('audit.filter.from')} type="date" optional value={from} onChange={(e) => setFrom(e.target.value)} error={errorFor(errors, 'audit-from')} />
        </div>
        <div className="col-6 col-md-3">
          <TextField id="audit-to" label={t('audit.filter.to')} type="date" optional value={to} onChange={(e) => setTo(e.target.value)} error={errorFor(errors, 'audit-to')} />
        </div>
      </div>
      <div className="button-group mt-4">
        <button type="submit" className="button button-primary">
          {t('audit.filter.apply')}
        </button>
        <Link to="/admin/revisionslog" className="button button-tertiary">
          {t('audit.filter.reset')}
        </Link>
      </div>
    </form>
  );
}

function Changes({ entry }: { entry: TAuditEntry }) {
  const { t } = useI18n();
  if (entry.erased) return <p className="small-text">{t('audit.table.erased', { date: entry.erased.at.slice(0, 10), rule: entry.erased.rule })}</p>;
  if (entry.before == null && entry.after == null) return null;
  return (
    <details className="details">
      <summary className="details-summary">{t('audit.table.changes')}</summary>
      <div className="details-text">
        {entry.before != null ? (
          <>
            <p className="small-text mb-1">{t('audit.table.before')}</p>
            <pre className="audit-json">{JSON.stringify(entry.before, null, 2)}</pre>
          </>
        ) : null}
        {entry.after != null ? (
          <>
            <p className="small-text mb-1">{t('audit.table.after')}</p>
            <pre className="audit-json">{JSON.stringify(entry.after, null, 2)}</pre>
          </>
        ) : null}
      </div>
    </details>
  );
}

function SubjectAccessExport() {
  const { t } = useI18n();
  const me = useSession();
  const users = useQuery({ queryKey: ['users'], queryFn: listUsers, enabled: hasPermission(me, 'users.read') });
  const purposes = useQuery({ queryKey: ['read-purposes'], queryFn: () => listReadPurposes() });
  const [subjectId, setSubjectId] = useState('');
  const [purpose, setPurpose] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [link, setLink] = useState<{ href: string; name: string } | null>(null);
  const uuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!uuid.test(subjectId.trim())) found.push({ fieldId: 'export-subject', message: t('audit.export.subject_required') });
    if (!purpose) found.push({ fieldId: 'export-purpose', message: t('audit.export.purpose_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) {
      setLink(null);
      return;
    }
    const person = users.data?.find((u) => u.id === subjectId.trim());
    setLink({ href: subjectAccessCsvUrl(subjectId.trim(), purpose), name: person?.name ?? subjectId.trim() });
  };
  return (
    <section aria-labelledby="export-heading" className="mt-8">
      <h2 id="export-heading">{t('audit.export.title')}</h2>
      <p>{t('audit.export.lead')}</p>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        {users.data ? (
          <SelectField
            id="export-subject"
            label={t('audit.export.subject')}
            value={subjectId}
            onChange={(e) => {
              setSubjectId(e.target.value);
              setLink(null);
            }}
            error={errorFor(errors, 'export-subject')}
            options={[{ value: '', label: t('audit.export.choose_person') }, ...users.data.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))]}
          />
        ) : (
          <TextField
            id="export-subject"
            label={t('audit.export.subject_id')}
            hint={t('audit.export.subject_id_hint')}
            value={subjectId}
            onChange={(e) => {
              setSubjectId(e.target.value);
              setLink(null);
            }}
            error={errorFor(errors, 'export-subject')}
          />
        )}
        {purposes.isError ? <LoadError error={purposes.error} retry={() => void purposes.refetch()} /> : null}
        <SelectField
          id="export-purpose"
          label={t('audit.export.purpose')}
          hint={t('audit.export.purpose_hint')}
          value={purpose}
          onChange={(e) => {
            setPurpose(e.target.value);
            setLink(null);
          }}
          error={errorFor(errors, 'export-purpose')}
          options={[{ value: '', label: t('audit.export.choose_purpose') }, ...(purposes.data ?? []).map((p) => ({ value: p.code, label: p.label }))]}
        />
        <button type="submit" className="button button-secondary mt-5">
          {t('audit.export.prepare')}
        </button>
      </form>
      {link ? (
        <div className="mt-5">
          <Alert variant="success" heading={t('audit.export.ready', { name: link.name })} headingLevel={3} />
          <p>
            <a href={link.href} download className="button button-primary">
              <Icon name="download" />
              {t('audit.export.download')}
            </a>
          </p>
        </div>
      ) : null}
    </section>
  );
}

export function AuditLogPage() {
  const { t, locale } = useI18n();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const filters = filtersFrom(params);
  const audit = useQuery({ queryKey: ['audit', filters], queryFn: () => searchAudit(filters), placeholderData: keepPreviousData });
  const data = audit.data;
  const totalPages = data ? Math.max(1, Math.ceil(data.total / AUDIT_PAGE_SIZE)) : 1;
  const hrefFor = (page: number) => `?${new URLSearchParams(toParams({ ...filters, page })).toString()}`;
  const filtered = Boolean(filters.action || filters.from || filters.to);
  const first = data ? (data.page - 1) * data.pageSize + 1 : 0;
  const last = data ? first + data.items.length - 1 : 0;

  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('nav.admin') }, { label: t('nav.admin.audit') }]} />
      <PageHeading lead={t('audit.lead')}>{t('audit.title')}</PageHeading>
      {/* Re-mounted when the URL changes, so the form always shows the filters in force. */}
      <Filters key={params.toString()} filters={filters} onApply={(next) => setParams(toParams(next))} />

      <h2 className="mt-7" id="audit-results-heading">
        {t('audit.results')}
      </h2>
      {audit.isPending ? <Loading /> : null}
      {audit.isError ? <LoadError error={audit.error} retry={() => void audit.refetch()} /> : null}
      {data ? (
        data.items.length === 0 ? (
          <div className="empty-state">
            <p>{filtered ? t('audit.empty_filtered') : t('audit.empty')}</p>
            {filtered ? (
              <p>
                <Link to="/admin/revisionslog">{t('audit.filter.reset')}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <p className="rows-message" aria-live="polite">
              {t('audit.count', { first: formatNumber(first, locale), last: formatNumber(last, locale), total: formatNumber(data.total, locale) })}
            </p>
            <div className={`table--responsive-scroll${audit.isFetching ? ' is-refreshing' : ''}`} tabIndex={0} role="group" aria-labelledby="audit-results-heading" aria-busy={audit.isFetching}>
              <table className="table table--compact" id="audit-table">
                <thead>
                  <tr>
                    <th scope="col">{t('audit.table.time')}</th>
                    <th scope="col">{t('audit.table.action')}</th>
                    <th scope="col">{t('audit.table.actor')}</th>
                    <th scope="col">{t('audit.table.entity')}</th>
                    <th scope="col">{t('audit.table.purpose')}</th>
                  </tr>
                </thead>
                <tbody>
                  {data.items.map((entry) => (
                    <tr key={entry.id}>
                      <td className="nowrap">{formatDateTime(entry.at, locale)}</td>
                      <td>
                        {actionLabel(entry.action, t)}
                        <Changes entry={entry} />
                      </td>
                      <td>{entry.actorName ?? t('audit.table.system')}</td>
                      <td>{entry.entityType ? named('audit.entity', entry.entityType, t) : '–'}</td>
                      <td>
                        {entry.purpose ? (
                          <>
                            {entry.purpose.label}
                            {entry.purpose.code ? <span className="audit-purpose-code small-text">{entry.purpose.code}</span> : null}
                          </>
                        ) : (
                          '–'
                        )}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            <Pagination page={data.page} totalPages={totalPages} hrefFor={hrefFor} />
          </>
        )
      ) : null}
      {hasPermission(me, 'audit.export') ? <SubjectAccessExport /> : null}
    </>
  );
}
