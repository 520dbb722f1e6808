import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { FORUM_ROLES, type TForumDetail, type TForumMember, type TForumRole } from '../../../contracts/organisation.ts';
import { hasPermission, useSession } from '../../app/session.tsx';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, RadioGroup, SelectField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { ConfirmDialog, Modal } from '../../components/Modal.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError } from '../../lib/api.ts';
import { addForumMember, changeForumMemberRole, getForum, getOrganisationMap, listForums, removeForum, removeForumMember } from '../../lib/endpoints.ts';
import { formatDateTime } from '../../lib/format.ts';
import { CADENCE_KEYS, ORG_KEY, ROLE_KEYS, SCOPE_KEYS, historySummary } from './labels.ts';
import { AsOfPicker, DistrictBadge, NotStated, useAsOf, useCollator, useLevelLabels, useWithAsOf } from './shared.tsx';
import { useFlash } from '../../app/flash.ts';

function problemText(error: unknown, t: ReturnType<typeof useI18n>['t']): string {
  if (error instanceof ApiError) return [error.problem.title, error.problem.detail].filter(Boolean).join(' ');
  return t('error.unexpected');
}

function Details({ forum, parentName }: { forum: TForumDetail; parentName: string | null }) {
  const { t } = useI18n();
  const labels = useLevelLabels();
  const withAsOf = useWithAsOf();
  return (
    <dl className="details-list">
      <dt>{t('org.forum.level')}</dt>
      <dd>
        {labels[forum.level]}
        <AssumedMark reason={forum.assumptions.level} />
      </dd>
      <dt>{t('org.forum.owner')}</dt>
      <dd>{forum.scope === 'police_district' ? <DistrictBadge /> : t(SCOPE_KEYS[forum.scope])}</dd>
      <dt>{t('org.forum.reports_to')}</dt>
      <dd>
        {forum.reportsToId ? (
          parentName ? (
            <Link to={withAsOf(`/organisation/fora/${forum.reportsToId}`)}>{parentName}</Link>
          ) : (
            t('org.forum.reports_to_hidden')
          )
        ) : (
          t('org.levels.reports_to_none')
        )}
        <AssumedMark reason={forum.assumptions.reports_to_id} />
      </dd>
      <dt>{t('org.forum.cadence')}</dt>
      <dd>
        {forum.cadence ? t(CADENCE_KEYS[forum.cadence]) : <NotStated />}
        <AssumedMark reason={forum.assumptions.cadence} />
      </dd>
      <dt>{t('org.forum.legal_basis')}</dt>
      <dd>
        {forum.legalBasis.length > 0 ? (
          <ul className="nobullet-list">
            {forum.legalBasis.map((basis) => (
              <li key={basis}>{basis}</li>
            ))}
          </ul>
        ) : (
          <NotStated />
        )}
        <AssumedMark reason={forum.assumptions.legal_basis} />
      </dd>
      <dt>{t('org.forum.purpose')}</dt>
      <dd className="pre-line">
        {forum.purpose ?? <NotStated />}
        <AssumedMark reason={forum.assumptions.purpose} />
      </dd>
      <dt>{t('org.forum.mandate')}</dt>
      <dd className="pre-line">{forum.mandate ?? <NotStated />}</dd>
    </dl>
  );
}

