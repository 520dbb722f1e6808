import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { FORUM_LEVELS, type TForum, type TForumLevel } from '../../../contracts/organisation.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { SelectField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { listForums, listMyForums } from '../../lib/endpoints.ts';
import { formatNumber } from '../../lib/format.ts';
import { CADENCE_KEYS, ORG_KEY } from './labels.ts';
import { AsOfPicker, DistrictBadge, NotStated, useAsOf, useCanEditMap, useCollator, useLevelLabels, useWithAsOf } from './shared.tsx';

/** Forums in a table: name, level in the municipality's words, reporting line, members. */
export function ForumTable({ forums, labelledBy, all }: { forums: TForum[]; labelledBy: string; all?: TForum[] }) {
  const { t, locale } = useI18n();
  const collator = useCollator();
  const labels = useLevelLabels();
  const withAsOf = useWithAsOf();
  const byId = new Map((all ?? forums).map((f) => [f.id, f]));
  const order = (level: TForumLevel) => FORUM_LEVELS.indexOf(level);
  const rows = [...forums].sort((a, b) => order(a.level) - order(b.level) || collator.compare(a.name, b.name));
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={labelledBy}>
      <table className="table table--zebra">
        <thead>
          <tr>
            <th scope="col">{t('org.levels.forum')}</th>
            <th scope="col">{t('org.levels.level')}</th>
            <th scope="col">{t('org.levels.reports_to')}</th>
            <th scope="col">{t('org.forum.cadence')}</th>
            <th scope="col" className="align-text-right">
              {t('org.levels.member_count')}
            </th>
            <th scope="col">{t('org.levels.owner')}</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((f) => {
            const parent = f.reportsToId ? byId.get(f.reportsToId) : undefined;
            return (
              <tr key={f.id}>
                <th scope="row">
                  <Link to={withAsOf(`/organisation/fora/${f.id}`)}>{f.name}</Link>
                  {f.shortName && f.shortName !== f.name ? <span className="weight-normal"> ({f.shortName})</span> : null}
                </th>
                <td>{labels[f.level]}</td>
                <td>{parent ? parent.name : f.reportsToId ? t('org.forum.reports_to_hidden') : <NotStated />}</td>
                <td>{f.cadence ? t(CADENCE_KEYS[f.cadence]) : <NotStated />}</td>
                <td className="align-text-right">{formatNumber(f.memberCount, locale)}</td>
                <td>{f.scope === 'police_district' ? <DistrictBadge /> : t('org.owner.municipality')}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function ForumsPage() {
  const { t, locale } = useI18n();
  const asOf = useAsOf();
  const canEdit = useCanEditMap();
  const labels = useLevelLabels();
  const [params, setParams] = useSearchParams();
  const q = params.get('q') ?? '';
  // The field keeps its own text (see the matrix filter): no keystroke lost to a lagging URL.
  const [text, setText] = useState(q);
  const levelParam = params.get('niveau');
  const level = FORUM_LEVELS.includes(levelParam as TForumLevel) ? (levelParam as TForumLevel) : '';
  const forums = useQuery({ queryKey: [ORG_KEY, 'forums', asOf], queryFn: () => listForums(asOf), placeholderData: keepPreviousData });
  const needle = q.trim().toLocaleLowerCase('da');
  const shown = (forums.data ?? []).filter(
    (f) => (!level || f.level === level) && (!needle || [f.name, f.shortName, f.purpose].some((text) => text?.toLocaleLowerCase('da').includes(needle))),
  );
  const removed = (useLocation().state as { removed?: string } | null)?.removed;
  const update = (key: string, value: string) => {
    const next = new URLSearchParams(params);
    if (value) next.set(key, value);
    else next.delete(key);
    setParams(next, { replace: true });
  };
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.forums.title') }]} />
      <PageHeading lead={t('org.forums.lead')}>{t('org.forums.title')}</PageHeading>
      {removed ? <Alert variant="success" heading={t('org.forum.removed', { name: removed })} /> : null}
      <AsOfPicker />
      {canEdit && !asOf ? (
        <p>
          <Link to="/organisation/fora/ny" className="button button-primary">
            {t('org.forums.create')}
          </Link>
        </p>
      ) : null}
      <form className="org-filters" onSubmit={(e) => e.preventDefault()} aria-labelledby="forum-filter-heading">
        <h2 id="forum-filter-heading" className="h4">
          {t('org.matrix.filter.title')}
        </h2>
        <div className="row">
          <div className="col-12 col-md-7">
            <div className="form-group">
              <label className="form-label" htmlFor="forum-q">
                {t('org.forums.filter_text')}
              </label>
              <input
                id="forum-q"
                type="search"
                className="form-input"
                value={text}
                autoComplete="off"
                onChange={(e) => {
                  setText(e.target.value);
                  update('q', e.target.value);
                }}
              />
            </div>
          </div>
          <div className="col-12 col-md-5">
            <SelectField
              id="forum-level"
              label={t('org.levels.level')}
              value={level}
              onChange={(e) => update('niveau', e.target.value)}
              options={[{ value: '', label: t('org.forums.all_levels') }, ...FORUM_LEVELS.map((l) => ({ value: l, label: labels[l] }))]}
            />
          </div>
        </div>
      </form>
      <h2 id="forums-heading" className="mt-6">
        {t('org.forums.list_title')}
      </h2>
      {forums.isPending ? <Loading /> : null}
      {forums.isError ? <LoadError error={forums.error} retry={() => void forums.refetch()} /> : null}
      {forums.data ? (
        forums.data.length === 0 ? (
          <div className="empty-state">
            <p>{asOf ? t('org.forums.empty_then') : t('org.forums.empty')}</p>
            {canEdit && !asOf ? (
              <p>
                <Link to="/organisation/fora/ny">{t('org.forums.create_first')}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <>
            <p className="rows-message" aria-live="polite">
              {t('org.forums.count', { shown: formatNumber(shown.length, locale), total: formatNumber(forums.data.length, locale) })}
            </p>
            {shown.length === 0 ? (
              <div className="empty-state">
                <p>{t('org.forums.no_match')}</p>
              </div>
            ) : (
              <ForumTable forums={shown} all={forums.data} labelledBy="forums-heading" />
            )}
          </>
        )
      ) : null}
    </>
  );
}

export function MyForumsPage() {
  const { t } = useI18n();
  const me = useSession();
  const reader = hasPermission(me, 'organisation.read');
  const mine = useQuery({ queryKey: [ORG_KEY, 'forums-mine'], queryFn: listMyForums });
  // Readers can name every forum a line reports to; partners see only their own.
  const all = useQuery({ queryKey: [ORG_KEY, 'forums', null], queryFn: () => listForums(null), enabled: reader });
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.mine.title') }]} />
      <PageHeading lead={t('org.mine.lead')}>{t('org.mine.title')}</PageHeading>
      <h2 id="my-forums-heading" className="sr-only">
        {t('org.mine.list_title')}
      </h2>
      {mine.isPending ? <Loading /> : null}
      {mine.isError ? <LoadError error={mine.error} retry={() => void mine.refetch()} /> : null}
      {mine.data ? (
        mine.data.length === 0 ? (
          <div className="empty-state">
            <p>{t('org.mine.empty')}</p>
            <p>{reader ? <Link to="/organisation/fora">{t('org.mine.see_all')}</Link> : t('org.mine.empty_partner')}</p>
          </div>
        ) : (
          <ForumTable forums={mine.data} all={all.data ?? mine.data} labelledBy="my-forums-heading" />
        )
      ) : null}
    </>
  );
}
