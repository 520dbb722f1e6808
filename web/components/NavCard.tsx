import { Link } from 'react-router';
import { Icon } from './Icon.tsx';

/** A DKFDS navigation card: the whole card is one link. */
export function NavCard({ to, heading, text, subheading }: { to: string; heading: string; text?: string; subheading?: string }) {
  return (
    <Link to={to} className="card">
      <div className="card-content">
        {subheading ? <span className="card-subheading">{subheading}</span> : null}
        <h3 className="card-heading">{heading}</h3>
        {text ? <p>{text}</p> : null}
      </div>
      <Icon name="arrow-forward" className="card-icon" />
    </Link>
  );
}
