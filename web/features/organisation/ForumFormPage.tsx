import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { CADENCES, FORUM_LEVELS, KNOWN_LEGAL_BASES, type TForum, type TForumDetail, type TForumInput, type TForumLevel, type TOwnerScope } from '../../../contracts/organisation.ts';
import { CheckboxGroup, ErrorSummary, RadioGroup, SelectField, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { createForum, getForum, listForums, updateForum } from '../../lib/endpoints.ts';
import { CADENCE_KEYS, ORG_KEY, SCOPE_KEYS } from './labels.ts';
import { useCollator, useLevelLabels } from './shared.tsx';

const FIELD_IDS: Record<string, string> = {
  name: 'forum-name',
  shortName: 'forum-short',
  level: 'forum-level-0',
  reportsToId: 'forum-reports-to',
  cadence: 'forum-cadence',
  legalBasis: 'forum-legal-0',
  purpose: 'forum-purpose',
  mandate: 'forum-mandate',
  scope: 'forum-scope',
};

/** The forum and every forum reporting to it, directly or not: none of them can be its parent. */
function selfAndBelow(forums: TForum[], id: string): Set<string> {
  const result = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const f of forums) {
      if (f.reportsToId && result.has(f.reportsToId) && !result.has(f.id)) {
        result.add(f.id);
        grew = true;
      }
    }
  }
  return result;
}

