import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import type { TPlanSummary } from '../../../contracts/plans.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { currentYear, useFormErrors } from '../efforts/shared.tsx';
import { isValidYear } from '../efforts/labels.ts';
import { createPlan, listPlans } from './api.ts';
import { PLAN_KEY, planPath } from './labels.ts';
import { OutOfDateBadge, PlanStatusBadge, RevisesNote, planName } from './shared.tsx';
import { useFlash } from '../../app/flash.ts';

const YEAR_ID = 'plan-year';

function PlanTable({ plans }: { plans: TPlanSummary[] }) {
  const { t } = useI18n();
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="plans-heading">
      <table className="table table--zebra" id="plans-table">
        <thead>
          <tr>
            <th scope="col">{t('plan.list.plan')}</th>
            <th scope="col">{t('plan.list.version')}</th>
            <th scope="col">{t('plan.list.status')}</th>
            <th scope="col">{t('plan.list.published')}</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((plan) => (
            <tr key={plan.id}>
              <th scope="row">
                <Link to={planPath(plan.id)}>{planName(t, plan.year)}</Link>
              </th>
              <td>{plan.version}</td>
              <td>
                <div className="plan-summary">
                  <PlanStatusBadge status={plan.status} />
                  {plan.outOfDate ? <OutOfDateBadge /> : null}
                  <RevisesNote plan={plan} />
                </div>
              </td>
              <td>{plan.publishedVersion ? t('plan.list.published_version', { version: plan.publishedVersion }) : t('plan.list.not_published')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** A year without a plan yet: this year, else the next free one. */
function freeYear(plans: readonly TPlanSummary[]): number {
  let year = currentYear();
  while (plans.some((p) => p.year === year)) year++;
  return year;
}

function CreatePlan({ plans }: { plans: TPlanSummary[] }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [year, setYear] = useState(String(freeYear(plans)));
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => createPlan(Number(year)),
    onSuccess: (created) => {
      queryClient.setQueryData([PLAN_KEY, 'detail', created.id], created);
      void queryClient.invalidateQueries({ queryKey: [PLAN_KEY, 'list'] });
      navigate(planPath(created.id), { state: { saved: t('plan.create.done', { year: created.year }) } });
    },
    onError: (error) => show(errorsFromFailure(error, { year: YEAR_ID }, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    const text = year.trim();
    if (!isValidYear(text)) found.push({ fieldId: YEAR_ID, message: t('plan.create.year_invalid') });
    else if (plans.some((p) => p.year === Number(text))) found.push({ fieldId: YEAR_ID, message: t('plan.create.year_taken', { year: text }) });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <section aria-labelledby="create-plan-heading" className="mt-8">
      <h2 id="create-plan-heading">{t('plan.create.title')}</h2>
      <p>{t('plan.create.lead')}</p>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="create-plan-heading">
        <TextField
          id={YEAR_ID}
          label={t('plan.create.year')}
          hint={t('plan.create.year_hint')}
          value={year}
          onChange={(e) => setYear(e.target.value)}
          error={errorFor(errors, YEAR_ID)}
          inputMode="numeric"
          autoComplete="off"
          maxLength={4}
          className="input-char-4"
        />
        <button type="submit" className="button button-primary mt-4" disabled={mutation.isPending}>
          <Icon name="plus" />
          {t('plan.create.submit')}
        </button>
      </form>
    </section>
  );
}

export function PlansPage() {
  const { t } = useI18n();
  const canEdit = hasPermission(useSession(), 'plans.edit');
  const plans = useQuery({ queryKey: [PLAN_KEY, 'list'], queryFn: listPlans });
  const [saved] = useFlash();
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('nav.plans') }]} />
      <PageHeading lead={t('plan.list.lead')}>{t('plan.list.title')}</PageHeading>
      {saved ? <Alert variant="success" heading={saved} /> : null}
      <h2 id="plans-heading">{t('plan.list.heading')}</h2>
      {plans.isPending ? <Loading /> : null}
      {plans.isError ? <LoadError error={plans.error} retry={() => void plans.refetch()} /> : null}
      {plans.data ? (
        plans.data.length === 0 ? (
          <div className="empty-state">
            <p>{t('plan.list.empty')}</p>
            {canEdit ? (
              <p>
                <a href={`#${YEAR_ID}`}>{t('plan.list.create_first')}</a>
              </p>
            ) : null}
          </div>
        ) : (
          <PlanTable plans={plans.data} />
        )
      ) : null}
      {canEdit && plans.data ? <CreatePlan plans={plans.data} /> : null}
    </>
  );
}
