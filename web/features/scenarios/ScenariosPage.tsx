import { useQuery } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TScenarioSummary } from '../../../contracts/scenarios.ts';
import { useFlash } from '../../app/flash.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDateTime, formatIsoDate } from '../../lib/format.ts';
import { listScenarios } from './api.ts';
import { COMPARE_PATH, NEW_SCENARIO_PATH, SCENARIO_KEY, originText, scenarioPath } from './labels.ts';
import { SharingBadge, StatusBadge, useTemplateNames } from './shared.tsx';

function ScenarioTable({ scenarios }: { scenarios: TScenarioSummary[] }) {
  const { t, locale } = useI18n();
  const templates = useTemplateNames();
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="scenarios-heading">
      <table className="table table--zebra" id="scenarios-table">
        <thead>
          <tr>
            <th scope="col">{t('scenario.list.title')}</th>
            <th scope="col">{t('scenario.list.origin')}</th>
            <th scope="col">{t('scenario.list.author')}</th>
            <th scope="col">{t('scenario.list.sharing')}</th>
            <th scope="col">{t('scenario.list.status')}</th>
            <th scope="col">{t('scenario.list.updated')}</th>
          </tr>
        </thead>
        <tbody>
          {scenarios.map((s) => (
            <tr key={s.id}>
              <th scope="row">
                <Link to={scenarioPath(s.id)}>{s.title}</Link>
              </th>
              <td>{originText(s, templates, t, (iso) => formatIsoDate(iso, locale))}</td>
              <td>{s.author.name}</td>
              <td>
                <SharingBadge sharing={s.sharing} />
              </td>
              <td>
                <StatusBadge status={s.status} />
                {s.adoptedFrom ? <span className="scenario-adopted-from"> {t('scenario.adopted.from', { date: formatIsoDate(s.adoptedFrom, locale) })}</span> : null}
              </td>
              <td>{formatDateTime(s.updatedAt, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export function ScenariosPage() {
  const { t } = useI18n();
  const canEdit = hasPermission(useSession(), 'scenarios.edit');
  const scenarios = useQuery({ queryKey: [SCENARIO_KEY, 'list'], queryFn: listScenarios });
  const [saved] = useFlash();
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('scenario.nav.list') }]} />
      <PageHeading lead={t('scenario.list.lead')}>{t('scenario.list.heading')}</PageHeading>
      {saved ? <Alert variant="success" heading={saved} /> : null}
      <div className="button-group mb-6">
        {canEdit ? (
          <Link to={NEW_SCENARIO_PATH} className="button button-primary">
            <Icon name="plus" />
            {t('scenario.list.create')}
          </Link>
        ) : null}
        {scenarios.data && scenarios.data.length >= 2 ? (
          <Link to={COMPARE_PATH} className="button button-secondary">
            {t('scenario.list.compare')}
          </Link>
        ) : null}
      </div>
      <h2 id="scenarios-heading">{t('scenario.list.table')}</h2>
      {scenarios.isPending ? <Loading /> : null}
      {scenarios.isError ? <LoadError error={scenarios.error} retry={() => void scenarios.refetch()} /> : null}
      {scenarios.data ? (
        scenarios.data.length === 0 ? (
          <div className="empty-state">
            <p>{t('scenario.list.empty')}</p>
            {canEdit ? (
              <p>
                <Link to={NEW_SCENARIO_PATH}>{t('scenario.list.create_first')}</Link>
              </p>
            ) : null}
          </div>
        ) : (
          <ScenarioTable scenarios={scenarios.data} />
        )
      ) : null}
    </>
  );
}
