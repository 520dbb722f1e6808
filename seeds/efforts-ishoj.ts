import type { Kysely } from 'kysely';
import type { TBudgetKind, TRiskProfile } from '../contracts/efforts.ts';
import type { TTriangleLevel } from '../contracts/organisation.ts';
import * as orgRepo from '../server/modules/organisation/organisation.repository.ts';
import type { MapScope } from '../server/modules/organisation/organisation.repository.ts';
import { FULL_TIME_HOURS, legalBasisLabel } from '../server/modules/efforts/efforts.service.ts';
import * as repo from '../server/modules/efforts/efforts.repository.ts';
import { appendAuditEntries } from '../server/platform/audit/audit-chain.ts';
import { auditActor, systemContext } from '../server/platform/context.ts';
import type { Database } from '../server/platform/db/schema.ts';
import { MEMO_DATE } from './organisation-ishoj.ts';

/**
 * The efforts the memo of 27 March 2023 names for Ishøj, with their owners and levels, as the
 * reference data of the efforts module. The memo gives no goals, figures or budgets: the goals
 * and indicators below are examples (marked assumed, with the reason), and every amount and hour is
 * generated and stored marked as demo data, which the app shows wherever it appears.
 */

/** The laws the memo names (Retsplejeloven with the sections it cites). */
export const MEMO_LEGAL_BASES: [law: string, section: string | null][] = [
  ['Retsplejeloven', '§ 111'],
  ['Retsplejeloven', '§ 114'],
  ['Retsplejeloven', '§ 115'],
  ['Lov om bekæmpelse af ungdomskriminalitet', null],
  ['Serviceloven', null],
  ['Folkeskoleloven', null],
  ['Ungdomsskoleloven', null],
  ['Dagtilbudsloven (klubbestemmelserne)', null],
  ['Lov om en aktiv beskæftigelsesindsats (mentorstøtte)', null],
  ['Vejledning om KSP-samarbejdet', null],
  ['Vejledning om PSP-samarbejdet', null],
  ['Forvaltningsloven', null],
  // Not in the memo: support for children moved from serviceloven to barnets lov on 1 January 2024.
  ['Barnets lov', null],
];

/** Ishøj's words for the triangle's levels (from the memo). */
export const ISHOJ_TRIANGLE_LABELS = { general: 'Opbyggende', targeted: 'Forebyggende', individual: 'Kriminalitetsforebyggende' };

/** Ishøj's districts (assumed: the memo names none); efforts may name them. */
export const ISHOJ_DISTRICTS = ['Gadekæret', 'Ishøj Landsby', 'Ishøj Strand', 'Strandgårdsparken', 'Tranegilde', 'Vejleåparken'];

export interface ReferenceEffort {
  title: string;
  description: string;
  level: TTriangleLevel;
  owner: string;
  /** [function title, organisation name] */
  responsible: [string, string];
  partners: string[];
  forums: string[];
  ages: [number, number];
  risk: TRiskProfile;
  derived?: ('parents' | 'siblings' | 'others')[];
  legal: string[];
  /** Why the age band is assumed, where the memo says something of it (else AGES_ASSUMED). */
  agesAssumed?: string;
  /** The memo names the function that carries the effort. */
  responsibleStated?: true;
  /** The memo names the effort's forum and partners (Infohus, Ragnar). */
  linksStated?: true;
  /** The effort itself is not in the memo as an effort. */
  titleAssumed?: string;
  /** Hours a year per function, as [function title, organisation name, hours]. */
  hours: [string, string, number][];
  /** Activities and pool money a year (demo). */
  activities: number;
  pool: number;
  goals: { title: string; indicator: { name: string; unit: string; baseline: number; target: number; countsParticipants?: boolean; direction?: 'increase' | 'decrease'; measured: number[] } }[];
}

const TKF = 'Tryghed og Kriminalitetsforebyggelse';
const PROACTIVE: [string, string] = ['Konsulent for proaktiv kriminalitetsforebyggelse', TKF];
const REACTIVE: [string, string] = ['Konsulent for reaktiv kriminalitetsforebyggelse', TKF];
const LEADER: [string, string] = ['Leder', TKF];
const STREET: [string, string] = ['Gadeplansmedarbejder', 'Gadeplan'];
const OUTGOING: [string, string] = ['Koordinator for den udgående indsats', 'Den udgående indsats'];
const POLICE = 'Vestegnens Politi';
const RPL114 = 'Retsplejeloven § 114';
const RPL115 = 'Retsplejeloven § 115';
const EXAMPLE = 'Eksempel på mål: notatet fastsætter ingen mål. Ret det til kommunens egne.';

