import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { Link, useSearchParams } from 'react-router';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { listUsers } from '../../lib/endpoints.ts';

export function UsersPage() {
  const { t, locale } = useI18n();
  const me = useSession();
  const [params, setParams] = useSearchParams();
  const search = params.get('q') ?? '';
  // The field keeps its own text: fed from the address, which may lag a keystroke behind, it would drop letters.
  const [text, setText] = useState(search);
  const users = useQuery({ queryKey: ['users'], queryFn: listUsers });
  const canManage = hasPermission(me, 'users.manage');
  const collator = new Intl.Collator(locale === 'da' ? 'da' : 'en');
  const needle = search.trim().toLocaleLowerCase();
  const shown = (users.data ?? [])
    .filter((u) => !needle || u.name.toLocaleLowerCase().includes(needle) || u.email.includes(needle))
    .sort((a, b) => collator.compare(a.name, b.name));

  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('nav.admin') }, { label: t('nav.admin.users') }]} />
      <PageHeading lead={t('admin.users.lead', { municipality: me.municipality ? t('header.municipality_name', { name: me.municipality.name }) : '' })}>{t('admin.users.title')}</PageHeading>
      {canManage ? (
        <p>
          <Link to="/admin/brugere/opret" className="button button-primary">
            {t('admin.users.create')}
          </Link>
        </p>
      ) : null}
      <form role="search" className="mt-5" onSubmit={(e) => e.preventDefault()}>
        <div className="form-group">
          <label className="form-label" htmlFor="user-search">
            {t('admin.users.search')}
          </label>
          <input
            id="user-search"
            type="search"
            className="form-input input-width-l"
            value={text}
            onChange={(e) => {
              setText(e.target.value);
              setParams(e.target.value ? { q: e.target.value } : {}, { replace: true });
            }}
          />
        </div>
      </form>
      {users.isPending ? <Loading /> : null}
      {users.isError ? <LoadError error={users.error} retry={() => void users.refetch()} /> : null}
      {users.data ? (
        users.data.length === 0 ? (
          <p className="empty-state">{t('admin.users.empty')}</p>
        ) : (
          <>
            <p aria-live="polite" className="rows-message">
              {t('admin.users.count', { shown: shown.length, total: users.data.length })}
            </p>
            {shown.length === 0 ? (
              <p className="empty-state">{t('admin.users.no_match')}</p>
            ) : (
              <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="page-heading">
                <table className="table table--zebra">
                  <thead>
                    <tr>
                      <th scope="col">{t('admin.users.name')}</th>
                      <th scope="col">{t('admin.users.email')}</th>
                      <th scope="col">{t('admin.users.roles')}</th>
                      <th scope="col">{t('admin.users.second_factor')}</th>
                      <th scope="col">{t('admin.users.status')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {shown.map((user) => (
                      <tr key={user.id}>
                        <td>
                          <Link to={`/admin/brugere/${user.id}`}>{user.name}</Link>
                        </td>
                        <td>{user.email}</td>
                        <td>{user.roles.map((r) => t(`role.${r}`)).join(', ')}</td>
                        <td>{user.secondFactorEnabled ? t('common.yes') : t('common.no')}</td>
                        <td>{user.disabled ? <span className="badge badge-warning">{t('admin.users.disabled')}</span> : t('admin.users.active')}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </>
        )
      ) : null}
    </>
  );
}
