import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useState, type FormEvent, type ReactNode } from 'react';
import { Link, useSearchParams } from 'react-router';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { searchOrganisation } from '../../lib/endpoints.ts';
import { formatNumber } from '../../lib/format.ts';
import { ORG_KEY } from './labels.ts';
import { useCollator, useLevelLabels } from './shared.tsx';

function ResultGroup({ id, heading, count, empty, children }: { id: string; heading: string; count: number; empty: string; children: ReactNode }) {
  const { locale } = useI18n();
  return (
    <section aria-labelledby={id} className="mt-6">
      <h2 id={id} className="h3">
        {heading} <span className="weight-normal">({formatNumber(count, locale)})</span>
      </h2>
      {count === 0 ? <p className="small-text">{empty}</p> : <ul className="search-results">{children}</ul>}
    </section>
  );
}

export function SearchPage() {
  const { t, locale } = useI18n();
  const collator = useCollator();
  const labels = useLevelLabels();
  const [params, setParams] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  const [text, setText] = useState(q);
  // A search from the side menu changes the address while this page stays open.
  useEffect(() => setText(q), [q]);
  const search = useQuery({ queryKey: [ORG_KEY, 'search', q], queryFn: () => searchOrganisation(q), enabled: q.length > 0, placeholderData: keepPreviousData });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setParams(text.trim() ? { q: text.trim() } : {});
  };
  const data = q ? search.data : undefined;
  const total = data ? data.organisations.length + data.functions.length + data.forums.length : 0;
  const sortBy = <T,>(list: T[], key: (item: T) => string) => [...list].sort((a, b) => collator.compare(key(a), key(b)));
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.search.title') }]} />
      <PageHeading lead={t('org.search.lead')}>{t('org.search.title')}</PageHeading>
      <form role="search" onSubmit={onSubmit} className="mb-6">
        <label className="form-label" htmlFor="org-search-q">
          {t('org.search.label')}
        </label>
        <span className="form-hint" id="org-search-q-hint">
          {t('org.search.hint')}
        </span>
        <div className="search">
          <input id="org-search-q" type="search" className="form-input input-width-xl" value={text} onChange={(e) => setText(e.target.value)} aria-describedby="org-search-q-hint" maxLength={100} autoComplete="off" />
          <button type="submit" className="button button-search">
            {t('org.search.submit')}
          </button>
        </div>
      </form>
      {!q ? <p className="empty-state">{t('org.search.empty_query')}</p> : null}
      {q && search.isPending ? <Loading /> : null}
      {q && search.isError ? <LoadError error={search.error} retry={() => void search.refetch()} /> : null}
      {data ? (
        <>
          <p className="rows-message" aria-live="polite">
            {total === 0 ? t('org.search.none', { q }) : t('org.search.count', { count: formatNumber(total, locale), q })}
          </p>
          <ResultGroup id="results-forums" heading={t('org.search.forums')} count={data.forums.length} empty={t('org.search.no_forums')}>
            {sortBy(data.forums, (f) => f.name).map((f) => (
              <li key={f.id}>
                <Link to={`/organisation/fora/${f.id}`}>{f.name}</Link> <span className="small-text">· {labels[f.level]}</span>
              </li>
            ))}
          </ResultGroup>
          <ResultGroup id="results-functions" heading={t('org.search.functions')} count={data.functions.length} empty={t('org.search.no_functions')}>
            {sortBy(data.functions, (f) => `${f.title} ${f.organisationName}`).map((f) => (
              <li key={f.id}>
                <Link to={`/organisation/trae#fn-${f.id}`}>{f.title}</Link> <span className="small-text">· {f.organisationName}</span>
              </li>
            ))}
          </ResultGroup>
          <ResultGroup id="results-organisations" heading={t('org.search.organisations')} count={data.organisations.length} empty={t('org.search.no_organisations')}>
            {sortBy(data.organisations, (o) => o.name).map((o) => (
              <li key={o.id}>
                <Link to={`/organisation/trae#org-${o.id}`}>{o.name}</Link>
              </li>
            ))}
          </ResultGroup>
        </>
      ) : null}
    </>
  );
}
