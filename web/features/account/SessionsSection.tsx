import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useNavigate } from 'react-router';
import type { TSessionInfo } from '../../../contracts/identity.ts';
import { useSignedOut } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { endSession, listSessions, logoutEverywhere } from '../../lib/endpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { describeUserAgent } from '../../lib/user-agent.ts';

export function SessionsSection() {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const navigate = useNavigate();
  const signedOut = useSignedOut();
  const sessions = useQuery({ queryKey: ['sessions'], queryFn: listSessions });
  const [ending, setEnding] = useState<TSessionInfo | null>(null);
  const [endingAll, setEndingAll] = useState(false);
  const end = useMutation({
    mutationFn: (id: string) => endSession(id),
    onSettled: () => {
      setEnding(null);
      void queryClient.invalidateQueries({ queryKey: ['sessions'] });
    },
  });
  const endAll = useMutation({
    mutationFn: logoutEverywhere,
    onSuccess: () => {
      signedOut();
      navigate('/login', { replace: true, state: { loggedOut: true } });
    },
    onSettled: () => setEndingAll(false),
  });

  const describe = (s: TSessionInfo) => {
    const { browser, system } = describeUserAgent(s.userAgent);
    if (browser && system) return t('account.sessions.browser_on', { browser, system });
    return browser ?? system ?? t('account.sessions.unknown_browser');
  };

  return (
    <section aria-labelledby="sessioner">
      <h2 id="sessioner" tabIndex={-1}>
        {t('account.sessions.title')}
      </h2>
      <p>{t('account.sessions.lead')}</p>
      {end.isError ? <LoadError error={end.error} /> : null}
      {endAll.isError ? <LoadError error={endAll.error} /> : null}
      {end.isSuccess ? <Alert variant="success" heading={t('account.sessions.ended')} headingLevel={3} /> : null}
      {sessions.isPending ? <Loading /> : null}
      {sessions.isError ? <LoadError error={sessions.error} retry={() => void sessions.refetch()} /> : null}
      {sessions.data ? (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-label={t('account.sessions.table_label')}>
          <table className="table table--compact">
            <thead>
              <tr>
                <th scope="col">{t('account.sessions.device')}</th>
                <th scope="col">{t('account.sessions.ip')}</th>
                <th scope="col">{t('account.sessions.started')}</th>
                <th scope="col">{t('account.sessions.last_seen')}</th>
                <th scope="col">
                  <span className="sr-only">{t('common.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {sessions.data.map((s) => (
                <tr key={s.id}>
                  <td>
                    {describe(s)}
                    {s.current ? <span className="tag tag-current">{t('account.sessions.this_one')}</span> : null}
                  </td>
                  <td>{s.ip ?? '–'}</td>
                  <td>{formatDateTime(s.createdAt, locale)}</td>
                  <td>{formatDateTime(s.lastSeenAt, locale)}</td>
                  <td className="align-text-right">
                    {s.current ? null : (
                      <button type="button" className="button button-secondary" onClick={() => setEnding(s)}>
                        {t('account.sessions.end')}
                        <span className="sr-only">: {describe(s)}, {formatDateTime(s.createdAt, locale)}</span>
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <button type="button" className="button button-secondary mt-5" onClick={() => setEndingAll(true)}>
        {t('account.sessions.end_all')}
      </button>
      {ending ? (
        <ConfirmDialog heading={t('account.sessions.end_confirm_heading')} confirmLabel={t('account.sessions.end')} onConfirm={() => end.mutate(ending.id)} onCancel={() => setEnding(null)} busy={end.isPending}>
          <p>{t('account.sessions.end_confirm_detail', { device: describe(ending), started: formatDateTime(ending.createdAt, locale) })}</p>
        </ConfirmDialog>
      ) : null}
      {endingAll ? (
        <ConfirmDialog heading={t('account.sessions.end_all_confirm_heading')} confirmLabel={t('account.sessions.end_all')} onConfirm={() => endAll.mutate()} onCancel={() => setEndingAll(false)} busy={endAll.isPending}>
          <p>{t('account.sessions.end_all_confirm_detail')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
