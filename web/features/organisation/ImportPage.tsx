import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { Link } from 'react-router';
import { SelectField, errorFor, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ImportPanel } from '../../components/ImportPanel.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { EXPORT_SHEETS, importOrganisationFile, organisationCsvUrl, organisationXlsxUrl, type TExportSheet } from '../../lib/endpoints.ts';
import { ORG_KEY } from './labels.ts';
import { useCanEditMap } from './shared.tsx';

const SHEET_KEYS: Record<TExportSheet, MessageKey> = {
  organisations: 'org.transfer.sheet.organisations',
  functions: 'org.transfer.sheet.functions',
  pools: 'org.transfer.sheet.pools',
  forums: 'org.transfer.sheet.forums',
  members: 'org.transfer.sheet.members',
};
const FILE_ID = 'import-file';
const SHEET_ID = 'import-sheet';

type FileKind = 'xlsx' | 'csv';
function kindOf(file: File): FileKind | null {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return 'xlsx';
  if (name.endsWith('.csv')) return 'csv';
  return null;
}

/** A workbook with every sheet, or one sheet as CSV: then the user says which sheet it is. */
function ImportSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [sheet, setSheet] = useState<TExportSheet | ''>('');
  return (
    <ImportPanel
      fileId={FILE_ID}
      lead={t('org.transfer.import_lead')}
      firstStep={t('org.transfer.step1')}
      fileHint={t('org.transfer.file_hint')}
      accept=".xlsx,.csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet,text/csv"
      fileTypeError={(file) => (kindOf(file) ? null : t('org.transfer.file_type'))}
      extraErrors={(file): FormError[] => (kindOf(file) === 'csv' && !sheet ? [{ fieldId: SHEET_ID, message: t('org.transfer.sheet_required') }] : [])}
      extraFields={({ file, errors, changed }) =>
        file && kindOf(file) === 'csv' ? (
          <SelectField
            id={SHEET_ID}
            label={t('org.transfer.sheet_for_csv')}
            hint={t('org.transfer.sheet_for_csv_hint')}
            value={sheet}
            onChange={(e) => {
              setSheet(e.target.value as TExportSheet | '');
              changed();
            }}
            error={errorFor(errors, SHEET_ID)}
            options={[{ value: '', label: t('org.transfer.choose_sheet') }, ...EXPORT_SHEETS.map((s) => ({ value: s, label: t(SHEET_KEYS[s]) }))]}
          />
        ) : null
      }
      counts={EXPORT_SHEETS.map((key) => ({ key, label: t(SHEET_KEYS[key]) }))}
      countsHeading={t('org.transfer.sheet')}
      send={(file, dryRun) => importOrganisationFile(file, kindOf(file) as FileKind, { dryRun, sheet: sheet || undefined })}
      onImported={() => void queryClient.invalidateQueries({ queryKey: [ORG_KEY] })}
      importedDetail={
        <>
          {t('org.transfer.imported_detail')} <Link to="/organisation/trae">{t('org.tree.title')}</Link> · <Link to="/organisation/forummatrix">{t('org.matrix.title')}</Link>
        </>
      }
    />
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
