import { Link } from 'react-router';
import { useI18n } from '../i18n/i18n.tsx';
import { hyphenate } from '../lib/hyphenate.ts';
import { Icon } from './Icon.tsx';

/** A DKFDS navigation card: the whole card is one link. */
export function NavCard({ to, heading, text, subheading }: { to: string; heading: string; text?: string; subheading?: string }) {
  const { locale } = useI18n();
  return (
    <Link to={to} className="card">
      <div className="card-content">
        {subheading ? <span className="card-subheading">{subheading}</span> : null}
        <h3 className="card-heading">{hyphenate(heading, locale)}</h3>
        {text ? <p>{text}</p> : null}
      </div>
      <Icon name="arrow-forward" className="card-icon" />
    </Link>
  );
}
