import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TMe } from '../../../contracts/identity.ts';
import { ME_KEY } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { groupSecret, utf8ToBase64 } from '../../lib/bytes.ts';
import { removeSecondFactor, startEnrolment, verifyEnrolment } from '../../lib/endpoints.ts';

function Enrolment({ onStarted, onDone }: { onStarted(): void; onDone(): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [recoveryCodes, setRecoveryCodes] = useState<string[] | null>(null);
  const start = useMutation({ mutationFn: startEnrolment, onSuccess: onStarted });
  const verify = useMutation({
    mutationFn: () => verifyEnrolment(code.replace(/\s/g, '')),
    onSuccess: (result) => setRecoveryCodes(result.recoveryCodes),
    onError: (error) => {
      setErrors(errorsFromFailure(error, { code: 'totp-code' }, t));
      setAttempt((n) => n + 1);
    },
  });

  const onVerify = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = code.replace(/\s/g, '');
    const found: FormError[] = /^\d{6}$/.test(trimmed) ? [] : [{ fieldId: 'totp-code', message: t('account.second_factor.code_format') }];
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) verify.mutate();
  };

  if (recoveryCodes) {
    const file = `data:text/plain;charset=utf-8;base64,${utf8ToBase64(`${t('account.second_factor.codes_file_heading')}\n\n${recoveryCodes.join('\n')}\n`)}`;
    return (
      <div className="recovery-codes">
        <Alert variant="success" heading={t('account.second_factor.enabled_now')} headingLevel={3} />
        <Alert variant="warning" heading={t('account.second_factor.codes_heading')} headingLevel={3}>
          <p>{t('account.second_factor.codes_instruction')}</p>
        </Alert>
        <ol className="recovery-code-list" aria-label={t('account.second_factor.codes_list_label')}>
          {recoveryCodes.map((c) => (
            <li key={c}>
              <code>{c}</code>
            </li>
          ))}
        </ol>
        <div className="button-group">
          <a className="button button-secondary" href={file} download="trekant-gendannelseskoder.txt">
            {t('account.second_factor.codes_download')}
          </a>
          <button type="button" className="button button-primary" onClick={onDone}>
            {t('account.second_factor.codes_done')}
          </button>
        </div>
      </div>
    );
  }

  if (!start.data) {
    return (
      <>
        {start.isError ? (
          <ErrorSummary errors={errorsFromFailure(start.error, {}, t)} attempt={start.failureCount} />
        ) : null}
        <p>{t('account.second_factor.intro')}</p>
        <button type="button" className="button button-primary" onClick={() => start.mutate()} disabled={start.isPending}>
          {t('account.second_factor.start')}
        </button>
      </>
    );
  }

  const qr = `data:image/svg+xml;base64,${utf8ToBase64(start.data.qrSvg)}`;
  return (
    <div className="enrolment">
      <ErrorSummary errors={errors} attempt={attempt} />
      <ol className="enrolment-steps">
        <li>
          <h3 className="h4">{t('account.second_factor.step_app')}</h3>
          <p>{t('account.second_factor.step_app_detail')}</p>
        </li>
        <li>
          <h3 className="h4">{t('account.second_factor.step_scan')}</h3>
          <img className="qr-code" src={qr} alt={t('account.second_factor.qr_alt')} width={200} height={200} />
          <p>{t('account.second_factor.manual')}</p>
          <p>
            <code id="totp-secret" className="secret">
              {groupSecret(start.data.secret)}
            </code>
          </p>
        </li>
        <li>
          <h3 className="h4">{t('account.second_factor.step_code')}</h3>
          <form onSubmit={onVerify} noValidate>
            <TextField
              id="totp-code"
              label={t('account.second_factor.code')}
              hint={t('account.second_factor.code_hint')}
              inputMode="numeric"
              autoComplete="one-time-code"
              className="input-width-s"
              value={code}
              onChange={(e) => setCode(e.target.value)}
              error={errorFor(errors, 'totp-code')}
            />
            <button type="submit" className="button button-primary mt-5" disabled={verify.isPending}>
              {t('account.second_factor.verify')}
            </button>
          </form>
        </li>
      </ol>
    </div>
  );
}

function Removal({ required }: { required: boolean }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [password, setPassword] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({
    mutationFn: () => removeSecondFactor(password),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: ME_KEY }),
    onError: (error) => {
      setErrors(errorsFromFailure(error, { password: 'remove-password' }, t));
      setAttempt((n) => n + 1);
    },
    onSettled: () => setConfirming(false),
  });
  if (required) return <p>{t('account.second_factor.required_cannot_remove')}</p>;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = password ? [] : [{ fieldId: 'remove-password', message: t('account.second_factor.password_required') }];
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) setConfirming(true);
  };
  return (
    <>
      <h3>{t('account.second_factor.remove_title')}</h3>
      <p>{t('account.second_factor.remove_lead')}</p>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="remove-password" label={t('account.second_factor.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} error={errorFor(errors, 'remove-password')} />
        <button type="submit" className="button button-secondary mt-5">
          {t('account.second_factor.remove')}
        </button>
      </form>
      {confirming ? (
        <ConfirmDialog heading={t('account.second_factor.remove_confirm_heading')} confirmLabel={t('account.second_factor.remove_confirm')} onConfirm={() => mutation.mutate()} onCancel={() => setConfirming(false)} busy={mutation.isPending}>
          <p>{t('account.second_factor.remove_confirm_detail')}</p>
        </ConfirmDialog>
      ) : null}
    </>
  );
}

export function SecondFactorSection({ me }: { me: TMe }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  // Kept open after verification so the recovery codes stay on screen until the user is done.
  const [enrolling, setEnrolling] = useState(false);
  const showEnrolment = enrolling || !me.secondFactor.enabled;
  return (
    <section aria-labelledby="anden-faktor">
      <h2 id="anden-faktor" tabIndex={-1}>
        {t('account.second_factor.title')}
      </h2>
      {me.stage === 'enrolment_required' ? (
        <Alert variant="warning" heading={t('account.second_factor.required_heading')} headingLevel={3}>
          <p>{t('account.second_factor.required_detail')}</p>
        </Alert>
      ) : null}
      {showEnrolment ? (
        <Enrolment
          onStarted={() => setEnrolling(true)}
          onDone={() => {
            setEnrolling(false);
            void queryClient.invalidateQueries({ queryKey: ME_KEY });
          }}
        />
      ) : (
        <>
          <p>
            <strong>{t('account.second_factor.status_on')}</strong> {t('account.second_factor.status_on_detail')}
          </p>
          <Removal required={me.secondFactor.required} />
        </>
      )}
    </section>
  );
}
