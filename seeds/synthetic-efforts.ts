import { randomUUID } from 'node:crypto';
import { type Insertable, type Kysely, type Transaction, sql } from 'kysely';
import type { Database } from '../server/platform/db/schema.ts';
import { generateOrganisationMap } from './synthetic.ts';
import { startOfDanishDay } from '../server/platform/danish-time.ts';

/**
 * Synthetic efforts for benchmarks and load tests: efforts on the three triangle levels with
 * status history, goals, indicators, measurements, yearly budget lines and staff hours, in a
 * municipality whose organisation map exists (or is generated first). The values are
 * deterministic for a seed (ids are not: they must not collide across municipalities).
 * Rows go in directly, in batches inside one transaction, without audit rows: going through
 * the service would take minutes for 100,000 measurements.
 */
export interface EffortGenerationOptions {
  municipalityId: string;
  efforts: number;
  /** Budget years, ending with `lastYear`. */
  years: number;
  measurements: number;
  seed?: number;
  /**
   * The last budget year; "today" for the data is 1 July of it, which must have passed (no
   * measurement lies in the future). Default: the latest year whose 1 July has passed.
   */
  lastYear?: number;
  /** The map generated if the municipality has no organisations yet. */
  map?: { functions: number; forums: number; membersPerForum: number };
}

export interface GeneratedEfforts {
  years: number[];
  /** The municipality's district list after generating (its own and the generated ones). */
  districts: string[];
  counts: { efforts: number; statusChanges: number; goals: number; indicators: number; measurements: number; budgetLines: number; staffHours: number };
  /** Wall time of the whole generation, map included. */
  ms: number;
}

const BATCH = 1000;

