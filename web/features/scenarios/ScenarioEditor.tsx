/**
 * A scenario's content: placement, pillars, staff, forums, efforts and the assessment. An
 * editor works on a local copy and saves the whole document (PUT, from the revision read); the
 * warnings follow every change, computed by the server's own pure function. Without the right
 * to edit, the same content is shown read-only.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { CRITERIA, FORUM_KINDS, PARTIES, PLACEMENT_KINDS, type TAssessment, type TScenarioDetail, type TScenarioDocument } from '../../../contracts/scenarios.ts';
import { FORUM_LEVELS } from '../../../contracts/organisation.ts';
import { scenarioWarnings } from '../../../server/modules/scenarios/scenarios.warnings.ts';
import { Alert } from '../../components/Alert.tsx';
import { AssumedMark } from '../../components/Assumed.tsx';
import { CheckboxGroup, ErrorSummary, SelectField, TextArea, TextField, errorFor, errorsFromFailure, type FormError } from '../../components/Form.tsx';
import { Icon } from '../../components/Icon.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { ApiError } from '../../lib/api.ts';
import { useWarnBeforeLeaving } from '../../lib/unsaved.ts';
import { formatDecimal, formatDkk, formatNumber } from '../../lib/format.ts';
import { useTriangleLabels } from '../efforts/shared.tsx';
import { LEVEL_KEYS } from '../organisation/labels.ts';
import { getScenario, saveScenario } from './api.ts';
import * as edit from './document.ts';
import { MoveControl, NumberField, dragSource, useDropTarget } from './EditorParts.tsx';
import { CRITERION_KEYS, FORUM_KIND_KEYS, PARTY_KEYS, PLACEMENT_KEYS, PROGRAMME_KEYS, REVISION_PROBLEM, SCENARIO_KEY, fieldForPath, fieldId, sortLevels } from './labels.ts';
import { useScenarioSaved } from './shared.tsx';

type Doc = TScenarioDocument;
interface Draft {
  title: string;
  description: string;
  document: Doc;
  assessment: TAssessment;
}
const draftOf = (s: TScenarioDetail): Draft => ({ title: s.title, description: s.description, document: s.document, assessment: s.assessment });

/** What every section needs: the document, a way to change it, errors, and whether it may change. */
interface SectionProps {
  doc: Doc;
  change(next: Doc): void;
  editable: boolean;
  errors: FormError[];
  validity(id: string, message: string | null): void;
}

function Section({ id, heading, children }: { id: string; heading: string; children: ReactNode }) {
  return (
    <section aria-labelledby={`${id}-heading`} className="scenario-section" id={id}>
      <h2 id={`${id}-heading`}>{heading}</h2>
      {children}
    </section>
  );
}

function Facts({ children }: { children: ReactNode }) {
  return <ul className="scenario-facts">{children}</ul>;
}

/** An item's fields behind "Ret …", opened by itself when one of them has an error to show. */
function EditDetails({ label, name, open, children }: { label: string; name: string; open: boolean; children: ReactNode }) {
  return (
    <details className="scenario-details" open={open || undefined}>
      <summary>
        {label}
        <span className="sr-only"> {name}</span>
      </summary>
      {children}
    </details>
  );
}

