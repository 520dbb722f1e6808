import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TApiToken } from '../../../contracts/identity.ts';
import { TOKEN_SCOPES, type TTokenScope } from '../../../contracts/roles.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxGroup, ErrorSummary, SelectField, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { createToken, listTokens, revokeToken } from '../../lib/endpoints.ts';
import { formatDate, formatDateTime } from '../../lib/format.ts';

const EXPIRY_CHOICES = ['30', '90', '365', ''] as const;

export function TokensSection() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const tokens = useQuery({ queryKey: ['tokens'], queryFn: listTokens });
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<TTokenScope[]>(['read']);
  const [expiry, setExpiry] = useState<string>('90');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [revoking, setRevoking] = useState<TApiToken | null>(null);

  const create = useMutation({
    mutationFn: () => createToken({ name: name.trim(), scopes, ...(expiry ? { expiresInDays: Number(expiry) } : {}) }),
    onSuccess: () => {
      setName('');
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { name: 'token-name', scopes: 'token-scopes-0', expiresInDays: 'token-expiry' }, t));
      setAttempt((n) => n + 1);
    },
  });
  const revoke = useMutation({
    mutationFn: (id: string) => revokeToken(id),
    onSettled: () => {
      setRevoking(null);
      void queryClient.invalidateQueries({ queryKey: ['tokens'] });
    },
  });

  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: 'token-name', message: t('account.tokens.name_required') });
    if (scopes.length === 0) found.push({ fieldId: 'token-scopes-0', message: t('account.tokens.scopes_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) create.mutate();
  };

  return (
    <section aria-labelledby="api-noegler">
      <h2 id="api-noegler" tabIndex={-1}>
        {t('account.tokens.title')}
      </h2>
      <p>{t('account.tokens.lead')}</p>
      {revoke.isError ? <LoadError error={revoke.error} /> : null}
      {tokens.isPending ? <Loading /> : null}
      {tokens.isError ? <LoadError error={tokens.error} retry={() => void tokens.refetch()} /> : null}
      {tokens.data && tokens.data.length === 0 ? <p className="empty-state">{t('account.tokens.empty')}</p> : null}
      {tokens.data && tokens.data.length > 0 ? (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-label={t('account.tokens.table_label')}>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('account.tokens.name')}</th>
                <th scope="col">{t('account.tokens.scopes')}</th>
                <th scope="col">{t('account.tokens.created')}</th>
                <th scope="col">{t('account.tokens.last_used')}</th>
                <th scope="col">{t('account.tokens.expires')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {tokens.data.map((token) => (
                <tr key={token.id}>
                  <td>{token.name}</td>
                  <td>{token.scopes.map((s) => t(`scope.${s}`)).join(', ')}</td>
                  <td>{formatDate(token.createdAt, locale)}</td>
                  <td>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, locale) : t('account.tokens.never_used')}</td>
                  <td>{token.expiresAt ? formatDate(token.expiresAt, locale) : t('account.tokens.no_expiry')}</td>
                  <td className="align-text-right">
                    <button type="button" className="button button-secondary" onClick={() => setRevoking(token)}>
                      {t('account.tokens.revoke')}
                      <span className="sr-only">: {token.name}</span>
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}

      <h3 className="mt-7">{t('account.tokens.create_title')}</h3>
      {create.data ? (
        <Alert variant="warning" heading={t('account.tokens.created_heading', { name: create.data.name })} headingLevel={3}>
          <p>{t('account.tokens.created_instruction')}</p>
          <p>
            <code id="new-token" className="secret">
              {create.data.token}
            </code>
          </p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="token-name" label={t('account.tokens.name_label')} hint={t('account.tokens.name_hint')} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(errors, 'token-name')} maxLength={80} />
        <CheckboxGroup
          id="token-scopes"
          legend={t('account.tokens.scopes')}
          error={errorFor(errors, 'token-scopes-0')}
          value={scopes}
          onChange={setScopes}
          options={TOKEN_SCOPES.map((s) => ({ value: s, label: t(`scope.${s}`), hint: t(`scope.${s}.hint`) }))}
        />
        <SelectField
          id="token-expiry"
          label={t('account.tokens.expiry')}
          value={expiry}
          onChange={(e) => setExpiry(e.target.value)}
          options={EXPIRY_CHOICES.map((d) => ({ value: d, label: d ? t('account.tokens.expiry_days', { days: d }) : t('account.tokens.no_expiry') }))}
        />
        <button type="submit" className="button button-primary mt-5" disabled={create.isPending}>
          {t('account.tokens.create')}
        </button>
      </form>
      {revoking ? (
        <ConfirmDialog heading={t('account.tokens.revoke_confirm_heading')} confirmLabel={t('account.tokens.revoke')} onConfirm={() => revoke.mutate(revoking.id)} onCancel={() => setRevoking(null)} busy={revoke.isPending}>
          <p>{t('account.tokens.revoke_confirm_detail', { name: revoking.name })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
