/**
 * Writing the plan's five sections in a draft, each in a limited rich-text field, saved
 * together. The organisation and the efforts are not written here: they come from the
 * organisation map and the efforts. Loaded on its own (the editor is the module's largest part).
 */
import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { WRITTEN_SECTIONS, type TPlanDetail, type TSections } from '../../../contracts/plans.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { NotFoundPage } from '../about/ForbiddenPage.tsx';
import { useWarnBeforeLeaving } from '../../lib/unsaved.ts';
import { useFormErrors } from '../efforts/shared.tsx';
import { saveSections } from './api.ts';
import { PLAN_STATUS_KEYS, SECTION_KEYS, planPath } from './labels.ts';
import { RichTextEditor } from './RichTextEditor.tsx';
import { planCrumbs, planName, usePlan, usePlanSaved } from './shared.tsx';
import { useRecordId } from '../../lib/ids.ts';

/** The server's limit per section (contracts/plans.ts, ZRichText). */
const MAX_LENGTH = 100_000;
const fieldId = (section: string) => `plan-section-${section}`;
const FIELD_IDS = Object.fromEntries(WRITTEN_SECTIONS.map((s) => [s, fieldId(s)]));

function SectionsForm({ plan }: { plan: TPlanDetail }) {
  const { t } = useI18n();
  const navigate = useNavigate();
  const saved = usePlanSaved(plan.id);
  const [sections, setSections] = useState<TSections>(plan.content.sections);
  const [dirty, setDirty] = useState(false);
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => saveSections(plan.id, sections),
    onSuccess: (updated) => {
      saved(updated);
      setDirty(false);
      navigate(planPath(plan.id), { state: { saved: t('plan.sections.done') } });
    },
    onError: (error) => show(errorsFromFailure(error, FIELD_IDS, t)),
  });
  useWarnBeforeLeaving(dirty);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = WRITTEN_SECTIONS.filter((s) => sections[s].length > MAX_LENGTH).map((s) => ({
      fieldId: fieldId(s),
      message: t('plan.sections.too_long', { section: t(SECTION_KEYS[s]) }),
    }));
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-label={t('plan.sections.form')}>
        {WRITTEN_SECTIONS.map((section) => (
          <RichTextEditor
            key={section}
            id={fieldId(section)}
            label={t(SECTION_KEYS[section])}
            hint={section === WRITTEN_SECTIONS[0] ? t('plan.editor.hint') : undefined}
            error={errorFor(errors, fieldId(section))}
            initial={plan.content.sections[section]}
            onChange={(html) => {
              setSections((current) => ({ ...current, [section]: html }));
              setDirty(true);
            }}
          />
        ))}
        <div className="button-group mt-6">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {t('plan.sections.save')}
          </button>
          <Link to={planPath(plan.id)} className="button button-tertiary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

function Sections({ planId }: { planId: string }) {
  const { t } = useI18n();
  const plan = usePlan(planId);
  const data = plan.data;
  return (
    <>
      <Breadcrumbs items={planCrumbs(t, [...(data ? [{ to: planPath(planId), label: planName(t, data.year) }] : []), { label: t('plan.sections.title') }])} />
      <PageHeading lead={t('plan.sections.lead')}>{t('plan.sections.title')}</PageHeading>
      {plan.isPending ? <Loading /> : null}
      {plan.isError ? <LoadError error={plan.error} retry={() => void plan.refetch()} /> : null}
      {data && !data.abilities.edit ? (
        <Alert variant="info" heading={t('plan.sections.locked', { version: data.version, status: t(PLAN_STATUS_KEYS[data.status]).toLocaleLowerCase() })}>
          <p>{t('plan.sections.locked_detail')}</p>
          <p>
            <Link to={planPath(planId)}>{t('plan.sections.back')}</Link>
          </p>
        </Alert>
      ) : null}
      {/* A new version starts afresh with its own text. */}
      {data?.abilities.edit ? <SectionsForm key={data.version} plan={data} /> : null}
    </>
  );
}

/** /handlingsplan/<id>/afsnit */
export default function SectionsPage() {
  const planId = useRecordId();
  return planId ? <Sections planId={planId} /> : <NotFoundPage />;
}
