/** Pieces every page of the organisation module uses: the as-of date, level names, badges. */
import { useQuery } from '@tanstack/react-query';
import { useMemo, useState, type FormEvent } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import type { TLevelLabels } from '../../../contracts/organisation.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getLevelLabels } from '../../lib/endpoints.ts';
import { formatIsoDate, parseDateInput } from '../../lib/format.ts';
import { ORG_KEY, defaultLevelLabels } from './labels.ts';

export const AS_OF_PARAM = 'dato';

/** The as-of date from the URL (`?dato=2023-03-27`), or null for today's map. */
export function useAsOf(): string | null {
  const [params] = useSearchParams();
  const value = params.get(AS_OF_PARAM);
  return value && parseDateInput(value) === value ? value : null;
}

/** A link within the module that keeps the as-of date the user is looking at. */
export function useWithAsOf(): (path: string) => string {
  const asOf = useAsOf();
  return (path: string) => {
    if (!asOf) return path;
    const [base, hash] = path.split('#');
    const separator = base.includes('?') ? '&' : '?';
    return `${base}${separator}${AS_OF_PARAM}=${asOf}${hash ? `#${hash}` : ''}`;
  };
}

export function useCollator(): Intl.Collator {
  const { locale } = useI18n();
  return useMemo(() => new Intl.Collator(locale === 'da' ? 'da' : 'en'), [locale]);
}

export function useCanEditMap(): boolean {
  return hasPermission(useSession(), 'organisation.edit');
}

/** The municipality's own names for the three levels; the standard names until they arrive. */
export function useLevelLabels(): TLevelLabels {
  const { t, locale } = useI18n();
  const me = useSession();
  const canRead = hasPermission(me, 'organisation.read');
  const labels = useQuery({ queryKey: [ORG_KEY, 'level-labels', locale], queryFn: getLevelLabels, enabled: canRead, staleTime: 60_000 });
  return labels.data ?? defaultLevelLabels(t);
}

/**
 * Pick a date to see the map as it was then. The date lives in the URL (?dato=yyyy-mm-dd),
 * so the view can be shared and survives a reload; the field takes d.m.yyyy.
 */
export function AsOfPicker({ idPrefix = 'as-of' }: { idPrefix?: string }) {
  const { t, locale } = useI18n();
  const [params, setParams] = useSearchParams();
  const asOf = useAsOf();
  const location = useLocation();
  const [text, setText] = useState(asOf ? formatIsoDate(asOf, 'da') : '');
  const [error, setError] = useState<string | undefined>();
  const fieldId = `${idPrefix}-date`;

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(params);
    if (!text.trim()) {
      next.delete(AS_OF_PARAM);
      setError(undefined);
      setParams(next);
      return;
    }
    const iso = parseDateInput(text);
    if (!iso) {
      setError(t('org.as_of.invalid'));
      return;
    }
    setError(undefined);
    next.set(AS_OF_PARAM, iso);
    setParams(next);
  };
  const todayParams = new URLSearchParams(params);
  todayParams.delete(AS_OF_PARAM);
  const todayQuery = todayParams.toString();
  const todayHref = `${location.pathname}${todayQuery ? `?${todayQuery}` : ''}`;

  return (
    <div className="as-of">
      <form className="as-of-form" onSubmit={onSubmit} noValidate aria-label={t('org.as_of.form_label')}>
        <div className={`form-group${error ? ' form-error' : ''}`}>
          <label className="form-label" htmlFor={fieldId}>
            {t('org.as_of.label')}
          </label>
          <span className="form-hint" id={`${fieldId}-hint`}>
            {t('org.as_of.hint')}
          </span>
          {error ? (
            <span className="form-error-message" id={`${fieldId}-error`}>
              <span className="sr-only">{t('form.error_prefix')} </span>
              {error}
            </span>
          ) : null}
          <div className="as-of-row">
            <input
              id={fieldId}
              name={fieldId}
              className="form-input input-char-11"
              value={text}
              onChange={(e) => setText(e.target.value)}
              aria-invalid={error ? true : undefined}
              aria-describedby={error ? `${fieldId}-hint ${fieldId}-error` : `${fieldId}-hint`}
              inputMode="numeric"
              autoComplete="off"
            />
            <button type="submit" className="button button-secondary">
              {t('org.as_of.show')}
            </button>
          </div>
        </div>
      </form>
      {asOf ? (
        <Alert variant="info" heading={t('org.as_of.showing', { date: formatIsoDate(asOf, locale) })} headingLevel={2}>
          <p>
            {t('org.as_of.showing_detail')}{' '}
            <Link to={todayHref} onClick={() => setText('')}>
              {t('org.as_of.today')}
            </Link>
          </p>
        </Alert>
      ) : null}
    </div>
  );
}

export function ScopeLineBadge({ inScope }: { inScope: boolean }) {
  const { t } = useI18n();
  return inScope ? <span className="badge badge-info badge-scope">{t('org.scope_line.in')}</span> : <span className="badge badge-general">{t('org.scope_line.general')}</span>;
}

export function DistrictBadge() {
  const { t } = useI18n();
  return <span className="badge badge-district">{t('org.owner.district_badge')}</span>;
}

/** A dash for a value nobody has filled in, read out in words. */
export function NotStated() {
  const { t } = useI18n();
  return (
    <>
      <span aria-hidden="true">–</span>
      <span className="sr-only">{t('org.not_stated')}</span>
    </>
  );
}