function PlacementSection({ doc, change, editable, errors, validity }: SectionProps) {
  const { t } = useI18n();
  const p = doc.placement;
  const set = (patch: Partial<Doc['placement']>) => change({ ...doc, placement: { ...p, ...patch } });
  const mark = (field: string) => <AssumedMark reason={edit.assumption(doc, `placement.${field}`, 'placement')} />;
  if (!editable) {
    return (
      <dl className="scenario-dl">
        <dt>{t('scenario.placement.kind')}</dt>
        <dd>
          {t(PLACEMENT_KEYS[p.kind])} {mark('kind')}
        </dd>
        <dt>{t('scenario.placement.text')}</dt>
        <dd>
          {p.text || '–'} {mark('text')}
        </dd>
        <dt>{t('scenario.placement.layers')}</dt>
        <dd>
          {formatNumber(p.layersToTopManagement)} {mark('layersToTopManagement')}
        </dd>
        <dt>{t('scenario.placement.centres')}</dt>
        <dd>
          {p.centres.join(', ') || '–'} {mark('centres')}
        </dd>
      </dl>
    );
  }
  return (
    <>
      <SelectField
        id={fieldId.placement('kind')}
        label={<>{t('scenario.placement.kind')} {mark('kind')}</>}
        value={p.kind}
        onChange={(e) => set({ kind: e.target.value as Doc['placement']['kind'] })}
        options={PLACEMENT_KINDS.map((k) => ({ value: k, label: t(PLACEMENT_KEYS[k]) }))}
        error={errorFor(errors, fieldId.placement('kind'))}
      />
      <TextArea id={fieldId.placement('text')} label={<>{t('scenario.placement.text')} {mark('text')}</>} optional rows={3} value={p.text} onChange={(e) => set({ text: e.target.value })} error={errorFor(errors, fieldId.placement('text'))} maxLength={500} />
      <NumberField
        id={fieldId.placement('layersToTopManagement')}
        label={<>{t('scenario.placement.layers')} {mark('layersToTopManagement')}</>}
        hint={t('scenario.placement.layers_hint')}
        value={p.layersToTopManagement}
        onChange={(v) => set({ layersToTopManagement: v ?? 0 })}
        onValidity={validity}
        error={errorFor(errors, fieldId.placement('layersToTopManagement'))}
        min={0}
        max={10}
        integer
      />
      <TextArea
        id={fieldId.placement('centres')}
        label={<>{t('scenario.placement.centres')} {mark('centres')}</>}
        hint={t('scenario.placement.centres_hint')}
        optional
        rows={3}
        value={p.centres.join('\n')}
        onChange={(e) => set({ centres: e.target.value.split('\n').map((c) => c.trimStart()).filter((c, i, all) => c !== '' || i === all.length - 1) })}
        onBlur={() => set({ centres: p.centres.map((c) => c.trim()).filter(Boolean) })}
        error={errorFor(errors, fieldId.placement('centres'))}
      />
    </>
  );
}

function PillarsSection({ doc, change, editable, errors }: SectionProps) {
  const { t } = useI18n();
  const labels = useTriangleLabels();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const levelOptions = TRIANGLE_LEVELS.map((l) => ({ value: l, label: labels[l] }));
  const add = () => {
    if (!name.trim()) {
      setNameError(t('scenario.pillar.name_missing'));
      return;
    }
    setNameError(undefined);
    change(edit.addPillar(doc, name.trim()).doc);
    setName('');
  };
  return (
    <>
      <AssumedMark reason={edit.assumption(doc, 'pillars')} />
      <ul className="scenario-pillars">
        {doc.pillars.map((pillar) => (
          <li key={pillar.key} className="scenario-card">
            {editable ? (
              <>
                <TextField
                  id={fieldId.item('pillars', pillar.key, 'name')}
                  label={<>{t('scenario.pillar.name')} <AssumedMark reason={edit.assumption(doc, `pillars.${pillar.key}`)} /></>}
                  value={pillar.name}
                  onChange={(e) => change(edit.updatePillar(doc, pillar.key, { name: e.target.value }))}
                  error={errorFor(errors, fieldId.item('pillars', pillar.key, 'name'))}
                  maxLength={160}
                  autoComplete="off"
                />
                <CheckboxGroup
                  id={fieldId.item('pillars', pillar.key, 'levels')}
                  legend={t('scenario.pillar.levels', { name: pillar.name })}
                  options={levelOptions}
                  value={pillar.levels}
                  onChange={(levels) => change(edit.updatePillar(doc, pillar.key, { levels: sortLevels(levels) }))}
                />
                <button type="button" className="button button-tertiary" onClick={() => change(edit.removePillar(doc, pillar.key))}>
                  <Icon name="delete" />
                  {t('scenario.pillar.remove')}
                  <span className="sr-only"> {pillar.name}</span>
                </button>
              </>
            ) : (
              <>
                <h3 className="h5">
                  {pillar.name} <AssumedMark reason={edit.assumption(doc, `pillars.${pillar.key}`)} />
                </h3>
                <p>{pillar.levels.length ? pillar.levels.map((l) => labels[l]).join(', ') : t('scenario.pillar.no_levels')}</p>
              </>
            )}
          </li>
        ))}
      </ul>
      {editable ? (
        <div className="scenario-add">
          <TextField id="new-pillar-name" label={t('scenario.pillar.new')} hint={t('scenario.pillar.remove_hint')} optional value={name} onChange={(e) => setName(e.target.value)} error={nameError} maxLength={160} autoComplete="off" />
          <button type="button" className="button button-secondary" onClick={add}>
            <Icon name="plus" />
            {t('scenario.pillar.add')}
          </button>
        </div>
      ) : null}
    </>
  );
}

/** Moves by drop or by the MoveControl alike: announce it and keep focus on the item, now in its new place. */
interface Mover {
  move(collection: edit.Movable, key: string, pillarKey: string | null): void;
}

