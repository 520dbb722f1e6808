import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TRole } from '../../../contracts/roles.ts';
import { CheckboxGroup, ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { createUser } from '../../lib/endpoints.ts';
import { roleOptions } from './roles.ts';

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;
const MIN_PASSWORD = 12;

export function CreateUserPage() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [roles, setRoles] = useState<TRole[]>([]);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({
    mutationFn: () => createUser({ name: name.trim(), email: email.trim(), password, roles }),
    onSuccess: (user) => {
      void queryClient.invalidateQueries({ queryKey: ['users'] });
      navigate(`/admin/brugere/${user.id}`, { state: { created: true } });
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { name: 'user-name', email: 'user-email', password: 'user-password', roles: 'user-roles-0' }, t));
      setAttempt((n) => n + 1);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: 'user-name', message: t('admin.user.name_required') });
    if (!EMAIL.test(email.trim())) found.push({ fieldId: 'user-email', message: t('admin.user.email_invalid') });
    if (password.length < MIN_PASSWORD) found.push({ fieldId: 'user-password', message: t('account.password.too_short', { min: MIN_PASSWORD }) });
    if (roles.length === 0) found.push({ fieldId: 'user-roles-0', message: t('admin.user.roles_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/admin/brugere', label: t('nav.admin.users') }, { label: t('admin.user.create_title') }]} />
      <PageHeading lead={t('admin.user.create_lead')}>{t('admin.user.create_title')}</PageHeading>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="user-name" label={t('admin.user.name')} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(errors, 'user-name')} maxLength={120} autoComplete="off" />
        <TextField id="user-email" label={t('admin.user.email')} type="email" value={email} onChange={(e) => setEmail(e.target.value)} error={errorFor(errors, 'user-email')} autoComplete="off" />
        <TextField
          id="user-password"
          label={t('admin.user.password')}
          hint={t('admin.user.password_hint', { min: MIN_PASSWORD })}
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          error={errorFor(errors, 'user-password')}
        />
        <CheckboxGroup id="user-roles" legend={t('admin.user.roles')} hint={t('admin.user.roles_hint')} value={roles} onChange={setRoles} options={roleOptions(t)} error={errorFor(errors, 'user-roles-0')} />
        <div className="button-group mt-5">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {t('admin.user.create_submit')}
          </button>
          <Link to="/admin/brugere" className="button button-secondary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}