function ForumForm({ forum, forums }: { forum: TForumDetail | null; forums: TForum[] }) {
  const { t } = useI18n();
  const labels = useLevelLabels();
  const collator = useCollator();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const known = KNOWN_LEGAL_BASES as readonly string[];
  const [name, setName] = useState(forum?.name ?? '');
  const [shortName, setShortName] = useState(forum?.shortName ?? '');
  const [level, setLevel] = useState<TForumLevel>(forum?.level ?? 'executing');
  const [reportsToId, setReportsToId] = useState(forum?.reportsToId ?? '');
  const [cadence, setCadence] = useState<string>(forum?.cadence ?? '');
  const [legal, setLegal] = useState<string[]>((forum?.legalBasis ?? []).filter((b) => known.includes(b)));
  const [otherLegal, setOtherLegal] = useState((forum?.legalBasis ?? []).filter((b) => !known.includes(b)).join('; '));
  const [purpose, setPurpose] = useState(forum?.purpose ?? '');
  const [mandate, setMandate] = useState(forum?.mandate ?? '');
  const [scope, setScope] = useState<TOwnerScope>(forum?.scope ?? 'municipality');
  const [errors, setErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);

  const excluded = forum ? selfAndBelow(forums, forum.id) : new Set<string>();
  const parentOptions = forums
    .filter((f) => !excluded.has(f.id))
    .sort((a, b) => FORUM_LEVELS.indexOf(a.level) - FORUM_LEVELS.indexOf(b.level) || collator.compare(a.name, b.name))
    .map((f) => ({ value: f.id, label: `${f.name} (${labels[f.level]})` }));

  const input = (): TForumInput => ({
    name: name.trim(),
    shortName: shortName.trim() || null,
    level,
    scope,
    purpose: purpose.trim() || null,
    mandate: mandate.trim() || null,
    legalBasis: [
      ...legal,
      ...otherLegal
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    ],
    cadence: (cadence || null) as TForumInput['cadence'],
    reportsToId: reportsToId || null,
  });
  const mutation = useMutation({
    mutationFn: () => (forum ? updateForum(forum.id, input()) : createForum(input())),
    onSuccess: (saved) => {
      void queryClient.invalidateQueries({ queryKey: [ORG_KEY] });
      navigate(`/organisation/fora/${saved.id}`, { state: { saved: forum ? t('org.forum.saved') : t('org.forum.created') } });
    },
    onError: (error) => {
      setErrors(errorsFromFailure(error, FIELD_IDS, t));
      setAttempt((n) => n + 1);
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = [];
    if (!name.trim()) found.push({ fieldId: 'forum-name', message: t('org.forum.name_required') });
    if (shortName.trim().length > 30) found.push({ fieldId: 'forum-short', message: t('org.form.too_long', { max: 30 }) });
    if (otherLegal.split(';').some((s) => s.trim().length > 100)) found.push({ fieldId: 'forum-legal-other', message: t('org.forum.legal_too_long') });
    setErrors(found);
    setAttempt((n) => n + 1);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate>
        <TextField id="forum-name" label={t('org.forum.name')} value={name} onChange={(e) => setName(e.target.value)} error={errorFor(errors, 'forum-name')} maxLength={160} />
        <TextField
          id="forum-short"
          label={t('org.forum.short_name')}
          hint={t('org.forum.short_name_hint')}
          optional
          value={shortName}
          onChange={(e) => setShortName(e.target.value)}
          error={errorFor(errors, 'forum-short')}
          className="input-width-s"
        />
        <RadioGroup<TForumLevel> id="forum-level" legend={t('org.forum.level')} value={level} onChange={setLevel} options={FORUM_LEVELS.map((l) => ({ value: l, label: labels[l] }))} />
        {errorFor(errors, 'forum-level-0') ? <p className="form-error-message">{errorFor(errors, 'forum-level-0')}</p> : null}
        <SelectField
          id="forum-reports-to"
          label={t('org.forum.reports_to')}
          hint={t('org.forum.reports_to_hint')}
          value={reportsToId}
          onChange={(e) => setReportsToId(e.target.value)}
          error={errorFor(errors, 'forum-reports-to')}
          options={[{ value: '', label: t('org.forum.reports_to_nobody') }, ...parentOptions]}
        />
        <SelectField
          id="forum-cadence"
          label={t('org.forum.cadence')}
          value={cadence}
          onChange={(e) => setCadence(e.target.value)}
          error={errorFor(errors, 'forum-cadence')}
          options={[{ value: '', label: t('org.not_stated') }, ...CADENCES.map((c) => ({ value: c, label: t(CADENCE_KEYS[c]) }))]}
        />
        <CheckboxGroup
          id="forum-legal"
          legend={t('org.forum.legal_basis')}
          hint={t('org.forum.legal_basis_hint')}
          value={legal}
          onChange={setLegal}
          options={known.map((b) => ({ value: b, label: b }))}
          error={errorFor(errors, 'forum-legal-0')}
        />
        <TextField
          id="forum-legal-other"
          label={t('org.forum.legal_other')}
          hint={t('org.forum.legal_other_hint')}
          optional
          value={otherLegal}
          onChange={(e) => setOtherLegal(e.target.value)}
          error={errorFor(errors, 'forum-legal-other')}
        />
        <TextArea id="forum-purpose" label={t('org.forum.purpose')} optional value={purpose} onChange={(e) => setPurpose(e.target.value)} error={errorFor(errors, 'forum-purpose')} maxLength={4000} />
        <TextArea
          id="forum-mandate"
          label={t('org.forum.mandate')}
          hint={t('org.forum.mandate_hint')}
          optional
          value={mandate}
          onChange={(e) => setMandate(e.target.value)}
          error={errorFor(errors, 'forum-mandate')}
          maxLength={4000}
        />
        <SelectField
          id="forum-scope"
          label={t('org.forum.owner')}
          hint={t('org.owner.hint')}
          value={scope}
          onChange={(e) => setScope(e.target.value as TOwnerScope)}
          error={errorFor(errors, 'forum-scope')}
          options={(['municipality', 'police_district'] as const).map((s) => ({ value: s, label: t(SCOPE_KEYS[s]) }))}
        />
        <div className="button-group mt-6">
          <button type="submit" className="button button-primary" disabled={mutation.isPending}>
            {forum ? t('org.form.save') : t('org.forums.create')}
          </button>
          <Link to={forum ? `/organisation/fora/${forum.id}` : '/organisation/fora'} className="button button-tertiary">
            {t('common.cancel')}
          </Link>
        </div>
      </form>
    </>
  );
}

export function ForumFormPage({ mode }: { mode: 'create' | 'edit' }) {
  const { t } = useI18n();
  const { id = '' } = useParams();
  const forum = useQuery({ queryKey: [ORG_KEY, 'forum', id, null], queryFn: () => getForum(id), enabled: mode === 'edit' });
  const forums = useQuery({ queryKey: [ORG_KEY, 'forums', null], queryFn: () => listForums(null) });
  const title = mode === 'edit' ? t('org.forum.edit_title', { name: forum.data?.name ?? '' }) : t('org.forums.create');
  const pending = forums.isPending || (mode === 'edit' && forum.isPending);
  const error = forums.error ?? (mode === 'edit' ? forum.error : null);
  return (
    <>
      <Breadcrumbs
        items={[
          { to: '/', label: t('nav.front_page') },
          { to: '/organisation', label: t('nav.organisation') },
          { to: '/organisation/fora', label: t('org.forums.title') },
          ...(mode === 'edit' && forum.data ? [{ to: `/organisation/fora/${id}`, label: forum.data.name }] : []),
          { label: mode === 'edit' ? t('org.forum.edit') : t('org.forums.create') },
        ]}
      />
      <PageHeading title={title} lead={t('org.forum.form_lead')}>
        {title}
      </PageHeading>
      {pending ? <Loading /> : null}
      {error ? <LoadError error={error} retry={() => void (forums.refetch(), forum.refetch())} /> : null}
      {!pending && !error && forums.data ? <ForumForm key={forum.data?.id ?? 'new'} forum={mode === 'edit' ? (forum.data ?? null) : null} forums={forums.data} /> : null}
    </>
  );
}