// Why fields of the efforts are marked "antaget": the memo describes the work, not its age
// bands, risk profiles, laws or links. It gives no evidence ratings either, so every effort's
// rating is "ukendt" until the municipality documents one.
const AGES_ASSUMED = 'Notatet angiver ingen aldersgrænser for indsatsen; aldersgruppen er antaget.';
const RISK_ASSUMED = 'Notatet angiver ingen risikoprofil for indsatsen; den er antaget ud fra beskrivelsen.';
const DERIVED_ASSUMED = 'Notatet nævner ingen afledte målgrupper for indsatsen; de er antaget.';
const LEGAL_ASSUMED = 'Notatet nævner lovgrundlaget for arbejdet samlet, ikke for den enkelte indsats; lovene her er antaget.';
const LINKS_ASSUMED = 'Notatet knytter ikke indsatsen til bestemte fora og samarbejdspartnere; koblingerne er antaget ud fra forummernes medlemmer.';
const RESPONSIBLE_ASSUMED = 'Notatet lægger opgaven hos enheden, ikke hos en bestemt funktion; den ansvarlige funktion er antaget.';
const MEETINGS_ASSUMED = 'Notatet nævner SSP-NU som forum, ikke §115-møderne som en selvstændig indsats; indsatsen er antaget.';

/** The marks of a reference effort: every field the memo does not state, with the reason. */
export function assumedFieldsOf(e: ReferenceEffort): Record<string, string> {
  return {
    ...(e.titleAssumed ? { title: e.titleAssumed } : {}),
    ...(e.responsibleStated ? {} : { responsible_function_id: RESPONSIBLE_ASSUMED }),
    ...(e.partners.length > 0 && !e.linksStated ? { partner_organisation_ids: LINKS_ASSUMED } : {}),
    ...(e.forums.length > 0 && !e.linksStated ? { forum_ids: LINKS_ASSUMED } : {}),
    age_min: e.agesAssumed ?? AGES_ASSUMED,
    age_max: e.agesAssumed ?? AGES_ASSUMED,
    risk_profile: RISK_ASSUMED,
    ...(e.derived?.length ? { derived_groups: DERIVED_ASSUMED } : {}),
    ...(e.legal.length > 0 ? { legal_basis_ids: LEGAL_ASSUMED } : {}),
  };
}

