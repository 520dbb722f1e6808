import type { TForumLevel, TForumRole, TTriangleLevel } from '../../../contracts/organisation.ts';
import type { TParty, TProgramme, TScenarioDocument, TTemplateKey, TTemplateSummary } from '../../../contracts/scenarios.ts';
import { FULL_TIME_HOURS } from '../efforts/efforts.public.ts';

/**
 * The six templates a scenario can start from (issue #12, item 10): the memo's three national
 * examples and its three peer municipalities, sized to the municipality's inhabitants.
 *
 * Scaling: a template keeps each function's FTE per 10,000 inhabitants of its source (the
 * example's "about 30,000", the peer's own count), so FTE = source FTE × inhabitants / source
 * inhabitants, to one decimal; a unit's leader stays one. Forums "one per school" scale with the
 * schools, assumed one per 5,000 inhabitants. The document's `assumptions` say so, and mark
 * everything else the memo does not state (`path → reason`), so the screen shows "antaget".
 */

/** Kroner a year per FTE, salary with pension: the memo gives no money. */
export const ANNUAL_COST_PER_FTE = 550_000;
const INHABITANTS_PER_SCHOOL = 5_000;

const COST_ASSUMED = `Notatet angiver ingen lønudgift; sat til ${ANNUAL_COST_PER_FTE.toLocaleString('da-DK')} kr. pr. årsværk.`;
const HOURS_ASSUMED = 'Notatet angiver ikke timetallet; sat til fuld tid (37 timer).';
const MEETINGS_ASSUMED = 'Notatet angiver ikke mødekadence og mødelængde; de er antaget.';
const MEMBERS_ASSUMED = 'Notatet nævner forummet, men ikke dets medlemmer; de er antaget.';
const REPORTS_ASSUMED = 'Notatet beskriver ikke, hvem forummet rapporterer til; linjen er antaget.';
const AGES_ASSUMED = 'Notatet angiver ikke aldersgruppen; sat til målgruppen 6–25 år.';
const BUDGET_ASSUMED = 'Notatet angiver ingen budgetter for indsatserne; sat til 0 kr.';
const LOKALRAAD_ASSUMED = 'Notatet nævner ikke kommunens lokalråd; politidirektøren nedsætter ét pr. kommune, så det er antaget.';
/** A forum the memo names without its members, cadence or line. */
const BELOW_UNSTATED = { meetings: MEETINGS_ASSUMED, members: MEMBERS_ASSUMED, reportsTo: REPORTS_ASSUMED };

interface StaffSpec {
  key: string;
  title: string;
  pillar: string | null;
  level?: TTriangleLevel;
  /** FTE at the source's size; a leader (`scales: false`) stays as it is. */
  fte: number;
  scales?: boolean;
  analyst?: boolean;
  caseCoordinator?: boolean;
  party?: TParty;
  /** Why the count is assumed, when the memo does not give it. */
  fteAssumed?: string;
  /** Why the function's pillar or flags are assumed. */
  placeAssumed?: string;
}
/** A forum member from outside the work's unit: counted in forums, not in staff. */
interface MemberSpec {
  key: string;
  title: string;
  party: TParty;
}
interface ForumSpec {
  key: string;
  name: string;
  kind?: 'kredsraad' | 'lokalraad';
  level: TForumLevel;
  reportsTo: string | null;
  mandate: string;
  meetings: [perYear: number, hours: number];
  members: [key: string, role?: TForumRole][];
  /** Repeated once per school (the clear line's local groups). */
  perSchool?: boolean;
  assumed?: Partial<Record<'forum' | 'members' | 'reportsTo' | 'meetings', string>>;
}
interface EffortSpec {
  key: string;
  title: string;
  pillar: string | null;
  level?: TTriangleLevel;
  /** Stated ages; without them the target group 6–25, marked assumed (`agesAssumed` gives another reason). */
  ages?: [number, number];
  agesAssumed?: string;
  programmes?: TProgramme[];
}
interface TemplateSpec {
  name: string;
  description: string;
  /** The source's inhabitants: the example's approximate size, or the peer's. */
  inhabitants: number;
  placement: TScenarioDocument['placement'] & { assumed?: Partial<Record<'kind' | 'layersToTopManagement' | 'centres', string>> };
  pillars: { key: string; name: string; levels: TTriangleLevel[]; assumed?: string }[];
  unit: string;
  unitAssumed?: string;
  staff: StaffSpec[];
  members: MemberSpec[];
  forums: ForumSpec[];
  efforts: EffortSpec[];
}

