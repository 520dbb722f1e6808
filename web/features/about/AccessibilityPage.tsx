import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';

const SECTIONS: { heading: MessageKey; paragraphs: MessageKey[]; list?: MessageKey[] }[] = [
  { heading: 'a11y.status.heading', paragraphs: ['a11y.status.p1', 'a11y.status.p2'] },
  { heading: 'a11y.known.heading', paragraphs: ['a11y.known.p1'], list: ['a11y.known.item1', 'a11y.known.item2', 'a11y.known.item3'] },
  { heading: 'a11y.made.heading', paragraphs: ['a11y.made.p1', 'a11y.made.p2'] },
  { heading: 'a11y.feedback.heading', paragraphs: ['a11y.feedback.p1', 'a11y.feedback.p2'] },
];

/** The accessibility statement that Danish law requires of a public authority's web solutions. */
export function AccessibilityPage() {
  const { t } = useI18n();
  return (
    <div className="row">
      <div className="col-12 col-lg-9">
        <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('a11y.title') }]} />
        <PageHeading lead={t('a11y.lead')}>{t('a11y.title')}</PageHeading>
        <p>{t('a11y.intro')}</p>
        {SECTIONS.map((section) => (
          <section key={section.heading}>
            <h2>{t(section.heading)}</h2>
            {section.paragraphs.map((p) => (
              <p key={p}>{t(p)}</p>
            ))}
            {section.list ? (
              <ul>
                {section.list.map((item) => (
                  <li key={item}>{t(item)}</li>
                ))}
              </ul>
            ) : null}
          </section>
        ))}
        <section>
          <h2>{t('a11y.enforcement.heading')}</h2>
          <p>{t('a11y.enforcement.p1')}</p>
          <p>
            <a href="https://www.was.digst.dk/" rel="noopener">
              {t('a11y.enforcement.link')}
            </a>
          </p>
        </section>
      </div>
    </div>
  );
}