/** mulberry32: small, fast, and good enough that neighbouring seeds give unrelated data. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

// --- word lists ------------------------------------------------------------------------------

export const SYNTHETIC_DISTRICTS = ['Vejleåparken', 'Gadekæret', 'Strandparken', 'Ishøj Landsby', 'Tranegilde', 'Torslunde', 'Bymidten', 'Ishøj Strand', 'Højstrup', 'Vildtbanegård'];

const ACTIVITIES = [
  'Natteravne', 'Mentorforløb', 'Gadeplansindsats', 'Lektiecafé', 'Fritidsjob', 'Forældrenetværk', 'Klubtilbud', 'Sportsnat',
  'Konfliktmægling', 'Exitforløb', 'Familiesamtaler', 'Skolebetjent', 'Ungdomsklub', 'Sommerferieaktiviteter', 'Opsøgende arbejde',
  'Tryghedsvandring', 'Fodboldskole', 'Misbrugsrådgivning', 'Uddannelsesvejledning', 'Kriminalitetsforebyggende samtaler',
];
const TARGETS = [
  'unge i risiko', 'udsatte drenge', 'piger i sårbare positioner', 'børn i 4.–6. klasse', 'unge uden uddannelse', 'førstegangskriminelle',
  'forældre til unge i risiko', 'søskende til dømte unge', 'unge i grupperinger', 'skoletrætte elever', 'nytilflyttede familier', 'unge med højt fravær',
];
const PURPOSES = [
  'forebygge kriminalitet', 'styrke trivsel og fællesskab', 'fastholde unge i skole og uddannelse', 'mindske rekruttering til bander',
  'skabe tryghed i boligområdet', 'styrke forældrenes rolle', 'bryde negative mønstre', 'give unge et alternativ til gaden',
  'opbygge tillid mellem unge og myndigheder', 'reducere hærværk og uro',
];
const METHODS = [
  'Indsatsen bygger på relationsarbejde og faste voksne',
  'Medarbejderne arbejder opsøgende om aftenen og i weekenden',
  'Forløbet kombinerer samtaler med praktiske aktiviteter',
  'Skole, klub, SSP og politi koordinerer ugentligt',
  'Familien inddrages gennem hjemmebesøg og netværksmøder',
  'Frivillige og foreninger bærer en del af aktiviteterne',
  'Der følges op med individuelle handleplaner',
  'Indsatsen evalueres løbende med de unge selv',
];
const EVIDENCE = [
  'Effekten er dokumenteret i en dansk kontrolleret undersøgelse.',
  'Lovende resultater i en evaluering fra VIVE.',
  'Bygger på en forandringsteori udviklet sammen med Det Kriminalpræventive Råd.',
  'Erfaringer fra nabokommuner peger på færre sigtelser blandt deltagerne.',
  'Den internationale forskning om mentorordninger viser moderat effekt.',
];
const REASONS = ['Bevilling givet', 'Opstart efter planlægning', 'Midlertidigt stoppet pga. manglende bemanding', 'Projektperioden er udløbet', 'Indsatsen er lagt sammen med en anden', 'Genoptaget efter pause'];

/** Indicator templates: name, unit, direction, typical baseline and how far the target moves it. */
const INDICATORS: { name: string; unit: string; direction: 'increase' | 'decrease'; baseline: [number, number]; change: number }[] = [
  { name: 'Andel unge i uddannelse eller job', unit: 'procent', direction: 'increase', baseline: [50, 80], change: 0.15 },
  { name: 'Antal sigtelser blandt målgruppen', unit: 'antal', direction: 'decrease', baseline: [10, 60], change: 0.3 },
  { name: 'Skolefravær', unit: 'procent', direction: 'decrease', baseline: [8, 20], change: 0.25 },
  { name: 'Anmeldte hærværkssager i området', unit: 'antal', direction: 'decrease', baseline: [20, 120], change: 0.2 },
  { name: 'Tryghedsindeks', unit: 'indeks', direction: 'increase', baseline: [55, 75], change: 0.1 },
  { name: 'Forældre der deltager i netværksmøder', unit: 'antal', direction: 'increase', baseline: [5, 30], change: 0.5 },
];
const GOALS = ['Færre unge begår kriminalitet', 'Flere unge i uddannelse', 'Større tryghed i lokalområdet', 'Stærkere samarbejde med forældrene', 'Bedre trivsel i skolen', 'Færre unge i grupperinger'];
const AGE_BANDS: [number, number][] = [[0, 5], [6, 12], [10, 14], [12, 17], [13, 18], [15, 17], [15, 24], [18, 25], [18, 29], [6, 25], [12, 25], [14, 30]];
const LEGAL_BASES: [string, string | null][] = [['Retsplejeloven', '§ 114'], ['Retsplejeloven', '§ 115'], ['Barnets lov', '§ 32'], ['Serviceloven', '§ 11'], ['Folkeskoleloven', null], ['Lov om bekæmpelse af ungdomskriminalitet', null]];

// --- dates as day numbers (UTC, so no time zone shifts a calendar date) -----------------------

const DAY_MS = 86_400_000;
const dayOf = (year: number, month = 1, day = 1) => Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
const isoDay = (day: number) => new Date(day * DAY_MS).toISOString().slice(0, 10);
const yearOfDay = (day: number) => new Date(day * DAY_MS).getUTCFullYear();

// --- generation ------------------------------------------------------------------------------

type Rows<T extends keyof Database> = Insertable<Database[T]>[];

interface MapIds {
  organisations: { id: string; kind: string }[];
  functions: { id: string; organisation_id: string }[];
  forums: string[];
}

async function readMap(db: Kysely<Database>, municipalityId: string): Promise<MapIds> {
  // Ordered by readable keys so that the same map gives the same choices, whatever its ids.
  const organisations = await db.selectFrom('organisations').select(['id', 'kind']).where('municipality_id', '=', municipalityId).where('valid_to', 'is', null).orderBy('name').orderBy('id').execute();
  const functions = await db.selectFrom('functions').select(['id', 'organisation_id']).where('municipality_id', '=', municipalityId).where('valid_to', 'is', null).orderBy('title').orderBy('id').execute();
  const forums = await db.selectFrom('forums').select('id').where('municipality_id', '=', municipalityId).where('valid_to', 'is', null).orderBy('name').orderBy('id').execute();
  return { organisations, functions, forums: forums.map((f) => f.id) };
}

