/**
 * A difference between two states of the plan, in words: efforts that left it (with their
 * status now, so the reader sees why), efforts that came in, efforts that changed (with the
 * fields), a changed organisation, and changed written sections.
 */
import type { TPlanDiff } from '../../../contracts/plans.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { STATUS_KEYS } from '../efforts/labels.ts';
import { SECTION_KEYS, changedFields } from './labels.ts';
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
          <p>{t('plan.changes.organisation_detail')}</p>
        </>
      ) : null}
      {diff.sections.length > 0 ? (
        <>
          <Heading className="h5">{t('plan.changes.sections', { count: diff.sections.length })}</Heading>
          <ul className="plan-change-list plan-changes-sections">
            {diff.sections.map((s) => (
              <li key={s}>{t(SECTION_KEYS[s])}</li>
            ))}
          </ul>
        </>
      ) : null}
    </div>
  );
}
