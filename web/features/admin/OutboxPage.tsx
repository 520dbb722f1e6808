/**
 * The e-mails Trekant has sent or holds for the municipality, newest first: approval requests,
 * revision reminders. Without a mail server (the embedded default) they stay here, so an
 * administrator can see what would have gone out, and to whom.
 */
import { useQuery } from '@tanstack/react-query';
import { Link, useSearchParams } from 'react-router';
import type { TOutboxMessage } from '../../../contracts/plans.ts';
import { SelectField } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Modal } from '../../components/Modal.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n, type MessageKey } from '../../i18n/i18n.tsx';
import { formatDateTime, formatNumber } from '../../lib/format.ts';
import { listOutbox } from '../plans/api.ts';
import '../plans/plans.css';

const SHOW = ['all', 'waiting', 'sent', 'failed'] as const;
type Show = (typeof SHOW)[number];
const SHOW_KEYS: Record<Show, MessageKey> = { all: 'outbox.show.all', waiting: 'outbox.show.waiting', sent: 'outbox.show.sent', failed: 'outbox.show.failed' };
const shown: Record<Show, (m: TOutboxMessage) => boolean> = {
  all: () => true,
  waiting: (m) => !m.sentAt,
  sent: (m) => Boolean(m.sentAt),
  failed: (m) => Boolean(m.error),
};

function State({ message }: { message: TOutboxMessage }) {
  const { t, locale } = useI18n();
  return message.sentAt ? <>{t('outbox.sent_at', { at: formatDateTime(message.sentAt, locale) })}</> : <>{t('outbox.waiting')}</>;
}

function MessageDialog({ message, onClose }: { message: TOutboxMessage; onClose(): void }) {
  const { t, locale } = useI18n();
  return (
    <Modal
      heading={message.subject}
      onClose={onClose}
      actions={
        <button type="button" className="button button-secondary" onClick={onClose}>
          {t('common.close')}
        </button>
      }
    >
      <dl className="details-list">
        <dt>{t('outbox.to')}</dt>
        <dd>{message.to}</dd>
        <dt>{t('outbox.created')}</dt>
        <dd>{formatDateTime(message.createdAt, locale)}</dd>
        <dt>{t('outbox.state')}</dt>
        <dd>
          <State message={message} />
        </dd>
        {message.error ? (
          <>
            <dt>{t('outbox.error')}</dt>
            <dd>{message.error}</dd>
          </>
        ) : null}
      </dl>
      <h3 className="h5">{t('outbox.body')}</h3>
      <pre className="outbox-body">{message.body}</pre>
    </Modal>
  );
}

export function OutboxPage() {
  const { t, locale } = useI18n();
  const outbox = useQuery({ queryKey: ['outbox'], queryFn: listOutbox });
  const [params, setParams] = useSearchParams();
  const showParam = params.get('vis') as Show | null;
  const show: Show = showParam && SHOW.includes(showParam) ? showParam : 'all';
  const openId = params.get('besked');
  const withParams = (changes: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [key, value] of Object.entries(changes)) {
      if (value) next.set(key, value);
      else next.delete(key);
    }
    return next;
  };
  const messages = (outbox.data ?? []).filter(shown[show]);
  const open = outbox.data?.find((m) => m.id === openId);
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('nav.admin') }, { label: t('nav.admin.outbox') }]} />
      <PageHeading lead={t('outbox.lead')}>{t('outbox.title')}</PageHeading>
      {outbox.isPending ? <Loading /> : null}
      {outbox.isError ? <LoadError error={outbox.error} retry={() => void outbox.refetch()} /> : null}
      {outbox.data ? (
        outbox.data.length === 0 ? (
          <div className="empty-state">
            <p>{t('outbox.empty')}</p>
          </div>
        ) : (
          <>
            <div className="row">
              <div className="col-12 col-md-6">
                <SelectField
                  id="outbox-show"
                  label={t('outbox.show')}
                  value={show}
                  onChange={(e) => setParams(withParams({ vis: e.target.value === 'all' ? null : e.target.value }), { replace: true })}
                  options={SHOW.map((s) => ({ value: s, label: t(SHOW_KEYS[s]) }))}
                />
              </div>
            </div>
            <h2 id="outbox-heading" className="mt-6">
              {t('outbox.messages')}
            </h2>
            <p className="rows-message" aria-live="polite">
              {t('outbox.count', { count: formatNumber(messages.length, locale), total: formatNumber(outbox.data.length, locale) })}
            </p>
            {messages.length === 0 ? (
              <div className="empty-state">
                <p>{t('outbox.no_match')}</p>
              </div>
            ) : (
              <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="outbox-heading">
                <table className="table table--zebra table--compact" id="outbox-table">
                  <thead>
                    <tr>
                      <th scope="col">{t('outbox.subject')}</th>
                      <th scope="col">{t('outbox.to')}</th>
                      <th scope="col">{t('outbox.created')}</th>
                      <th scope="col">{t('outbox.state')}</th>
                      <th scope="col">{t('outbox.error')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {messages.map((m) => (
                      <tr key={m.id}>
                        <th scope="row">
                          <Link to={`?${withParams({ besked: m.id }).toString()}`}>{m.subject}</Link>
                        </th>
                        <td>{m.to}</td>
                        <td className="nowrap">{formatDateTime(m.createdAt, locale)}</td>
                        <td>
                          <State message={m} />
                        </td>
                        <td>{m.error ?? '–'}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )
      ) : null}
      {open ? <MessageDialog message={open} onClose={() => setParams(withParams({ besked: null }), { replace: true })} /> : null}
    </>
  );
}
