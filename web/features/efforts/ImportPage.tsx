/**
 * Efforts to and from Excel: a workbook is checked first (a dry run with every row error),
 * then imported; nothing is saved while any row fails. The wording of the steps is shared
 * with the organisation map's import, so the two read alike.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import { Link } from 'react-router';
import type { TEffortImportResult } from '../../../contracts/efforts.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, errorFor, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../../lib/api.ts';
import { formatNumber } from '../../lib/format.ts';
import { effortsXlsxUrl, importEffortsFile } from './api.ts';
import { EFFORTS_ROOT, EFFORT_KEY, type Translate } from './labels.ts';
import { effortCrumbs, useFormErrors } from './shared.tsx';

type Result = TEffortImportResult & { title?: string };
type CountKey = keyof TEffortImportResult['counts'];

const COUNT_KEYS: Record<CountKey, MessageKey> = {
  efforts: 'effort.transfer.count.efforts',
  goals: 'effort.transfer.count.goals',
  indicators: 'effort.transfer.count.indicators',
  measurements: 'effort.transfer.count.measurements',
  budgetLines: 'effort.transfer.count.budget_lines',
  hours: 'effort.transfer.count.hours',
};
const MAX_BYTES = 10 * 1024 * 1024;
const FILE_ID = 'effort-import-file';

function Counts({ result, caption }: { result: Result; caption: string }) {
  const { t, locale } = useI18n();
  return (
    <table className="table table--compact import-counts">
      <caption className="small-text">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{t('effort.transfer.what')}</th>
          <th scope="col" className="align-text-right">
            {t('org.transfer.rows')}
          </th>
        </tr>
      </thead>
      <tbody>
        {(Object.keys(COUNT_KEYS) as CountKey[]).map((key) => (
          <tr key={key}>
            <th scope="row">{t(COUNT_KEYS[key])}</th>
            <td className="align-text-right">{formatNumber(result.counts[key], locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RowErrors({ result }: { result: Result }) {
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

function failureText(error: unknown, t: Translate): string {
  if (error instanceof ApiError) {
    const fields = (error.problem.errors ?? []).map((e) => e.message);
    return [error.problem.title, error.problem.detail, ...fields].filter(Boolean).join(' ');
  }
  if (error instanceof NetworkError) return t('error.network');
  return t('error.unexpected');
}

/** One result block: a heading that takes focus when the result arrives, and what it says. */
function ResultBlock({ headingRef, children }: { headingRef: RefObject<HTMLHeadingElement | null>; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <div className="mt-6">
      <h3 id="import-result-heading" tabIndex={-1} ref={headingRef}>
        {t('org.transfer.result_title')}
      </h3>
      {children}
    </div>
  );
}

function Outcome({ result, committed }: { result: Result; committed: boolean }) {
  const { t } = useI18n();
  if (result.errors.length > 0) {
    return (
      <>
        <Alert variant="error" heading={result.title ?? t('org.transfer.has_errors')} headingLevel={3}>
          <p>{t('org.transfer.has_errors_detail')}</p>
        </Alert>
        <RowErrors result={result} />
        {!committed ? <Counts result={result} caption={t('org.transfer.counts_read')} /> : null}
      </>
    );
  }
  if (committed) {
    return (
      <>
        <Alert variant="success" heading={t('org.transfer.imported')} headingLevel={3}>
          <p>
            {t('effort.transfer.imported_detail')} <Link to={EFFORTS_ROOT}>{t('effort.list.title')}</Link> · <Link to={`${EFFORTS_ROOT}/trekant`}>{t('effort.triangle.title')}</Link>
          </p>
        </Alert>
        <Counts result={result} caption={t('org.transfer.counts_imported')} />
      </>
    );
  }
  return (
    <>
      <Alert variant="info" heading={t('org.transfer.ready')} headingLevel={3}>
        <p>{t('org.transfer.ready_detail')}</p>
      </Alert>
      <Counts result={result} caption={t('org.transfer.counts_to_import')} />
    </>
  );
}

function ImportSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const { errors, attempt, show } = useFormErrors();
  const focusResult = () => requestAnimationFrame(() => resultHeading.current?.focus());
  const preview = useMutation({ mutationFn: () => importEffortsFile(file as File, true), onSettled: focusResult });
  const commit = useMutation({
    mutationFn: () => importEffortsFile(file as File, false),
    onSuccess: (result) => {
      if (result.errors.length === 0) void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY] });
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
    if (!file) found.push({ fieldId: FILE_ID, message: t('org.transfer.file_required') });
    else if (!file.name.toLowerCase().endsWith('.xlsx')) found.push({ fieldId: FILE_ID, message: t('effort.transfer.file_type') });
    else if (file.size > MAX_BYTES) found.push({ fieldId: FILE_ID, message: t('org.transfer.file_too_big') });
    show(found);
    if (found.length > 0) return;
    commit.reset();
    preview.mutate();
  };
  const fileError = errorFor(errors, FILE_ID);
  const busy = preview.isPending || commit.isPending;
  const previewed = preview.data;
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('org.transfer.import_title')}</h2>
      <p>{t('effort.transfer.import_lead')}</p>
      <ol className="import-steps">
        <li>{t('effort.transfer.step1')}</li>
        <li>{t('org.transfer.step2')}</li>
        <li>{t('org.transfer.step3')}</li>
      </ol>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <div className={`form-group${fileError ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={FILE_ID}>
            {t('org.transfer.file')}
          </label>
          <span className="form-hint" id={`${FILE_ID}-hint`}>
            {t('effort.transfer.file_hint')}
          </span>
          {fileError ? (
            <span className="form-error-message" id={`${FILE_ID}-error`}>
              <span className="sr-only">{t('form.error_prefix')} </span>
              {fileError}
            </span>
          ) : null}
          <input
            id={FILE_ID}
            name={FILE_ID}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={fileError ? `${FILE_ID}-hint ${FILE_ID}-error` : `${FILE_ID}-hint`}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => choose(e.target.files?.[0] ?? null)}
          />
        </div>
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
        <ResultBlock headingRef={resultHeading}>
          <Alert variant="error" heading={t('org.transfer.unreadable')} headingLevel={3}>
            <p>{failureText(preview.error, t)}</p>
            <p>{t('org.transfer.nothing_saved')}</p>
          </Alert>
        </ResultBlock>
      ) : null}
      {previewed && !commit.data && !commit.isError ? (
        <ResultBlock headingRef={resultHeading}>
          <Outcome result={previewed} committed={false} />
          {previewed.errors.length === 0 ? (
            <button type="button" className="button button-primary mt-4" onClick={() => commit.mutate()} disabled={busy}>
              {t('org.transfer.import')}
            </button>
          ) : null}
        </ResultBlock>
      ) : null}
      {commit.isError ? (
        <ResultBlock headingRef={resultHeading}>
          <Alert variant="error" heading={t('org.transfer.import_failed')} headingLevel={3}>
            <p>{failureText(commit.error, t)}</p>
            <p>{t('org.transfer.nothing_saved')}</p>
          </Alert>
        </ResultBlock>
      ) : null}
      {commit.data ? (
        <ResultBlock headingRef={resultHeading}>
          <Outcome result={commit.data} committed />
        </ResultBlock>
      ) : null}
    </section>
  );
}

export function EffortsImportPage() {
  const { t } = useI18n();
  const canEdit = hasPermission(useSession(), 'efforts.edit');
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [{ label: t('effort.transfer.title') }])} />
      <PageHeading lead={t(canEdit ? 'effort.transfer.lead' : 'effort.transfer.lead_read')}>{t('effort.transfer.title')}</PageHeading>
      {canEdit ? <ImportSection /> : null}
      <section aria-labelledby="export-heading" className="mt-8">
        <h2 id="export-heading">{t('org.transfer.export_title')}</h2>
        <p>{t('effort.transfer.export_lead')}</p>
        <p>
          <a href={effortsXlsxUrl} download className="function-link">
            <Icon name="file-excel" />
            {t('effort.transfer.export_link')}
          </a>
        </p>
      </section>
    </>
  );
}
