import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useLocation } from 'react-router';
import type { TFunction, TOrganisationMap } from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getOrganisationMap } from '../../lib/endpoints.ts';
import { formatDecimal, formatNumber } from '../../lib/format.ts';
import { HEAVY_LOAD, KIND_KEYS, ORG_KEY, TRIANGLE_KEYS, formatFte, formatHours, isHeavyLoad } from './labels.ts';
import { AsOfPicker, DistrictBadge, NotStated, ScopeLineBadge, useAsOf, useCanEditMap, useCollator } from './shared.tsx';
import { buildTree, summariseScope, type OrgNode, type ScopeSummary } from './tree.ts';

export function useOrganisationMap(asOf: string | null) {
  return useQuery({ queryKey: [ORG_KEY, 'map', asOf], queryFn: () => getOrganisationMap(asOf) });
}

/** After the tree has loaded, go to the record the address points at (#org-…, #fn-…). */
function useFocusOnHash(ready: boolean) {
  const { hash } = useLocation();
  useEffect(() => {
    if (!ready || !hash) return;
    const target = document.getElementById(decodeURIComponent(hash.slice(1)));
    if (!target) return;
    target.classList.add('is-target');
    target.focus({ preventScroll: true });
    target.scrollIntoView({ block: 'center' });
    return () => target.classList.remove('is-target');
  }, [ready, hash]);
}

