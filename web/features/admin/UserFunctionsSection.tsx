import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import type { TFunctionHolding } from '../../../contracts/organisation.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, SelectField, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { endUserFunction, getOrganisationMap, linkUserFunction, listUserFunctions } from '../../lib/endpoints.ts';
import { formatIsoDate, parseDateInput } from '../../lib/format.ts';
import { ORG_KEY } from '../organisation/labels.ts';
import { useCollator } from '../organisation/shared.tsx';

const LINK_FIELDS = { functionId: 'holding-function', validFrom: 'holding-from' };

/** Links the user to a function of the map, from a day on. */
function LinkFunction({ userId, saved }: { userId: string; saved(holdings: TFunctionHolding[]): void }) {
  const { t } = useI18n();
  const collator = useCollator();
  const map = useQuery({ queryKey: [ORG_KEY, 'map', null], queryFn: () => getOrganisationMap(null) });
  const [functionId, setFunctionId] = useState('');
  const [from, setFrom] = useState('');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const show = (found: FormError[]) => {
    setErrors(found);
    setAttempt((n) => n + 1);
  };
  const mutation = useMutation({
    mutationFn: () => linkUserFunction(userId, { functionId, validFrom: from.trim() ? (parseDateInput(from) ?? from) : undefined }),
    onSuccess: (holdings) => {
      saved(holdings);
      setFunctionId('');
      setFrom('');
      show([]);
    },
    onError: (error) => show(errorsFromFailure(error, LINK_FIELDS, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!functionId) found.push({ fieldId: LINK_FIELDS.functionId, message: t('admin.holdings.function_required') });
    if (from.trim() && !parseDateInput(from)) found.push({ fieldId: LINK_FIELDS.validFrom, message: t('effort.form.date_invalid') });
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  const organisations = new Map((map.data?.organisations ?? []).map((o) => [o.id, o.name]));
  const options = (map.data?.functions ?? [])
    .map((f) => ({ value: f.id, label: `${f.title} (${organisations.get(f.organisationId) ?? '—'})` }))
    .sort((a, b) => collator.compare(a.label, b.label));
  if (map.isError) return <LoadError error={map.error} retry={() => void map.refetch()} />;
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="holding-link-heading">
      <h3 id="holding-link-heading">{t('admin.holdings.link_title')}</h3>
      <ErrorSummary errors={errors} attempt={attempt} />
      <SelectField
        id={LINK_FIELDS.functionId}
        label={t('admin.holdings.function')}
        hint={t('admin.holdings.function_hint')}
        value={functionId}
        onChange={(e) => setFunctionId(e.target.value)}
        error={errorFor(errors, LINK_FIELDS.functionId)}
        options={[{ value: '', label: t('admin.holdings.choose_function') }, ...options]}
      />
      <TextField
        id={LINK_FIELDS.validFrom}
        label={t('admin.holdings.valid_from')}
        hint={t('admin.holdings.valid_from_hint')}
        optional
        value={from}
        onChange={(e) => setFrom(e.target.value)}
        error={errorFor(errors, LINK_FIELDS.validFrom)}
        inputMode="numeric"
        autoComplete="off"
        className="input-char-11"
      />
      <button type="submit" className="button button-secondary" disabled={mutation.isPending || map.isPending}>
        {t('admin.holdings.link')}
      </button>
    </form>
  );
}

/** Asks for the last day and ends the link. */
function EndHolding({ userId, holding, onClose, saved }: { userId: string; holding: TFunctionHolding; onClose(): void; saved(holdings: TFunctionHolding[]): void }) {
  const { t } = useI18n();
  const [to, setTo] = useState('');
  const [error, setError] = useState<string | undefined>();
  const mutation = useMutation({
    mutationFn: (validTo: string) => endUserFunction(userId, holding.id, validTo),
    onSuccess: (holdings) => {
      saved(holdings);
      onClose();
    },
    onError: (failure) => setError(errorsFromFailure(failure, { validTo: 'holding-to' }, t)[0]?.message),
  });
  const confirm = () => {
    const validTo = parseDateInput(to);
    if (!validTo) setError(t('effort.form.date_invalid'));
    else mutation.mutate(validTo);
  };
  return (
    <ConfirmDialog heading={t('admin.holdings.end_heading', { title: holding.functionTitle })} confirmLabel={t('admin.holdings.end')} onConfirm={confirm} onCancel={onClose} busy={mutation.isPending} danger={false}>
      <TextField id="holding-to" label={t('admin.holdings.valid_to')} hint={t('admin.holdings.valid_to_hint')} value={to} onChange={(e) => setTo(e.target.value)} error={error} inputMode="numeric" autoComplete="off" className="input-char-11" />
    </ConfirmDialog>
  );
}

/**
 * The functions of the map the user holds, held and will hold. They decide the user's "my
 * forums", whom a plan asks to approve it, and which forums a partner sees.
 */
export function UserFunctionsSection({ userId, canEdit }: { userId: string; canEdit: boolean }) {
  const { t, locale } = useI18n();
  const queryClient = useQueryClient();
  const key = ['user', userId, 'functions'];
  const holdings = useQuery({ queryKey: key, queryFn: () => listUserFunctions(userId) });
  const [ending, setEnding] = useState<TFunctionHolding | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const saved = (message: string) => (next: TFunctionHolding[]) => {
    queryClient.setQueryData(key, next);
    setDone(message);
  };
  const state = (h: TFunctionHolding) => (h.current ? t('admin.holdings.current') : h.validTo ? t('admin.holdings.ended') : t('admin.holdings.future'));
  return (
    <section aria-labelledby="holdings-heading" className="mt-7">
      <h2 id="holdings-heading">{t('admin.holdings.title')}</h2>
      <p>{t('admin.holdings.intro')}</p>
      {done ? <Alert variant="success" heading={done} headingLevel={3} /> : null}
      {holdings.isPending ? <Loading /> : null}
      {holdings.isError ? <LoadError error={holdings.error} retry={() => void holdings.refetch()} /> : null}
      {holdings.data && holdings.data.length === 0 ? <p>{t('admin.holdings.none')}</p> : null}
      {holdings.data && holdings.data.length > 0 ? (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="holdings-heading">
          <table className="table table--compact" id="holdings">
            <thead>
              <tr>
                <th scope="col">{t('admin.holdings.function')}</th>
                <th scope="col">{t('admin.holdings.valid_from')}</th>
                <th scope="col">{t('admin.holdings.valid_to')}</th>
                <th scope="col">{t('admin.holdings.state')}</th>
                {canEdit ? <th scope="col"><span className="sr-only">{t('admin.holdings.actions')}</span></th> : null}
              </tr>
            </thead>
            <tbody>
              {holdings.data.map((h) => (
                <tr key={h.id}>
                  <th scope="row">
                    {h.functionTitle}, {h.organisationName}
                  </th>
                  <td>{formatIsoDate(h.validFrom, locale)}</td>
                  <td>{h.validTo ? formatIsoDate(h.validTo, locale) : '–'}</td>
                  <td>{state(h)}</td>
                  {canEdit ? (
                    <td>
                      {h.validTo ? null : (
                        <button type="button" className="button button-tertiary" onClick={() => setEnding(h)}>
                          {t('admin.holdings.end_named', { title: h.functionTitle })}
                        </button>
                      )}
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
      {canEdit ? <LinkFunction userId={userId} saved={saved(t('admin.holdings.linked'))} /> : null}
      {ending ? <EndHolding userId={userId} holding={ending} onClose={() => setEnding(null)} saved={saved(t('admin.holdings.ended_done'))} /> : null}
    </section>
  );
}
