import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ME_KEY, pathForStage, useSignedOut } from '../../app/session.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { PageHeading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { completeSecondFactor, fetchMe, logout } from '../../lib/endpoints.ts';

export function SecondFactorPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const signedOut = useSignedOut();
  const next = new URLSearchParams(location.search).get('next');
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);

  const mutation = useMutation({
    mutationFn: async () => {
      await completeSecondFactor(code.replace(/\s/g, ''));
      return fetchMe();
    },
    onSuccess: (me) => {
      queryClient.setQueryData(ME_KEY, me);
      navigate(pathForStage('full', next), { replace: true });
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { code: 'code' }, t));
      setAttempt((n) => n + 1);
    },
  });

  const cancel = useMutation({
    mutationFn: logout,
    onSettled: () => {
      signedOut();
      navigate('/login', { replace: true });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    const found: FormError[] = [];
    if (!trimmed) found.push({ fieldId: 'code', message: t('second_factor.code_required') });
    else if (trimmed.length < 6) found.push({ fieldId: 'code', message: t('second_factor.code_too_short') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading lead={t('second_factor.lead')}>{t('second_factor.title')}</PageHeading>
        <ErrorSummary errors={errors} attempt={attempt} />
        <form onSubmit={onSubmit} noValidate>
          <TextField
            id="code"
            label={t('second_factor.code')}
            hint={t('second_factor.code_hint')}
            autoComplete="one-time-code"
            inputMode="text"
            className="input-width-s"
            value={code}
            onChange={(e) => setCode(e.target.value)}
            error={errorFor(errors, 'code')}
          />
          <div className="button-group mt-5">
            <button type="submit" className="button button-primary" disabled={mutation.isPending}>
              {t('second_factor.submit')}
            </button>
            <button type="button" className="button button-tertiary" onClick={() => cancel.mutate()} disabled={cancel.isPending}>
              {t('second_factor.cancel')}
            </button>
          </div>
        </form>
      </div>
    </div>
  );
}