/** One pillar's group of functions or efforts: a heading, the items, and a place to drop. */
function PillarGroup({ collection, pillar, count, mover, editable, children }: { collection: edit.Movable; pillar: Doc['pillars'][number] | null; count: number; mover: Mover; editable: boolean; children: ReactNode }) {
  const { t } = useI18n();
  const drop = useDropTarget(collection, (key) => mover.move(collection, key, pillar?.key ?? null));
  const name = pillar?.name ?? t('scenario.pillar.none');
  return (
    <div className={`scenario-group${drop.over ? ' scenario-drop-target' : ''}`} {...(editable ? drop.props : {})} data-pillar={pillar?.key ?? ''}>
      <h3 className="h4">
        {name} <span className="weight-normal">({count})</span>
      </h3>
      {count === 0 ? <p className="scenario-empty">{t(editable ? 'scenario.group.empty_drop' : 'scenario.group.empty')}</p> : <ul className="scenario-items">{children}</ul>}
    </div>
  );
}

function FunctionsSection({ doc, change, editable, errors, validity, mover }: SectionProps & { mover: Mover }) {
  const { t, locale } = useI18n();
  const labels = useTriangleLabels();
  const staff = doc.functions.filter((f) => f.unitKey !== null);
  const others = doc.functions.filter((f) => f.unitKey === null);
  const units = new Map(doc.units.map((u) => [u.key, u.name]));
  const levelOptions = [{ value: '', label: t('scenario.level.none') }, ...TRIANGLE_LEVELS.map((l) => ({ value: l, label: labels[l] }))];
  const item = (f: Doc['functions'][number], movable: boolean) => {
    const id = (field: string) => fieldId.item('functions', f.key, field);
    const mark = (field: string) => <AssumedMark reason={edit.assumption(doc, `functions.${f.key}.${field}`)} />;
    const set = (patch: Partial<Doc['functions'][number]>) => change(edit.updateFunction(doc, f.key, patch));
    const hasError = errors.some((e) => e.fieldId?.startsWith(`functions-${f.key}-`));
    return (
      <li key={f.key} className="scenario-item" id={`functions-${f.key}`} {...(editable && movable ? dragSource('functions', f.key) : {})}>
        <div className="scenario-item-head">
          {editable && movable ? <span className="scenario-grip" aria-hidden="true">⠿</span> : null}
          <strong>{f.title}</strong> <AssumedMark reason={edit.assumption(doc, `functions.${f.key}`)} />
        </div>
        <Facts>
          {f.unitKey ? <li>{units.get(f.unitKey) ?? f.unitKey}</li> : null}
          {f.level ? <li>{labels[f.level]}</li> : null}
          <li>{t('scenario.function.people', { count: f.headcount })}</li>
          {f.hoursPerWeek !== null ? (
            <li>
              {t('scenario.function.hours_value', { hours: formatNumber(f.hoursPerWeek, locale, 1) })} {mark('hoursPerWeek')}
            </li>
          ) : null}
          <li>
            {t('scenario.function.fte_value', { fte: formatDecimal(f.fte, locale) })} {mark('fte')}
          </li>
          <li>
            {t('scenario.function.cost_value', { cost: formatDkk(f.annualCost, locale) })} {mark('annualCost')}
          </li>
          <li>{t(PARTY_KEYS[f.party])}</li>
          {f.analyst ? <li className="badge badge-info">{t('scenario.function.analyst')}</li> : null}
          {f.caseCoordinator ? (
            <li className="badge badge-info">
              {t('scenario.function.case_coordinator')} {mark('caseCoordinator')}
            </li>
          ) : null}
        </Facts>
        {editable ? (
          <>
            <EditDetails label={t('scenario.function.edit')} name={f.title} open={hasError}>
              <TextField id={id('title')} label={t('scenario.function.title')} value={f.title} onChange={(e) => set({ title: e.target.value })} error={errorFor(errors, id('title'))} maxLength={160} autoComplete="off" />
              <SelectField
                id={id('unitKey')}
                label={t('scenario.function.unit')}
                value={f.unitKey ?? ''}
                onChange={(e) => set({ unitKey: e.target.value || null })}
                options={[...doc.units.map((u) => ({ value: u.key, label: u.name })), { value: '', label: t('scenario.function.no_unit') }]}
                error={errorFor(errors, id('unitKey'))}
              />
              <SelectField id={id('level')} label={t('scenario.function.level')} value={f.level ?? ''} onChange={(e) => set({ level: (e.target.value || null) as TTriangleLevel | null })} options={levelOptions} />
              <div className="scenario-numbers">
                <NumberField id={id('headcount')} label={t('scenario.function.headcount')} value={f.headcount} onChange={(v) => set({ headcount: v ?? 0 })} onValidity={validity} error={errorFor(errors, id('headcount'))} min={0} max={500} integer />
                <NumberField id={id('hoursPerWeek')} label={<>{t('scenario.function.hours')} {mark('hoursPerWeek')}</>} value={f.hoursPerWeek} onChange={(v) => set({ hoursPerWeek: v })} onValidity={validity} error={errorFor(errors, id('hoursPerWeek'))} min={0} max={80} optional />
                <NumberField id={id('fte')} label={<>{t('scenario.function.fte')} {mark('fte')}</>} value={f.fte} onChange={(v) => set({ fte: v ?? 0 })} onValidity={validity} error={errorFor(errors, id('fte'))} min={0} max={500} />
                <NumberField id={id('annualCost')} label={<>{t('scenario.function.cost')} {mark('annualCost')}</>} value={f.annualCost} onChange={(v) => set({ annualCost: v ?? 0 })} onValidity={validity} error={errorFor(errors, id('annualCost'))} min={0} max={1_000_000_000} integer />
              </div>
              <SelectField id={id('party')} label={t('scenario.function.party')} value={f.party} onChange={(e) => set({ party: e.target.value as Doc['functions'][number]['party'] })} options={PARTIES.map((p) => ({ value: p, label: t(PARTY_KEYS[p]) }))} />
              <CheckboxGroup
                id={id('flags')}
                legend={t('scenario.function.flags')}
                options={[
                  { value: 'analyst' as const, label: t('scenario.function.analyst'), hint: t('scenario.function.analyst_hint') },
                  { value: 'caseCoordinator' as const, label: t('scenario.function.case_coordinator'), hint: t('scenario.function.case_coordinator_hint') },
                ]}
                value={[...(f.analyst ? (['analyst'] as const) : []), ...(f.caseCoordinator ? (['caseCoordinator'] as const) : [])]}
                onChange={(flags) => set({ analyst: flags.includes('analyst'), caseCoordinator: flags.includes('caseCoordinator') })}
              />
              <button type="button" className="button button-tertiary" onClick={() => change(edit.removeFunction(doc, f.key))}>
                <Icon name="delete" />
                {t('scenario.function.remove')}
                <span className="sr-only"> {f.title}</span>
              </button>
            </EditDetails>
            {movable ? <MoveControl collection="functions" itemKey={f.key} title={f.title} current={f.pillarKey} pillars={doc.pillars} onMove={(p) => mover.move('functions', f.key, p)} /> : null}
          </>
        ) : null}
      </li>
    );
  };
  const [newTitle, setNewTitle] = useState('');
  const [newPillar, setNewPillar] = useState(doc.pillars[0]?.key ?? '');
  const [newError, setNewError] = useState<string | undefined>();
  const add = () => {
    if (!newTitle.trim()) {
      setNewError(t('scenario.function.title_missing'));
      return;
    }
    setNewError(undefined);
    const pillar = doc.pillars.some((p) => p.key === newPillar) ? newPillar : null;
    change(edit.addFunction(doc, pillar, newTitle.trim()).doc);
    setNewTitle('');
  };
  return (
    <>
      <p>{t('scenario.function.lead')}</p>
      {edit.byPillar(doc, staff).map((group) => (
        <PillarGroup key={group.pillar?.key ?? ''} collection="functions" pillar={group.pillar} count={group.items.length} mover={mover} editable={editable}>
          {group.items.map((f) => item(f, true))}
        </PillarGroup>
      ))}
      {editable ? (
        <div className="scenario-add">
          <h3 className="h4">{t('scenario.function.add_heading')}</h3>
          <TextField id="new-function-title" label={t('scenario.function.title')} value={newTitle} onChange={(e) => setNewTitle(e.target.value)} error={newError} maxLength={160} autoComplete="off" />
          <SelectField id="new-function-pillar" label={t('scenario.function.pillar')} value={newPillar} onChange={(e) => setNewPillar(e.target.value)} options={[...doc.pillars.map((p) => ({ value: p.key, label: p.name })), { value: '', label: t('scenario.pillar.none') }]} />
          <button type="button" className="button button-secondary" onClick={add}>
            <Icon name="plus" />
            {t('scenario.function.add')}
          </button>
        </div>
      ) : null}
      {others.length ? (
        <div className="scenario-group">
          <h3 className="h4">
            {t('scenario.function.others')} <span className="weight-normal">({others.length})</span>
          </h3>
          <p className="form-hint">{t('scenario.function.others_hint')}</p>
          <ul className="scenario-items">{others.map((f) => item(f, false))}</ul>
        </div>
      ) : null}
    </>
  );
}