function AddMember({ forum, onDone }: { forum: TForumDetail; onDone(message: string): void }) {
  const { t } = useI18n();
  const collator = useCollator();
  const queryClient = useQueryClient();
  const map = useQuery({ queryKey: [ORG_KEY, 'map', null], queryFn: () => getOrganisationMap(null) });
  const [functionId, setFunctionId] = useState('');
  const [role, setRole] = useState<TForumRole>('member');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const members = new Set(forum.members.map((m) => m.functionId));
  const organisations = new Map((map.data?.organisations ?? []).map((o) => [o.id, o]));
  const groups = new Map<string, { label: string; options: { value: string; label: string }[] }>();
  for (const fn of map.data?.functions ?? []) {
    if (members.has(fn.id)) continue;
    const org = organisations.get(fn.organisationId);
    const label = org ? (org.shortName && org.shortName !== org.name ? `${org.name} (${org.shortName})` : org.name) : '—';
    if (!groups.has(fn.organisationId)) groups.set(fn.organisationId, { label, options: [] });
    groups.get(fn.organisationId)!.options.push({ value: fn.id, label: fn.title });
  }
  const sortedGroups = [...groups.values()].sort((a, b) => collator.compare(a.label, b.label));
  sortedGroups.forEach((g) => g.options.sort((a, b) => collator.compare(a.label, b.label)));
  const title = (map.data?.functions ?? []).find((f) => f.id === functionId)?.title ?? '';

  const mutation = useMutation({
    mutationFn: () => addForumMember(forum.id, { functionId, role }),
    onSuccess: (updated) => {
      queryClient.setQueryData([ORG_KEY, 'forum', forum.id, null], updated);
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      setFunctionId('');
      setRole('member');
      setErrors([]);
      onDone(t('org.members.added', { function: title, role: t(ROLE_KEYS[role]).toLocaleLowerCase() }));
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, { functionId: 'member-function', role: 'member-role' }, t));
      setAttempt((n) => n + 1);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!functionId) found.push({ fieldId: 'member-function', message: t('org.members.function_required') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };
  const functionError = errorFor(errors, 'member-function');
  return (
    <section aria-labelledby="add-member-heading" className="org-panel mt-6">
      <h3 id="add-member-heading">{t('org.members.add_title')}</h3>
      {map.isPending ? <Loading small /> : null}
      {map.isError ? <LoadError error={map.error} retry={() => void map.refetch()} /> : null}
      {map.data ? (
        <>
          <ErrorSummary errors={errors} attempt={attempt} />
          <form onSubmit={onSubmit} noValidate>
            <div className={`form-group${functionError ? ' form-error' : ''}`}>
              <label className="form-label" htmlFor="member-function">
                {t('org.members.function')}
              </label>
              <span className="form-hint" id="member-function-hint">
                {t('org.members.function_hint')}
              </span>
              {functionError ? (
                <span className="form-error-message" id="member-function-error">
                  <span className="sr-only">{t('form.error_prefix')} </span>
                  {functionError}
                </span>
              ) : null}
              <select
                id="member-function"
                className="form-select"
                value={functionId}
                onChange={(e) => setFunctionId(e.target.value)}
                aria-invalid={functionError ? true : undefined}
                aria-describedby={functionError ? 'member-function-hint member-function-error' : 'member-function-hint'}
              >
                <option value="">{t('org.members.choose_function')}</option>
                {sortedGroups.map((group) => (
                  <optgroup key={group.label} label={group.label}>
                    {group.options.map((o) => (
                      <option key={o.value} value={o.value}>
                        {o.label}
                      </option>
                    ))}
                  </optgroup>
                ))}
              </select>
            </div>
            <SelectField
              id="member-role"
              label={t('org.members.role')}
              value={role}
              onChange={(e) => setRole(e.target.value as TForumRole)}
              error={errorFor(errors, 'member-role')}
              options={FORUM_ROLES.map((r) => ({ value: r, label: t(ROLE_KEYS[r]) }))}
            />
            <button type="submit" className="button button-primary mt-4" disabled={mutation.isPending}>
              <Icon name="person-add" />
              {t('org.members.add')}
            </button>
          </form>
        </>
      ) : null}
    </section>
  );
}

function ChangeRoleDialog({ forum, member, onClose, onDone }: { forum: TForumDetail; member: TForumMember; onClose(): void; onDone(message: string): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<TForumRole>(member.role);
  const mutation = useMutation({
    mutationFn: () => changeForumMemberRole(forum.id, member.id, role),
    onSuccess: (updated) => {
      queryClient.setQueryData([ORG_KEY, 'forum', forum.id, null], updated);
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      onDone(t('org.members.role_changed', { function: member.functionTitle, role: t(ROLE_KEYS[role]).toLocaleLowerCase() }));
    },
  });
  return (
    <Modal
      heading={t('org.members.change_role_heading', { function: member.functionTitle })}
      onClose={onClose}
      actions={
        <div className="button-group">
          <button type="button" className="button button-primary" onClick={() => mutation.mutate()} disabled={mutation.isPending}>
            {t('org.members.save_role')}
          </button>
          <button type="button" className="button button-secondary" onClick={onClose}>
            {t('common.cancel')}
          </button>
        </div>
      }
    >
      {mutation.isError ? (
        <Alert variant="error" headingLevel={3} heading={t('org.members.change_failed')}>
          <p>{problemText(mutation.error, t)}</p>
        </Alert>
      ) : null}
      <p>{t('org.members.change_role_detail', { function: member.functionTitle, organisation: member.organisationName })}</p>
      <RadioGroup<TForumRole> id="member-new-role" legend={t('org.members.role')} value={role} onChange={setRole} options={FORUM_ROLES.map((r) => ({ value: r, label: t(ROLE_KEYS[r]) }))} />
    </Modal>
  );
}

function Members({ forum, editable, onMessage }: { forum: TForumDetail; editable: boolean; onMessage(message: string): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const heading = useRef<HTMLHeadingElement>(null);
  const [changing, setChanging] = useState<TForumMember | null>(null);
  const [removing, setRemoving] = useState<TForumMember | null>(null);
  const remove = useMutation({
    mutationFn: (member: TForumMember) => removeForumMember(forum.id, member.id),
    onSuccess: (updated, member) => {
      queryClient.setQueryData([ORG_KEY, 'forum', forum.id, null], updated);
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      setRemoving(null);
      onMessage(t('org.members.removed', { function: member.functionTitle }));
      // The row and its button are gone: continue from the list's heading.
      requestAnimationFrame(() => heading.current?.focus());
    },
  });
  return (
    <section aria-labelledby="members-heading" className="mt-7">
      <h2 id="members-heading" tabIndex={-1} ref={heading}>
        {t('org.members.title', { count: forum.members.length })}
      </h2>
      {remove.isError ? (
        <Alert variant="error" heading={t('org.members.remove_failed')}>
          <p>{problemText(remove.error, t)}</p>
        </Alert>
      ) : null}
      {forum.members.length === 0 ? (
        <div className="empty-state">
          <p>{editable ? t('org.members.empty_editor') : t('org.members.empty')}</p>
        </div>
      ) : (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="members-heading">
          <table className="table table--zebra" id="members-table">
            <thead>
              <tr>
                <th scope="col">{t('org.members.function')}</th>
                <th scope="col">{t('org.members.organisation')}</th>
                <th scope="col">{t('org.members.role')}</th>
                {editable ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {forum.members.map((member) => (
                <tr key={member.id}>
                  <th scope="row">{member.functionTitle}</th>
                  <td>{member.organisationName}</td>
                  <td>{t(ROLE_KEYS[member.role])}</td>
                  {editable ? (
                    <td>
                      <div className="org-row-actions">
                        <button type="button" className="function-link" onClick={() => setChanging(member)}>
                          <Icon name="edit" />
                          {t('org.members.change_role')}
                          <span className="sr-only"> – {member.functionTitle}</span>
                        </button>
                        <button type="button" className="function-link" onClick={() => setRemoving(member)}>
                          <Icon name="person-remove" />
                          {t('org.members.remove')}
                          <span className="sr-only"> – {member.functionTitle}</span>
                        </button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {editable ? <AddMember forum={forum} onDone={onMessage} /> : null}
      {changing ? (
        <ChangeRoleDialog
          forum={forum}
          member={changing}
          onClose={() => setChanging(null)}
          onDone={(message) => {
            setChanging(null);
            onMessage(message);
          }}
        />
      ) : null}
      {removing ? (
        <ConfirmDialog
          heading={t('org.members.remove_confirm_heading', { function: removing.functionTitle })}
          confirmLabel={t('org.members.remove_confirm')}
          onConfirm={() => remove.mutate(removing)}
          onCancel={() => setRemoving(null)}
          busy={remove.isPending}
        >
          <p>{t('org.members.remove_confirm_detail', { function: removing.functionTitle, organisation: removing.organisationName, forum: forum.name })}</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}

function History({ forum }: { forum: TForumDetail }) {
  const { t, locale } = useI18n();
  const entries = [...forum.history].reverse();
  const what = (entry: TForumDetail['history'][number]) => t(`org.history.${entry.entity}_${entry.what}`);
  return (
    <section aria-labelledby="history-heading" className="mt-7">
      <h2 id="history-heading">{t('org.history.title')}</h2>
      <p>{t('org.history.lead')}</p>
      {entries.length === 0 ? (
        <div className="empty-state">
          <p>{t('org.history.empty')}</p>
        </div>
      ) : (
        <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="history-heading">
          <table className="table table--compact" id="history-table">
            <thead>
              <tr>
                <th scope="col">{t('org.history.when')}</th>
                <th scope="col">{t('org.history.who')}</th>
                <th scope="col">{t('org.history.what')}</th>
                <th scope="col">{t('org.history.details')}</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((entry, index) => (
                <tr key={`${entry.at}-${index}`}>
                  <td className="nowrap">{formatDateTime(entry.at, locale)}</td>
                  <td>{entry.actorName ?? t('org.history.unknown_actor')}</td>
                  <td>{what(entry)}</td>
                  <td>{historySummary(entry, t)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}

export function ForumPage() {
  const { t } = useI18n();
  const me = useSession();
  const { id = '' } = useParams();
  const asOf = useAsOf();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const reader = hasPermission(me, 'organisation.read');
  const forum = useQuery({ queryKey: [ORG_KEY, 'forum', id, asOf], queryFn: () => getForum(id, asOf) });
  const forums = useQuery({ queryKey: [ORG_KEY, 'forums', asOf], queryFn: () => listForums(asOf), enabled: reader });
  const [message, setMessage] = useFlash();
  const [confirmRemove, setConfirmRemove] = useState(false);
  const removal = useMutation({
    mutationFn: () => removeForum(id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      navigate('/organisation/fora', { state: { removed: forum.data?.name } });
    },
    onSettled: () => setConfirmRemove(false),
  });
  const data = forum.data;
  const editable = Boolean(data?.abilities.update) && !asOf;
  const title = data?.name ?? t('org.forum.title');
  const parentName = data?.reportsToId ? (forums.data?.find((f) => f.id === data.reportsToId)?.name ?? null) : null;
  const listCrumb = reader ? { to: '/organisation/fora', label: t('org.forums.title') } : { to: '/organisation/mine-fora', label: t('org.mine.title') };
  return (
    <>
      <Breadcrumbs items={[{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, listCrumb, { label: title }]} />
      <PageHeading title={title} lead={data?.shortName && data.shortName !== data.name ? t('org.forum.also_called', { short: data.shortName }) : undefined}>
        {title}
      </PageHeading>
      <AsOfPicker />
      {message ? <Alert variant="success" heading={message} /> : null}
      {removal.isError ? (
        <Alert variant="error" heading={t('org.forum.remove_failed')}>
          <p>{problemText(removal.error, t)}</p>
        </Alert>
      ) : null}
      {forum.isPending ? <Loading /> : null}
      {forum.isError ? <LoadError error={forum.error} retry={() => void forum.refetch()} /> : null}
      {data ? (
        <>
          {editable ? (
            <div className="button-group mb-5">
              <Link to={`/organisation/fora/${data.id}/rediger`} className="button button-secondary">
                <Icon name="edit" />
                {t('org.forum.edit')}
              </Link>
              {data.abilities.delete ? (
                <button type="button" className="button button-tertiary" onClick={() => setConfirmRemove(true)}>
                  <Icon name="delete" />
                  {t('org.forum.remove')}
                </button>
              ) : null}
            </div>
          ) : null}
          <Details forum={data} parentName={parentName} />
          <Members forum={data} editable={editable} onMessage={setMessage} />
          <History forum={data} />
          {confirmRemove ? (
            <ConfirmDialog
              heading={t('org.forum.remove_confirm_heading', { name: data.name })}
              confirmLabel={t('org.forum.remove_confirm')}
              onConfirm={() => removal.mutate()}
              onCancel={() => setConfirmRemove(false)}
              busy={removal.isPending}
            >
              <p>{t('org.forum.remove_confirm_detail', { name: data.name, members: data.members.length })}</p>
            </ConfirmDialog>
          ) : null}
        </>
      ) : null}
    </>
  );
}
