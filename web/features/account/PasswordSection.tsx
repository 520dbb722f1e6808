import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { changePassword } from '../../lib/endpoints.ts';

const MIN_LENGTH = 12;

export function PasswordSection() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({
    mutationFn: () => changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      // The server ended the other sessions.
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { currentPassword: 'current-password', newPassword: 'new-password' }, t));
      setAttempt((n) => n + 1);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!current) found.push({ fieldId: 'current-password', message: t('account.password.current_required') });
    if (next.length < MIN_LENGTH) found.push({ fieldId: 'new-password', message: t('account.password.too_short', { min: MIN_LENGTH }) });
    else if (next === current) found.push({ fieldId: 'new-password', message: t('account.password.same_as_current') });
    if (next !== repeat) found.push({ fieldId: 'repeat-password', message: t('account.password.mismatch') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <section aria-labelledby="adgangskode">
      <h2 id="adgangskode" tabIndex={-1}>
        {t('account.password.title')}
      </h2>
      <p>{t('account.password.lead')}</p>
      {mutation.isSuccess ? (
        <Alert variant="success" heading={t('account.password.changed')} headingLevel={3}>
          <p>{t('account.password.changed_detail')}</p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="current-password" label={t('account.password.current')} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} error={errorFor(errors, 'current-password')} />
        <TextField
          id="new-password"
          label={t('account.password.new')}
          hint={t('account.password.new_hint', { min: MIN_LENGTH })}
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={errorFor(errors, 'new-password')}
        />
        <TextField id="repeat-password" label={t('account.password.repeat')} type="password" autoComplete="new-password" value={repeat} onChange={(e) => setRepeat(e.target.value)} error={errorFor(errors, 'repeat-password')} />
        <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
          {t('account.password.submit')}
        </button>
      </form>
    </section>
  );
}
