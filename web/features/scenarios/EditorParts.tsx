/**
 * Small parts of the scenario editor: a number field that keeps what is typed until it reads
 * as a number, and the moving of functions and efforts between pillars, by drag and drop and
 * by a "Flyt til" control that does exactly the same.
 */
import { useState, type DragEvent, type ReactNode } from 'react';
import type { TScenarioDocument } from '../../../contracts/scenarios.ts';
import { FieldMessages, describedBy } from '../../components/Form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatNumber, parseDecimal, parseGroupedNumber } from '../../lib/format.ts';
import type { Movable } from './document.ts';

/**
 * A number typed the Danish way (`0,5`, `250.000`). What is typed stays in the field; the
 * document takes it once it reads as a number in range, else the field reports an error.
 */
export function NumberField({
  id,
  label,
  value,
  onChange,
  onValidity,
  error,
  min,
  max,
  integer,
  optional,
  hint,
}: {
  id: string;
  label: ReactNode;
  value: number | null;
  onChange(value: number | null): void;
  /** The field's own message while what is typed is not a number in range; null when it is. */
  onValidity(id: string, message: string | null): void;
  error?: string;
  min: number;
  max: number;
  integer?: boolean;
  optional?: boolean;
  hint?: ReactNode;
}) {
  const { t, locale } = useI18n();
  const [text, setText] = useState(value === null ? '' : formatNumber(value, locale, 2).replace(/\u00A0/g, ''));
  const [ownError, setOwnError] = useState<string | null>(null);
  const shown = ownError ?? error;
  const onText = (next: string) => {
    setText(next);
    const parsed = next.trim() === '' && optional ? null : integer ? parseGroupedNumber(next) : parseDecimal(next);
    const valid = parsed === null ? optional && next.trim() === '' : parsed >= min && parsed <= max && (!integer || Number.isInteger(parsed));
    const message = valid ? null : t(integer ? 'scenario.field.whole_number' : 'scenario.field.number', { min: formatNumber(min, locale), max: formatNumber(max, locale) });
    setOwnError(message);
    onValidity(id, message);
    if (valid) onChange(parsed);
  };
  return (
    <div className={`form-group${shown ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {optional ? <span className="weight-normal"> ({t('form.optional')})</span> : null}
      </label>
      <FieldMessages id={id} hint={hint} error={shown ?? undefined} />
      <input
        id={id}
        className="form-input input-width-xs"
        inputMode={integer ? 'numeric' : 'decimal'}
        autoComplete="off"
        value={text}
        onChange={(e) => onText(e.target.value)}
        aria-invalid={shown ? true : undefined}
        aria-describedby={describedBy(id, hint, shown ?? undefined)}
      />
    </div>
  );
}

const dragType = (collection: Movable) => `application/x-trekant-${collection}`;

/** Makes an item draggable to another pillar; the keyboard does the same with its MoveControl. */
export function dragSource(collection: Movable, key: string) {
  return {
    draggable: true,
    onDragStart: (event: DragEvent) => {
      event.dataTransfer.setData(dragType(collection), key);
      event.dataTransfer.effectAllowed = 'move';
    },
  };
}

/** A pillar's group as a place to drop an item of the same kind; it is marked while something hovers over it. */
export function useDropTarget(collection: Movable, onDrop: (key: string) => void) {
  const [over, setOver] = useState(false);
  const accepts = (event: DragEvent) => event.dataTransfer.types.includes(dragType(collection));
  return {
    over,
    props: {
      onDragOver: (event: DragEvent) => {
        if (!accepts(event)) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'move';
        setOver(true);
      },
      onDragLeave: (event: DragEvent) => {
        // Leaving for a child of the group is still over it.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setOver(false);
      },
      onDrop: (event: DragEvent) => {
        setOver(false);
        if (!accepts(event)) return;
        event.preventDefault();
        onDrop(event.dataTransfer.getData(dragType(collection)));
      },
    },
  };
}

/** `Flyt til [pillar] [Flyt]`: the keyboard's way to do what a drop does. */
export function MoveControl({
  collection,
  itemKey,
  title,
  current,
  pillars,
  onMove,
}: {
  collection: Movable;
  itemKey: string;
  title: string;
  current: string | null;
  pillars: TScenarioDocument['pillars'];
  onMove(pillarKey: string | null): void;
}) {
  const { t } = useI18n();
  const options = [...pillars.map((p) => ({ value: p.key, label: p.name })), { value: '', label: t('scenario.pillar.none') }].filter((o) => o.value !== (current ?? ''));
  const [target, setTarget] = useState(options[0]?.value ?? '');
  const id = `${collection}-${itemKey}-move`;
  if (options.length === 0) return null;
  const chosen = options.some((o) => o.value === target) ? target : options[0].value;
  return (
    <div className="scenario-move">
      <label className="form-label" htmlFor={id}>
        {t('scenario.move.label')}
        <span className="sr-only"> {title}</span>
      </label>
      <select id={id} className="form-select" value={chosen} onChange={(e) => setTarget(e.target.value)}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
      <button type="button" className="button button-secondary" onClick={() => onMove(chosen === '' ? null : chosen)}>
        {t('scenario.move.submit')}
        <span className="sr-only"> {title}</span>
      </button>
    </div>
  );
}
