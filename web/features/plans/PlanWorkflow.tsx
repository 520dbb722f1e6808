/**
 * The plan's way to approval: where the newest version stands (draft → submitted → approved →
 * published), who approves it and by which rule, who has decided what, and the buttons the
 * server's abilities allow this user. Submitting, approving, withdrawing and publishing ask
 * first and say what will happen.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { APPROVAL_RULES, PLAN_STATUSES, type TApprovalRule, type TPlanDetail, type TPlanStatus } from '../../../contracts/plans.ts';
import { Alert } from '../../components/Alert.tsx';
import { ErrorSummary, RadioGroup, SelectField, TextArea, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { ConfirmDialog } from '../../components/Modal.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDate, formatDateTime } from '../../lib/format.ts';
import { useForums, useFormErrors } from '../efforts/shared.tsx';
import { decide, saveSettings, stepPlan, type PlanStep } from './api.ts';
import { PLAN_KEY, PLAN_STATUS_KEYS, RULE_KEYS } from './labels.ts';
import { planName, usePlanSaved } from './shared.tsx';

/** A step of the workflow, or a vote to approve: what the buttons do. */
export type PlanAction = PlanStep | 'approve';

/**
 * Runs a workflow step and reports it in words: `onDone` gets the message for the top of the
 * page (the buttons that were pressed may be gone afterwards).
 */
export function usePlanAction(plan: TPlanDetail, onDone: (message: string) => void) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const saved = usePlanSaved(plan.id);
  return useMutation({
    mutationFn: (action: PlanAction) => (action === 'approve' ? decide(plan.id, { decision: 'approve', comment: null }) : stepPlan(plan.id, action)),
    onSuccess: (updated, action) => {
      saved(updated);
      const messages: Record<PlanAction, string> = {
        submit: t('plan.done.submit'),
        withdraw: t('plan.done.withdraw'),
        approve: updated.status === 'approved' ? t('plan.done.approve_final') : t('plan.done.approve'),
        publish: t('plan.done.publish'),
        revise: t('plan.done.revise', { version: updated.version }),
      };
      onDone(messages[action]);
    },
    // Refused, most likely because someone else moved the plan on meanwhile: show it as it is now.
    onError: () => void queryClient.invalidateQueries({ queryKey: [PLAN_KEY, 'detail', plan.id] }),
  });
}

/** The four steps as DKFDS's step indicator, read only: done, where the version is now, to come. */
function StatusSteps({ plan }: { plan: TPlanDetail }) {
  const { t, locale } = useI18n();
  const newest = plan.versions.at(-1);
  const at = PLAN_STATUSES.indexOf(plan.status);
  const info: Record<TPlanStatus, string | null> = {
    draft: t('plan.step.draft_info'),
    submitted: newest?.submittedAt ? formatDate(newest.submittedAt, locale) : null,
    approved: newest?.approvedAt ? formatDate(newest.approvedAt, locale) : null,
    published: newest?.publishedAt ? formatDate(newest.publishedAt, locale) : null,
  };
  return (
    <ol className="step-indicator" aria-label={t('plan.step.label', { version: plan.version })}>
      {PLAN_STATUSES.map((status, index) => {
        // Published is the last step: reaching it finishes it, so every step is done.
        const done = index < at || plan.status === 'published';
        const current = index === at;
        return (
          <li key={status} className={current ? 'current' : 'disabled'} aria-current={current ? 'step' : undefined}>
            <span className="step">
              {done ? (
                <span className="step-icon">
                  <Icon name="check" />
                </span>
              ) : (
                <span className="step-number">
                  <span>{index + 1}</span>
                </span>
              )}
              <span>
                <span className="step-title">
                  {t(PLAN_STATUS_KEYS[status])}
                  {done ? <span className="sr-only"> ({t('plan.step.done')})</span> : null}
                </span>
                {(done || current) && info[status] ? <span className="step-information">{info[status]}</span> : null}
              </span>
            </span>
          </li>
        );
      })}
    </ol>
  );
}

