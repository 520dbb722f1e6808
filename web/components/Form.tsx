/**
 * DKFDS form fields: label, help text and error message above the field, linked to it with
 * aria-describedby; and the error summary (fejlopsummering) that goes at the top of a form.
 */
import { useEffect, useRef, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';
import { useI18n } from '../i18n/i18n.tsx';
import { ApiError, NetworkError } from '../lib/api.ts';
import { Icon } from './Icon.tsx';

export interface FormError {
  /** The id of the field the error belongs to; absent for errors about the whole form. */
  fieldId?: string;
  message: string;
}

/** The ids of a field's hint and error, for its aria-describedby. */
export function describedBy(id: string, hint?: ReactNode, error?: string): string | undefined {
  const ids = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean);
  return ids.length ? ids.join(' ') : undefined;
}

/** A field's hint and error message, placed between its label and the field. */
export function FieldMessages({ id, hint, error }: { id: string; hint?: ReactNode; error?: string }) {
  const { t } = useI18n();
  return (
    <>
      {hint ? (
        <span className="form-hint" id={`${id}-hint`}>
          {hint}
        </span>
      ) : null}
      {error ? (
        <span className="form-error-message" id={`${id}-error`}>
          <span className="sr-only">{t('form.error_prefix')} </span>
          {error}
        </span>
      ) : null}
    </>
  );
}

type TextFieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
} & Omit<InputHTMLAttributes<HTMLInputElement>, 'id'>;

export function TextField({ id, label, hint, error, optional, className, ...input }: TextFieldProps) {
  const { t } = useI18n();
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {optional ? <span className="weight-normal"> ({t('form.optional')})</span> : null}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <input
        id={id}
        name={id}
        className={`form-input${className ? ` ${className}` : ''}`}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        required={!optional && input.required !== false}
        {...input}
      />
    </div>
  );
}

type TextAreaProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  optional?: boolean;
} & Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'id'>;

/** A DKFDS text area for longer text, with label, help text and error above it. */
export function TextArea({ id, label, hint, error, optional, ...textarea }: TextAreaProps) {
  const { t } = useI18n();
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
        {optional ? <span className="weight-normal"> ({t('form.optional')})</span> : null}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <textarea id={id} name={id} className="form-input" rows={5} aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...textarea} />
    </div>
  );
}

type SelectFieldProps = {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: string; label: string }[];
} & Omit<SelectHTMLAttributes<HTMLSelectElement>, 'id'>;

export function SelectField({ id, label, hint, error, options, ...select }: SelectFieldProps) {
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <label className="form-label" htmlFor={id}>
        {label}
      </label>
      <FieldMessages id={id} hint={hint} error={error} />
      <select id={id} name={id} className="form-select" aria-invalid={error ? true : undefined} aria-describedby={describedBy(id, hint, error)} {...select}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </div>
  );
}

/** A group of checkboxes in a fieldset. The first box's id is `${id}-0`, the target of error links. */
export function CheckboxGroup<V extends string>({
  id,
  legend,
  hint,
  error,
  options,
  value,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  hint?: ReactNode;
  error?: string;
  options: { value: V; label: string; hint?: string }[];
  value: readonly V[];
  onChange(next: V[]): void;
}) {
  return (
    <div className={`form-group${error ? ' form-error' : ''}`}>
      <fieldset aria-describedby={describedBy(id, hint, error)}>
        <legend className="form-label">{legend}</legend>
        <FieldMessages id={id} hint={hint} error={error} />
        {options.map((option, index) => {
          const boxId = `${id}-${index}`;
          const checked = value.includes(option.value);
          return (
            <div className="form-group-checkbox" key={option.value}>
              <input
                type="checkbox"
                id={boxId}
                name={id}
                className="form-checkbox"
                value={option.value}
                checked={checked}
                aria-describedby={option.hint ? `${boxId}-hint` : undefined}
                onChange={() => onChange(checked ? value.filter((v) => v !== option.value) : [...value, option.value])}
              />
              <label htmlFor={boxId}>{option.label}</label>
              {option.hint ? (
                <span className="form-hint" id={`${boxId}-hint`}>
                  {option.hint}
                </span>
              ) : null}
            </div>
          );
        })}
      </fieldset>
    </div>
  );
}

/** Radio buttons in a fieldset. The first button's id is `${id}-0`. */
export function RadioGroup<V extends string>({
  id,
  legend,
  options,
  value,
  onChange,
}: {
  id: string;
  legend: ReactNode;
  options: { value: V; label: string; lang?: string }[];
  value: V;
  onChange(next: V): void;
}) {
  return (
    <div className="form-group">
      <fieldset>
        <legend className="form-label">{legend}</legend>
        {options.map((option, index) => (
          <div className="form-group-radio" key={option.value}>
            <input type="radio" id={`${id}-${index}`} name={id} className="form-radio" value={option.value} checked={value === option.value} onChange={() => onChange(option.value)} />
            <label htmlFor={`${id}-${index}`} lang={option.lang}>
              {option.label}
            </label>
          </div>
        ))}
      </fieldset>
    </div>
  );
}

/**
 * The error summary at the top of a form after a failed submit. It takes focus so screen
 * readers read it; each error links to its field.
 */
export function ErrorSummary({ errors, attempt }: { errors: FormError[]; attempt: number }) {
  const { t } = useI18n();
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (errors.length > 0) ref.current?.focus();
    // Focus again on each failed attempt, even when the errors are the same.
  }, [attempt, errors.length]);
  if (errors.length === 0) return null;
  return (
    <div className="alert alert-error error-summary" role="alert" aria-labelledby="error-summary-heading" tabIndex={-1} ref={ref}>
      <Icon name="error" label={t('alert.error')} className="alert-icon" />
      <div className="alert-body">
        <h2 className="alert-heading" id="error-summary-heading">
          {t('form.error_summary')}
        </h2>
        <ul className="alert-text nobullet-list">
          {errors.map((error, index) => (
            <li key={`${error.fieldId ?? 'form'}-${index}`}>
              {error.fieldId ? (
                <a
                  href={`#${error.fieldId}`}
                  className="function-link"
                  onClick={(event) => {
                    const target = document.getElementById(error.fieldId as string);
                    if (!target) return;
                    event.preventDefault();
                    target.focus();
                    target.scrollIntoView({ block: 'center' });
                  }}
                >
                  {error.message}
                </a>
              ) : (
                error.message
              )}
            </li>
          ))}
        </ul>
      </div>
    </div>
  );
}

/**
 * Turns a failed request into form errors: the server's field errors go to their fields
 * (through `fieldIds`, server field name → input id); anything else becomes a form-level
 * error with the problem's title and detail, already in the user's language.
 */
export function errorsFromFailure(error: unknown, fieldIds: Record<string, string>, t: ReturnType<typeof useI18n>['t']): FormError[] {
  if (error instanceof ApiError) {
    const fieldErrors = (error.problem.errors ?? []).map((e) => {
      const base = e.field.replace(/\[\d+\]$/, '').split('.')[0];
      const fieldId = fieldIds[e.field] ?? fieldIds[base];
      return fieldId ? { fieldId, message: e.message } : { message: `${e.field}: ${e.message}` };
    });
    if (fieldErrors.length > 0) return fieldErrors;
    return [{ message: [error.problem.title, error.problem.detail].filter(Boolean).join('. ') }];
  }
  if (error instanceof NetworkError) return [{ message: t('error.network') }];
  return [{ message: t('error.unexpected') }];
}

/** The message for one field, if any. */
export function errorFor(errors: FormError[], fieldId: string): string | undefined {
  return errors.find((e) => e.fieldId === fieldId)?.message;
}
