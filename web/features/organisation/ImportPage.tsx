import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { TImportResult } from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, SelectField, errorFor, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../../lib/api.ts';
import { EXPORT_SHEETS, importOrganisationFile, organisationCsvUrl, organisationXlsxUrl, type TExportSheet } from '../../lib/endpoints.ts';
import { formatNumber } from '../../lib/format.ts';
import { ORG_KEY } from './labels.ts';
import { useCanEditMap } from './shared.tsx';

const SHEET_KEYS: Record<TExportSheet, MessageKey> = {
  organisations: 'org.transfer.sheet.organisations',
  functions: 'org.transfer.sheet.functions',
  pools: 'org.transfer.sheet.pools',
  forums: 'org.transfer.sheet.forums',
  members: 'org.transfer.sheet.members',
};
const MAX_BYTES = 10 * 1024 * 1024;

type FileKind = 'xlsx' | 'csv';
function kindOf(file: File): FileKind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

function Counts({ result, caption }: { result: TImportResult; caption: string }) {
  const { t, locale } = useI18n();
  return (
    <table className="table table--compact import-counts">
      <caption className="small-text">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('org.transfer.sheet')}</th>
          <th scope="col" className="align-text-right">
            {t('org.transfer.rows')}
          </th>
        </tr>
      </thead>
      <tbody>
        {EXPORT_SHEETS.map((sheet) => (
          <tr key={sheet}>
            <th scope="row">{t(SHEET_KEYS[sheet])}</th>
            <td className="align-text-right">{formatNumber(result.counts[sheet], locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RowErrors({ result }: { result: TImportResult }) {
  const { t, locale } = useI18n();
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-labelledby="import-errors-heading">
      <table className="table table--zebra table--compact" id="import-errors">
        <caption id="import-errors-heading" className="import-errors-caption">
          {t('org.transfer.errors_caption', { count: formatNumber(result.errors.length, locale) })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('org.transfer.error.sheet')}</th>
            <th scope="col" className="align-text-right">
              {t('org.transfer.error.row')}
            </th>
            <th scope="col">{t('org.transfer.error.column')}</th>
            <th scope="col">{t('org.transfer.error.message')}</th>
          </tr>
        </thead>
        <tbody>
          {result.errors.map((e, i) => (
            <tr key={`${e.sheet}-${e.row}-${e.column}-${i}`}>
              <td>{e.sheet}</td>
              <td className="align-text-right">{formatNumber(e.row, locale)}</td>
              <td>{e.column}</td>
              <td>{e.message}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function failureText(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiError) {
    const fields = (error.problem.errors ?? []).map((e) => e.message);
    return [error.problem.title, error.problem.detail, ...fields].filter(Boolean).join(' ');
  }
  if (error instanceof NetworkError) return t('error.network');
  return t('error.unexpected');
}

function ImportSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [sheet, setSheet] = useState<TExportSheet | ''>('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const kind = file ? kindOf(file) : null;

  const focusResult = () => requestAnimationFrame(() => resultHeading.current?.focus());
  const preview = useMutation({
    mutationFn: () => importOrganisationFile(file as File, kind as FileKind, { dryRun: true, sheet: sheet || undefined }),
    onSettled: focusResult,
  });
  const commit = useMutation({
    mutationFn: () => importOrganisationFile(file as File, kind as FileKind, { dryRun: false, sheet: sheet || undefined }),
    onSuccess: (result) => {
      if (result.errors.length === 0) void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
    },
    onSettled: focusResult,
  });

  const choose = (next: File | null) => {
    setFile(next);
    preview.reset();
    commit.reset();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!file) found.push({ fieldId: 'import-file', message: t('org.transfer.file_required') });
    else if (!kind) found.push({ fieldId: 'import-file', message: t('org.transfer.file_type') });
    else if (file.size > MAX_BYTES) found.push({ fieldId: 'import-file', message: t('org.transfer.file_too_big') });
    if (kind === 'csv' && !sheet) found.push({ fieldId: 'import-sheet', message: t('org.transfer.sheet_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    commit.reset();
    preview.mutate();
  };

  const previewed = preview.data;
  const committed = commit.data;
  const fileError = errorFor(errors, 'import-file');
  const busy = preview.isPending || commit.isPending;
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('org.transfer.import_title')}</h2>
      <p>{t('org.transfer.import_lead')}</p>
      <ol className="import-steps">
        <li>{t('org.transfer.step1')}</li>
        <li>{t('org.transfer.step2')}</li>
        <li>{t('org.transfer.step3')}</li>
      </ol>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <div className={`form-group${fileError ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor="import-file">
            {t('org.transfer.file')}
          </label>
          <span className="form-hint" id="import-file-hint">
            {t('org.transfer.file_hint')}
          </span>
          {fileError ? (
            <span className="form-error-message" id="import-file-error">
              <span className="sr-only">{t('form.error_prefix')} </span>
              {fileError}
            </span>
          ) : null}
          <input
            ref={input}
            id="import-file"
            name="import-file"
            type="file"
            accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
            aria-describedby={fileError ? 'import-file-hint import-file-error' : 'import-file-hint'}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
        </div>
        {kind === 'csv' ? (
          <SelectField
            id="import-sheet"
            label={t('org.transfer.sheet_for_csv')}
            hint={t('org.transfer.sheet_for_csv_hint')}
            value={sheet}
            onChange={(e) => {
              setSheet(e.target.value as TExportSheet | '');
              preview.reset();
              commit.reset();
            }}
            error={errorFor(errors, 'import-sheet')}
            options={[{ value: '', label: t('org.transfer.choose_sheet') }, ...EXPORT_SHEETS.map((s) => ({ value: s, label: t(SHEET_KEYS[s]) }))]}
          />
        ) : null}
        <button type="submit" className="button button-secondary mt-4" disabled={busy}>
          <Icon name="upload" />
          {t('org.transfer.check')}
        </button>
      </form>

      <div className="import-result">
        {preview.isPending ? <Loading label={t('org.transfer.checking')} /> : null}
        {commit.isPending ? <Loading label={t('org.transfer.importing')} /> : null}
      </div>

      {preview.isError ? (
        <div className="mt-6">
          <h3 id="import-result-heading" tabIndex={-1} ref={resultHeading}>
            {t('org.transfer.result_title')}
          </h3>
          <Alert variant="error" heading={t('org.transfer.unreadable')} headingLevel={3}>
            <p>{failureText(preview.error, t)}</p>
            <p>{t('org.transfer.nothing_saved')}</p>
          </Alert>
        </div>
      ) : null}

      {previewed && !committed && !commit.isError ? (
        <div className="mt-6">
          <h3 id="import-result-heading" tabIndex={-1} ref={resultHeading}>
            {t('org.transfer.result_title')}
          </h3>
          {previewed.errors.length > 0 ? (
            <>
              <Alert variant="error" heading={previewed.title ?? t('org.transfer.has_errors')} headingLevel={3}>
                <p>{t('org.transfer.has_errors_detail')}</p>
              </Alert>
              <RowErrors result={previewed} />
              <Counts result={previewed} caption={t('org.transfer.counts_read')} />
            </>
          ) : (
            <>
              <Alert variant="info" heading={t('org.transfer.ready')} headingLevel={3}>
                <p>{t('org.transfer.ready_detail')}</p>
              </Alert>
              <Counts result={previewed} caption={t('org.transfer.counts_to_import')} />
              <button type="button" className="button button-primary mt-4" onClick={() => commit.mutate()} disabled={busy}>
                {t('org.transfer.import')}
              </button>
            </>
          )}
        </div>
      ) : null}

      {commit.isError ? (
        <div className="mt-6">
          <h3 id="import-result-heading" tabIndex={-1} ref={resultHeading}>
            {t('org.transfer.result_title')}
          </h3>
          <Alert variant="error" heading={t('org.transfer.import_failed')} headingLevel={3}>
            <p>{failureText(commit.error, t)}</p>
            <p>{t('org.transfer.nothing_saved')}</p>
          </Alert>
        </div>
      ) : null}

      {committed ? (
        <div className="mt-6">
          <h3 id="import-result-heading" tabIndex={-1} ref={resultHeading}>
            {t('org.transfer.result_title')}
          </h3>
          {committed.errors.length > 0 ? (
            <>
              <Alert variant="error" heading={committed.title ?? t('org.transfer.has_errors')} headingLevel={3}>
                <p>{t('org.transfer.has_errors_detail')}</p>
              </Alert>
              <RowErrors result={committed} />
            </>
          ) : (
            <>
              <Alert variant="success" heading={t('org.transfer.imported')} headingLevel={3}>
                <p>
                  {t('org.transfer.imported_detail')} <Link to="/organisation/trae">{t('org.tree.title')}</Link> · <Link to="/organisation/forummatrix">{t('org.matrix.title')}</Link>
                </p>
              </Alert>
              <Counts result={committed} caption={t('org.transfer.counts_imported')} />
            </>
          )}
        </div>
      ) : null}
    </section>
  );
}

export function ImportPage() {
  const { t } = useI18n();
  const canEdit = useCanEditMap();
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.transfer.title') }]} />
      <PageHeading lead={t(canEdit ? 'org.transfer.lead' : 'org.transfer.lead_read')}>{t('org.transfer.title')}</PageHeading>
      {canEdit ? <ImportSection /> : null}
      <section aria-labelledby="export-heading" className="mt-8">
        <h2 id="export-heading">{t('org.transfer.export_title')}</h2>
        <p>{t('org.transfer.export_lead')}</p>
        <ul className="nobullet-list export-links">
          <li>
            <a href={organisationXlsxUrl} download className="function-link">
              <Icon name="file-excel" />
              {t('org.export.xlsx')}
            </a>
          </li>
          {EXPORT_SHEETS.map((sheet) => (
            <li key={sheet}>
              <a href={organisationCsvUrl(sheet)} download className="function-link">
                <Icon name="download" />
                {t('org.export.csv_sheet', { sheet: t(SHEET_KEYS[sheet]) })}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