const FORUM_ID = 'plan-forum';

/** In a draft: which forum approves the plan, and whether all or a majority must. */
function ApprovalSettings({ plan, onDone }: { plan: TPlanDetail; onDone(message: string): void }) {
  const { t } = useI18n();
  const saved = usePlanSaved(plan.id);
  const forums = useForums();
  const [forumId, setForumId] = useState(plan.approvingForum?.id ?? '');
  const [rule, setRule] = useState<TApprovalRule>(plan.approvalRule);
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => saveSettings(plan.id, { approvingForumId: forumId, approvalRule: rule }),
    onSuccess: (updated) => {
      saved(updated);
      show([]);
      onDone(t('plan.settings.done'));
    },
    onError: (error) => show(errorsFromFailure(error, { approvingForumId: FORUM_ID }, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = forumId ? [] : [{ fieldId: FORUM_ID, message: t('plan.settings.forum_required') }];
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  const options = [...(forums.data ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'da')).map((f) => ({ value: f.id, label: f.name }));
  return (
    <div className="org-panel mt-5">
      <h3 id="plan-settings-heading">{t('plan.settings.title')}</h3>
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-labelledby="plan-settings-heading">
        <SelectField
          id={FORUM_ID}
          label={t('plan.settings.forum')}
          hint={t('plan.settings.forum_hint')}
          value={forumId}
          onChange={(e) => setForumId(e.target.value)}
          error={errorFor(errors, FORUM_ID)}
          disabled={!forums.data}
          options={[{ value: '', label: forums.isPending ? t('common.loading') : t('plan.settings.choose_forum') }, ...options]}
        />
        <RadioGroup<TApprovalRule> id="plan-rule" legend={t('plan.settings.rule')} value={rule} onChange={setRule} options={APPROVAL_RULES.map((r) => ({ value: r, label: t(RULE_KEYS[r]) }))} />
        <button type="submit" className="button button-secondary mt-4" disabled={mutation.isPending}>
          {t('plan.settings.save')}
        </button>
      </form>
    </div>
  );
}

function Approvers({ plan }: { plan: TPlanDetail }) {
  const { t } = useI18n();
  const voting = plan.status !== 'draft';
  const approved = plan.approvers.filter((a) => a.approved).length;
  if (plan.approvers.length === 0) {
    return (
      <Alert variant="warning" heading={t('plan.approvers.none')} headingLevel={3}>
        <p>{t('plan.approvers.none_detail')}</p>
      </Alert>
    );
  }
  return (
    <>
      <h3 id="plan-approvers-heading">{t('plan.approvers.title', { count: plan.approvers.length })}</h3>
      {voting ? <p id="plan-approval-count">{t('plan.approvers.count', { approved, total: plan.approvers.length })}</p> : <p>{t('plan.approvers.draft')}</p>}
      <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby="plan-approvers-heading">
        <table className="table table--compact" id="plan-approvers">
          <thead>
            <tr>
              <th scope="col">{t('plan.approvers.name')}</th>
              <th scope="col">{t('plan.approvers.function')}</th>
              {voting ? <th scope="col">{t('plan.approvers.state')}</th> : null}
            </tr>
          </thead>
          <tbody>
            {plan.approvers.map((a) => (
              <tr key={a.userId}>
                <th scope="row">{a.name}</th>
                <td>{a.functionTitle}</td>
                {voting ? (
                  <td className={`plan-approver-state${a.approved ? ' is-approved' : ''}`}>
                    {a.approved ? (
                      <>
                        <span aria-hidden="true">✓ </span>
                        {t('plan.approvers.approved')}
                      </>
                    ) : (
                      t('plan.approvers.waiting')
                    )}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  );
}

/** Who approved or commented on a version, and when. */
export function DecisionTable({ decisions, headingId }: { decisions: TPlanDetail['decisions']; headingId: string }) {
  const { t, locale } = useI18n();
  if (decisions.length === 0) return <p>{t('plan.decisions.empty')}</p>;
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={headingId}>
      <table className="table table--compact plan-decisions">
        <thead>
          <tr>
            <th scope="col">{t('plan.decisions.who')}</th>
            <th scope="col">{t('plan.decisions.decision')}</th>
            <th scope="col">{t('plan.decisions.comment')}</th>
            <th scope="col">{t('plan.decisions.at')}</th>
          </tr>
        </thead>
        <tbody>
          {decisions.map((d, index) => (
            <tr key={`${d.at}-${index}`}>
              <th scope="row">
                {d.userName}
                {d.functionTitle ? <span className="d-block small-text">{d.functionTitle}</span> : null}
              </th>
              <td>{d.decision === 'approve' ? t('plan.decisions.approve') : t('plan.decisions.comment_kind')}</td>
              <td className="pre-line">{d.comment ?? '–'}</td>
              <td className="nowrap">{formatDateTime(d.at, locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const COMMENT_ID = 'plan-comment';

/** A member of the approving forum who is not ready to approve says why. */
function CommentForm({ plan, onDone }: { plan: TPlanDetail; onDone(message: string): void }) {
  const { t } = useI18n();
  const saved = usePlanSaved(plan.id);
  const [comment, setComment] = useState('');
  const { errors, attempt, show } = useFormErrors();
  const mutation = useMutation({
    mutationFn: () => decide(plan.id, { decision: 'comment', comment: comment.trim() }),
    onSuccess: (updated) => {
      saved(updated);
      setComment('');
      show([]);
      onDone(t('plan.done.comment'));
    },
    onError: (error) => show(errorsFromFailure(error, { comment: COMMENT_ID }, t)),
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = comment.trim().length < 3 ? [{ fieldId: COMMENT_ID, message: t('plan.comment.required') }] : [];
    show(found);
    if (found.length === 0) mutation.mutate();
  };
  return (
    <div className="plan-comment-form">
      <ErrorSummary errors={errors} attempt={attempt} />
      <form onSubmit={onSubmit} noValidate aria-label={t('plan.comment.form')}>
        <TextArea
          id={COMMENT_ID}
          label={t('plan.comment.label')}
          hint={t('plan.comment.hint')}
          value={comment}
          onChange={(e) => setComment(e.target.value)}
          error={errorFor(errors, COMMENT_ID)}
          rows={3}
          maxLength={4000}
        />
        <button type="submit" className="button button-secondary mt-4" disabled={mutation.isPending}>
          <Icon name="chat" />
          {t('plan.comment.submit')}
        </button>
      </form>
    </div>
  );
}

type Confirmable = Exclude<PlanAction, 'revise'>;

/** A step the server refused (e.g. someone else moved the plan on meanwhile), in its own words. */
export function ActionFailed({ error }: { error: unknown }) {
  const { t } = useI18n();
  return (
    <Alert variant="error" heading={t('plan.action_failed')} headingLevel={3}>
      <p>{errorsFromFailure(error, {}, t)[0]?.message}</p>
    </Alert>
  );
}

function Actions({ plan, onDone, showRevise }: { plan: TPlanDetail; onDone(message: string): void; showRevise: boolean }) {
  const { t } = useI18n();
  const [asking, setAsking] = useState<Confirmable | null>(null);
  const action = usePlanAction(plan, (message) => {
    setAsking(null);
    onDone(message);
  });
  const { abilities } = plan;
  const name = planName(t, plan.year);
  const forum = plan.approvingForum?.name ?? '';
  const confirm: Record<Confirmable, { heading: string; detail: string; label: string; danger: boolean }> = {
    submit: {
      heading: t('plan.confirm.submit', { plan: name, version: plan.version }),
      detail: t('plan.confirm.submit_detail', { count: plan.approvers.length, forum }),
      label: t('plan.confirm.submit_yes'),
      danger: false,
    },
    withdraw: { heading: t('plan.confirm.withdraw'), detail: t('plan.confirm.withdraw_detail'), label: t('plan.confirm.withdraw_yes'), danger: true },
    approve: { heading: t('plan.confirm.approve', { plan: name, version: plan.version }), detail: t('plan.confirm.approve_detail'), label: t('plan.confirm.approve_yes'), danger: false },
    publish: { heading: t('plan.confirm.publish', { plan: name, version: plan.version }), detail: t('plan.confirm.publish_detail'), label: t('plan.confirm.publish_yes'), danger: false },
  };
  const button = (kind: Confirmable, label: string, primary: boolean, icon: string) => (
    <button type="button" className={`button ${primary ? 'button-primary' : 'button-secondary'}`} onClick={() => setAsking(kind)} disabled={action.isPending}>
      <Icon name={icon} />
      {label}
    </button>
  );
  const any = abilities.submit || abilities.withdraw || abilities.decide || abilities.comment || abilities.publish || (showRevise && abilities.revise);
  return (
    <>
      {action.isError && !asking ? <ActionFailed error={action.error} /> : null}
      {abilities.edit && !abilities.submit ? <p className="plan-actions">{t('plan.submit_blocked')}</p> : null}
      {any ? (
        <div className="button-group plan-actions">
          {abilities.submit ? button('submit', t('plan.action.submit'), true, 'send') : null}
          {abilities.decide ? button('approve', t('plan.action.approve'), true, 'check') : null}
          {abilities.publish ? button('publish', t('plan.action.publish'), true, 'language') : null}
          {abilities.withdraw ? button('withdraw', t('plan.action.withdraw'), false, 'arrow-back') : null}
          {showRevise && abilities.revise ? (
            <button type="button" className="button button-secondary" onClick={() => action.mutate('revise')} disabled={action.isPending}>
              <Icon name="edit" />
              {t('plan.action.revise')}
            </button>
          ) : null}
        </div>
      ) : null}
      {abilities.comment ? <CommentForm plan={plan} onDone={onDone} /> : null}
      {asking ? (
        <ConfirmDialog
          heading={confirm[asking].heading}
          confirmLabel={confirm[asking].label}
          danger={confirm[asking].danger}
          busy={action.isPending}
          onConfirm={() => action.mutate(asking)}
          onCancel={() => setAsking(null)}
        >
          <p>{confirm[asking].detail}</p>
          {action.isError ? <ActionFailed error={action.error} /> : null}
        </ConfirmDialog>
      ) : null}
    </>
  );
}

/**
 * The workflow box. `showRevise` is false when the page offers the revision already (beside
 * what has changed since the approval).
 */
export function PlanWorkflow({ plan, onDone, showRevise }: { plan: TPlanDetail; onDone(message: string): void; showRevise: boolean }) {
  const { t } = useI18n();
  return (
    <section aria-labelledby="plan-workflow-heading" className="plan-workflow">
      <h2 id="plan-workflow-heading">{t('plan.workflow.title')}</h2>
      <StatusSteps plan={plan} />
      {plan.abilities.edit ? (
        <ApprovalSettings key={`${plan.approvingForum?.id}-${plan.approvalRule}`} plan={plan} onDone={onDone} />
      ) : (
        <dl className="details-list">
          <dt>{t('plan.workflow.forum')}</dt>
          <dd>{plan.approvingForum?.name ?? t('plan.workflow.no_forum')}</dd>
          <dt>{t('plan.workflow.rule')}</dt>
          <dd>{t(RULE_KEYS[plan.approvalRule])}</dd>
        </dl>
      )}
      <Approvers plan={plan} />
      {plan.status !== 'draft' || plan.decisions.length > 0 ? (
        <>
          <h3 id="plan-decisions-heading">{t('plan.decisions.title')}</h3>
          <DecisionTable decisions={plan.decisions} headingId="plan-decisions-heading" />
        </>
      ) : null}
      <Actions plan={plan} onDone={onDone} showRevise={showRevise} />
    </section>
  );
}