export const ISHOJ_EFFORTS: ReferenceEffort[] = [
  {
    title: 'SSP-koordinering',
    description: 'Enheden faciliterer og koordinerer SSP-samarbejdet mellem skole, socialforvaltning og politi og binder de tryghedsskabende og kriminalitetsforebyggende indsatser sammen på tværs af kommunen.',
    level: 'general', owner: TKF, responsible: PROACTIVE, partners: ['Skolerne', POLICE, 'Ungdommens Uddannelsesvejledning'], forums: ['SSP-netværk', 'Koordinationsgruppen'],
    ages: [6, 17], risk: 'all', legal: [RPL114, RPL115, 'Folkeskoleloven'],
    hours: [[...PROACTIVE, 900], [...LEADER, 250]], activities: 120_000, pool: 0,
    goals: [{ title: 'Alle skoler har et aktivt SSP-netværk', indicator: { name: 'Skoler med mindst to SSP-møder i året', unit: 'skoler', baseline: 3, target: 6, measured: [4, 5, 6] } }],
  },
  {
    title: 'Gadeplan – opsøgende arbejde',
    description: 'Fire gadeplansmedarbejdere arbejder opsøgende i hele kommunen med unge under 18 år i udsatte positioner: unge, der opholder sig på gaden, viser bekymrende adfærd eller har brug for hjælp til at komme i kontakt med andre tilbud.',
    level: 'targeted', owner: 'Gadeplan', responsible: STREET, partners: [POLICE, 'Ungdomsskolen'], forums: ['SSP-netværk'],
    ages: [12, 17], agesAssumed: 'Notatet siger "unge under 18 år"; den nedre grænse, 12 år, er antaget.', responsibleStated: true,
    risk: 'early_concern', derived: ['parents'], legal: ['Barnets lov', RPL115],
    hours: [[...STREET, 5_200]], activities: 180_000, pool: 60_000,
    goals: [{ title: 'Flere unge i udsatte positioner får kontakt til en voksen', indicator: { name: 'Unge i kontakt med Gadeplan', unit: 'unge', baseline: 40, target: 80, countsParticipants: true, measured: [52, 61, 66] } }],
  },
  {
    title: 'Den udgående indsats',
    description: 'Ungdomsskolens udgående indsats skaber relationer til grupper af unge op til ca. 25 år på kanten af kriminalitet og skaber aktiviteter og samværsformer med dem.',
    level: 'targeted', owner: 'Den udgående indsats', responsible: OUTGOING, partners: ['Ungdomsskolen', POLICE], forums: ['Koordinationsgruppen'],
    ages: [14, 25], agesAssumed: 'Notatet siger "op til ca. 25 år"; den nedre grænse, 14 år, er antaget.', responsibleStated: true,
    risk: 'early_concern', legal: ['Ungdomsskoleloven'],
    hours: [[...OUTGOING, 1_300]], activities: 150_000, pool: 90_000,
    goals: [{ title: 'Unge på kanten af kriminalitet deltager i fællesskaber', indicator: { name: 'Unge i aktiviteter', unit: 'unge', baseline: 25, target: 50, countsParticipants: true, measured: [27, 29, 31] } }],
  },
  {
    title: 'God Løsladelse – koordineret løsladelse',
    description: 'Koordineret løsladelse: planlægning sammen med Kriminalforsorgen og politiet, så den unge ved løsladelsen har bolig, forsørgelse og en plan for uddannelse eller arbejde.',
    level: 'individual', owner: TKF, responsible: REACTIVE, partners: ['Kriminalforsorgen', POLICE], forums: ['SSP-NU o18'],
    ages: [15, 30], risk: 'repeat_offending', derived: ['parents', 'siblings'], legal: [RPL115, 'Vejledning om KSP-samarbejdet'],
    hours: [[...REACTIVE, 450]], activities: 30_000, pool: 0,
    goals: [{ title: 'Løsladte har en plan ved løsladelsen', indicator: { name: 'Andel løsladte med plan for bolig, forsørgelse og beskæftigelse', unit: '%', baseline: 50, target: 90, measured: [60, 70, 75] } }],
  },
  {
    title: 'Koordinerede exitforløb',
    description: 'Koordinerede exitforløb for registrerede rocker- og bandemedlemmer, der ønsker at forlade miljøet.',
    level: 'individual', owner: TKF, responsible: REACTIVE, partners: [POLICE, 'Kriminalforsorgen'], forums: ['SSP-NU o18'],
    ages: [15, 30], risk: 'repeat_offending', derived: ['parents', 'siblings'], legal: [RPL115, 'Barnets lov', 'Serviceloven'],
    hours: [[...REACTIVE, 350]], activities: 40_000, pool: 0,
    goals: [{ title: 'Personer i exitforløb forbliver ude af miljøet', indicator: { name: 'Personer i exitforløb', unit: 'personer', baseline: 0, target: 4, countsParticipants: true, measured: [1, 2, 2] } }],
  },
  {
    title: 'Tilsyn med foreningen Ragnar',
    description: 'Kommunens tilsyn med foreningen Ragnar, som varetages af koordinatoren for Den udgående indsats.',
    level: 'targeted', owner: 'Den udgående indsats', responsible: OUTGOING, partners: ['Foreningen Ragnar'], forums: [],
    ages: [14, 25], responsibleStated: true, linksStated: true, risk: 'early_concern', legal: ['Forvaltningsloven'],
    hours: [[...OUTGOING, 150]], activities: 0, pool: 0,
    goals: [],
  },
  {
    title: '§115-møder i SSP-NU u18',
    description: 'Udveksling af oplysninger efter retsplejelovens § 115 og koordinering i konkrete sager om børn og unge under 18 år.',
    level: 'individual', owner: TKF, responsible: PROACTIVE, partners: [POLICE, 'Center for Børn og Familier'], forums: ['SSP-NU u18'],
    ages: [10, 17], titleAssumed: MEETINGS_ASSUMED, risk: 'first_offence', derived: ['parents', 'siblings'], legal: [RPL114, RPL115, 'Lov om bekæmpelse af ungdomskriminalitet'],
    hours: [[...PROACTIVE, 300]], activities: 0, pool: 0,
    goals: [{ title: 'Sager drøftes, mens der kan gøres en forskel', indicator: { name: 'Dage fra bekymring til første møde (median)', unit: 'dage', baseline: 30, target: 14, direction: 'decrease', measured: [28, 24, 21] } }],
  },
  {
    title: '§115-møder i SSP-NU o18',
    description: 'Udveksling af oplysninger efter retsplejelovens § 115 og koordinering i konkrete sager om unge over 18 år (SSP+).',
    level: 'individual', owner: TKF, responsible: REACTIVE, partners: [POLICE, 'Ungdommens Uddannelsesvejledning'], forums: ['SSP-NU o18'],
    ages: [18, 25], titleAssumed: MEETINGS_ASSUMED, risk: 'first_offence', legal: [RPL114, RPL115],
    hours: [[...REACTIVE, 250]], activities: 0, pool: 0,
    goals: [],
  },
  {
    title: 'Infohus – forebyggelse af ekstremisme og radikalisering',
    description: 'Samarbejde med PET, Kriminalforsorgen, politiets antiradikaliseringsenhed, SIRI og politiet om forebyggelse af ekstremisme og radikalisering.',
    level: 'individual', owner: TKF, responsible: PROACTIVE, partners: ['Politiets Efterretningstjeneste', 'Kriminalforsorgen', 'Styrelsen for International Rekruttering og Integration', POLICE], forums: ['Infohus-samarbejdet'],
    ages: [12, 30], linksStated: true, risk: 'early_concern', derived: ['parents'], legal: [RPL115],
    hours: [[...PROACTIVE, 200]], activities: 10_000, pool: 0,
    goals: [],
  },
  {
    title: 'Analyser og evalueringer',
    description: 'Enheden bistår med analyser og evalueringer af de tryghedsskabende og kriminalitetsforebyggende indsatser og af kriminalitetsbilledet.',
    level: 'general', owner: TKF, responsible: LEADER, partners: [POLICE], forums: ['Lokalråd'],
    ages: [6, 25], risk: 'all', legal: [RPL114],
    hours: [[...LEADER, 300], [...PROACTIVE, 150]], activities: 75_000, pool: 0,
    goals: [{ title: 'Beslutninger hviler på et opdateret kriminalitetsbillede', indicator: { name: 'Halvårlige analyser af kriminalitetsbilledet', unit: 'analyser', baseline: 0, target: 2, measured: [0, 1, 1] } }],
  },
  {
    title: 'Rådgivning i komplekse sager',
    description: 'Faglig rådgivning i komplekse sager om kriminologi, ekstremisme og radikalisering samt ungdomsliv.',
    level: 'individual', owner: TKF, responsible: REACTIVE, partners: ['Center for Børn og Familier'], forums: ['Koordinationsgruppen'],
    ages: [6, 25], risk: 'repeat_offending', derived: ['parents'], legal: ['Barnets lov', 'Serviceloven', RPL115],
    hours: [[...REACTIVE, 400]], activities: 0, pool: 0,
    goals: [],
  },
];

