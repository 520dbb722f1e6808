/**
 * A spreadsheet import in two steps, the same wherever a module offers one: the file is
 * checked first (a dry run that lists every row error and what would be imported), then
 * imported on request; the server saves nothing while any row fails. The organisation map and
 * the efforts use it, so their imports read and behave alike.
 */
import { useMutation } from '@tanstack/react-query';
import { useRef, useState, type FormEvent, type ReactNode, type RefObject } from 'react';
import type { TImportError } from '../../contracts/organisation.ts';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../lib/api.ts';
import { formatNumber } from '../lib/format.ts';
import { Alert } from './Alert.tsx';
import { ErrorSummary, errorFor, type FormError } from './Form.tsx';
import { Icon } from './Icon.tsx';
import { Loading } from './Loading.tsx';

/** What an import answers: row errors, the rows per kind, and the problem's title when it failed. */
export interface ImportOutcome<K extends string> {
  errors: TImportError[];
  /** Errors beyond those listed. */
  errorsNotShown: number;
  counts: Record<K, number>;
  title?: string;
}

const MAX_BYTES = 10 * 1024 * 1024;

export interface ImportPanelProps<K extends string> {
  /** The file input's id (the target of the error summary's link). */
  fileId: string;
  lead: string;
  /** The first of the three steps: what to choose. */
  firstStep: string;
  fileHint: string;
  accept: string;
  /** The message when the file is not of a kind the import reads, else null. */
  fileTypeError(file: File): string | null;
  /** Checks of the fields beside the file (`extraFields`). */
  extraErrors?(file: File): FormError[];
  /** More fields in the form; call `changed` when one changes, so an old result is not shown for it. */
  extraFields?(props: { file: File | null; errors: FormError[]; changed(): void }): ReactNode;
  /** The counts' rows, in order, and the heading of their column. */
  counts: readonly { key: K; label: string }[];
  countsHeading: string;
  send(file: File, dryRun: boolean): Promise<ImportOutcome<K>>;
  /** After a successful import: refresh what it changed. */
  onImported(): void;
  /** Where to see the result after an import (text and links). */
  importedDetail: ReactNode;
}