export async function generateEfforts(db: Kysely<Database>, options: EffortGenerationOptions): Promise<GeneratedEfforts> {
  const started = performance.now();
  const { municipalityId } = options;
  const realToday = Math.floor(Date.now() / DAY_MS);
  const lastYear = options.lastYear ?? (realToday >= dayOf(new Date().getUTCFullYear(), 7, 1) ? new Date().getUTCFullYear() : new Date().getUTCFullYear() - 1);
  const firstYear = lastYear - options.years + 1;
  const years = Array.from({ length: options.years }, (_, i) => firstYear + i);
  const rangeStart = dayOf(firstYear);
  const rangeEnd = dayOf(lastYear, 12, 31);
  // The data's "today": mid last year, so it has a past, a present and planned efforts.
  const today = dayOf(lastYear, 7, 1);
  if (today > realToday) throw new Error(`lastYear ${lastYear}: its 1 July, the data's today, has not come yet`);
  let map = await readMap(db, municipalityId);
  if (map.organisations.length === 0) {
    await generateOrganisationMap(db, municipalityId, { ...(options.map ?? { functions: 200, forums: 40, membersPerForum: 6 }), seed: options.seed });
    map = await readMap(db, municipalityId);
  }
  if (map.functions.length === 0) throw new Error('the municipality has organisations but no functions to staff efforts with');

  const random = generator(options.seed ?? 2026);
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const some = <T>(items: readonly T[], n: number): T[] => {
    const chosen = new Set<T>();
    while (chosen.size < Math.min(n, items.length)) chosen.add(pick(items));
    return [...chosen];
  };
  const weighted = <T>(choices: readonly [T, number][]): T => {
    let r = random() * choices.reduce((s, [, w]) => s + w, 0);
    for (const [value, w] of choices) if ((r -= w) < 0) return value;
    return choices[choices.length - 1][0];
  };
  const money = (min: number, max: number) => Math.round((min + random() * (max - min)) / 100) * 100;

  const districts = SYNTHETIC_DISTRICTS;

  const legalBasisIds = await ensureLegalBases(db);
  const functionsByOrganisation = new Map<string, string[]>();
  for (const f of map.functions) functionsByOrganisation.set(f.organisation_id, [...(functionsByOrganisation.get(f.organisation_id) ?? []), f.id]);
  const functionIds = map.functions.map((f) => f.id);
  const ownerIds = map.organisations.filter((o) => o.kind !== 'external').map((o) => o.id);
  const organisationIds = map.organisations.map((o) => o.id);

  const efforts: Rows<'efforts'> = [];
  const statusChanges: Rows<'effort_status_changes'> = [];
  const versions: Rows<'effort_versions'> = [];
  const goals: Rows<'effort_goals'> = [];
  const budgetLines: Rows<'effort_budget_lines'> = [];
  const staffHours: Rows<'effort_staff_hours'> = [];
  const indicators: (Rows<'effort_indicators'>[number] & { id: string; first: number; last: number; baselineValue: number; targetValue: number })[] = [];

  for (let e = 0; e < options.efforts; e++) {
    const id = randomUUID();
    const level = weighted<'general' | 'targeted' | 'individual'>([['general', 40], ['targeted', 35], ['individual', 25]]);
    const status = weighted<'planned' | 'active' | 'paused' | 'ended'>([['active', 50], ['ended', 22], ['paused', 8], ['planned', 20]]);
    // Periods: planned ones start after "today"; the others at least 30 days before it.
    let start: number;
    let end: number | null;
    if (status === 'planned') {
      start = between(today + 1, rangeEnd);
      end = random() < 0.5 ? null : start + between(180, 1100);
    } else if (status === 'ended') {
      start = between(rangeStart, today - 120);
      end = Math.min(today - 1, start + between(90, 1500));
    } else {
      start = between(rangeStart, today - 30);
      end = random() < 0.6 ? null : today + between(30, 900);
    }
    const owner = pick(ownerIds);
    const ownFunctions = functionsByOrganisation.get(owner);
    const responsible = random() < 0.9 ? pick(ownFunctions?.length ? ownFunctions : functionIds) : null;
    let [ageMin, ageMax] = pick(AGE_BANDS);
    if (random() < 0.3) [ageMin, ageMax] = [Math.max(0, ageMin - 1), Math.min(30, ageMax + between(0, 3))];
    const activity = pick(ACTIVITIES);
    const target = pick(TARGETS);
    const place = random() < 0.5 ? ` i ${pick(districts)}` : '';
    const description = `${activity} for ${target}${place}. Formålet er at ${pick(PURPOSES)} og at ${pick(PURPOSES)}. ${pick(METHODS)}. ${pick(METHODS)}.`;
    efforts.push({
      id,
      municipality_id: municipalityId,
      title: `${activity} for ${target}${place}`,
      description,
      triangle_level: level,
      in_scope: random() < 0.9,
      owner_organisation_id: owner,
      responsible_function_id: responsible,
      partner_organisation_ids: some(organisationIds, between(0, 3)).filter((o) => o !== owner),
      forum_ids: map.forums.length ? some(map.forums, between(0, 2)) : [],
      age_min: ageMin,
      age_max: ageMax,
      risk_profile: level === 'general' ? weighted([['all', 85], ['early_concern', 15]]) : level === 'targeted' ? weighted([['early_concern', 60], ['first_offence', 35], ['all', 5]]) : weighted([['first_offence', 45], ['repeat_offending', 55]]),
      derived_groups: level === 'individual' && random() < 0.5 ? some(['parents', 'siblings', 'others'], between(1, 2)) : [],
      // Empty: the whole municipality.
      districts: random() < 0.4 ? [] : some(districts, between(1, 3)),
      legal_basis_ids: some(legalBasisIds, between(0, 2)),
      status,
      period_start: isoDay(start),
      period_end: end === null ? null : isoDay(end),
      evidence_rating: weighted([['documented', 15], ['promising', 25], ['theory_based', 35], ['unknown', 25]]),
      evidence_documentation: random() < 0.5 ? pick(EVIDENCE) : null,
    });

    // Status history: created planned or active, then the later changes up to today.
    const began = isoDay(start);
    const firstChange = statusChanges.length;
    if (status === 'planned') {
      statusChanges.push({ effort_id: id, previous_status: null, status: 'planned', effective_on: isoDay(Math.max(rangeStart, start - 60)), reason: pick(REASONS) });
    } else {
      statusChanges.push({ effort_id: id, previous_status: null, status: 'active', effective_on: began, reason: pick(REASONS) });
      if (status === 'paused') statusChanges.push({ effort_id: id, previous_status: 'active', status: 'paused', effective_on: isoDay(between(start, today)), reason: pick(REASONS) });
      if (status === 'ended') statusChanges.push({ effort_id: id, previous_status: 'active', status: 'ended', effective_on: isoDay(end!), reason: pick(REASONS) });
    }
    // Valid time: one version per status period, from the start of the period, none ahead of now.
    const versioned = efforts[efforts.length - 1];
    const dayStarts = (day: string) => new Date(Math.min(Date.now(), startOfDanishDay(day).getTime()));
    const periods = statusChanges.slice(firstChange).map((c, i) => ({ status: c.status, from: dayStarts(i === 0 ? began : c.effective_on) }));
    const distinct = periods.filter((p, i) => i === periods.length - 1 || p.from < periods[i + 1].from);
    distinct.forEach((p, i) =>
      versions.push({
        effort_id: id,
        triangle_level: versioned.triangle_level,
        owner_organisation_id: versioned.owner_organisation_id,
        responsible_function_id: versioned.responsible_function_id,
        age_min: versioned.age_min,
        age_max: versioned.age_max,
        risk_profile: versioned.risk_profile,
        derived_groups: versioned.derived_groups,
        districts: versioned.districts,
        status: i === distinct.length - 1 ? status : p.status,
        valid_from: p.from,
        valid_to: distinct[i + 1]?.from ?? null,
        changed_by: null,
        ended_by: null,
      }),
    );

    // Goals and indicators: 2–4 goals, 1–2 indicators each; the first counts participants.
    const indicatorFirst = Math.max(start, rangeStart);
    const indicatorLast = Math.max(indicatorFirst, Math.min(end ?? rangeEnd, rangeEnd));
    const goalCount = between(2, 4);
    for (let g = 0; g < goalCount; g++) {
      const goalId = randomUUID();
      goals.push({ id: goalId, effort_id: id, title: pick(GOALS), description: random() < 0.5 ? `Målet følges op ${pick(['kvartalsvis', 'halvårligt', 'årligt'])} i ${pick(['SSP-styregruppen', 'Kredsrådet', 'Lokalrådet', 'Ungeudvalget'])}.` : null, position: g });
      const perGoal = between(1, 2);
      for (let k = 0; k < perGoal; k++) {
        const participants = g === 0 && k === 0;
        const template = participants ? { name: 'Antal deltagere', unit: 'deltagere', direction: 'increase' as const, baseline: [10, 80] as [number, number], change: 0.4 } : pick(INDICATORS);
        const baseline = between(template.baseline[0], template.baseline[1]);
        const delta = Math.max(1, Math.round(baseline * template.change));
        const targetValue = template.direction === 'increase' ? baseline + delta : Math.max(0, baseline - delta);
        indicators.push({
          id: randomUUID(),
          goal_id: goalId,
          effort_id: id,
          name: template.name,
          unit: template.unit,
          baseline,
          target: targetValue,
          direction: template.direction,
          period_start: isoDay(indicatorFirst),
          period_end: isoDay(indicatorLast),
          counts_participants: participants,
          // Measured from the start until today at the latest.
          first: indicatorFirst,
          last: Math.min(indicatorLast, today),
          baselineValue: baseline,
          targetValue,
        });
      }
    }

    // Economy: each budget year the effort runs in; actual spend for past years, part of the
    // current one, none for planned efforts.
    const staff = [...new Set([responsible ?? pick(functionIds), ...some(functionIds, between(0, 2))])];
    const salary = money(200_000, level === 'general' ? 900_000 : 2_500_000);
    const activities = money(20_000, 400_000);
    const pool = random() < 0.4 ? money(50_000, 1_000_000) : 0;
    for (const year of years) {
      if (yearOfDay(start) > year || (end !== null && yearOfDay(end) < year)) continue;
      const spent = (budget: number) => (status === 'planned' ? null : year < lastYear ? Math.round(budget * (0.7 + random() * 0.45)) : Math.round(budget * (0.35 + random() * 0.25)));
      const growth = 1 + (year - firstYear) * 0.02;
      for (const [kind, amount] of [['salary', salary], ['activities', activities], ['pool', pool]] as const) {
        if (amount === 0) continue;
        const budget = Math.round(amount * growth);
        budgetLines.push({ effort_id: id, year, kind, budget, actual: spent(budget) });
      }
      for (const functionId of staff) staffHours.push({ effort_id: id, year, function_id: functionId, hours: between(40, 1600) });
    }
  }

  const measurements = spreadMeasurements(indicators, options.measurements, random);
  let allDistricts: string[] = [];

  await db.transaction().execute(async (trx) => {
    await insertBatches(trx, 'efforts', efforts);
    await insertBatches(trx, 'effort_status_changes', statusChanges);
    await insertBatches(trx, 'effort_versions', versions);
    await insertBatches(trx, 'effort_goals', goals);
    await insertBatches(
      trx,
      'effort_indicators',
      indicators.map(({ first: _f, last: _l, baselineValue: _b, targetValue: _t, ...row }) => row),
    );
    await insertBatches(trx, 'indicator_measurements', measurements);
    await insertBatches(trx, 'effort_budget_lines', budgetLines);
    await insertBatches(trx, 'effort_staff_hours', staffHours);
    // Merge: other settings (level names, triangle labels) and districts already named stay.
    const current = await trx.selectFrom('municipalities').select('settings').where('id', '=', municipalityId).forUpdate().executeTakeFirstOrThrow();
    const named = ((current.settings as { districts?: unknown }).districts as string[] | undefined) ?? [];
    // Sorted as the efforts service sorts a list it is given.
    allDistricts = [...new Set([...named, ...districts])].sort((a, b) => a.localeCompare(b, 'da'));
    await sql`UPDATE municipalities SET settings = settings || jsonb_build_object('districts', ${JSON.stringify(allDistricts)}::jsonb) WHERE id = ${municipalityId}`.execute(trx);
  });
  // Fresh statistics, so the planner sees 100,000 measurements rather than an empty table.
  for (const table of ['efforts', 'effort_status_changes', 'effort_versions', 'effort_goals', 'effort_indicators', 'indicator_measurements', 'effort_budget_lines', 'effort_staff_hours']) {
    await sql`ANALYZE ${sql.table(table)}`.execute(db);
  }
  return {
    years,
    districts: allDistricts,
    counts: { efforts: efforts.length, statusChanges: statusChanges.length, goals: goals.length, indicators: indicators.length, measurements: measurements.length, budgetLines: budgetLines.length, staffHours: staffHours.length },
    ms: Math.round(performance.now() - started),
  };
}

