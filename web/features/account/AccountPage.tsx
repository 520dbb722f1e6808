import { useSession } from '../../app/session.tsx';
import { PageHeading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { PasswordSection } from './PasswordSection.tsx';
import { ProfileSection } from './ProfileSection.tsx';
import { SecondFactorSection } from './SecondFactorSection.tsx';
import { SessionsSection } from './SessionsSection.tsx';
import { TokensSection } from './TokensSection.tsx';

export function AccountPage() {
  const { t } = useI18n();
  const me = useSession();
  // Until the required second factor is set up, that is the only thing the user can do.
  if (me.stage === 'enrolment_required') {
    return (
      <>
        <PageHeading lead={t('account.enrolment_lead')}>{t('account.title')}</PageHeading>
        <SecondFactorSection me={me} />
      </>
    );
  }
  const sections = [
    ['profil', t('account.profile.title')],
    ['adgangskode', t('account.password.title')],
    ['anden-faktor', t('account.second_factor.title')],
    ['sessioner', t('account.sessions.title')],
    ['api-noegler', t('account.tokens.title')],
  ] as const;
  return (
    <>
      <PageHeading lead={t('account.lead')}>{t('account.title')}</PageHeading>
      <nav className="anchorbox" aria-labelledby="on-this-page">
        <h2 id="on-this-page" className="anchortitle">
          {t('account.on_this_page')}
        </h2>
        <ul className="anchorlist">
          {sections.map(([id, label]) => (
            <li key={id}>
              <a href={`#${id}`}>{label}</a>
            </li>
          ))}
        </ul>
      </nav>
      <div className="account-sections">
        <ProfileSection me={me} />
        <PasswordSection />
        <SecondFactorSection me={me} />
        <SessionsSection />
        <TokensSection />
      </div>
    </>
  );
}
