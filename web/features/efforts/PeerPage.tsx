import { useQuery } from '@tanstack/react-query';
import type { TPeer } from '../../../contracts/efforts.ts';
import { NotFoundPage } from '../about/ForbiddenPage.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDecimal, formatNumber } from '../../lib/format.ts';
import { TRIANGLE_KEYS } from '../organisation/labels.ts';
import { NotStated } from '../organisation/shared.tsx';
import { getPeer } from './api.ts';
import { EFFORTS_ROOT, EFFORT_KEY } from './labels.ts';
import { effortCrumbs } from './shared.tsx';
import { useRecordId } from '../../lib/ids.ts';


/** /indsatser/sammenligning/<id>: one of the memo's peers, as the memo describes it. */
export function PeerPage() {
  const id = useRecordId();
  return id ? <PeerDetailPage id={id} /> : <NotFoundPage />;
}

function PeerDetailPage({ id }: { id: string }) {
  const { t } = useI18n();
  const peer = useQuery({ queryKey: [EFFORT_KEY, 'peer', id], queryFn: () => getPeer(id) });
  const title = peer.data?.name ?? t('effort.peer.title');
  return (
    <>
      <Breadcrumbs items={effortCrumbs(t, [{ to: `${EFFORTS_ROOT}/sammenligning`, label: t('effort.peers.title') }, { label: title }])} />
      <PageHeading lead={t('effort.peer.lead')}>{title}</PageHeading>
      {peer.isPending ? <Loading /> : null}
      {peer.isError ? <LoadError error={peer.error} retry={() => void peer.refetch()} /> : null}
      {peer.data ? <PeerDetails peer={peer.data} /> : null}
    </>
  );
}

function PeerDetails({ peer }: { peer: TPeer }) {
  const { t, locale } = useI18n();
  const profile = peer.profile;
  return (
    <>
      <dl className="details-list">
        <dt>{t('effort.peers.inhabitants')}</dt>
        <dd>
          {peer.inhabitants === null ? <NotStated /> : formatNumber(peer.inhabitants, locale)}
          <AssumedMark reason={peer.assumptions.inhabitants} />
        </dd>
        <dt>{t('effort.peer.placement')}</dt>
        <dd>{peer.placement ?? <NotStated />}</dd>
      </dl>

      <section aria-labelledby="peer-staff-heading" className="mt-7">
        <h2 id="peer-staff-heading">{t('effort.peer.staff')}</h2>
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="peer-staff-heading">
          <table className="table table--compact table--zebra">
            <thead>
              <tr>
                <th scope="col">{t('org.function.title')}</th>
                <th scope="col" className="align-text-right">
                  {t('org.function.headcount')}
                </th>
                <th scope="col" className="align-text-right">
                  {t('org.function.fte')}
                </th>
                <th scope="col">{t('org.function.triangle')}</th>
              </tr>
            </thead>
            <tbody>
              {peer.staff.map((s) => (
                <tr key={s.title}>
                  <th scope="row">{s.title}</th>
                  <td className="align-text-right">{formatNumber(s.headcount, locale)}</td>
                  <td className="align-text-right">
                    {formatDecimal(s.fte, locale, 1, 2)}
                    <AssumedMark reason={s.assumed ?? undefined} />
                  </td>
                  <td>{s.level ? t(TRIANGLE_KEYS[s.level]) : <NotStated />}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      {profile ? (
        <>
          <section aria-labelledby="peer-functions-heading" className="mt-7">
            <h2 id="peer-functions-heading">{t('effort.peer.functions')}</h2>
            {profile.functions.map((group) => (
              <div key={group.heading}>
                <h3>{group.heading}</h3>
                <ul>
                  {group.items.map((item) => (
                    <li key={item}>{item}</li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
          <section aria-labelledby="peer-partners-heading" className="mt-7">
            <h2 id="peer-partners-heading">
              {t('effort.peer.partners')}
              <AssumedMark reason={profile.assumptions.partners} />
            </h2>
            <PartnerList heading={t('effort.peer.under18')} names={profile.partnersUnder18} />
            <PartnerList heading={t('effort.peer.over18')} names={profile.partnersOver18} />
          </section>
          <Notes id="peer-data" heading={t('effort.peer.data')} items={profile.data} />
          <Notes id="peer-remarks" heading={t('effort.peer.remarks')} items={profile.remarks} />
        </>
      ) : (
        <p className="mt-7">{t('effort.peer.no_profile')}</p>
      )}
    </>
  );
}

function PartnerList({ heading, names }: { heading: string; names: string[] }) {
  const { t } = useI18n();
  return (
    <>
      <h3>{heading}</h3>
      {names.length === 0 ? (
        <p>{t('effort.peer.none_stated')}</p>
      ) : (
        <ul>
          {names.map((name) => (
            <li key={name}>{name}</li>
          ))}
        </ul>
      )}
    </>
  );
}

function Notes({ id, heading, items }: { id: string; heading: string; items: string[] }) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={`${id}-heading`} className="mt-7">
      <h2 id={`${id}-heading`}>{heading}</h2>
      <ul>
        {items.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
    </section>
  );
}