/**
 * Spreads `total` measurements over the indicators, evenly as far as each indicator's days
 * allow, on distinct days (one value per indicator and day): each measurement falls in its own
 * slice of the indicator's period. Values move from baseline towards target, with noise.
 */
function spreadMeasurements(
  indicators: { id: string; first: number; last: number; baselineValue: number; targetValue: number }[],
  total: number,
  random: () => number,
): Rows<'indicator_measurements'> {
  const capacity = indicators.map((i) => Math.max(0, i.last - i.first + 1));
  const available = capacity.reduce((s, c) => s + c, 0);
  if (available < total) throw new Error(`${total} measurements do not fit: the indicators have ${available} days between them`);
  const counts = new Array<number>(indicators.length).fill(0);
  // Fill level by level so that short indicators take what they can and the rest share evenly.
  let left = total;
  while (left > 0) {
    const open = counts.map((c, i) => (c < capacity[i] ? i : -1)).filter((i) => i >= 0);
    const share = Math.max(1, Math.floor(left / open.length));
    for (const i of open) {
      const add = Math.min(share, capacity[i] - counts[i], left);
      counts[i] += add;
      left -= add;
      if (left === 0) break;
    }
  }
  const rows: Rows<'indicator_measurements'> = [];
  indicators.forEach((indicator, i) => {
    const n = counts[i];
    const span = capacity[i];
    for (let k = 0; k < n; k++) {
      const from = Math.floor((k * span) / n);
      const to = Math.floor(((k + 1) * span) / n);
      const day = indicator.first + from + Math.floor(random() * (to - from));
      const progress = n === 1 ? 0 : k / (n - 1);
      const trend = indicator.baselineValue + (indicator.targetValue - indicator.baselineValue) * progress * (0.5 + random() * 0.7);
      const value = Math.max(0, Math.round(trend * (0.9 + random() * 0.2) * 100) / 100);
      rows.push({ indicator_id: indicator.id, measured_on: isoDay(day), value, note: random() < 0.05 ? 'Indtastet fra kvartalsrapport' : null });
    }
  });
  return rows;
}

/**
 * The ids of the legal bases efforts cite, added to the shared list if missing. Only these, in
 * this order: what else the list holds must not change the generated data.
 */
async function ensureLegalBases(db: Kysely<Database>): Promise<string[]> {
  await db
    .insertInto('legal_bases')
    .values(LEGAL_BASES.map(([law, section]) => ({ law, section })))
    .onConflict((oc) => oc.doNothing())
    .execute();
  const rows = await db.selectFrom('legal_bases').select(['id', 'law', 'section']).where('law', 'in', LEGAL_BASES.map(([law]) => law)).execute();
  return LEGAL_BASES.map(([law, section]) => rows.find((r) => r.law === law && (r.section ?? null) === section)!.id);
}

async function insertBatches<T extends keyof Database & string>(trx: Transaction<Database>, table: T, rows: Insertable<Database[T]>[]): Promise<void> {
  for (let i = 0; i < rows.length; i += BATCH) {
    // eslint-disable-next-line @typescript-eslint/no-explicit-any -- kysely cannot relate a generic table name to its row type
    await trx.insertInto(table).values(rows.slice(i, i + BATCH) as any).execute();
  }
}
