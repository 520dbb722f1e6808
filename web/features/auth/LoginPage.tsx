import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { ME_KEY, pathForStage } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { PageHeading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError } from '../../lib/api.ts';
import { fetchMe, login } from '../../lib/endpoints.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export function LoginPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const location = useLocation();
  const queryClient = useQueryClient();
  const next = new URLSearchParams(location.search).get('next');
  const loggedOut = (location.state as { loggedOut?: boolean } | null)?.loggedOut;
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  // Shown once the account is slowed down by failed logins: its owner gets in with a code.
  const [askCode, setAskCode] = useState(false);
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);

  const mutation = useMutation({
    mutationFn: async () => {
      const { stage } = await login(email.trim(), password, askCode ? code.trim() : undefined);
      // The CSRF token and the user come with /api/me; fetch it before going on.
      const me = await fetchMe();
      return { stage, me };
    },
    onSuccess: ({ stage, me }) => {
      queryClient.setQueryData(ME_KEY, me);
      navigate(pathForStage(stage, next), { replace: true });
    },
    onError: (error) => {
      if (error instanceof ApiError && error.problem.type === '/problems/too-many-attempts') setAskCode(true);
      setErrors(errorsFromFailure(error, { email: 'email', password: 'password', code: 'code' }, t));
      setAttempt((n) => n + 1);
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!email.trim()) found.push({ fieldId: 'email', message: t('login.email_required') });
    else if (!EMAIL.test(email.trim())) found.push({ fieldId: 'email', message: t('login.email_invalid') });
    if (!password) found.push({ fieldId: 'password', message: t('login.password_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };

  return (
    <div className="row">
      <div className="col-12 col-md-8 col-lg-6">
        <PageHeading lead={t('login.lead')}>{t('login.title')}</PageHeading>
        {loggedOut && errors.length === 0 ? <Alert variant="success" heading={t('login.logged_out')} /> : null}
        <ErrorSummary errors={errors} attempt={attempt} />
        <form onSubmit={onSubmit} noValidate>
          <TextField id="email" label={t('login.email')} type="email" autoComplete="username" value={email} onChange={(e) => setEmail(e.target.value)} error={errorFor(errors, 'email')} />
          <TextField
            id="password"
            label={t('login.password')}
            type="password"
            autoComplete="current-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={errorFor(errors, 'password')}
          />
          {askCode ? (
            <TextField id="code" label={t('login.code')} hint={t('login.code_hint')} optional autoComplete="one-time-code" inputMode="numeric" value={code} onChange={(e) => setCode(e.target.value)} error={errorFor(errors, 'code')} className="input-width-xs" />
          ) : null}
          <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
            {mutation.isPending ? t('login.submitting') : t('login.submit')}
          </button>
        </form>
        <p className="mt-6">{t('login.help')}</p>
      </div>
    </div>
  );
}
