import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TEffortDetail } from '../../../contracts/efforts.ts';
import { NotFoundPage } from '../about/ForbiddenPage.tsx';
import { Alert } from '../../components/Alert.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDateTime } from '../../lib/format.ts';
import { NotStated, ScopeLineBadge } from '../organisation/shared.tsx';
import { getEffort } from './api.ts';
import { EconomySection } from './EffortEconomy.tsx';
import { GoalsSection } from './EffortGoals.tsx';
import { StatusSection } from './EffortStatus.tsx';
import { DERIVED_KEYS, EFFORTS_ROOT, EFFORT_KEY, EVIDENCE_KEYS, RISK_KEYS, formatAgeBand, formatPeriod } from './labels.ts';
import { StatusBadge, effortCrumbs, useTriangleLabels } from './shared.tsx';
import { useFlash } from '../../app/flash.ts';
import { useRecordId } from '../../lib/ids.ts';

/** A list of names, or the dash for none. */
function Names({ items, none }: { items: string[]; none?: string }) {
  if (items.length === 0) return none ? <>{none}</> : <NotStated />;
  return (
    <ul className="nobullet-list">
      {items.map((name, index) => (
        <li key={`${name}-${index}`}>{name}</li>
      ))}
    </ul>
  );
}

function Details({ effort }: { effort: TEffortDetail }) {
  const { t, locale } = useI18n();
  const labels = useTriangleLabels();
  const assumed = effort.assumptions;
  return (
    <section aria-labelledby="details-heading">
      <h2 id="details-heading" className="sr-only">
        {t('effort.detail.facts')}
      </h2>
      <dl className="details-list">
        <dt>{t('effort.field.level')}</dt>
        <dd>{labels[effort.level]}</dd>
        <dt>{t('effort.field.status')}</dt>
        <dd>
          <StatusBadge status={effort.status} />
        </dd>
        <dt>{t('effort.field.in_scope_short')}</dt>
        <dd>
          <ScopeLineBadge inScope={effort.inScope} />
        </dd>
        <dt>{t('effort.field.description')}</dt>
        <dd className="pre-line">{effort.description ?? <NotStated />}</dd>
        <dt>{t('effort.field.owner')}</dt>
        <dd>{effort.owner?.name ?? <NotStated />}</dd>
        <dt>{t('effort.field.responsible')}</dt>
        <dd>
          {effort.responsibleFunction?.title ?? <NotStated />}
          <AssumedMark reason={assumed.responsible_function_id} />
        </dd>
        <dt>{t('effort.field.partners')}</dt>
        <dd>
          <Names items={effort.partners.map((p) => p.name)} />
          <AssumedMark reason={assumed.partner_organisation_ids} />
        </dd>
        <dt>{t('effort.field.forums')}</dt>
        <dd>
          <Names items={effort.forums.map((f) => f.name)} />
          <AssumedMark reason={assumed.forum_ids} />
        </dd>
        <dt>{t('effort.field.age')}</dt>
        <dd>
          {formatAgeBand(effort.ageMin, effort.ageMax, t)}
          <AssumedMark reason={assumed.age_min ?? assumed.age_max} />
        </dd>
        <dt>{t('effort.field.risk')}</dt>
        <dd>
          {t(RISK_KEYS[effort.riskProfile])}
          <AssumedMark reason={assumed.risk_profile} />
        </dd>
        <dt>{t('effort.field.derived')}</dt>
        <dd>
          <Names items={effort.derivedGroups.map((g) => t(DERIVED_KEYS[g]))} none={t('effort.detail.no_derived')} />
          <AssumedMark reason={assumed.derived_groups} />
        </dd>
        <dt>{t('effort.field.districts')}</dt>
        <dd>
          <Names items={effort.districts} none={t('effort.detail.whole_municipality')} />
        </dd>
        <dt>{t('effort.field.legal_bases')}</dt>
        <dd>
          <Names items={effort.legalBases.map((b) => b.label)} />
          <AssumedMark reason={assumed.legal_basis_ids} />
        </dd>
        <dt>{t('effort.field.period')}</dt>
        <dd>{formatPeriod(effort.periodStart, effort.periodEnd, t, locale)}</dd>
        <dt>{t('effort.field.evidence')}</dt>
        <dd>{t(EVIDENCE_KEYS[effort.evidenceRating])}</dd>
        <dt>{t('effort.field.evidence_doc')}</dt>
        <dd className="pre-line">{effort.evidenceDocumentation ?? <NotStated />}</dd>
        <dt>{t('effort.detail.updated')}</dt>
        <dd>{formatDateTime(effort.updatedAt, locale)}</dd>
      </dl>
    </section>
  );
}

/** /indsatser/<id>: an address that cannot name an effort is a page that does not exist. */
export function EffortPage() {
  const id = useRecordId();
  return id ? <EffortDetailPage id={id} /> : <NotFoundPage />;
}

function EffortDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const effort = useQuery({ queryKey: [EFFORT_KEY, 'detail', id], queryFn: () => getEffort(id) });
  const [saved] = useFlash();
  const data = effort.data;
  const title = data?.title ?? t('effort.detail.title');
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [{ label: title }])} />
      <PageHeading title={title}>
        {title}
        <AssumedMark reason={data?.assumptions.title} />
      </PageHeading>
      {saved ? <Alert variant="success" heading={saved} /> : null}
      {effort.isPending ? <Loading /> : null}
      {effort.isError ? <LoadError error={effort.error} retry={() => void effort.refetch()} /> : null}
      {data ? (
        <>
          {data.abilities.update ? (
            <div className="button-group mb-5">
              <Link to={`${EFFORTS_ROOT}/${data.id}/rediger`} className="button button-secondary">
                <Icon name="edit" />
                {t('effort.edit')}
              </Link>
            </div>
          ) : null}
          <nav aria-label={t('effort.detail.contents')} className="effort-contents">
            <ul className="nobullet-list">
              <li>
                <a href="#status-heading">{t('effort.status.title')}</a>
              </li>
              <li>
                <a href="#goals-heading">{t('effort.goal.section_title')}</a>
              </li>
              {data.economy ? (
                <li>
                  <a href="#economy-heading">{t('effort.economy.title')}</a>
                </li>
              ) : null}
            </ul>
          </nav>
          <Details effort={data} />
          <StatusSection effort={data} />
          <GoalsSection effort={data} />
          <EconomySection effort={data} />
        </>
      ) : null}
    </>
  );
}
