import type { Kysely } from 'kysely';
import { type Change, diffLines, diffWords } from 'diff';
import type { TEffortStatus, TRiskProfile, TTriangleLabels } from '../../../contracts/efforts.ts';
import { FORUM_LEVELS, type TForumLevel, type TForumRole, type TLevelLabels, TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import { type TMoneyView, type TOrganisationDiff, type TPlanContent, type TPlanDiff, type TPlanEffort, type TSections, type TTextChange, WRITTEN_SECTIONS } from '../../../contracts/plans.ts';
import { canonicalJson } from '../../platform/audit/audit-chain.ts';
import type { Database } from '../../platform/db/schema.ts';
import * as effortsReader from '../efforts/efforts.public.ts';
import * as mapReader from '../organisation/organisation.public.ts';
import * as repo from './plans.repository.ts';
import type { Run } from '../../platform/documents.ts';
import { richTextBlocks } from './plans.richtext.ts';

/**
 * What the plan says, generated from live data: the forums on the three levels with their
 * members, and the efforts running in the year by triangle level, beside the written
 * sections. The plan is a Danish public document, so the level words are the municipality's
 * own or the Danish defaults. It names functions and units, never people.
 */
export async function generateContent(db: Kysely<Database>, municipalityId: string, year: number, sections: TSections): Promise<TPlanContent> {
  const municipality = await repo.findMunicipalityById(db, municipalityId);
  const settings = municipality.settings as { forumLevelLabels?: TLevelLabels; triangleLevelLabels?: TTriangleLabels };
  const scope = { municipalityId, policeDistrictId: municipality.police_district_id };
  const [forums, members, functions, organisations, plan] = await Promise.all([
    mapReader.listForums(db, scope, null),
    mapReader.listMembers(db, scope, null),
    mapReader.listFunctions(db, scope, null),
    mapReader.listOrganisations(db, scope, null),
    effortsReader.listForPlan(db, municipalityId, year),
  ]);
  const forumLabels = settings.forumLevelLabels ?? mapReader.DEFAULT_LEVEL_LABELS.da;
  const triangleLabels = settings.triangleLevelLabels ?? effortsReader.DEFAULT_TRIANGLE_LABELS.da;
  const organisationName = new Map(organisations.map((o) => [o.id, o.name]));
  const fn = new Map(functions.map((f) => [f.id, f]));
  const roleOrder: Record<string, number> = { chair: 0, secretary: 1, member: 2, observer: 3 };

  const organisation = FORUM_LEVELS.map((level) => ({
    level,
    label: forumLabels[level],
    forums: forums
      .filter((f) => f.level === level)
      .map((f) => ({
        id: f.id,
        name: f.name,
        purpose: f.purpose,
        members: members
          .filter((m) => m.forum_id === f.id && fn.has(m.function_id))
          .map((m) => {
            const held = fn.get(m.function_id)!;
            return { functionTitle: held.title, organisationName: organisationName.get(held.organisation_id) ?? '—', role: m.role as TForumRole };
          })
          // A full order (four centre chiefs share a title), so the same forum reads the same every time.
          .sort((a, b) => roleOrder[a.role] - roleOrder[b.role] || a.functionTitle.localeCompare(b.functionTitle, 'da') || a.organisationName.localeCompare(b.organisationName, 'da')),
      })),
  }));

  const money = new Map(plan.money.map((m) => [m.effort_id, m]));
  const effortOf = (e: (typeof plan.efforts)[number]): TPlanEffort => ({
    id: e.id,
    title: e.title,
    description: e.description,
    status: e.status as TEffortStatus,
    owner: organisationName.get(e.owner_organisation_id) ?? null,
    responsibleFunction: e.responsible_function_id ? (fn.get(e.responsible_function_id)?.title ?? null) : null,
    ageMin: e.age_min,
    ageMax: e.age_max,
    riskProfile: e.risk_profile as TRiskProfile,
    periodStart: e.period_start,
    periodEnd: e.period_end,
    goals: plan.goals
      .filter((g) => g.effort_id === e.id)
      .map((g) => ({
        title: g.title,
        indicators: plan.indicators.filter((i) => i.goal_id === g.id).map((i) => ({ name: i.name, unit: i.unit, baseline: Number(i.baseline), target: Number(i.target) })),
      })),
    budget: Number(money.get(e.id)?.budget ?? 0),
    demo: money.get(e.id)?.demo ?? false,
  });
  const efforts = TRIANGLE_LEVELS.map((level: TTriangleLevel) => ({
    level,
    label: triangleLabels[level],
    efforts: plan.efforts.filter((e) => e.triangle_level === level).map(effortOf),
  }));

  return {
    municipality: { code: municipality.code, name: municipality.name },
    year,
    title: `Lokal handlingsplan for tryghed og kriminalitetsforebyggelse ${year}`,
    sections,
    organisation,
    efforts,
  };
}

/** The fields of an effort whose change makes the plan say something else. */
const EFFORT_FIELDS = ['title', 'description', 'status', 'owner', 'responsibleFunction', 'ageMin', 'ageMax', 'riskProfile', 'periodStart', 'periodEnd', 'goals', 'budget'] as const;

const effortsById = (content: TPlanContent) => new Map(content.efforts.flatMap((l) => l.efforts.map((e) => [e.id, { ...e, level: l.level }] as const)));

/**
 * What differs between two versions of a plan: written sections (word by word), the
 * organisation (forums and members), and the efforts added, removed and changed (with the
 * fields). `statusNow` gives a removed effort's present status (paused, ended), so the reader
 * sees why it left the plan.
 */
export function diffContent(from: TPlanContent, to: TPlanContent, statusNow: Map<string, TEffortStatus> = new Map()): TPlanDiff {
  const before = effortsById(from);
  const after = effortsById(to);
  const changed: TPlanDiff['efforts']['changed'] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) continue;
    // Frozen content comes back from jsonb with its keys reordered: compare canonically.
    const fields: string[] = EFFORT_FIELDS.filter((f) => canonicalJson(was[f] ?? null) !== canonicalJson(now[f] ?? null));
    if (was.level !== now.level) fields.push('level');
    if (fields.length > 0) changed.push({ id, title: now.title, fields });
  }
  return {
    sections: WRITTEN_SECTIONS.filter((s) => from.sections[s] !== to.sections[s]).map((section) => ({ section, changes: diffText(sectionText(from.sections[section]), sectionText(to.sections[section])) })),
    organisationChanged: canonicalJson(from.organisation) !== canonicalJson(to.organisation),
    organisation: diffOrganisation(from, to),
    efforts: {
      added: [...after.values()].filter((e) => !before.has(e.id)).map((e) => ({ id: e.id, title: e.title })),
      removed: [...before.values()].filter((e) => !after.has(e.id)).map((e) => ({ id: e.id, title: e.title, status: statusNow.get(e.id) ?? null })),
      changed,
    },
  };
}

