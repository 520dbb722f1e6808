import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { FORUM_LEVELS, type TForumLevel, type TLevelLabels } from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getLevelLabels, setLevelLabels } from '../../lib/endpoints.ts';
import { LEVEL_KEYS, ORG_KEY } from './labels.ts';

const FIELD_IDS: Record<TForumLevel, string> = { strategic: 'label-strategic', coordinating: 'label-coordinating', executing: 'label-executing' };

function LabelsForm({ current }: { current: TLevelLabels }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [labels, setLabels] = useState<TLevelLabels>(current);
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const mutation = useMutation({
    mutationFn: () => setLevelLabels({ strategic: labels.strategic.trim(), coordinating: labels.coordinating.trim(), executing: labels.executing.trim() }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: [ORG_KEY] }),
    onError: (error) => {
      setErrors(errorsFromFailure(error, FIELD_IDS, t));
      setAttempt((n) => n + 1);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    for (const level of FORUM_LEVELS) {
      const value = labels[level].trim();
      if (!value) found.push({ fieldId: FIELD_IDS[level], message: t('org.level_labels.required') });
      else if (value.length > 60) found.push({ fieldId: FIELD_IDS[level], message: t('org.form.too_long', { max: 60 }) });
    }
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      {mutation.isSuccess ? <Alert variant="success" heading={t('org.level_labels.saved')} /> : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        {FORUM_LEVELS.map((level) => (
          <TextField
            key={level}
            id={FIELD_IDS[level]}
            label={t('org.level_labels.field', { level: t(LEVEL_KEYS[level]) })}
            hint={t(`org.level_labels.hint.${level}`)}
            value={labels[level]}
            onChange={(e) => setLabels({ ...labels, [level]: e.target.value })}
            error={errorFor(errors, FIELD_IDS[level])}
            maxLength={60}
          />
        ))}
        <button type="submit" className="button button-primary mt-5" disabled={mutation.isPending}>
          {t('org.level_labels.save')}
        </button>
      </form>
    </>
  );
}

export function LevelLabelsPage() {
  const { t } = useI18n();
  const labels = useQuery({ queryKey: [ORG_KEY, 'level-labels-edit'], queryFn: getLevelLabels });
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { label: t('org.level_labels.title') }]} />
      <PageHeading lead={t('org.level_labels.lead')}>{t('org.level_labels.title')}</PageHeading>
      {labels.isPending ? <Loading /> : null}
      {labels.isError ? <LoadError error={labels.error} retry={() => void labels.refetch()} /> : null}
      {labels.data ? <LabelsForm current={labels.data} /> : null}
    </>
  );
}
