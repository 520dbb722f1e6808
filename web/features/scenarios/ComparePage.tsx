/**
 * Two to four scenarios side by side on the memo's criteria (and today's map if chosen), the
 * recommended one, and the recommendation as Word and PDF. The choice lives in the URL.
 */
import { useQuery } from '@tanstack/react-query';
import { useState, type FormEvent, type ReactNode } from 'react';
import { useSearchParams } from 'react-router';
import type { TComparedScenario } from '../../../contracts/scenarios.ts';
import { PROGRAMMES, SCENARIO_LIMITS } from '../../../contracts/scenarios.ts';
import { ErrorSummary, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { Loading } from '../../components/Loading.tsx';
import { Breadcrumbs, PageHeading } from '../../components/Page.tsx';
import { LoadError } from '../../components/QueryState.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { formatDecimal, formatDkk, formatNumber } from '../../lib/format.ts';
import { useFormErrors, useTriangleLabels } from '../efforts/shared.tsx';
import { compareScenarios, listScenarios } from './api.ts';
import { PROGRAMME_KEYS, SCENARIO_KEY, readSelection, recommendationUrl, writeSelection, type CompareSelection } from './labels.ts';
import { scenarioCrumbs } from './shared.tsx';

const PICK_ID = 'compare-pick';

function Choose({ selection, onChoose }: { selection: CompareSelection; onChoose(next: CompareSelection): void }) {
  const { t } = useI18n();
  const scenarios = useQuery({ queryKey: [SCENARIO_KEY, 'list'], queryFn: listScenarios });
  const [ids, setIds] = useState(selection.ids);
  const [withToday, setWithToday] = useState(selection.withToday);
  const { errors, attempt, show } = useFormErrors();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const found: FormError[] = ids.length < 2 || ids.length > SCENARIO_LIMITS.compared ? [{ fieldId: `${PICK_ID}-0`, message: t('scenario.compare.pick_count') }] : [];
    show(found);
    if (!found.length) onChoose({ ids, withToday, recommended: selection.recommended });
  };
  if (scenarios.isPending) return <Loading />;
  if (scenarios.isError) return <LoadError error={scenarios.error} retry={() => void scenarios.refetch()} />;
  const choosable = scenarios.data.filter((s) => s.status !== 'discarded');
  return (
    <form onSubmit={onSubmit} noValidate aria-labelledby="compare-choose-heading">
      <h2 id="compare-choose-heading">{t('scenario.compare.choose')}</h2>
      <ErrorSummary errors={errors} attempt={attempt} />
      <div className={`form-group${errors.length ? ' form-error' : ''}`}>
        <fieldset aria-describedby={`${PICK_ID}-hint`}>
          <legend className="form-label">{t('scenario.compare.pick')}</legend>
          <span className="form-hint" id={`${PICK_ID}-hint`}>
            {t('scenario.compare.pick_hint', { max: SCENARIO_LIMITS.compared })}
          </span>
          {errors.length ? (
            <span className="form-error-message">
              <span className="sr-only">{t('form.error_prefix')} </span>
              {errors[0].message}
            </span>
          ) : null}
          {choosable.map((s, index) => (
            <div className="form-group-checkbox" key={s.id}>
              <input
                type="checkbox"
                id={`${PICK_ID}-${index}`}
                className="form-checkbox"
                checked={ids.includes(s.id)}
                onChange={() => setIds(ids.includes(s.id) ? ids.filter((id) => id !== s.id) : [...ids, s.id])}
              />
              <label htmlFor={`${PICK_ID}-${index}`}>{s.title}</label>
            </div>
          ))}
        </fieldset>
      </div>
      <div className="form-group-checkbox mb-5">
        <input type="checkbox" id="compare-with-today" className="form-checkbox" checked={withToday} onChange={() => setWithToday(!withToday)} />
        <label htmlFor="compare-with-today">{t('scenario.compare.with_today')}</label>
      </div>
      <button type="submit" className="button button-primary">
        {t('scenario.compare.submit')}
      </button>
    </form>
  );
}

