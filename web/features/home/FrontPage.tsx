import { Link } from 'react-router';
import { COMING_MODULES, adminPagesFor, modulesFor } from '../../app/navigation.ts';
import { useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { NavCard } from '../../components/NavCard.tsx';
import { PageHeading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ForYouSection } from './ForYouSection.tsx';

const ADMIN_TEXT = {
  '/admin/brugere': 'home.card.users',
  '/admin/anden-faktor': 'home.card.second_factor',
  '/admin/revisionslog': 'home.card.audit',
  '/admin/formaal': 'home.card.purposes',
  '/admin/udbakke': 'home.card.outbox',
} as const;

export function FrontPage() {
  const { t } = useI18n();
  const me = useSession();
  const roles = (me.municipality?.roles ?? []).map((r) => t(`role.${r}`));
  const admin = adminPagesFor(me);

  return (
    <>
      <PageHeading>{t('home.greeting', { name: me.user.name })}</PageHeading>
      {me.municipality ? (
        <p className="font-lead">{t('home.lead', { municipality: t('header.municipality_name', { name: me.municipality.name }), roles: roles.join(', ').toLocaleLowerCase() })}</p>
      ) : (
        <Alert variant="warning" heading={t('home.no_municipality')}>
          <p>{t('home.no_municipality_detail')}</p>
        </Alert>
      )}
      {!me.secondFactor.enabled ? (
        <Alert variant="info" heading={t('home.second_factor_tip')}>
          <p>
            {t('home.second_factor_tip_detail')} <Link to="/konto#anden-faktor">{t('home.second_factor_tip_link')}</Link>
          </p>
        </Alert>
      ) : null}

      {me.municipality ? <ForYouSection /> : null}

      <h2>{t('home.your_pages')}</h2>
      <ul className="card-row row">
        <li className="col-12 col-md-6 col-lg-4">
          <NavCard to="/konto" heading={t('nav.account')} text={t('home.card.account')} />
        </li>
        {admin.map((page) => (
          <li className="col-12 col-md-6 col-lg-4" key={page.path}>
            <NavCard to={page.path} heading={t(page.label)} text={t(ADMIN_TEXT[page.path])} subheading={t('nav.admin')} />
          </li>
        ))}
        {modulesFor(me).map((module) => (
          <li className="col-12 col-md-6 col-lg-4" key={module.path}>
            <NavCard to={module.path} heading={t(module.label)} text={t(module.intro)} />
          </li>
        ))}
      </ul>

      <h2>{t('home.modules')}</h2>
      <p>{t('home.modules_intro')}</p>
      <ul>
        {COMING_MODULES.map((module) => (
          <li key={module.label}>
            <strong>{t(module.label)}</strong>: {t(module.intro)}
          </li>
        ))}
      </ul>
    </>
  );
}
