/**
 * A difference between two states of the plan, in words: efforts that left it (with their
 * status now, so the reader sees why), efforts that came in, efforts that changed (with the
 * fields), the forums and members that changed, and the written sections' text, word by word.
 */
import type { TForumLevel, TForumRole } from '../../../contracts/organisation.ts';
import type { TOrganisationDiff, TPlanDiff, TTextChange } from '../../../contracts/plans.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { STATUS_KEYS } from '../efforts/labels.ts';
import { LEVEL_KEYS, ROLE_KEYS } from '../organisation/labels.ts';
import { SECTION_KEYS, changedFields, shortenContext } from './labels.ts';
import { EffortName } from './shared.tsx';

/** `headingLevel`: the level of the groups' headings under the heading the changes stand beneath. */
export function PlanChanges({ diff, headingLevel = 3 }: { diff: TPlanDiff; headingLevel?: 3 | 4 }) {
  const { t, locale } = useI18n();
  const Heading = headingLevel === 3 ? 'h3' : 'h4';
  const { removed, added, changed } = diff.efforts;
  return (
    <div className="plan-changes">
      {removed.length > 0 ? (
        <>
          <Heading className="h5">{t('plan.changes.removed', { count: removed.length })}</Heading>
          <ul className="plan-change-list plan-changes-removed">
            {removed.map((e) => (
              <li key={e.id}>
                <EffortName effort={e} />
                {e.status ? ` – ${t(STATUS_KEYS[e.status]).toLocaleLowerCase(locale)}` : null}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {added.length > 0 ? (
        <>
          <Heading className="h5">{t('plan.changes.added', { count: added.length })}</Heading>
          <ul className="plan-change-list plan-changes-added">
            {added.map((e) => (
              <li key={e.id}><EffortName effort={e} /></li>
            ))}
          </ul>
        </>
      ) : null}
      {changed.length > 0 ? (
        <>
          <Heading className="h5">{t('plan.changes.changed', { count: changed.length })}</Heading>
          <ul className="plan-change-list plan-changes-changed">
            {changed.map((e) => (
              <li key={e.id}>
                <EffortName effort={e} />: {changedFields(e.fields, t, locale)}
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {diff.organisationChanged ? (
        <>
          <Heading className="h5">{t('plan.changes.organisation')}</Heading>
          <OrganisationChanges changes={diff.organisation} />
        </>
      ) : null}
      {diff.sections.length > 0 ? (
        <>
          <Heading className="h5">{t('plan.changes.sections', { count: diff.sections.length })}</Heading>
          <p className="small-text">{t('plan.changes.text_legend')}</p>
          <ul className="plan-change-list plan-changes-sections">
            {diff.sections.map((s) => (
              <li key={s.section}>
                <strong>{t(SECTION_KEYS[s.section])}</strong>
                <TextChanges changes={s.changes} />
              </li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}

type Member = { functionTitle: string; organisationName: string };
const memberName = (m: Member) => `${m.functionTitle} (${m.organisationName})`;

/** Forums added and removed; per changed forum its name, level, purpose and each member added, removed or given another role. */
function OrganisationChanges({ changes }: { changes: TOrganisationDiff }) {
  const { t, locale } = useI18n();
  const role = (r: TForumRole) => t(ROLE_KEYS[r]).toLocaleLowerCase(locale);
  const level = (l: TForumLevel) => t(LEVEL_KEYS[l]).toLocaleLowerCase(locale);
  if (changes.added.length + changes.removed.length + changes.changed.length === 0) return <p>{t('plan.changes.organisation_detail')}</p>;
  return (
    <ul className="plan-change-list plan-changes-organisation">
      {changes.added.map((f) => (
        <li key={f.id}>{t('plan.changes.forum_added', { forum: f.name, level: level(f.level) })}</li>
      ))}
      {changes.removed.map((f) => (
        <li key={f.id}>{t('plan.changes.forum_removed', { forum: f.name, level: level(f.level) })}</li>
      ))}
      {changes.changed.map((f) => (
        <li key={f.id}>
          {f.name}:
          <ul>
            {f.renamedFrom !== null ? <li>{t('plan.changes.forum_renamed', { name: f.renamedFrom })}</li> : null}
            {f.levelFrom !== null ? <li>{t('plan.changes.forum_moved', { from: level(f.levelFrom), to: level(f.level) })}</li> : null}
            {f.purposeChanged ? <li>{t('plan.changes.forum_purpose')}</li> : null}
            {f.members.added.map((m, i) => (
              <li key={`a${i}`}>{t('plan.changes.member_added', { member: memberName(m), role: role(m.role) })}</li>
            ))}
            {f.members.removed.map((m, i) => (
              <li key={`r${i}`}>{t('plan.changes.member_removed', { member: memberName(m), role: role(m.role) })}</li>
            ))}
            {f.members.roleChanged.map((m, i) => (
              <li key={`c${i}`}>{t('plan.changes.member_role', { member: memberName(m), from: role(m.from), to: role(m.to) })}</li>
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

/**
 * A section's text change, word by word: inserted text underlined, deleted text struck
 * through, each announced in words (visually hidden), so no colour is needed to read it.
 * Long unchanged stretches are shortened to the words around the changes.
 */
function TextChanges({ changes }: { changes: TTextChange[] }) {
  const { t } = useI18n();
  if (!changes.some((c) => c.kind !== 'same')) return <p>{t('plan.changes.formatting_only')}</p>;
  return (
    <p className="plan-text-diff">
      {changes.map((c, i) =>
        c.kind === 'inserted' ? (
          <ins key={i}>
            <span className="sr-only">{t('plan.changes.inserted')} </span>
            {c.text}
          </ins>
        ) : c.kind === 'deleted' ? (
          <del key={i}>
            <span className="sr-only">{t('plan.changes.deleted')} </span>
            {c.text}
          </del>
        ) : (
          <span key={i}>{shortenContext(c.text, i > 0, i < changes.length - 1)}</span>
        ),
      )}
    </p>
  );
}