/** One criterion's table: a row per figure, a column per scenario. */
function CriterionTable({ id, caption, scenarios, rows }: { id: string; caption: string; scenarios: TComparedScenario[]; rows: { label: string; cell(s: TComparedScenario): ReactNode }[] }) {
  const { t } = useI18n();
  return (
    <div className="table--responsive-scroll scenario-compare-frame" tabIndex={0} role="group" aria-label={caption}>
      <table className="table table--zebra scenario-compare" id={id}>
        <caption>{caption}</caption>
        <thead>
          <tr>
            <th scope="col">{t('scenario.compare.criterion')}</th>
            {scenarios.map((s) => (
              <th scope="col" key={s.id ?? 'today'}>
                {s.id === null ? t('scenario.compare.today') : s.title}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.label}>
              <th scope="row">{row.label}</th>
              {scenarios.map((s) => (
                <td key={s.id ?? 'today'}>{row.cell(s)}</td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function List({ items, empty }: { items: ReactNode[]; empty: string }) {
  return items.length ? (
    <ul className="scenario-cell-list">
      {items.map((item, i) => (
        <li key={i}>{item}</li>
      ))}
    </ul>
  ) : (
    <>{empty}</>
  );
}

/** A long list in a cell, folded behind its count. */
function Expander({ summary, items }: { summary: string; items: string[] }) {
  return (
    <details>
      <summary>{summary}</summary>
      <List items={items} empty="–" />
    </details>
  );
}

function Comparison({ selection, onRecommend }: { selection: CompareSelection; onRecommend(id: string): void }) {
  const { t, locale } = useI18n();
  const levels = useTriangleLabels();
  const comparison = useQuery({ queryKey: [SCENARIO_KEY, 'compare', selection.ids, selection.withToday], queryFn: () => compareScenarios(selection.ids, selection.withToday) });
  if (comparison.isPending) return <Loading label={t('scenario.compare.working')} />;
  if (comparison.isError) return <LoadError error={comparison.error} retry={() => void comparison.refetch()} />;
  const scenarios = comparison.data.scenarios;
  const fte = (n: number) => t('scenario.function.fte_value', { fte: formatDecimal(n, locale) });
  const money = (n: number) => formatDkk(Math.round(n), locale);
  const amount = (a: { fte: number; cost: number; ftePer10k: number; costPer10k: number }) => (
    <>
      {fte(a.fte)}, {money(a.cost)}
      <br />
      <span className="small-text">{t('scenario.compare.per_10k', { fte: formatDecimal(a.ftePer10k, locale), cost: money(a.costPer10k) })}</span>
    </>
  );
  const levelRow = (level: keyof typeof levels | null) => ({
    label: level ? levels[level] : t('scenario.compare.no_level'),
    cell: (s: TComparedScenario) => {
      const found = s.perLevel.find((l) => l.level === level);
      return found ? amount(found) : '–';
    },
  });
  const yesNo = (value: boolean) => (value ? t('common.yes') : t('common.no'));
  const signed = (n: number) => (n > 0 ? `+${money(n)}` : money(n));
  const scenarioIds = scenarios.flatMap((s) => (s.id ? [s.id] : []));
  const recommended = selection.recommended;
  return (
    <>
      <h2 id="compare-result-heading">{t('scenario.compare.result')}</h2>
      <CriterionTable
        id="compare-anchoring"
        caption={t('scenario.criterion.anchoring')}
        scenarios={scenarios}
        rows={[
          { label: t('scenario.compare.centres'), cell: (s) => formatNumber(s.centres, locale) },
          { label: t('scenario.compare.layers'), cell: (s) => formatNumber(s.layersToTopManagement, locale) },
          { label: t('scenario.compare.inhabitants'), cell: (s) => formatNumber(s.inhabitants, locale) },
        ]}
      />
      <CriterionTable
        id="compare-resources"
        caption={t('scenario.criterion.resources')}
        scenarios={scenarios}
        rows={[
          { label: t('scenario.compare.total'), cell: (s) => amount(s.total) },
          levelRow('general'),
          levelRow('targeted'),
          levelRow('individual'),
          ...(scenarios.some((s) => s.perLevel.some((l) => l.level === null)) ? [levelRow(null)] : []),
          {
            label: t('scenario.compare.per_pillar'),
            cell: (s) => (
              <List
                items={s.perPillar.map((p) => (
                  <>
                    <strong>{p.key === null ? t('scenario.pillar.none') : p.name}:</strong> {amount(p)}
                  </>
                ))}
                empty="–"
              />
            ),
          },
        ]}
      />
      <CriterionTable
        id="compare-coverage"
        caption={t('scenario.criterion.coverage')}
        scenarios={scenarios}
        rows={[
          {
            label: t('scenario.compare.uncovered_ages'),
            cell: (s) => (s.coverage.uncoveredAges.length ? s.coverage.uncoveredAges.join(', ') : t('scenario.compare.all_ages')),
          },
          { label: t('scenario.compare.under_18'), cell: (s) => yesNo(s.coverage.under18) },
          { label: t('scenario.compare.over_18'), cell: (s) => yesNo(s.coverage.over18) },
          ...PROGRAMMES.map((p) => ({ label: t(PROGRAMME_KEYS[p]), cell: (s: TComparedScenario) => yesNo(s.coverage.programmes[p] ?? false) })),
        ]}
      />
      <CriterionTable
        id="compare-path"
        caption={t('scenario.criterion.path_to_lokalraad')}
        scenarios={scenarios}
        rows={[
          { label: t('scenario.compare.longest_path'), cell: (s) => (s.pathToLokalraad.longest === null ? t('scenario.compare.no_path') : formatNumber(s.pathToLokalraad.longest, locale)) },
          {
            label: t('scenario.compare.path_per_forum'),
            cell: (s) => (
              <Expander
                summary={t('scenario.compare.show_forums', { count: s.pathToLokalraad.perForum.length })}
                items={s.pathToLokalraad.perForum.map((f) => `${f.name}: ${f.forums === null ? t('scenario.compare.no_path') : formatNumber(f.forums, locale)}`)}
              />
            ),
          },
        ]}
      />
      <CriterionTable
        id="compare-forum-load"
        caption={t('scenario.criterion.forum_load')}
        scenarios={scenarios}
        rows={[
          { label: t('scenario.compare.forums'), cell: (s) => formatNumber(s.forumLoad.forums, locale) },
          { label: t('scenario.compare.meeting_hours'), cell: (s) => formatNumber(s.forumLoad.meetingHoursPerYear, locale, 1) },
          {
            label: t('scenario.compare.per_function'),
            cell: (s) => (
              <Expander
                summary={t('scenario.compare.show_functions', { count: s.forumLoad.perFunction.length })}
                items={s.forumLoad.perFunction.map((f) => t('scenario.compare.function_load', { title: f.title, forums: f.forums, hours: formatNumber(f.meetingHoursPerYear, locale, 1) }))}
              />
            ),
          },
        ]}
      />
      <CriterionTable
        id="compare-cost"
        caption={t('scenario.criterion.cost')}
        scenarios={scenarios}
        rows={[
          { label: t('scenario.compare.cost_against_today'), cell: (s) => signed(s.costAgainstToday) },
          { label: t('scenario.compare.budget_difference'), cell: (s) => signed(s.changesFromToday.budgetDifference) },
        ]}
      />
      <CriterionTable
        id="compare-changes"
        caption={t('scenario.criterion.changes')}
        scenarios={scenarios}
        rows={[
          { label: t('scenario.compare.functions_added'), cell: (s) => <List items={s.changesFromToday.functionsAdded} empty="–" /> },
          { label: t('scenario.compare.functions_removed'), cell: (s) => <List items={s.changesFromToday.functionsRemoved} empty="–" /> },
          {
            label: t('scenario.compare.functions_moved'),
            cell: (s) => (
              <List
                items={s.changesFromToday.functionsMoved.map((m) => t('scenario.compare.moved', { title: m.title, from: m.from ?? t('scenario.pillar.none'), to: m.to ?? t('scenario.pillar.none') }))}
                empty="–"
              />
            ),
          },
          { label: t('scenario.compare.forums_added'), cell: (s) => <List items={s.changesFromToday.forumsAdded} empty="–" /> },
          { label: t('scenario.compare.forums_closed'), cell: (s) => <List items={s.changesFromToday.forumsClosed} empty="–" /> },
          { label: t('scenario.compare.forums_merged'), cell: (s) => <List items={s.changesFromToday.forumsMerged.map((m) => t('scenario.compare.merged', { name: m.name, into: m.into }))} empty="–" /> },
        ]}
      />
      <CriterionTable
        id="compare-warnings"
        caption={t('scenario.warnings.title')}
        scenarios={scenarios}
        rows={[{ label: t('scenario.compare.warnings'), cell: (s) => <List items={s.warnings.map((w) => w[locale])} empty={t('scenario.warnings.none')} /> }]}
      />
      <section aria-labelledby="recommendation-heading" className="scenario-recommendation">
        <h2 id="recommendation-heading">{t('scenario.recommend.heading')}</h2>
        <div className="form-group">
          <fieldset>
            <legend className="form-label">{t('scenario.recommend.pick')}</legend>
            {scenarioIds.map((id, index) => (
              <div className="form-group-radio" key={id}>
                <input type="radio" id={`recommend-${index}`} name="recommend" className="form-radio" checked={recommended === id} onChange={() => onRecommend(id)} />
                <label htmlFor={`recommend-${index}`}>{scenarios.find((s) => s.id === id)?.title}</label>
              </div>
            ))}
          </fieldset>
        </div>
        {recommended ? (
          <ul className="nobullet-list scenario-documents">
            <li>
              <a href={recommendationUrl({ ...selection, recommended }, 'docx')} download className="function-link">
                <Icon name="file-word" />
                {t('scenario.recommend.docx')}
              </a>
            </li>
            <li>
              <a href={recommendationUrl({ ...selection, recommended }, 'pdf')} download className="function-link">
                <Icon name="file-pdf" />
                {t('scenario.recommend.pdf')}
              </a>
            </li>
          </ul>
        ) : (
          <p>{t('scenario.recommend.first')}</p>
        )}
      </section>
    </>
  );
}

export function ComparePage() {
  const { t } = useI18n();
  const [params, setParams] = useSearchParams();
  const selection = readSelection(params);
  const ready = selection.ids.length >= 2;
  return (
    <>
      <Breadcrumbs items={scenarioCrumbs(t, [{ label: t('scenario.nav.compare') }])} />
      <PageHeading lead={t('scenario.compare.lead')}>{t('scenario.compare.heading')}</PageHeading>
      {/* The choice remounts with the URL, so Back shows the choice the table was made from. */}
      <Choose key={params.toString()} selection={selection} onChoose={(next) => setParams(writeSelection(next))} />
      {ready ? <Comparison selection={selection} onRecommend={(id) => setParams(writeSelection({ ...selection, recommended: id }), { replace: true })} /> : null}
    </>
  );
}