/** Danish public-sector salary per FTE a year for the demo budgets (an order of magnitude, assumed). */
const DEMO_SALARY_PER_FTE = 560_000;
const HOURS_PER_FTE_YEAR = FULL_TIME_HOURS * 44;

const daysBefore = (isoDate: string, days: number) => new Date(Date.parse(`${isoDate}T12:00:00Z`) - days * 86_400_000).toISOString().slice(0, 10);

/** Seeds the efforts for Ishøj: last year, this year and next year carry demo money. */
export async function seedIshojEfforts(db: Kysely<Database>, scope: MapScope, today: string): Promise<void> {
  const currentYear = Number(today.slice(0, 4));
  const [organisations, functions, forums, legal] = await Promise.all([
    orgRepo.listOrganisations(db, scope, null),
    orgRepo.listFunctions(db, scope, null),
    orgRepo.listForums(db, scope, null),
    repo.listLegalBases(db, scope.municipalityId),
  ]);
  const orgId = (name: string) => organisations.find((o) => o.name === name)?.id ?? fail(`organisation ${name}`);
  const fnId = ([title, org]: readonly [string, string, ...unknown[]]) => functions.find((f) => f.title === title && f.organisation_id === orgId(org))?.id ?? fail(`function ${title}`);
  const forumId = (name: string) => forums.find((f) => f.name === name)?.id ?? fail(`forum ${name}`);
  const legalId = (label: string) => legal.find((l) => legalBasisLabel(l) === label)?.id ?? fail(`legal basis ${label}`);
  const years = [currentYear - 1, currentYear, currentYear + 1];
  const ctx = systemContext('seed');

  await db.transaction().execute(async (trx) => {
    for (const e of ISHOJ_EFFORTS) {
      const id = await repo.insertEffort(trx, {
        municipality_id: scope.municipalityId,
        title: e.title,
        description: e.description,
        triangle_level: e.level,
        in_scope: true,
        owner_organisation_id: orgId(e.owner),
        responsible_function_id: fnId(e.responsible),
        partner_organisation_ids: e.partners.map(orgId),
        forum_ids: e.forums.map(forumId),
        age_min: e.ages[0],
        age_max: e.ages[1],
        risk_profile: e.risk,
        derived_groups: e.derived ?? [],
        districts: [],
        legal_basis_ids: e.legal.map(legalId),
        status: 'active',
        period_start: MEMO_DATE,
        period_end: null,
        evidence_rating: 'unknown',
        evidence_documentation: null,
        assumptions: JSON.stringify(assumedFieldsOf(e)),
        created_by: null,
        updated_by: null,
      });
      await repo.insertStatusChange(trx, { effort_id: id, previous_status: null, status: 'active', effective_on: MEMO_DATE, reason: 'I gang ved notatet af 27. marts 2023', changed_by: null });
      for (const [position, goal] of e.goals.entries()) {
        const g = await trx.insertInto('effort_goals').values({ effort_id: id, title: goal.title, description: null, assumptions: JSON.stringify({ title: EXAMPLE }), position }).returning('id').executeTakeFirstOrThrow();
        const i = goal.indicator;
        const indicator = await trx
          .insertInto('effort_indicators')
          .values({
            goal_id: g.id, effort_id: id, name: i.name, unit: i.unit, baseline: i.baseline, target: i.target, direction: i.direction ?? 'increase',
            period_start: `${currentYear}-01-01`, period_end: `${currentYear}-12-31`, counts_participants: i.countsParticipants ?? false,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        // Counts every three months up to a quarter ago: never in the future, whenever the seed runs.
        await trx.insertInto('indicator_measurements').values(i.measured.map((value, q) => ({ indicator_id: indicator.id, measured_on: daysBefore(today, 91 * (i.measured.length - q)), value }))).execute();
      }
      const salary = e.hours.reduce((sum, [, , h]) => sum + (h / HOURS_PER_FTE_YEAR) * DEMO_SALARY_PER_FTE, 0);
      for (const year of years) {
        // Prices rise about 3 % a year; last year is spent, this year about three quarters.
        const index = 1.03 ** (year - currentYear);
        const spent = year < currentYear ? 0.97 : year === currentYear ? 0.74 : null;
        const lines: [TBudgetKind, number][] = [['salary', salary], ['activities', e.activities], ['pool', e.pool]];
        const rows = lines
          .filter(([, amount]) => amount > 0)
          .map(([kind, amount]) => {
            const budget = Math.round((amount * index) / 1000) * 1000;
            return { effort_id: id, year, kind, budget, actual: spent === null ? null : Math.round(budget * spent), is_demo: true };
          });
        const hours = e.hours.map((h) => ({ effort_id: id, year, function_id: fnId(h), hours: h[2], is_demo: true }));
        await repo.replaceYear(trx, id, year, rows, hours);
      }
    }
    await appendAuditEntries(trx, [{ ...auditActor(ctx), municipalityId: scope.municipalityId, action: 'effort.imported', entityType: 'effort', after: { efforts: ISHOJ_EFFORTS.length, reference: true } }]);
  });
}

function fail(what: string): never {
  throw new Error(`reference efforts: ${what} is not in the organisation map`);
}
