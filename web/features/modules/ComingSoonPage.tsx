import { Link } from 'react-router';
import type { MODULES } from '../../app/navigation.ts';
import { Alert } from '../../components/Alert.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

/** The place a coming module will fill: what it will do, and that it is not here yet. */
export function ComingSoonPage({ module }: { module: (typeof MODULES)[number] }) {
  const { t } = useI18n();
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t(module.label) }]} />
      <PageHeading>{t(module.label)}</PageHeading>
      <p className="font-lead">{t(module.intro)}</p>
      <Alert variant="info" heading={t('module.coming_heading')}>
        <p>{t('module.coming_detail')}</p>
      </Alert>
      <p className="mt-6">
        <Link to="/">{t('common.back_to_front_page')}</Link>
      </p>
    </>
  );
}
