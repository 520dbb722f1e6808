/**
 * Efforts to and from Excel: a workbook is checked first (a dry run with every row error),
 * then imported; nothing is saved while any row fails. The wording of the steps is shared
 * with the organisation map's import, so the two read alike.
 */
import { useQueryClient } from '@tanstack/react-query';
import { Link } from 'react-router';
import type { TEffortImportResult } from '../../../contracts/efforts.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ImportPanel } from '../../components/ImportPanel.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { effortsXlsxUrl, importEffortsFile } from './api.ts';
import { EFFORTS_ROOT, EFFORT_KEY } from './labels.ts';
import { effortCrumbs } from './shared.tsx';

type CountKey = keyof TEffortImportResult['counts'];

const COUNT_KEYS: Record<CountKey, MessageKey> = {
  efforts: 'effort.transfer.count.efforts',
  goals: 'effort.transfer.count.goals',
  indicators: 'effort.transfer.count.indicators',
  measurements: 'effort.transfer.count.measurements',
  budgetLines: 'effort.transfer.count.budget_lines',
  hours: 'effort.transfer.count.hours',
};

function ImportSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  return (
    <ImportPanel
      fileId="effort-import-file"
      lead={t('effort.transfer.import_lead')}
      firstStep={t('effort.transfer.step1')}
      fileHint={t('effort.transfer.file_hint')}
      accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
      fileTypeError={(file) => (file.name.toLowerCase().endsWith('.xlsx') ? null : t('effort.transfer.file_type'))}
      counts={(Object.keys(COUNT_KEYS) as CountKey[]).map((key) => ({ key, label: t(COUNT_KEYS[key]) }))}
      countsHeading={t('effort.transfer.what')}
      send={importEffortsFile}
      onImported={() => void queryClient.invalidateQueries({ queryKey: [EFFORT_KEY] })}
      importedDetail={
        <>
          {t('effort.transfer.imported_detail')} <Link to={EFFORTS_ROOT}>{t('effort.list.title')}</Link> · <Link to={`${EFFORTS_ROOT}/trekant`}>{t('effort.triangle.title')}</Link>
        </>
      }
    />
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
