import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TLocale } from '../../../contracts/common.ts';
import type { TMe } from '../../../contracts/identity.ts';
import { ME_KEY } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, RadioGroup, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { updateMe } from '../../lib/endpoints.ts';

export function ProfileSection({ me }: { me: TMe }) {
  const { t, setLocale } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(me.user.name);
  const [locale, setLocaleChoice] = useState<TLocale>(me.user.locale);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({
    mutationFn: () => updateMe({ name: name.trim(), locale }),
    onSuccess: (updated) => {
      queryClient.setQueryData(ME_KEY, updated);
      setLocale(updated.user.locale);
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { name: 'profile-name', locale: 'profile-locale-0' }, t));
      setAttempt((n) => n + 1);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: 'profile-name', message: t('account.profile.name_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <section aria-labelledby="profil">
      <h2 id="profil" tabIndex={-1}>
        {t('account.profile.title')}
      </h2>
      <p>{t('account.profile.lead', { email: me.user.email })}</p>
      {mutation.isSuccess ? <Alert variant="success" heading={t('account.profile.saved')} headingLevel={3} /> : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="profile-name" label={t('account.profile.name')} autoComplete="name" value={name} onChange={(e) => setName(e.target.value)} error={errorFor(errors, 'profile-name')} maxLength={120} />
        <RadioGroup<TLocale>
          id="profile-locale"
          legend={t('account.profile.language')}
          value={locale}
          onChange={setLocaleChoice}
          options={[
            { value: 'da', label: 'Dansk', lang: 'da' },
            { value: 'en', label: 'English', lang: 'en' },
          ]}
        />
        <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
          {t('account.profile.save')}
        </button>
      </form>
    </section>
  );
}