function ForumsSection({ doc, change, editable, errors, validity }: SectionProps) {
  const { t, locale } = useI18n();
  const names = new Map(doc.forums.map((f) => [f.key, f.name]));
  const titles = new Map(doc.functions.map((f) => [f.key, f.title]));
  return (
    <ul className="scenario-items">
      {doc.forums.map((forum) => {
        const id = (field: string) => fieldId.item('forums', forum.key, field);
        const mark = (field: string) => <AssumedMark reason={edit.assumption(doc, `forums.${forum.key}.${field}`)} />;
        const set = (patch: Partial<Doc['forums'][number]>) => change(edit.updateForum(doc, forum.key, patch));
        const hasError = errors.some((e) => e.fieldId?.startsWith(`forums-${forum.key}-`));
        const memberError = errorFor(errors, id('members'));
        return (
          <li key={forum.key} className="scenario-item" id={`forums-${forum.key}`}>
            <div className="scenario-item-head">
              <strong>{forum.name}</strong> <AssumedMark reason={edit.assumption(doc, `forums.${forum.key}`)} />
            </div>
            <Facts>
              <li>{t(FORUM_KIND_KEYS[forum.kind])}</li>
              <li>{t(LEVEL_KEYS[forum.level])}</li>
              <li>
                {forum.reportsTo ? t('scenario.forum.reports_to_value', { name: names.get(forum.reportsTo) ?? forum.reportsTo }) : t('scenario.forum.reports_to_nobody')} {mark('reportsTo')}
              </li>
              <li>
                {t('scenario.forum.meetings_value', { count: forum.meetingsPerYear, hours: formatNumber(forum.hoursPerMeeting, locale, 1) })} {mark('meetingsPerYear')} {mark('hoursPerMeeting')}
              </li>
              <li>
                {t('scenario.forum.members_value', { count: forum.members.length })} {mark('members')}
              </li>
            </Facts>
            {forum.members.length ? <p className="small-text scenario-members">{forum.members.map((m) => titles.get(m.functionKey) ?? m.functionKey).join(', ')}</p> : null}
            {editable ? (
              <EditDetails label={t('scenario.forum.edit')} name={forum.name} open={hasError}>
                <TextField id={id('name')} label={t('scenario.forum.name')} value={forum.name} onChange={(e) => set({ name: e.target.value })} error={errorFor(errors, id('name'))} maxLength={160} autoComplete="off" />
                <SelectField id={id('kind')} label={t('scenario.forum.kind')} value={forum.kind} onChange={(e) => set({ kind: e.target.value as Doc['forums'][number]['kind'] })} options={FORUM_KINDS.map((k) => ({ value: k, label: t(FORUM_KIND_KEYS[k]) }))} />
                <SelectField id={id('level')} label={t('scenario.forum.level')} value={forum.level} onChange={(e) => set({ level: e.target.value as Doc['forums'][number]['level'] })} options={FORUM_LEVELS.map((l) => ({ value: l, label: t(LEVEL_KEYS[l]) }))} />
                <SelectField
                  id={id('reportsTo')}
                  label={t('scenario.forum.reports_to')}
                  value={forum.reportsTo ?? ''}
                  onChange={(e) => set({ reportsTo: e.target.value || null })}
                  options={[{ value: '', label: t('scenario.forum.reports_to_nobody') }, ...doc.forums.filter((f) => f.key !== forum.key).map((f) => ({ value: f.key, label: f.name }))]}
                  error={errorFor(errors, id('reportsTo'))}
                />
                <div className="scenario-numbers">
                  <NumberField id={id('meetingsPerYear')} label={t('scenario.forum.meetings')} value={forum.meetingsPerYear} onChange={(v) => set({ meetingsPerYear: v ?? 0 })} onValidity={validity} error={errorFor(errors, id('meetingsPerYear'))} min={0} max={365} integer />
                  <NumberField id={id('hoursPerMeeting')} label={t('scenario.forum.hours')} value={forum.hoursPerMeeting} onChange={(v) => set({ hoursPerMeeting: v ?? 0 })} onValidity={validity} error={errorFor(errors, id('hoursPerMeeting'))} min={0} max={24} />
                </div>
                <div className={`form-group${memberError ? ' form-error' : ''}`}>
                  <fieldset id={id('members')} tabIndex={-1} aria-describedby={memberError ? `${id('members')}-error` : undefined}>
                    <legend className="form-label">{t('scenario.forum.members', { name: forum.name })}</legend>
                    {memberError ? (
                      <span className="form-error-message" id={`${id('members')}-error`}>
                        {memberError}
                      </span>
                    ) : null}
                    <div className="scenario-member-list">
                      {doc.functions.map((fn) => {
                        const box = `${id('members')}-${fn.key}`;
                        return (
                          <div className="form-group-checkbox" key={fn.key}>
                            <input type="checkbox" id={box} className="form-checkbox" checked={forum.members.some((m) => m.functionKey === fn.key)} onChange={() => change(edit.toggleMember(doc, forum.key, fn.key))} />
                            <label htmlFor={box}>{fn.title}</label>
                          </div>
                        );
                      })}
                    </div>
                  </fieldset>
                </div>
              </EditDetails>
            ) : null}
          </li>
        );
      })}
    </ul>
  );
}

