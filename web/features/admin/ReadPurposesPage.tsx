import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TReadPurpose } from '../../../contracts/audit.ts';
import { Alert } from '../../components/Alert.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { ErrorSummary, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { createReadPurpose, listReadPurposes, retireReadPurpose } from '../../lib/endpoints.ts';

const PURPOSES_KEY = ['read-purposes'];
const CODE = /^[a-z][a-z0-9_]{2,39}$/;
const ids = { code: 'purpose-code', labelDa: 'purpose-label-da', labelEn: 'purpose-label-en' };

function AddPurposeForm({ onAdded }: { onAdded(purpose: TReadPurpose): void }) {
  const { t } = useI18n();
  const [code, setCode] = useState('');
  const [labelDa, setLabelDa] = useState('');
  const [labelEn, setLabelEn] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const show = (found: FormError[]) => {
    setErrors(found);
    setAttempt((n) => n + 1);
  };
  const mutation = useMutation({
    mutationFn: () => createReadPurpose({ code, labelDa: labelDa.trim(), labelEn: labelEn.trim() }),
    onSuccess: (created) => {
      setCode('');
      setLabelDa('');
      setLabelEn('');
      show([]);
      onAdded(created);
    },
    onError: (error) => show(errorsFromFailure(error, ids, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!CODE.test(code)) found.push({ fieldId: ids.code, message: t('purposes.code_invalid') });
    for (const [fieldId, label] of [[ids.labelDa, labelDa], [ids.labelEn, labelEn]] as const) {
      if (label.trim().length < 3 || label.trim().length > 120) found.push({ fieldId, message: t('purposes.label_length') });
    }
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <div className="org-panel mt-5">
      <h2 id="purpose-add-heading" className="h3">
        {t('purposes.add_title')}
      </h2>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="purpose-add-heading">
        <TextField id={ids.code} label={t('purposes.code')} hint={t('purposes.code_hint')} value={code} onChange={(e) => setCode(e.target.value)} error={errorFor(errors, ids.code)} maxLength={40} className="input-width-m" />
        <TextField id={ids.labelDa} label={t('purposes.label_da')} value={labelDa} onChange={(e) => setLabelDa(e.target.value)} error={errorFor(errors, ids.labelDa)} maxLength={120} />
        <TextField id={ids.labelEn} label={t('purposes.label_en')} value={labelEn} onChange={(e) => setLabelEn(e.target.value)} error={errorFor(errors, ids.labelEn)} maxLength={120} lang="en" />
        <button type="submit" className="button button-secondary mt-4" disabled={mutation.isPending}>
          {t('purposes.add')}
        </button>
      </form>
    </div>
  );
}

/** The list of purposes a read of personal data may state: the national list and the municipality's own, which administrators add and retire. */
export function ReadPurposesPage() {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const purposes = useQuery({ queryKey: [...PURPOSES_KEY, 'with-retired'], queryFn: () => listReadPurposes(true) });
  const [done, setDone] = useState<string | null>(null);
  const refresh = () => void queryClient.invalidateQueries({ queryKey: PURPOSES_KEY });
  const retire = useMutation({
    mutationFn: (purpose: TReadPurpose) => retireReadPurpose(purpose.id).then(() => purpose),
    onSuccess: (purpose) => {
      setDone(t('purposes.retired_done', { label: purpose.label }));
      refresh();
    },
  });
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { label: t('nav.admin') }, { label: t('nav.admin.purposes') }]} />
      <PageHeading lead={t('purposes.lead')}>{t('purposes.title')}</PageHeading>
      <div aria-live="polite">{done ? <Alert variant="success" heading={done} headingLevel={2} /> : null}</div>
      {retire.isError ? <LoadError error={retire.error} /> : null}
      {purposes.isPending ? <Loading /> : null}
      {purposes.isError ? <LoadError error={purposes.error} retry={() => void purposes.refetch()} /> : null}
      {purposes.data ? (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="page-heading">
          <table className="table table--zebra" id="purposes-table">
            <thead>
              <tr>
                <th scope="col">{t('purposes.label_da')}</th>
                <th scope="col">{t('purposes.label_en')}</th>
                <th scope="col">{t('purposes.code')}</th>
                <th scope="col">{t('purposes.scope')}</th>
                <th scope="col">
                  <span className="sr-only">{t('purposes.actions')}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {purposes.data.map((p) => (
                <tr key={p.id}>
                  <td>
                    {p.labelDa}
                    <AssumedMark reason={p.assumptions.code} />
                  </td>
                  <td lang="en">{p.labelEn}</td>
                  <td>
                    <code>{p.code}</code>
                  </td>
                  <td>{t(p.retired ? 'purposes.retired' : p.national ? 'purposes.national' : 'purposes.own')}</td>
                  <td>
                    {p.abilities.retire ? (
                      <button type="button" className="button button-unstyled" onClick={() => retire.mutate(p)} disabled={retire.isPending}>
                        {t('purposes.retire')}
                        <span className="sr-only"> {p.label}</span>
                      </button>
                    ) : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      <AddPurposeForm
        onAdded={(created) => {
          setDone(t('purposes.added', { label: created.label }));
          refresh();
        }}
      />
    </>
  );
}
