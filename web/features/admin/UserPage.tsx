import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useLocation, useParams } from 'react-router';
import type { TUserDetail } from '../../../contracts/identity.ts';
import type { TRole } from '../../../contracts/roles.ts';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxGroup, ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getUser, updateUser } from '../../lib/endpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { roleOptions } from './roles.ts';
import { UserFunctionsSection } from './UserFunctionsSection.tsx';

function EditUser({ user }: { user: TUserDetail }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [roles, setRoles] = useState<TRole[]>(user.roles);
  const [disabled, setDisabled] = useState(user.disabled);
  const [confirming, setConfirming] = useState(false);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({
    mutationFn: () => updateUser(user.id, { name: name.trim(), roles, disabled }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      void queryClient.invalidateQueries({ queryKey: ['user', user.id] });
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { name: 'edit-name', roles: 'edit-roles-0', disabled: 'edit-disabled' }, t));
      setAttempt((n) => n + 1);
    },
    onSettled: () => setConfirming(false),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: 'edit-name', message: t('admin.user.name_required') });
    if (roles.length === 0) found.push({ fieldId: 'edit-roles-0', message: t('admin.user.roles_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length > 0) return;
    // Blocking access ends the user's sessions: ask first.
    if (disabled && !user.disabled) setConfirming(true);
    else mutation.mutate();
  };
  return (
    <section aria-labelledby="edit-heading" className="mt-7">
      <h2 id="edit-heading">{t('admin.user.edit_title')}</h2>
      {mutation.isSuccess ? <Alert variant="success" heading={t('admin.user.saved')} headingLevel={3} /> : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        {user.abilities.updateAccount ? null : <p className="form-hint" id="edit-shared-hint">{t('admin.user.shared_account')}</p>}
        <TextField id="edit-name" label={t('admin.user.name')} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(errors, 'edit-name')} maxLength={120} readOnly={!user.abilities.updateAccount} />
        <CheckboxGroup id="edit-roles" legend={t('admin.user.roles')} value={roles} onChange={setRoles} options={roleOptions(t)} error={errorFor(errors, 'edit-roles-0')} />
        <div className="form-group">
          <fieldset>
            <legend className="form-label">{t('admin.user.access')}</legend>
            <div className="form-group-checkbox">
              <input type="checkbox" id="edit-disabled" className="form-checkbox" checked={disabled} onChange={(e) => setDisabled(e.target.checked)} aria-describedby="edit-disabled-hint" disabled={!user.abilities.updateAccount} />
              <label htmlFor="edit-disabled">{t('admin.user.block')}</label>
              <span className="form-hint" id="edit-disabled-hint">
                {t('admin.user.block_hint')}
              </span>
            </div>
          </fieldset>
        </div>
        <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
          {t('admin.user.save')}
        </button>
      </form>
      {confirming ? (
        <ConfirmDialog heading={t('admin.user.block_confirm_heading', { name: user.name })} confirmLabel={t('admin.user.block_confirm')} onConfirm={() => mutation.mutate()} onCancel={() => setConfirming(false)} busy={mutation.isPending}>
          <p>{t('admin.user.block_confirm_detail')}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

export function UserPage() {
  const { t, locale } = useI18n();
  const { id = '' } = useParams();
  const location = useLocation();
  const created = (location.state as { created?: boolean } | null)?.created;
  const user = useQuery({ queryKey: ['user', id], queryFn: () => getUser(id) });
  const title = user.data?.name ?? t('admin.user.title');
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/admin/brugere', label: t('nav.admin.users') }, { label: title }]} />
      <PageHeading title={title}>{title}</PageHeading>
      {created ? <Alert variant="success" heading={t('admin.user.created')} /> : null}
      {user.isPending ? <Loading /> : null}
      {user.isError ? <LoadError error={user.error} retry={() => void user.refetch()} /> : null}
      {user.data ? (
        <>
          <dl className="details-list">
            <dt>{t('admin.user.email')}</dt>
            <dd>{user.data.email}</dd>
            <dt>{t('admin.user.roles')}</dt>
            <dd>{user.data.roles.map((r) => t(`role.${r}`)).join(', ')}</dd>
            <dt>{t('admin.user.status')}</dt>
            <dd>{user.data.disabled ? t('admin.users.disabled') : t('admin.users.active')}</dd>
            <dt>{t('admin.users.second_factor')}</dt>
            <dd>{user.data.secondFactorEnabled ? t('common.yes') : t('common.no')}</dd>
            <dt>{t('admin.user.language')}</dt>
            <dd>{user.data.locale === 'da' ? 'Dansk' : 'English'}</dd>
            <dt>{t('admin.user.created_at')}</dt>
            <dd>{formatDateTime(user.data.createdAt, locale)}</dd>
            <dt>{t('admin.user.last_login')}</dt>
            <dd>{user.data.lastLoginAt ? formatDateTime(user.data.lastLoginAt, locale) : t('admin.user.never_logged_in')}</dd>
          </dl>
          <p className="small-text">{t('admin.user.read_logged')}</p>
          {user.data.abilities.update ? <EditUser key={user.data.id} user={user.data} /> : <p>{t('admin.user.read_only')}</p>}
          <UserFunctionsSection userId={user.data.id} canEdit={user.data.abilities.update} />
        </>
      ) : null}
    </>
  );
}