function EffortsSection({ doc, editable, mover }: SectionProps & { mover: Mover }) {
  const { t, locale } = useI18n();
  const labels = useTriangleLabels();
  return (
    <>
      {edit.byPillar(doc, doc.efforts).map((group) => (
        <PillarGroup key={group.pillar?.key ?? ''} collection="efforts" pillar={group.pillar} count={group.items.length} mover={mover} editable={editable}>
          {group.items.map((e) => (
            <li key={e.key} className="scenario-item" id={`efforts-${e.key}`} {...(editable ? dragSource('efforts', e.key) : {})}>
              <div className="scenario-item-head">
                {editable ? <span className="scenario-grip" aria-hidden="true">⠿</span> : null}
                <strong>{e.title}</strong> <AssumedMark reason={edit.assumption(doc, `efforts.${e.key}`)} />
              </div>
              <Facts>
                {e.level ? <li>{labels[e.level]}</li> : null}
                <li>
                  {t('scenario.effort.ages', { min: e.ageMin, max: e.ageMax })} <AssumedMark reason={edit.assumption(doc, `efforts.${e.key}.ages`)} />
                </li>
                {e.programmes.map((p) => (
                  <li key={p} className="badge badge-info">
                    {t(PROGRAMME_KEYS[p])}
                  </li>
                ))}
                <li>{t('scenario.effort.budget', { amount: formatDkk(e.annualBudget, locale) })}</li>
              </Facts>
              {editable ? <MoveControl collection="efforts" itemKey={e.key} title={e.title} current={e.pillarKey} pillars={doc.pillars} onMove={(p) => mover.move('efforts', e.key, p)} /> : null}
            </li>
          ))}
        </PillarGroup>
      ))}
    </>
  );
}

