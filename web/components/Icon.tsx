import sprite from 'dkfds/img/all-svg-icons.svg?url';

/** A DKFDS icon from its SVG sprite. Decorative unless given a label. */
export function Icon({ name, label, className }: { name: string; label?: string; className?: string }) {
  return (
    <svg className={`icon-svg${className ? ` ${className}` : ''}`} focusable="false" aria-hidden={label ? undefined : true} aria-label={label} role={label ? 'img' : undefined}>
      <use href={`${sprite}#${name}`} />
    </svg>
  );
}