function Counts<K extends string>({ result, rows, heading, caption }: { result: ImportOutcome<K>; rows: ImportPanelProps<K>['counts']; heading: string; caption: string }) {
  const { t, locale } = useI18n();
  return (
    <table className="table table--compact import-counts">
      <caption className="small-text">{caption}</caption>
      <thead>
        <tr>
          <th scope="col">{heading}</th>
          <th scope="col" className="align-text-right">
            {t('org.transfer.rows')}
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.key}>
            <th scope="row">{row.label}</th>
            <td className="align-text-right">{formatNumber(result.counts[row.key], locale)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function RowErrors({ errors, notShown }: { errors: TImportError[]; notShown: number }) {
  const { t, locale } = useI18n();
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="region" aria-labelledby="import-errors-heading">
      <table className="table table--zebra table--compact" id="import-errors">
        <caption id="import-errors-heading" className="import-errors-caption">
          {t('org.transfer.errors_caption', { count: formatNumber(errors.length + notShown, locale) })}
          {notShown > 0 && <> {t('org.transfer.errors_not_shown', { shown: formatNumber(errors.length, locale) })}</>}
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
          {errors.map((e, i) => (
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

function Failed({ heading, error }: { heading: string; error: unknown }) {
  const { t } = useI18n();
  return (
    <Alert variant="error" heading={heading} headingLevel={3}>
      <p>{failureText(error, t)}</p>
      <p>{t('org.transfer.nothing_saved')}</p>
    </Alert>
  );
}

function Outcome<K extends string>({ result, committed, props }: { result: ImportOutcome<K>; committed: boolean; props: ImportPanelProps<K> }) {
  const { t } = useI18n();
  const counts = (caption: string) => <Counts result={result} rows={props.counts} heading={props.countsHeading} caption={caption} />;
  if (result.errors.length > 0) {
    return (
      <>
        <Alert variant="error" heading={result.title ?? t('org.transfer.has_errors')} headingLevel={3}>
          <p>{t('org.transfer.has_errors_detail')}</p>
        </Alert>
        <RowErrors errors={result.errors} notShown={result.errorsNotShown} />
        {!committed ? counts(t('org.transfer.counts_read')) : null}
      </>
    );
  }
  if (committed) {
    return (
      <>
        <Alert variant="success" heading={t('org.transfer.imported')} headingLevel={3}>
          <p>{props.importedDetail}</p>
        </Alert>
        {counts(t('org.transfer.counts_imported'))}
      </>
    );
  }
  return (
    <>
      <Alert variant="info" heading={t('org.transfer.ready')} headingLevel={3}>
        <p>{t('org.transfer.ready_detail')}</p>
      </Alert>
      {counts(t('org.transfer.counts_to_import'))}
    </>
  );
}

export function ImportPanel<K extends string>(props: ImportPanelProps<K>) {
  const { fileId, send } = props;
  const { t } = useI18n();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const [file, setFile] = useState<File | null>(null);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const focusResult = () => requestAnimationFrame(() => resultHeading.current?.focus());
  const preview = useMutation({ mutationFn: () => send(file as File, true), onSettled: focusResult });
  const commit = useMutation({
    mutationFn: () => send(file as File, false),
    onSuccess: (result) => {
      if (result.errors.length === 0) props.onImported();
    },
    onSettled: focusResult,
  });
  // A result belongs to the file (and fields) it was made for: a new choice discards it.
  const changed = () => {
    preview.reset();
    commit.reset();
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!file) found.push({ fieldId: fileId, message: t('org.transfer.file_required') });
    else {
      const typeError = props.fileTypeError(file);
      if (typeError) found.push({ fieldId: fileId, message: typeError });
      else if (file.size > MAX_BYTES) found.push({ fieldId: fileId, message: t('org.transfer.file_too_big') });
      found.push(...(props.extraErrors?.(file) ?? []));
    }
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    commit.reset();
    preview.mutate();
  };
  const fileError = errorFor(errors, fileId);
  const busy = preview.isPending || commit.isPending;
  const previewed = preview.data;
  return (
    <section aria-labelledby="import-heading">
      <h2 id="import-heading">{t('org.transfer.import_title')}</h2>
      <p>{props.lead}</p>
      <ol className="import-steps">
        <li>{props.firstStep}</li>
        <li>{t('org.transfer.step2')}</li>
        <li>{t('org.transfer.step3')}</li>
      </ol>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <div className={`form-group${fileError ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={fileId}>
            {t('org.transfer.file')}
          </label>
          <span className="form-hint" id={`${fileId}-hint`}>
            {props.fileHint}
          </span>
          {fileError ? (
            <span className="form-error-message" id={`${fileId}-error`}>
              <span className="sr-only">{t('form.error_prefix')} </span>
              {fileError}
            </span>
          ) : null}
          <input
            id={fileId}
            name={fileId}
            type="file"
            accept={props.accept}
            aria-describedby={fileError ? `${fileId}-hint ${fileId}-error` : `${fileId}-hint`}
            aria-invalid={fileError ? true : undefined}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              changed();
            }}
          />
        </div>
        {props.extraFields?.({ file, errors, changed })}
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
          <Failed heading={t('org.transfer.unreadable')} error={preview.error} />
        </ResultBlock>
      ) : null}
      {previewed && !commit.data && !commit.isError ? (
        <ResultBlock headingRef={resultHeading}>
          <Outcome result={previewed} committed={false} props={props} />
          {previewed.errors.length === 0 ? (
            <button type="button" className="button button-primary mt-4" onClick={() => commit.mutate()} disabled={busy}>
              {t('org.transfer.import')}
            </button>
          ) : null}
        </ResultBlock>
      ) : null}
      {commit.isError ? (
        <ResultBlock headingRef={resultHeading}>
          <Failed heading={t('org.transfer.import_failed')} error={commit.error} />
        </ResultBlock>
      ) : null}
      {commit.data ? (
        <ResultBlock headingRef={resultHeading}>
          <Outcome result={commit.data} committed props={props} />
        </ResultBlock>
      ) : null}
    </section>
  );
}