export function isEmptyDiff(diff: TPlanDiff): boolean {
  return diff.sections.length === 0 && !diff.organisationChanged && diff.efforts.added.length === 0 && diff.efforts.removed.length === 0 && diff.efforts.changed.length === 0;
}

/** A section's words as a reader sees them: one line per heading, paragraph and list item. */
export function sectionText(html: string): string {
  const text = (runs: Run[]) => runs.map((r) => r.text).join('').trim();
  return richTextBlocks(html)
    .flatMap((block) => (block.kind === 'list' ? block.items.map((item, i) => `${block.ordered ? `${i + 1}.` : '•'} ${text(item)}`) : [text(block.runs)]))
    .join('\n');
}

/** Beyond this many words changed in one stretch of lines, it is shown as replaced: the word diff's cost grows with it. */
const MAX_WORD_EDITS = 200;

/**
 * Line by line, then word by word within each stretch of changed lines (jsdiff), so the cost
 * follows the changes, not the section's length; a stretch changed past `MAX_WORD_EDITS`
 * words reads as deleted and inserted whole.
 */
export function diffText(from: string, to: string): TTextChange[] {
  const kind = (p: Change): TTextChange['kind'] => (p.added ? 'inserted' : p.removed ? 'deleted' : 'same');
  const out: TTextChange[] = [];
  const push = (change: TTextChange) => {
    const last = out.at(-1);
    if (last?.kind === change.kind) last.text += change.text;
    else if (change.text) out.push({ ...change });
  };
  const lines = diffLines(from, to);
  for (let i = 0; i < lines.length; i++) {
    const [line, next] = [lines[i], lines[i + 1]];
    if (!(line.removed && next?.added)) {
      push({ kind: kind(line), text: line.value });
      continue;
    }
    const words = diffWords(line.value, next.value, { maxEditLength: MAX_WORD_EDITS });
    if (words) for (const w of words) push({ kind: kind(w), text: w.value });
    else [line, next].forEach((p) => push({ kind: kind(p), text: p.value }));
    i++;
  }
  return out;
}

type Forum = TPlanContent['organisation'][number]['forums'][number];
type Member = Forum['members'][number];
const memberKey = (m: { functionTitle: string; organisationName: string }) => `${m.functionTitle}\u0000${m.organisationName}`;

/**
 * Forums by id; members by function and unit (frozen content names functions, not their ids).
 * Two members with the same function title in one unit are matched role by role.
 */