function AssessmentSection({ assessment, onChange, editable, errors }: { assessment: TAssessment; onChange(next: TAssessment): void; editable: boolean; errors: FormError[] }) {
  const { t } = useI18n();
  const weights = [{ value: '', label: t('scenario.assessment.no_weight') }, ...[0, 1, 2, 3, 4, 5].map((w) => ({ value: String(w), label: String(w) }))];
  const set = (criterion: (typeof CRITERIA)[number], patch: Partial<{ weight: number; rationale: string }>) => {
    const current = assessment.criteria[criterion] ?? { weight: 0, rationale: '' };
    onChange({ criteria: { ...assessment.criteria, [criterion]: { ...current, ...patch } } });
  };
  return (
    <>
      <p>{t('scenario.assessment.lead')}</p>
      {CRITERIA.map((criterion) => {
        const value = assessment.criteria[criterion];
        return (
          <div key={criterion} className="scenario-card">
            <h3 className="h4">{t(CRITERION_KEYS[criterion])}</h3>
            {editable ? (
              <>
                <SelectField
                  id={fieldId.criterion(criterion, 'weight')}
                  label={t('scenario.assessment.weight')}
                  hint={t('scenario.assessment.weight_hint')}
                  value={value ? String(value.weight) : ''}
                  onChange={(e) => {
                    if (e.target.value === '') {
                      const { [criterion]: _removed, ...rest } = assessment.criteria;
                      onChange({ criteria: rest });
                    } else set(criterion, { weight: Number(e.target.value) });
                  }}
                  options={weights}
                  error={errorFor(errors, fieldId.criterion(criterion, 'weight'))}
                />
                <TextArea
                  id={fieldId.criterion(criterion, 'rationale')}
                  label={t('scenario.assessment.rationale')}
                  optional
                  rows={3}
                  value={value?.rationale ?? ''}
                  onChange={(e) => set(criterion, { rationale: e.target.value })}
                  error={errorFor(errors, fieldId.criterion(criterion, 'rationale'))}
                  maxLength={4000}
                />
              </>
            ) : (
              <p>{value ? t('scenario.assessment.value', { weight: value.weight, rationale: value.rationale || '–' }) : t('scenario.assessment.not_weighted')}</p>
            )}
          </div>
        );
      })}
    </>
  );
}

