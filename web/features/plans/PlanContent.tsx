/**
 * What a version of the plan says, in the plan's order: the written sections (limited rich
 * text) and the two generated parts, the organisation (forums on the three levels with their
 * members, by function) and the efforts (per triangle level, with the year's budget).
 */
import type { ReactNode } from 'react';
import { fitHeadings, type TMoneyView, type TPlanContent } from '../../../contracts/plans.ts';
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

/** An amount (marked when it is demo data), or that it is not shown to this reader. */
function Budget({ amount, demo, money }: { amount: number | null; demo: boolean; money: TMoneyView }) {
  const { t, locale } = useI18n();
  if (amount === null) return <span className="small-text">{t(money === 'published' ? 'plan.money.not_published' : 'plan.money.not_shown')}</span>;
  return (
    <>
      {formatDkk(amount, locale)}
      {demo ? <DemoBadge /> : null}
    </>
  );
}

function EffortTable({ level, year, money, withBudget }: { level: TPlanContent['efforts'][number]; year: number; money: TMoneyView; withBudget: boolean }) {
  const { t, locale } = useI18n();
  const headingId = `plan-level-${level.level}`;
  const shown = level.efforts.filter((e) => e.budget !== null);
  const total = shown.reduce((sum, e) => sum + (e.budget ?? 0), 0);
  return (
    <div className="table--responsive-scroll" tabIndex={0} role="group" aria-labelledby={headingId}>
      <table className="table table--zebra table--compact plan-efforts">
        <thead>
          <tr>
            <th scope="col">{t('plan.efforts.title')}</th>
            <th scope="col">{t('plan.efforts.responsible')}</th>
            <th scope="col">{t('plan.efforts.target_group')}</th>
            <th scope="col">{t('plan.efforts.period')}</th>
            {withBudget ? (
              <th scope="col" className="plan-budget">
                {t('plan.efforts.budget', { year })}
              </th>
            ) : null}
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
              {withBudget ? (
                <td className="plan-budget">
                  <Budget amount={effort.budget} demo={effort.demo} money={money} />
                </td>
              ) : null}
            </tr>
          ))}
        </tbody>
        {withBudget ? (
          <tfoot>
            <tr>
              <th scope="row" colSpan={4}>
                {shown.length < level.efforts.length && shown.length > 0 ? t('plan.efforts.total_shown') : t('plan.efforts.total')}
              </th>
              <td className="plan-budget">
                <strong>
                  <Budget amount={shown.length > 0 ? total : null} demo={shown.some((e) => e.demo)} money={money} />
                </strong>
              </td>
            </tr>
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}

function Efforts({ content, money }: { content: TPlanContent; money: TMoneyView }) {
  const { t } = useI18n();
  const all = content.efforts.flatMap((level) => level.efforts);
  // The budget column only when this reader sees an amount; a note says why amounts are missing.
  const withBudget = all.some((e) => e.budget !== null);
  const withheld = money !== 'all' && all.some((e) => e.budget === null);
  return (
    <>
      <p>{t('plan.efforts.lead', { year: content.year })}</p>
      {all.some((e) => e.demo && e.budget !== null) ? <DemoNotice /> : null}
      {withheld ? (
        <p className="plan-money-note" id="plan-money-note">
          {t(money === 'published' ? 'plan.money.published_note' : 'plan.money.none_note')}
        </p>
      ) : null}
      {content.efforts.map((level) => (
        <div key={level.level}>
          <h3 id={`plan-level-${level.level}`}>{level.label}</h3>
          {level.efforts.length === 0 ? <p>{t('plan.efforts.none')}</p> : <EffortTable level={level} year={content.year} money={money} withBudget={withBudget} />}
        </div>
      ))}
    </>
  );
}

/** `money`: which amounts the server left in the content for this reader. */
export function PlanContent({ content, money }: { content: TPlanContent; money: TMoneyView }) {
  return (
    <>
      <Contents />
      {PLAN_PARTS.map((part) => (
        <Part key={part} part={part}>
          {part === 'organisation' ? <Organisation content={content} /> : part === 'efforts' ? <Efforts content={content} money={money} /> : <WrittenSection html={content.sections[part]} />}
        </Part>
      ))}
    </>
  );
}
