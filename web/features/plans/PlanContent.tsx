/**
 * What a version of the plan says, in the plan's order: the written sections (limited rich
 * text) and the two generated parts, the organisation (forums on the three levels with their
 * members, by function) and the efforts (per triangle level, with the year's budget).
 */
import type { ReactNode } from 'react';
import { fitHeadings, type TPlanContent } from '../../../contracts/plans.ts';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDkk } from '../../lib/format.ts';
import { DemoBadge, DemoNotice } from '../efforts/shared.tsx';
import { RISK_KEYS, formatAgeBand, formatPeriod } from '../efforts/labels.ts';
import { ROLE_KEYS } from '../organisation/labels.ts';
import { NotStated } from '../organisation/shared.tsx';
import { PART_ANCHORS, PART_KEYS, PLAN_PARTS, hasText, type TPlanPart } from './labels.ts';
import { EffortName } from './shared.tsx';

function Contents() {
  const { t } = useI18n();
  return (
    <nav className="anchorbox" aria-labelledby="plan-contents-heading">
      <h2 id="plan-contents-heading" className="anchortitle">
        {t('plan.contents')}
      </h2>
      <ul className="anchorlist">
        {PLAN_PARTS.map((part) => (
          <li key={part}>
            <a href={`#${PART_ANCHORS[part]}`}>{t(PART_KEYS[part])}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function Part({ part, children }: { part: TPlanPart; children: ReactNode }) {
  const { t } = useI18n();
  // The heading is the anchor the contents link to, and takes focus when followed.
  return (
    <section className="plan-part" aria-labelledby={PART_ANCHORS[part]}>
      <h2 id={PART_ANCHORS[part]} tabIndex={-1}>
        {t(PART_KEYS[part])}
      </h2>
      {children}
    </section>
  );
}

function WrittenSection({ html }: { html: string }) {
  const { t } = useI18n();
  if (!hasText(html)) return <p className="empty-state">{t('plan.section_empty')}</p>;
  // The server sanitised this HTML when it was saved (plans.richtext.ts: h2, h3, p, lists,
  // links to http/https/mailto, strong, em, br; nothing else survives), so it is inserted as it is.
  return <div className="rich-text" dangerouslySetInnerHTML={{ __html: fitHeadings(html) }} />;
}

function Organisation({ content }: { content: TPlanContent }) {
  const { t } = useI18n();
  return (
    <>
      <p>{t('plan.organisation.lead')}</p>
      {content.organisation.map((level) => (
        <div key={level.level}>
          <h3>{level.label}</h3>
          {level.forums.length === 0 ? <p>{t('plan.organisation.no_forums')}</p> : null}
          {level.forums.map((forum) => (
            <div key={forum.id} className="plan-forum">
              <h4 id={`plan-forum-${forum.id}`}>{forum.name}</h4>
              {forum.purpose ? <p className="pre-line">{forum.purpose}</p> : null}
              {forum.members.length === 0 ? (
                <p>{t('plan.organisation.no_members')}</p>
              ) : (
                <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={`plan-forum-${forum.id}`}>
                  <table className="table table--compact">
                    <thead>
                      <tr>
                        <th scope="col">{t('org.members.function')}</th>
                        <th scope="col">{t('org.members.organisation')}</th>
                        <th scope="col">{t('org.members.role')}</th>
                      </tr>
                    </thead>
                    <tbody>
                      {forum.members.map((member, index) => (
                        <tr key={`${member.functionTitle}-${member.organisationName}-${index}`}>
                          <th scope="row">{member.functionTitle}</th>
                          <td>{member.organisationName}</td>
                          <td>{t(ROLE_KEYS[member.role])}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </div>
          ))}
        </div>
      ))}
    </>
  );
}

function Budget({ amount, demo }: { amount: number; demo: boolean }) {
  const { locale } = useI18n();
  return (
    <>
      {formatDkk(amount, locale)}
      {demo ? <DemoBadge /> : null}
    </>
  );
}

function EffortTable({ level, year }: { level: TPlanContent['efforts'][number]; year: number }) {
  const { t, locale } = useI18n();
  const headingId = `plan-level-${level.level}`;
  const total = level.efforts.reduce((sum, e) => sum + e.budget, 0);
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={headingId}>
      <table className="table table--zebra table--compact plan-efforts">
        <thead>
          <tr>
            <th scope="col">{t('plan.efforts.title')}</th>
            <th scope="col">{t('plan.efforts.responsible')}</th>
            <th scope="col">{t('plan.efforts.target_group')}</th>
            <th scope="col">{t('plan.efforts.period')}</th>
            <th scope="col" className="plan-budget">
              {t('plan.efforts.budget', { year })}
            </th>
          </tr>
        </thead>
        <tbody>
          {level.efforts.map((effort) => (
            <tr key={effort.id}>
              <th scope="row">
                <EffortName effort={effort} />
              </th>
              <td>
                {effort.responsibleFunction ? <span className="d-block">{effort.responsibleFunction}</span> : null}
                {effort.owner ? <span className="d-block small-text">{effort.owner}</span> : null}
                {!effort.responsibleFunction && !effort.owner ? <NotStated /> : null}
              </td>
              <td>
                <span className="d-block">{formatAgeBand(effort.ageMin, effort.ageMax, t)}</span>
                <span className="d-block small-text">{t(RISK_KEYS[effort.riskProfile])}</span>
              </td>
              <td className="nowrap">{formatPeriod(effort.periodStart, effort.periodEnd, t, locale)}</td>
              <td className="plan-budget">
                <Budget amount={effort.budget} demo={effort.demo} />
              </td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <th scope="row" colSpan={4}>
              {t('plan.efforts.total')}
            </th>
            <td className="plan-budget">
              <strong>
                <Budget amount={total} demo={level.efforts.some((e) => e.demo)} />
              </strong>
            </td>
          </tr>
        </tfoot>
      </table>
    </div>
  );
}

function Efforts({ content }: { content: TPlanContent }) {
  const { t } = useI18n();
  const anyDemo = content.efforts.some((level) => level.efforts.some((e) => e.demo));
  return (
    <>
      <p>{t('plan.efforts.lead', { year: content.year })}</p>
      {anyDemo ? <DemoNotice /> : null}
      {content.efforts.map((level) => (
        <div key={level.level}>
          <h3 id={`plan-level-${level.level}`}>{level.label}</h3>
          {level.efforts.length === 0 ? <p>{t('plan.efforts.none')}</p> : <EffortTable level={level} year={content.year} />}
        </div>
      ))}
    </>
  );
}

export function PlanContent({ content }: { content: TPlanContent }) {
  return (
    <>
      <Contents />
      {PLAN_PARTS.map((part) => (
        <Part key={part} part={part}>
          {part === 'organisation' ? <Organisation content={content} /> : part === 'efforts' ? <Efforts content={content} /> : <WrittenSection html={content.sections[part]} />}
        </Part>
      ))}
    </>
  );
}