/** A peer's Lokalråd: the memo names none, but each municipality has one; its unit's leader and the police sit in it. */
const peerLokalraad = (leader: string): ForumSpec => ({
  key: 'lokalraad',
  name: 'Lokalråd',
  kind: 'lokalraad',
  level: 'strategic',
  reportsTo: null,
  mandate: '',
  meetings: [4, 2],
  members: [[leader], ['politi']],
  assumed: { forum: LOKALRAAD_ASSUMED, meetings: MEETINGS_ASSUMED, members: MEMBERS_ASSUMED },
});
const SCHOOL_AND_POLICE: MemberSpec[] = [
  { key: 'skole', title: 'Skolerepræsentant', party: 'school' },
  { key: 'politi', title: 'Politiet', party: 'police' },
];

const PROACTIVE_PILLARS = [
  { key: 'proaktiv', name: 'Proaktiv', levels: ['general'] as TTriangleLevel[] },
  { key: 'operativ', name: 'Operativ', levels: ['targeted'] as TTriangleLevel[] },
  { key: 'reaktiv', name: 'Reaktiv', levels: ['individual'] as TTriangleLevel[] },
];

const TEMPLATES: Record<TTemplateKey, TemplateSpec> = {
  clear_line: {
    name: 'En klar ledelsesstreng',
    description: 'Notatets eksempel 1 (provinskommune, ca. 90.000 indbyggere): styregruppe → koordinationsudvalg → én SSP-lokalgruppe pr. skole.',
    inhabitants: 90_000,
    placement: {
      kind: 'other',
      text: 'SSP-konsulenterne hører til Socialforvaltningen; styregruppen af direktører og politi udstikker retningslinjerne.',
      layersToTopManagement: 1,
      centres: ['Socialforvaltningen'],
      assumed: { layersToTopManagement: 'Notatet angiver ikke lag mellem SSP-konsulenterne og direktionen; ét lag er antaget.' },
    },
    pillars: [{ key: 'ssp', name: 'SSP-samarbejdet', levels: ['general', 'targeted', 'individual'], assumed: 'Eksemplet er organiseret i niveauer, ikke søjler; én søjle for hele SSP-samarbejdet er antaget.' }],
    unit: 'SSP-konsulenterne i Socialforvaltningen',
    staff: [
      { key: 'koordinerende', title: 'Koordinerende SSP-konsulent', pillar: 'ssp', fte: 1, scales: false, fteAssumed: 'Notatet nævner én koordinerende SSP-konsulent uden timetal; fuld tid er antaget.' },
      { key: 'lokal-ssp', title: 'Lokal SSP-konsulent', pillar: 'ssp', level: 'targeted', fte: 9, fteAssumed: 'Notatet angiver ikke antallet; en halv stilling pr. skole (18 skoler ved 90.000 indbyggere) er antaget.' },
    ],
    members: [
      { key: 'dir-bu', title: 'Direktør, Børne- og Uddannelsesforvaltningen', party: 'municipality' },
      { key: 'dir-social', title: 'Direktør, Socialområdet', party: 'municipality' },
      { key: 'dir-by', title: 'Direktør, By- og Udviklingsforvaltningen', party: 'municipality' },
      { key: 'politi-lokal', title: 'Det lokale politi', party: 'police' },
      { key: 'omraadechef', title: 'Områdechef for familieforvaltningen', party: 'municipality' },
      { key: 'skolechef', title: 'Skolechef', party: 'school' },
      { key: 'afd-ungdomsskole', title: 'Afdelingsleder, ungdomsskolerne', party: 'municipality' },
      { key: 'konsulent-bu', title: 'Konsulent, Børne- og Uddannelsesforvaltningen', party: 'municipality' },
      { key: 'leder-familie', title: 'Leder i familieafdelingen (to)', party: 'municipality' },
      { key: 'leder-misbrug', title: 'Leder af misbrugsområdet', party: 'municipality' },
      { key: 'politi-forebyggelse', title: 'Politiets lokale forebyggelsesafsnit', party: 'police' },
      { key: 'ssp-laerer', title: 'Skolerepræsentant (SSP-lærer)', party: 'school' },
      { key: 'lokal-betjent', title: 'Lokal politimedarbejder', party: 'police' },
    ],
    forums: [
      {
        key: 'styregruppe', name: 'Styregruppe', level: 'strategic', reportsTo: null, mandate: 'Udstikker de overordnede retningslinjer.', meetings: [4, 2],
        members: [['dir-bu', 'chair'], ['dir-social'], ['dir-by'], ['politi-lokal'], ['omraadechef'], ['skolechef'], ['koordinerende']],
        assumed: { meetings: MEETINGS_ASSUMED },
      },
      {
        key: 'koordinationsudvalg', name: 'Koordinationsudvalg', level: 'coordinating', reportsTo: 'styregruppe', mandate: 'Koordinerer og konkretiserer styregruppens retningslinjer; mellemledere kan allokere ressourcer.', meetings: [10, 2],
        members: [['koordinerende', 'chair'], ['afd-ungdomsskole'], ['konsulent-bu'], ['leder-familie'], ['leder-misbrug'], ['politi-forebyggelse']],
        assumed: { meetings: MEETINGS_ASSUMED },
      },
      {
        key: 'lokalgruppe', name: 'SSP-lokalgruppe', level: 'executing', reportsTo: 'koordinationsudvalg', mandate: 'Det udførende SSP-arbejde omkring én skole.', meetings: [10, 1.5], perSchool: true,
        members: [['ssp-laerer'], ['lokal-betjent'], ['lokal-ssp']],
        assumed: { meetings: MEETINGS_ASSUMED, forum: `Én gruppe pr. skole; antallet af skoler er antaget (én pr. ${INHABITANTS_PER_SCHOOL.toLocaleString('da-DK')} indbyggere).` },
      },
    ],
    efforts: [],
  },
  professional: {
    name: 'Faglig organisering',
    description: 'Notatets eksempel 2 (forstadskommune, ca. 30.000 indbyggere): én enhed under direktionen i tre søjler, med analytiker og enkeltsagskoordinator.',
    inhabitants: 30_000,
    placement: { kind: 'staff_unit', text: 'En enhed, der refererer direkte til direktionen.', layersToTopManagement: 0, centres: ['Direktionen'] },
    pillars: PROACTIVE_PILLARS,
    unit: 'Kriminalpræventiv enhed',
    unitAssumed: 'Notatet navngiver ikke enheden.',
    staff: [
      { key: 'leder', title: 'Leder af enheden', pillar: null, fte: 1, scales: false, fteAssumed: 'Notatet nævner ikke en leder; én er antaget.' },
      { key: 'faglig-koordinator', title: 'Faglig koordinator', pillar: 'proaktiv', fte: 1, fteAssumed: 'Notatet angiver ikke timetallet; fuld tid er antaget.' },
      { key: 'analytiker', title: 'Analytiker', pillar: 'proaktiv', fte: 1, analyst: true, fteAssumed: 'Notatet angiver ikke timetallet; fuld tid er antaget.' },
      { key: 'operativ-koordinator', title: 'Operativ koordinator', pillar: 'operativ', fte: 1, fteAssumed: 'Notatet angiver ikke timetallet; fuld tid er antaget.' },
      { key: 'paedagogisk', title: 'Kriminalpræventiv pædagogisk medarbejder', pillar: 'operativ', fte: 4, fteAssumed: 'Notatet nævner et team uden antal; fire er antaget.' },
      { key: 'mentor', title: 'Mentor', pillar: 'operativ', fte: 2, fteAssumed: 'Notatet nævner mentorer uden antal; to er antaget.' },
      { key: 'enkeltsag', title: 'Enkeltsagskoordinator', pillar: 'reaktiv', fte: 1, caseCoordinator: true, fteAssumed: 'Notatet angiver ikke antallet; én er antaget.' },
    ],
    members: [
      { key: 'politi', title: 'Politiet', party: 'police' },
      { key: 'skole', title: 'Skolerepræsentant', party: 'school' },
      { key: 'sagsbehandler', title: 'Sagsbehandler, socialområdet', party: 'municipality' },
      { key: 'kriminalforsorgen', title: 'Kriminalforsorgen', party: 'other' },
      { key: 'psykiatri', title: 'Psykiatrien', party: 'other' },
    ],
    forums: [
      {
        key: 'lokalraad', name: 'Lokalråd', kind: 'lokalraad', level: 'strategic', reportsTo: null, mandate: 'Bruger analytikerens halvårlige rapporter om kriminalitetsbilledet som beslutningsgrundlag.', meetings: [4, 2],
        members: [['leder'], ['analytiker'], ['politi']],
        assumed: { meetings: MEETINGS_ASSUMED, members: MEMBERS_ASSUMED },
      },
      // The case coordinator's three structures, each with the party that gives it its letter.
      ...Object.entries({ SSP: 'skole', KSP: 'kriminalforsorgen', PSP: 'psykiatri' }).map(([name, partner]): ForumSpec => ({
        key: name.toLowerCase(), name: `${name}-samarbejdet`, level: 'executing', reportsTo: 'lokalraad', mandate: 'Samarbejdsstruktur for enkeltsagerne.', meetings: [12, 1.5],
        members: [['enkeltsag', 'chair'], ['politi'], [partner], ['sagsbehandler']],
        assumed: BELOW_UNSTATED,
      })),
    ],
    efforts: [
      { key: 'resiliens', title: 'Robusthed og generel forebyggelse', pillar: 'proaktiv' },
      { key: 'kriminalitetsbillede', title: 'Halvårlige rapporter om kriminalitetsbilledet', pillar: 'proaktiv' },
      { key: 'relationsarbejde', title: 'Opsøgende relationsarbejde og outreach', pillar: 'operativ' },
      { key: 'mentorer', title: 'Mentorforløb', pillar: 'operativ' },
      { key: 'handleplaner', title: 'Risikovurdering og kriminalpræventive handleplaner', pillar: 'reaktiv' },
    ],
  },
  integrated: {
    name: 'Integreret organisering',
    description: 'Notatets eksempel 3 (provinskommune, ca. 60.000 indbyggere): kredsråd, lokalråd og SSP hænger sammen; SSP-konsulenterne får kredsrådets dagsordener.',
    inhabitants: 60_000,
    placement: {
      kind: 'other',
      text: 'SSP-konsulenterne er bindeled mellem SSP-samarbejdet, lokalrådet og kredsrådet.',
      layersToTopManagement: 1,
      centres: ['Forvaltningen'],
      assumed: { layersToTopManagement: 'Notatet angiver ikke placeringen; ét lag er antaget.', centres: 'Notatet angiver ikke forankringen; én forvaltning er antaget.' },
    },
    pillars: [{ key: 'ssp', name: 'SSP-samarbejdet', levels: ['general', 'targeted', 'individual'], assumed: 'Eksemplet nævner ingen søjler; én søjle for SSP-samarbejdet er antaget.' }],
    unit: 'SSP-konsulenterne',
    staff: [{ key: 'ssp-konsulent', title: 'SSP-konsulent', pillar: 'ssp', fte: 3, fteAssumed: 'Notatet angiver ikke antallet; tre ved 60.000 indbyggere er antaget.' }],
    members: [
      { key: 'borgmester', title: 'Borgmester', party: 'municipality' },
      { key: 'politidirektoer', title: 'Politidirektør', party: 'police' },
      { key: 'lokalt-politi', title: 'Det lokale politi', party: 'police' },
      { key: 'forening', title: 'Repræsentant for foreninger', party: 'other' },
      { key: 'skole', title: 'Skolerepræsentant', party: 'school' },
      { key: 'socialraadgiver', title: 'Socialrådgiver', party: 'municipality' },
    ],
    forums: [
      {
        key: 'kredsraad', name: 'Kredsråd', kind: 'kredsraad', level: 'strategic', reportsTo: null, mandate: 'Politidirektøren og samtlige borgmestre i politikredsen; drøfter politiets virksomhed, kriminalitetsudviklingen og samarbejdet med lokalsamfundet.', meetings: [4, 2],
        members: [['politidirektoer', 'chair'], ['borgmester']],
        assumed: { meetings: 'Står ikke i notatet: kredsrådet mødes mindst fire gange om året (bek. nr. 1426 af 2006 § 3); mødelængden er antaget.' },
      },
      {
        key: 'lokalraad', name: 'Lokalråd', kind: 'lokalraad', level: 'strategic', reportsTo: 'kredsraad', mandate: 'Skaber sammenhæng mellem kredsrådet og SSP-samarbejdet, klubber og foreninger.', meetings: [4, 2],
        members: [['lokalt-politi'], ['ssp-konsulent'], ['forening']],
        assumed: { meetings: MEETINGS_ASSUMED },
      },
      {
        key: 'ssp', name: 'SSP-samarbejdet', level: 'executing', reportsTo: 'lokalraad', mandate: 'SSP-konsulenterne får kredsrådets dagsordener til gennemsyn, giver input og klæder borgmesteren på.', meetings: [12, 1.5],
        members: [['ssp-konsulent', 'chair'], ['skole'], ['lokalt-politi'], ['socialraadgiver']],
        assumed: { meetings: MEETINGS_ASSUMED, members: MEMBERS_ASSUMED },
      },
    ],
    efforts: [],
  },
  albertslund: {
    name: 'Som Albertslund',
    description: 'Notatets sammenligning: Den Kriminalpræventive Enhed, en stabsenhed under direktionen (27.500 indbyggere).',
    inhabitants: 27_500,
    placement: { kind: 'staff_unit', text: 'Stabsenhed under direktionen (Den Kriminalpræventive Enhed)', layersToTopManagement: 0, centres: ['Direktionen'] },
    pillars: [
      { key: 'primaer', name: 'Primær forebyggelse: proaktiv koordinering og rådgivning', levels: ['general'] },
      { key: 'sekundaer', name: 'Sekundær forebyggelse: operativ pædagogisk støtte', levels: ['targeted'] },
      { key: 'tertiaer', name: 'Tertiær forebyggelse: reaktiv koordinering og rådgivning', levels: ['individual'] },
    ],
    unit: 'Den Kriminalpræventive Enhed',
    staff: [
      { key: 'stabschef', title: 'Stabschef', pillar: null, fte: 1, scales: false },
      { key: 'proaktiv', title: 'Proaktiv medarbejder', pillar: 'primaer', fte: 3 },
      { key: 'operativ', title: 'Operativ medarbejder', pillar: 'sekundaer', fte: 7, fteAssumed: 'Notatet skriver »7 operative medarbejdere (nogle deltid)«; de tælles som 7 årsværk.' },
      { key: 'reaktiv', title: 'Reaktiv medarbejder', pillar: 'tertiaer', fte: 1, caseCoordinator: true, placeAssumed: 'Notatet nævner enkeltsagsbehandling i den tertiære forebyggelse; at medarbejderen er sagskoordinator, er antaget.' },
    ],
    members: SCHOOL_AND_POLICE,
    forums: [
      peerLokalraad('stabschef'),
      { key: 'ssp-netvaerk', name: 'Lokalmøder og SSP-netværk', level: 'executing', reportsTo: 'lokalraad', mandate: '', meetings: [10, 1.5], members: [['proaktiv', 'chair'], ['skole'], ['politi']], assumed: BELOW_UNSTATED },
    ],
    efforts: [
      { key: 'byplanlaegning', title: 'Kriminalpræventiv byplanlægning', pillar: 'primaer' },
      { key: 'byvandringer', title: 'Byvandringer', pillar: 'primaer' },
      { key: 'kapacitet', title: 'Kapacitetsopbygning: læreplaner, undervisning og rådgivning', pillar: 'primaer' },
      { key: 'paedagogisk-stoette', title: 'Operativ pædagogisk støtte til risikogrupper', pillar: 'sekundaer' },
      { key: 'enkeltsager', title: 'Enkeltsagsbehandling og kriminalpræventive handleplaner', pillar: 'tertiaer' },
    ],
  },
  viborg: {
    name: 'Som Viborg',
    description: 'Notatets sammenligning: forebyggelsesteamet i Viborg Ungdomsskole under Center for Børn og Unge (100.000 indbyggere). Notatet angiver ikke trekantniveauer.',
    inhabitants: 100_000,
    placement: { kind: 'youth_school', text: 'I Viborg Ungdomsskole under Center for Børn og Unge', layersToTopManagement: 2, centres: ['Center for Børn og Unge'] },
    // Viborg's areas, as the memo names them; it places none of them on the triangle.
    pillars: [
      { key: 'ssp', name: 'SSP', levels: [] },
      { key: 'fritid', name: 'Fritidsvejledning', levels: [] },
      { key: 'integration', name: 'Integration og kultur', levels: [] },
      { key: 'tidlig', name: 'Tidlig forebyggende indsats (0–6 år)', levels: [] },
      { key: 'civilsamfund', name: 'Civilsamfund og frivillighed', levels: [] },
    ],
    unit: 'Viborg Ungdomsskole, forebyggelsesteamet',
    staff: [
      { key: 'leder', title: 'Leder', pillar: null, fte: 1, scales: false },
      { key: 'fritidsvejleder', title: 'Fritidsvejleder', pillar: 'fritid', fte: 2 },
      { key: 'kulturformidler', title: 'Kulturformidler', pillar: 'integration', fte: 1 },
      { key: 'ssp-konsulent', title: 'SSP-konsulent', pillar: 'ssp', fte: 2 },
      { key: 'fritidsjob', title: 'Fritidsjobvejleder', pillar: 'fritid', fte: 1 },
      { key: 'koordinator', title: 'Koordinator', pillar: null, fte: 1 },
    ],
    members: [
      { key: 'skole', title: 'Skolerepræsentant', party: 'school' },
      { key: 'politi', title: 'Politiet', party: 'police' },
      { key: 'infohus-politi', title: 'Infohus-tovholder fra politiet', party: 'police' },
    ],
    forums: [
      peerLokalraad('leder'),
      { key: 'netvaerk', name: 'Forebyggelsesnetværk', level: 'executing', reportsTo: 'lokalraad', mandate: 'Styrker samarbejdet lokalt og støtter skolerne i det forebyggende arbejde (fra skoleåret 23/24).', meetings: [6, 2], members: [['ssp-konsulent', 'chair'], ['skole'], ['politi']], assumed: BELOW_UNSTATED },
      { key: 'paragraf115', name: '§ 115-møder', level: 'executing', reportsTo: 'lokalraad', mandate: 'Tidlig identifikation af kriminalitetstruede børn og unge; vurderer og handler på konkrete sager.', meetings: [12, 1.5], members: [['ssp-konsulent', 'chair'], ['politi']], assumed: BELOW_UNSTATED },
      { key: 'infohus', name: 'Infohuset', level: 'executing', reportsTo: 'lokalraad', mandate: 'Forebyggelse af kriminelle handlinger med ekstremistisk motiv.', meetings: [6, 2], members: [['koordinator'], ['infohus-politi']], assumed: BELOW_UNSTATED },
    ],
    efforts: [
      { key: 'ssp', title: 'SSP: sunde fællesskaber, inklusion og digital dannelse', pillar: 'ssp' },
      { key: 'fritidsvejledning', title: 'Fritidsvejledning og fritidspas', pillar: 'fritid' },
      { key: 'integration', title: 'Integration og kultur', pillar: 'integration' },
      { key: 'tidlig', title: 'Tidlig forebyggende indsats i dagtilbud', pillar: 'tidlig', ages: [0, 6] },
      { key: 'civilsamfund', title: 'Brobygning til civilsamfund og frivillighed', pillar: 'civilsamfund' },
      { key: 'infohus', title: 'Infohuset', pillar: 'ssp', programmes: ['infohus'], ages: [15, 99], agesAssumed: 'Notatet angiver ikke aldersgruppen; ekstremismeforebyggelse er antaget at gælde fra 15 år og op.' },
    ],
  },
  hoeje_taastrup: {
    name: 'Som Høje-Taastrup',
    description: 'Notatets sammenligning: Kriminalpræventivt team under Ungecenteret (50.000 indbyggere).',
    inhabitants: 50_000,
    placement: {
      kind: 'youth_centre',
      text: 'Kriminalpræventivt team under Ungecenteret',
      layersToTopManagement: 1,
      centres: ['Ungecenteret'],
      assumed: { layersToTopManagement: 'Notatet angiver ikke, hvor Ungecenteret hører til; ét lag (Ungecenteret) er antaget.' },
    },
    pillars: [
      { key: 'generel', name: 'Generel forebyggelse', levels: ['general'] },
      { key: 'maalrettet', name: 'Målrettet forebyggelse', levels: ['targeted'] },
      { key: 'individ', name: 'Individorienteret forebyggelse', levels: ['individual'] },
    ],
    unit: 'Kriminalpræventivt team',
    staff: [
      { key: 'leder', title: 'Leder', pillar: null, fte: 1, scales: false },
      { key: 'generel', title: 'Generelt forebyggende medarbejder', pillar: 'generel', fte: 2 },
      { key: 'maalrettet', title: 'Medarbejder i den målrettede indsats', pillar: 'maalrettet', fte: 5 },
      { key: 'individ', title: 'Medarbejder i den individrettede indsats', pillar: 'individ', fte: 1, caseCoordinator: true, placeAssumed: 'Notatet nævner sagskoordinering i den individorienterede forebyggelse; at medarbejderen er sagskoordinator, er antaget.' },
    ],
    members: SCHOOL_AND_POLICE,
    forums: [
      peerLokalraad('leder'),
      { key: 'distrikt', name: 'Distriktsmøder', level: 'executing', reportsTo: 'lokalraad', mandate: '', meetings: [10, 1.5], members: [['maalrettet', 'chair'], ['skole'], ['politi']], assumed: BELOW_UNSTATED },
      { key: 'paragraf115', name: '§ 115-møder', level: 'executing', reportsTo: 'lokalraad', mandate: 'Sagskoordinering.', meetings: [12, 1.5], members: [['individ', 'chair'], ['politi']], assumed: BELOW_UNSTATED },
    ],
    efforts: [
      { key: 'tryghedsvandringer', title: 'Tryghedsvandringer', pillar: 'generel' },
      { key: 'kapacitet', title: 'Kapacitetsopbygning: undervisning og rådgivning af fagfolk og forældre', pillar: 'generel' },
      { key: 'opsoegende', title: 'Opsøgende arbejde og hotspotindsatser', pillar: 'maalrettet' },
      { key: 'sagskoordinering', title: 'Sagskoordinering, SSP og § 115-møder', pillar: 'individ' },
      { key: 'antiekstremisme', title: 'Antiekstremisme', pillar: 'individ' },
      { key: 'bandeexit', title: 'Bandeexit', pillar: 'individ', programmes: ['exit'], ages: [18, 99], agesAssumed: 'Notatet angiver ikke aldersgruppen; exitforløb er antaget at gælde voksne.' },
    ],
  },
};