function FunctionsTable({ node, editable }: { node: OrgNode; editable: boolean }) {
  const { t, locale } = useI18n();
  const name = node.organisation.name;
  const captionId = `fn-caption-${node.organisation.id}`;
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={captionId}>
      <table className="table table--compact org-functions">
        <caption id={captionId} className="sr-only">
          {t('org.tree.functions_of', { name })}
        </caption>
        <thead>
          <tr>
            <th scope="col">{t('org.function.title')}</th>
            <th scope="col" className="align-text-right">
              {t('org.function.headcount')}
            </th>
            <th scope="col">{t('org.function.hours')}</th>
            <th scope="col" className="align-text-right">
              {t('org.function.fte')}
            </th>
            <th scope="col">{t('org.function.triangle')}</th>
            <th scope="col" className="align-text-right">
              {t('org.function.forums')}
            </th>
            {editable ? (
              <th scope="col">
                <span className="sr-only">{t('common.actions')}</span>
              </th>
            ) : null}
          </tr>
        </thead>
        <tbody>
          {node.functions.map((fn: TFunction) => (
            <tr key={fn.id} id={`fn-${fn.id}`} tabIndex={-1} className={fn.inScope ? 'row-in-scope' : undefined}>
              <th scope="row">
                <span className="org-function-title">{fn.title}</span>
                {fn.inScope ? <ScopeLineBadge inScope /> : <span className="org-function-general">{t('org.scope_line.general')}</span>}
              </th>
              <td className="align-text-right">{formatNumber(fn.headcount, locale)}</td>
              <td className="nowrap">
                {formatHours(fn, t, locale) || <NotStated />}
                <AssumedMark reason={fn.assumptions.hours_min ?? fn.assumptions.hours_max} />
              </td>
              <td className="align-text-right">
                {formatFte(fn.fte, locale) || <NotStated />}
                <AssumedMark reason={fn.assumptions.fte} />
              </td>
              <td>{fn.triangleLevel ? t(TRIANGLE_KEYS[fn.triangleLevel]) : <NotStated />}</td>
              <td className="align-text-right nowrap">
                {formatNumber(fn.forumCount, locale)}
                {isHeavyLoad(fn.forumCount) ? <Icon name="warning" label={t('org.load.heavy')} className="matrix-load-icon" /> : null}
              </td>
              {editable ? (
                <td className="nowrap">
                  {fn.abilities.update ? (
                    <Link to={`/organisation/funktioner/${fn.id}`} className="function-link">
                      <Icon name="edit" />
                      {t('org.edit')}
                      <span className="sr-only"> – {fn.title}</span>
                    </Link>
                  ) : null}
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function Node({ node, editable }: { node: OrgNode; editable: boolean }) {
  const { t } = useI18n();
  const o = node.organisation;
  const Heading = (['h3', 'h4', 'h5', 'h6'] as const)[Math.min(node.depth, 3)];
  const headingId = `org-heading-${o.id}`;
  const classes = ['org-node', o.inScope ? 'in-scope' : 'general', o.scope === 'police_district' ? 'district' : ''].filter(Boolean).join(' ');
  return (
    <li>
      <section className={classes} id={`org-${o.id}`} tabIndex={-1} aria-labelledby={headingId}>
        <div className="org-node-head">
          <Heading id={headingId} className="org-node-name">
            {o.name}
            {o.shortName && o.shortName !== o.name ? <span className="weight-normal"> ({o.shortName})</span> : null}
            <AssumedMark reason={o.assumptions.name} />
          </Heading>
          <p className="org-node-badges">
            <span className="badge">{t(KIND_KEYS[o.kind])}</span> <ScopeLineBadge inScope={o.inScope} />
            {o.scope === 'police_district' ? (
              <>
                {' '}
                <DistrictBadge />
              </>
            ) : null}
          </p>
        </div>
        {o.description ? <p className="org-node-description">{o.description}</p> : null}
        {node.functions.length > 0 ? <FunctionsTable node={node} editable={editable} /> : null}
        {node.pools.length > 0 ? (
          <div className="org-pools">
            <p className="org-pools-heading">
              <strong>{t('org.tree.pools')}</strong>
            </p>
            <ul className="nobullet-list">
              {node.pools.map((pool) => (
                <li key={pool.id} id={`pool-${pool.id}`} tabIndex={-1}>
                  <Icon name="payments" /> {pool.name} <ScopeLineBadge inScope={pool.inScope} />
                  {editable && pool.abilities.update ? (
                    <>
                      {' '}
                      <Link to={`/organisation/puljer/${pool.id}`} className="function-link">
                        <Icon name="edit" />
                        {t('org.edit')}
                        <span className="sr-only"> – {pool.name}</span>
                      </Link>
                    </>
                  ) : null}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
        {editable && o.abilities.update ? (
          <p className="org-node-actions">
            <Link to={`/organisation/organisationer/${o.id}`} className="function-link">
              <Icon name="edit" />
              {t('org.tree.edit_organisation')}
              <span className="sr-only"> – {o.name}</span>
            </Link>
            <Link to={`/organisation/funktioner/ny?organisation=${o.id}`} className="function-link">
              <Icon name="person-add" />
              {t('org.tree.add_function')}
              <span className="sr-only"> – {o.name}</span>
            </Link>
            <Link to={`/organisation/organisationer/ny?overordnet=${o.id}`} className="function-link">
              <Icon name="plus" />
              {t('org.tree.add_unit')}
              <span className="sr-only"> – {o.name}</span>
            </Link>
            <Link to={`/organisation/puljer/ny?organisation=${o.id}`} className="function-link">
              <Icon name="payments" />
              {t('org.tree.add_pool')}
              <span className="sr-only"> – {o.name}</span>
            </Link>
          </p>
        ) : null}
      </section>
      {node.children.length > 0 ? (
        <ul className="org-tree org-children no-max-width">
          {node.children.map((child) => (
            <Node key={child.organisation.id} node={child} editable={editable} />
          ))}
        </ul>
      ) : null}
    </li>
  );
}

function SummaryCard({ heading, summary, className }: { heading: string; summary: ScopeSummary; className: string }) {
  const { t, locale } = useI18n();
  return (
    <div className={`org-summary-card ${className}`}>
      <h3 className="h5">{heading}</h3>
      <dl className="org-summary-list">
        <dt>{t('org.summary.organisations')}</dt>
        <dd>{formatNumber(summary.organisations, locale)}</dd>
        <dt>{t('org.summary.functions')}</dt>
        <dd>{formatNumber(summary.functions, locale)}</dd>
        <dt>{t('org.summary.people')}</dt>
        <dd>{formatNumber(summary.people, locale)}</dd>
        <dt>{t('org.summary.fte')}</dt>
        <dd>{formatDecimal(summary.fte, locale, 1, 2)}</dd>
        <dt>{t('org.summary.pools')}</dt>
        <dd>{formatNumber(summary.pools, locale)}</dd>
      </dl>
    </div>
  );
}

function TreeView({ map, editable }: { map: TOrganisationMap; editable: boolean }) {
  const { t } = useI18n();
  const collator = useCollator();
  const tree = buildTree(map, collator);
  const summary = summariseScope(map);
  const groups = [
    { key: 'municipality', heading: t('org.tree.group.municipality'), nodes: tree.municipality },
    { key: 'external', heading: t('org.tree.group.external'), nodes: tree.external },
    { key: 'district', heading: t('org.tree.group.district'), nodes: tree.district, lead: t('org.tree.group.district_lead') },
  ].filter((g) => g.nodes.length > 0);
  return (
    <>
      <section aria-labelledby="scope-summary-heading" className="mt-6">
        <h2 id="scope-summary-heading" className="h3">
          {t('org.summary.title')}
        </h2>
        <p>{t('org.summary.lead')}</p>
        <div className="org-summary">
          <SummaryCard heading={t('org.scope_line.in_long')} summary={summary.inScope} className="in-scope" />
          <SummaryCard heading={t('org.scope_line.general_long')} summary={summary.general} className="general" />
        </div>
        <p className="small-text">{t('org.summary.note', { heavy: HEAVY_LOAD })}</p>
      </section>
      {groups.map((group) => (
        <section key={group.key} aria-labelledby={`group-${group.key}`} className="mt-7">
          <h2 id={`group-${group.key}`}>{group.heading}</h2>
          {group.lead ? <p>{group.lead}</p> : null}
          <ul className="org-tree no-max-width">
            {group.nodes.map((node) => (
              <Node key={node.organisation.id} node={node} editable={editable} />
            ))}
          </ul>
        </section>
      ))}
    </>
  );
}

export function TreePage() {
  const { t } = useI18n();
  const asOf = useAsOf();
  const canEdit = useCanEditMap();
  const map = useOrganisationMap(asOf);
  // The past is read-only: changes are made to today's map.
  const editable = canEdit && !asOf;
  useFocusOnHash(Boolean(map.data));
  const flash = useLocation().state as { saved?: string; removed?: string } | null;
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.tree.title') }]} />
      <PageHeading lead={t('org.tree.lead')}>{t('org.tree.title')}</PageHeading>
      {flash?.saved ? <Alert variant="success" heading={t('org.tree.saved', { name: flash.saved })} /> : null}
      {flash?.removed ? <Alert variant="success" heading={t('org.tree.removed', { name: flash.removed })} /> : null}
      <AsOfPicker />
      {editable ? (
        <p>
          <Link to="/organisation/organisationer/ny" className="button button-primary">
            {t('org.tree.create_organisation')}
          </Link>
        </p>
      ) : null}
      {map.isPending ? <Loading /> : null}
      {map.isError ? <LoadError error={map.error} retry={() => void map.refetch()} /> : null}
      {map.data ? (
        map.data.organisations.length === 0 ? (
          <div className="empty-state">
            <p>{asOf ? t('org.tree.empty_then') : t('org.tree.empty')}</p>
            {editable ? (
              <p>
                <Link to="/organisation/organisationer/ny">{t('org.tree.create_first')}</Link> · <Link to="/organisation/import">{t('org.tree.import_instead')}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <TreeView map={map.data} editable={editable} />
        )
      ) : null}
    </>
  );
}
