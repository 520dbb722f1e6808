import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TSecondFactorPolicy } from '../../../contracts/identity.ts';
import type { TRole } from '../../../contracts/roles.ts';
import { ME_KEY } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { CheckboxGroup, ErrorSummary, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getSecondFactorPolicy, setSecondFactorPolicy } from '../../lib/endpoints.ts';
import { roleOptions } from './roles.ts';

function PolicyForm({ policy }: { policy: TSecondFactorPolicy }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [roles, setRoles] = useState<TRole[]>(policy.requiredForRoles);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({
    mutationFn: () => setSecondFactorPolicy({ requiredForRoles: roles }),
    onSuccess: (saved) => {
      queryClient.setQueryData(['second-factor-policy'], saved);
      // The administrator's own "required" flag may have changed.
      void queryClient.invalidateQueries({ queryKey: ME_KEY });
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { requiredForRoles: 'policy-roles-0' }, t));
      setAttempt((n) => n + 1);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setErrors([]);
    mutation.mutate();
  };
  return (
    <>
      {mutation.isSuccess ? <Alert variant="success" heading={t('admin.policy.saved')} /> : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <CheckboxGroup id="policy-roles" legend={t('admin.policy.roles')} hint={t('admin.policy.roles_hint')} value={roles} onChange={setRoles} options={roleOptions(t)} />
        <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
          {t('admin.policy.save')}
        </button>
      </form>
    </>
  );
}

export function SecondFactorPolicyPage() {
  const { t } = useI18n();
  const policy = useQuery({ queryKey: ['second-factor-policy'], queryFn: getSecondFactorPolicy });
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('nav.admin') }, { label: t('nav.admin.second_factor') }]} />
      <PageHeading lead={t('admin.policy.lead')}>{t('admin.policy.title')}</PageHeading>
      {policy.isPending ? <Loading /> : null}
      {policy.isError ? <LoadError error={policy.error} retry={() => void policy.refetch()} /> : null}
      {policy.data ? <PolicyForm policy={policy.data} /> : null}
    </>
  );
}