export function templateSummaries(): TTemplateSummary[] {
  return (Object.keys(TEMPLATES) as TTemplateKey[]).map((key) => ({ key, name: TEMPLATES[key].name, description: TEMPLATES[key].description }));
}

export function templateName(key: TTemplateKey): string {
  return TEMPLATES[key].name;
}

const oneDecimal = (n: number) => Math.round(n * 10) / 10;

/** A template as a scenario document for a municipality of `inhabitants`. */
export function buildTemplate(key: TTemplateKey, inhabitants: number): TScenarioDocument {
  const spec = TEMPLATES[key];
  const scale = inhabitants / spec.inhabitants;
  const assumptions: Record<string, string> = {
    inhabitants: `Skaleret fra ${spec.inhabitants.toLocaleString('da-DK')} til ${inhabitants.toLocaleString('da-DK')} indbyggere: hver funktion beholder sine årsværk pr. 10.000 indbyggere; en leder forbliver én.`,
  };
  const { assumed: placementAssumed, ...placement } = spec.placement;
  for (const [field, reason] of Object.entries(placementAssumed ?? {})) assumptions[`placement.${field}`] = reason;
  for (const p of spec.pillars) if (p.assumed) assumptions[`pillars.${p.key}`] = p.assumed;
  if (spec.unitAssumed) assumptions['units.enhed.name'] = spec.unitAssumed;

  const functions: TScenarioDocument['functions'] = spec.staff.map((s) => {
    const fte = s.scales === false ? s.fte : oneDecimal(s.fte * scale);
    assumptions[`functions.${s.key}.annualCost`] = COST_ASSUMED;
    assumptions[`functions.${s.key}.hoursPerWeek`] = HOURS_ASSUMED;
    if (s.fteAssumed) assumptions[`functions.${s.key}.fte`] = s.fteAssumed;
    if (s.placeAssumed) assumptions[`functions.${s.key}.caseCoordinator`] = s.placeAssumed;
    return {
      key: s.key,
      title: s.title,
      unitKey: 'enhed',
      pillarKey: s.pillar,
      level: s.level ?? null,
      headcount: Math.max(1, Math.round(fte)),
      hoursPerWeek: FULL_TIME_HOURS,
      fte,
      annualCost: Math.round(fte * ANNUAL_COST_PER_FTE),
      analyst: s.analyst ?? false,
      caseCoordinator: s.caseCoordinator ?? false,
      party: s.party ?? 'municipality',
      sourceId: null,
    };
  });
  for (const m of spec.members) {
    functions.push({ key: m.key, title: m.title, unitKey: null, pillarKey: null, level: null, headcount: 1, hoursPerWeek: null, fte: 0, annualCost: 0, analyst: false, caseCoordinator: false, party: m.party, sourceId: null });
  }

  const schools = Math.max(1, Math.round(inhabitants / INHABITANTS_PER_SCHOOL));
  const forums: TScenarioDocument['forums'] = spec.forums.flatMap((f) =>
    Array.from({ length: f.perSchool ? schools : 1 }, (_, i) => {
      const forumKey = f.perSchool ? `${f.key}-${i + 1}` : f.key;
      for (const [field, reason] of Object.entries(f.assumed ?? {})) assumptions[field === 'forum' ? `forums.${forumKey}` : `forums.${forumKey}.${field}`] = reason;
      return {
        key: forumKey,
        name: f.perSchool ? `${f.name} ${i + 1}` : f.name,
        kind: f.kind ?? 'other',
        level: f.level,
        reportsTo: f.reportsTo,
        mandate: f.mandate,
        meetingsPerYear: f.meetings[0],
        hoursPerMeeting: f.meetings[1],
        members: f.members.map(([functionKey, role]) => ({ functionKey, role: role ?? 'member' })),
        sourceId: null,
      };
    }),
  );

  if (spec.efforts.length) assumptions.efforts = BUDGET_ASSUMED;
  const efforts: TScenarioDocument['efforts'] = spec.efforts.map((e) => {
    const agesAssumed = e.agesAssumed ?? (e.ages ? undefined : AGES_ASSUMED);
    if (agesAssumed) assumptions[`efforts.${e.key}.ages`] = agesAssumed;
    const [ageMin, ageMax] = e.ages ?? [6, 25];
    return { key: e.key, title: e.title, pillarKey: e.pillar, level: e.level ?? null, ageMin, ageMax, programmes: e.programmes ?? [], annualBudget: 0, sourceId: null };
  });

  return {
    inhabitants,
    placement,
    pillars: spec.pillars.map(({ key: pillarKey, name, levels }) => ({ key: pillarKey, name, levels })),
    units: [{ key: 'enhed', name: spec.unit, parentKey: null, sourceId: null }],
    functions,
    forums,
    efforts,
    assumptions,
  };
}