function WarningsPanel({ doc }: { doc: Doc }) {
  const { t, locale } = useI18n();
  const warnings = useMemo(() => scenarioWarnings(doc), [doc]);
  return (
    <section aria-labelledby="scenario-warnings-heading" className="scenario-section" id="scenario-warnings">
      <h2 id="scenario-warnings-heading">{t('scenario.warnings.heading', { count: warnings.length })}</h2>
      {warnings.length === 0 ? (
        <p>{t('scenario.warnings.none')}</p>
      ) : (
        <ul className="scenario-warnings">
          {warnings.map((w, i) => (
            <li key={`${w.code}-${i}`}>
              <span className={`badge ${w.severity === 'warning' ? 'badge-warning' : 'badge-neutral'}`}>{t(w.severity === 'warning' ? 'scenario.warnings.warning' : 'scenario.warnings.notice')}</span> {w[locale]}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

/** The navigation within the long page: one link per section. */
function OnThisPage() {
  const { t } = useI18n();
  const sections = [
    ['scenario-about', 'scenario.section.about'],
    ['scenario-warnings', 'scenario.warnings.title'],
    ['scenario-placement', 'scenario.section.placement'],
    ['scenario-pillars', 'scenario.section.pillars'],
    ['scenario-functions', 'scenario.section.functions'],
    ['scenario-forums', 'scenario.section.forums'],
    ['scenario-efforts', 'scenario.section.efforts'],
    ['scenario-assessment', 'scenario.section.assessment'],
  ] as const;
  return (
    <nav aria-label={t('scenario.section.nav')} className="scenario-toc">
      <ul className="nobullet-list">
        {sections.map(([id, key]) => (
          <li key={id}>
            <a href={`#${id}`}>{t(key)}</a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

export function ScenarioEditor({ scenario, onDirtyChange }: { scenario: TScenarioDetail; onDirtyChange(dirty: boolean): void }) {
  const { t } = useI18n();
  const queryClient = useQueryClient();
  const saved = useScenarioSaved();
  const editable = scenario.abilities.edit;
  const [draft, setDraft] = useState<Draft>(() => draftOf(scenario));
  // A new generation remounts the fields, so what they show is the reloaded document.
  const [generation, setGeneration] = useState(0);
  const [dirty, setDirty] = useState(false);
  const [invalid, setInvalid] = useState<Record<string, string>>({});
  const [serverErrors, setServerErrors] = useState<FormError[]>([]);
  const [attempt, setAttempt] = useState(0);
  const [conflict, setConflict] = useState(false);
  const [status, setStatus] = useState('');
  const [announcement, setAnnouncement] = useState('');
  const focusNext = useRef<string | null>(null);

  useEffect(() => onDirtyChange(dirty), [dirty, onDirtyChange]);
  // Leaving or reloading the page would lose the local copy.
  useWarnBeforeLeaving(dirty);
  useEffect(() => {
    if (!focusNext.current) return;
    document.getElementById(focusNext.current)?.focus();
    focusNext.current = null;
  });

  const touch = (next: Partial<Draft>) => {
    setDraft((d) => ({ ...d, ...next }));
    setDirty(true);
    setStatus('');
  };
  const change = (document: Doc) => touch({ document });
  const validity = (id: string, message: string | null) =>
    setInvalid((current) => {
      if (message === null) {
        const { [id]: _gone, ...rest } = current;
        return rest;
      }
      return { ...current, [id]: message };
    });
  const mover: Mover = {
    move: (collection, key, pillarKey) => {
      const item = draft.document[collection].find((i) => i.key === key);
      if (!item || item.pillarKey === pillarKey) return;
      change(edit.moveToPillar(draft.document, collection, key, pillarKey));
      const pillar = draft.document.pillars.find((p) => p.key === pillarKey)?.name ?? t('scenario.pillar.none');
      setAnnouncement(t('scenario.move.done', { title: item.title, pillar }));
      focusNext.current = `${collection}-${key}-move`;
    },
  };
  const reset = (fresh: TScenarioDetail) => {
    setDraft(draftOf(fresh));
    setGeneration((g) => g + 1);
    setDirty(false);
    setInvalid({});
    setServerErrors([]);
    setConflict(false);
  };
  const save = useMutation({
    mutationFn: () => saveScenario(scenario.id, { revision: scenario.revision, ...draft }),
    onSuccess: (updated) => {
      saved(updated);
      reset(updated);
      setStatus(t('scenario.save.done', { revision: updated.revision }));
    },
    onError: (error) => {
      if (error instanceof ApiError && error.type === REVISION_PROBLEM) {
        setConflict(true);
        setServerErrors([]);
        return;
      }
      // The server names each field by its path in the document sent; the editor names it by key.
      const fieldErrors = error instanceof ApiError ? (error.problem.errors ?? []) : [];
      setServerErrors(
        fieldErrors.length
          ? fieldErrors.map((e) => {
              const target = fieldForPath(e.field, draft.document);
              return target ? { fieldId: target, message: e.message } : { message: `${e.field}: ${e.message}` };
            })
          : errorsFromFailure(error, {}, t),
      );
      setAttempt((n) => n + 1);
    },
  });
  const reload = async () => {
    const fresh = await queryClient.fetchQuery({ queryKey: [SCENARIO_KEY, 'detail', scenario.id], queryFn: () => getScenario(scenario.id), staleTime: 0 });
    reset(fresh);
    setStatus(t('scenario.save.reloaded'));
    // The reload button is gone: the user starts again from the top of the fresh copy.
    focusNext.current = fieldId.title;
  };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    const own: FormError[] = Object.entries(invalid).map(([id, message]) => ({ fieldId: id, message }));
    if (!draft.title.trim()) own.push({ fieldId: fieldId.title, message: t('scenario.create.title_missing') });
    if (own.length) {
      setServerErrors(own);
      setAttempt((n) => n + 1);
      return;
    }
    save.mutate();
  };
  const errors = serverErrors;
  const props: SectionProps = { doc: draft.document, change, editable, errors, validity };

  const content = (
    <div key={generation}>
      <OnThisPage />
      <Section id="scenario-about" heading={t('scenario.section.about')}>
        {editable ? (
          <>
            <TextField id={fieldId.title} label={t('scenario.field.title')} value={draft.title} onChange={(e) => touch({ title: e.target.value })} error={errorFor(errors, fieldId.title)} maxLength={160} autoComplete="off" />
            <TextArea id={fieldId.description} label={t('scenario.field.description')} optional rows={3} value={draft.description} onChange={(e) => touch({ description: e.target.value })} error={errorFor(errors, fieldId.description)} maxLength={4000} />
          </>
        ) : (
          <p>{draft.description || t('scenario.field.no_description')}</p>
        )}
        <p className="small-text">{t('scenario.inhabitants', { count: formatNumber(draft.document.inhabitants) })}</p>
      </Section>
      <WarningsPanel doc={draft.document} />
      <Section id="scenario-placement" heading={t('scenario.section.placement')}>
        <PlacementSection {...props} />
      </Section>
      <Section id="scenario-pillars" heading={t('scenario.section.pillars')}>
        <PillarsSection {...props} />
      </Section>
      <Section id="scenario-functions" heading={t('scenario.section.functions')}>
        <FunctionsSection {...props} mover={mover} />
      </Section>
      <Section id="scenario-forums" heading={t('scenario.section.forums')}>
        <ForumsSection {...props} />
      </Section>
      <Section id="scenario-efforts" heading={t('scenario.section.efforts')}>
        <EffortsSection {...props} mover={mover} />
      </Section>
      <Section id="scenario-assessment" heading={t('scenario.section.assessment')}>
        <AssessmentSection assessment={draft.assessment} onChange={(assessment) => touch({ assessment })} editable={editable} errors={errors} />
      </Section>
    </div>
  );

  if (!editable) return content;
  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('scenario.editor.label')}>
      <div className="sr-only" role="status" aria-live="polite">
        {announcement}
      </div>
      {conflict ? (
        <Alert variant="error" heading={t('scenario.conflict.heading')}>
          <p>{t('scenario.conflict.detail')}</p>
          <p>
            <button type="button" className="button button-secondary" onClick={() => void reload()}>
              {t('scenario.conflict.reload')}
            </button>
          </p>
        </Alert>
      ) : null}
      <ErrorSummary errors={errors} attempt={attempt} />
      {content}
      <div className="scenario-savebar">
        <button type="submit" className="button button-primary" disabled={save.isPending}>
          {t('scenario.save.submit')}
        </button>
        <span role="status" className="scenario-save-status">
          {save.isPending ? t('scenario.save.working') : status || (dirty ? t('scenario.save.unsaved') : '')}
        </span>
      </div>
    </form>
  );
}
