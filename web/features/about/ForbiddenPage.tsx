import { Link } from 'react-router';
import { PageHeading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';

export function ForbiddenPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('forbidden.title')}</PageHeading>
      <p className="font-lead">{t('forbidden.lead')}</p>
      <p>
        <Link to="/">{t('common.back_to_front_page')}</Link>
      </p>
    </>
  );
}

export function NotFoundPage() {
  const { t } = useI18n();
  return (
    <>
      <PageHeading>{t('not_found.title')}</PageHeading>
      <p className="font-lead">{t('not_found.lead')}</p>
      <p>
        <Link to="/">{t('common.back_to_front_page')}</Link>
      </p>
    </>
  );
}