function diffOrganisation(from: TPlanContent, to: TPlanContent): TOrganisationDiff {
  const forums = (c: TPlanContent) => new Map(c.organisation.flatMap((l) => l.forums.map((f) => [f.id, { ...f, level: l.level }] as const)));
  const before = forums(from);
  const after = forums(to);
  const ref = (f: Forum & { level: TForumLevel }) => ({ id: f.id, name: f.name, level: f.level });
  const changed: TOrganisationDiff['changed'] = [];
  for (const [id, now] of after) {
    const was = before.get(id);
    if (!was) continue;
    const members = diffMembers(was.members, now.members);
    const change = {
      ...ref(now),
      renamedFrom: was.name !== now.name ? was.name : null,
      levelFrom: was.level !== now.level ? was.level : null,
      purposeChanged: (was.purpose ?? '') !== (now.purpose ?? ''),
      members,
    };
    const memberChanges = members.added.length + members.removed.length + members.roleChanged.length;
    if (change.renamedFrom !== null || change.levelFrom !== null || change.purposeChanged || memberChanges > 0) changed.push(change);
  }
  return {
    added: [...after.values()].filter((f) => !before.has(f.id)).map(ref),
    removed: [...before.values()].filter((f) => !after.has(f.id)).map(ref),
    changed,
  };
}

function diffMembers(from: Member[], to: Member[]): TOrganisationDiff['changed'][number]['members'] {
  const left = [...from];
  const added: Member[] = [];
  const unmatched: Member[] = [];
  // Same function, unit and role first; what is left of a function and unit changed role.
  for (const m of to) {
    const same = left.findIndex((o) => memberKey(o) === memberKey(m) && o.role === m.role);
    if (same >= 0) left.splice(same, 1);
    else unmatched.push(m);
  }
  const roleChanged: TOrganisationDiff['changed'][number]['members']['roleChanged'] = [];
  for (const m of unmatched) {
    const other = left.findIndex((o) => memberKey(o) === memberKey(m));
    if (other >= 0) {
      roleChanged.push({ functionTitle: m.functionTitle, organisationName: m.organisationName, from: left[other].role, to: m.role });
      left.splice(other, 1);
    } else added.push(m);
  }
  const plain = (m: Member) => ({ functionTitle: m.functionTitle, organisationName: m.organisationName, role: m.role });
  return { added: added.map(plain), removed: left.map(plain), roleChanged };
}

/**
 * The content with the amounts this reader may see (`TMoneyView`): all of them, the real ones
 * of a published version (never demo amounts), or none.
 */
export function withMoney(content: TPlanContent, view: TMoneyView): TPlanContent {
  if (view === 'all') return content;
  return {
    ...content,
    efforts: content.efforts.map((level) => ({
      ...level,
      efforts: level.efforts.map((e) => ({ ...e, budget: view === 'published' && !e.demo ? e.budget : null })),
    })),
  };
}

/** A first plan's written sections: the memo's basis, purpose and target group, to be rewritten. */
export function defaultSections(municipalityName: string): TSections {
  return {
    basis:
      '<p>Samarbejdet mellem skole, socialforvaltning og politi (SSP) bygger på retsplejelovens § 114, hvorefter politidirektøren etablerer et kriminalitetsforebyggende samarbejde med Kriminalforsorgen og kommunerne i politikredsen, og på § 115 om udveksling af oplysninger mellem myndighederne.</p>' +
      '<p>Samarbejdet er et samarbejde mellem selvstændige parter, som hver har sin egen lovgivning, sit eget mandat og sin egen ledelse.</p>',
    purpose:
      `<p>${escapeHtml(municipalityName)} Kommune vil skabe tryghed og forebygge kriminalitet blandt børn og unge gennem en helhedsorienteret, tværfaglig og koordineret indsats med fælles overordnede mål, bygget på forskning, faglig viden og bedste praksis.</p>`,
    targetGroup:
      '<p>Alle børn og unge fra skolealderen (6 år) til 25 år, med særligt fokus på dem, der er i risiko for kriminalitet: ved tidlig bekymring og ved førstegangskriminalitet.</p>' +
      '<p>Den afledte målgruppe er forældre, søskende og andre, som inddrages i en indsats rettet mod en ung.</p>',
    strategy:
      '<p>Indsatserne tilrettelægges efter forebyggelsestrekanten:</p><ul><li>Opbyggende indsatser for alle børn og unge</li><li>Forebyggende indsatser for grupper i risiko</li><li>Kriminalitetsforebyggende indsatser for den enkelte</li></ul>',
    goals: '<p>Skriv de fælles overordnede mål for året her.</p>',
  };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
