import { TRIANGLE_LEVELS, type TTriangleLevel } from '../../../contracts/organisation.ts';
import type { TParty, TScenarioDocument, TScenarioFunction, TScenarioWarning } from '../../../contracts/scenarios.ts';

/** The SSP triangle: social services (the municipality), school and police. */
const SSP_PARTIES: readonly TParty[] = ['municipality', 'school', 'police'];
const PARTY_WORDS: Record<TParty, { da: string; en: string }> = {
  municipality: { da: 'kommunen (socialområdet)', en: 'the municipality (social services)' },
  school: { da: 'skolen', en: 'the school' },
  police: { da: 'politiet', en: 'the police' },
  other: { da: 'andre', en: 'others' },
};
const LEVEL_WORDS: Record<TTriangleLevel, { da: string; en: string }> = {
  general: { da: 'generel (opbyggende)', en: 'general (building)' },
  targeted: { da: 'målrettet (forebyggende)', en: 'targeted (preventive)' },
  individual: { da: 'individorienteret (kriminalitetsforebyggende)', en: 'individual (crime-preventive)' },
};
/** Five forums or more is more than one person can attend to (issue #12, item 11). */
export const MANY_FORUMS = 5;

/** A function's place on the triangle: its own level, else its pillar's when that pillar carries one level only. */
export function levelOf(item: { level: TTriangleLevel | null; pillarKey: string | null }, doc: TScenarioDocument): TTriangleLevel | null {
  if (item.level) return item.level;
  const pillar = doc.pillars.find((p) => p.key === item.pillarKey);
  return pillar?.levels.length === 1 ? pillar.levels[0] : null;
}

/** The work's own staff: functions placed in one of the scenario's units (forum members from elsewhere are not). */
export const isStaff = (f: TScenarioFunction) => f.unitKey !== null;

/** The forum every line ends in: the kredsråd when there is one, else the first strategic forum reporting to nobody. */
export function topForumKey(doc: TScenarioDocument): string | null {
  const roots = doc.forums.filter((f) => f.reportsTo === null);
  return (roots.find((f) => f.kind === 'kredsraad') ?? roots.find((f) => f.level === 'strategic') ?? roots[0])?.key ?? null;
}

const list = (names: string[]) => names.join(', ');

/**
 * What the working group should look at while it edits (issue #12, item 11), in Danish and
 * English. A pure function of the document: every read of a scenario carries it.
 */
export function scenarioWarnings(doc: TScenarioDocument): TScenarioWarning[] {
  const warnings: TScenarioWarning[] = [];
  const add = (code: TScenarioWarning['code'], severity: TScenarioWarning['severity'], keys: string[], da: string, en: string) => warnings.push({ code, severity, keys, da, en });
  const titleOf = new Map(doc.functions.map((f) => [f.key, f.title]));

  const placeless = doc.functions.filter((f) => isStaff(f) && f.pillarKey === null);
  if (placeless.length) {
    const names = list(placeless.map((f) => f.title));
    add('function_without_pillar', 'warning', placeless.map((f) => f.key), `Funktioner uden søjle: ${names}.`, `Functions without a pillar: ${names}.`);
  }
  const loose = doc.efforts.filter((e) => e.pillarKey === null);
  if (loose.length) {
    const names = list(loose.map((e) => e.title));
    add('effort_without_pillar', 'warning', loose.map((e) => e.key), `Indsatser uden søjle: ${names}.`, `Efforts without a pillar: ${names}.`);
  }

  const carried = new Set(doc.functions.filter((f) => f.fte > 0).map((f) => levelOf(f, doc)));
  for (const level of TRIANGLE_LEVELS) {
    if (carried.has(level)) continue;
    add('level_uncovered', 'warning', [level], `Ingen medarbejdere på trekantens niveau ${LEVEL_WORDS[level].da}.`, `Nobody works on the triangle's level ${LEVEL_WORDS[level].en}.`);
  }

  if (!doc.functions.some((f) => f.analyst && f.fte > 0)) {
    add('no_analyst', 'warning', [], 'Ingen analytiker: ingen udarbejder kriminalitetsbilledet.', 'No analyst: nobody writes the crime picture.');
  }
  if (!doc.functions.some((f) => f.caseCoordinator && f.fte > 0)) {
    add('no_case_coordinator', 'warning', [], 'Ingen enkeltsagskoordinator: ingen sikrer koordineringen i den enkelte sag.', 'No case coordinator: nobody coordinates each case.');
  }

  const partyOf = new Map(doc.functions.map((f) => [f.key, f.party]));
  // The police's own councils (kredsråd, lokalråd) are composed by law; the rest is SSP's structure.
  for (const forum of doc.forums.filter((f) => f.kind === 'other')) {
    const present = new Set(forum.members.map((m) => partyOf.get(m.functionKey)));
    const missing = SSP_PARTIES.filter((p) => !present.has(p));
    if (!missing.length) continue;
    add(
      'forum_missing_ssp_party',
      'warning',
      [forum.key, ...missing],
      `${forum.name} mangler ${list(missing.map((p) => PARTY_WORDS[p].da))} blandt medlemmerne.`,
      `${forum.name} has no member from ${list(missing.map((p) => PARTY_WORDS[p].en))}.`,
    );
  }

  const seats = new Map<string, number>();
  for (const forum of doc.forums) for (const m of forum.members) seats.set(m.functionKey, (seats.get(m.functionKey) ?? 0) + 1);
  for (const [key, count] of seats) {
    if (count < MANY_FORUMS) continue;
    const title = titleOf.get(key) ?? key;
    add('function_in_many_forums', 'notice', [key], `${title} sidder i ${count} fora.`, `${title} sits in ${count} forums.`);
  }

  const top = topForumKey(doc);
  for (const forum of doc.forums.filter((f) => f.reportsTo === null && f.key !== top)) {
    add('forum_reports_to_nobody', 'warning', [forum.key], `${forum.name} rapporterer ikke til noget forum.`, `${forum.name} reports to no forum.`);
  }

  if (doc.placement.centres.length > 1) {
    const names = list(doc.placement.centres);
    add('several_centres', 'warning', doc.placement.centres, `Arbejdet er forankret i ${doc.placement.centres.length} centre (${names}); byrådet ønsker én entydig forankring.`, `The work is anchored in ${doc.placement.centres.length} centres (${names}); the council asked for one clear anchoring.`);
  }
  return warnings;
}
