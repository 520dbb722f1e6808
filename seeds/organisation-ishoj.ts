import type { AssumedField } from './assumed.ts';
import { districtSeats } from './police-district.ts';

/**
 * Ishøj's organisation map as the memo of 27 March 2023 describes it (leverance 2), in the
 * import format of the organisation module. The memo names no people: functions only.
 * Assumed where the memo is silent: the expansions of CBF and CKF, the forums' levels and
 * reporting lines, four forums' purposes, the forums' legal bases (Kredsråd's and Lokalråd's
 * checked against the law, not the memo) and the unit leader's hours. ISHOJ_ASSUMED marks those
 * fields with the reason (the screen shows "antaget").
 */
export const MEMO_DATE = '2023-03-27';

const K = 'kommune';
const D = 'politikreds';

const NAME_ASSUMED = 'Navnet er antaget: notatet skriver kun forkortelsen. Ret det til centrets eget navn.';
const FULL_NAME_MISSING = 'Centrets fulde navn står ikke i notatet.';
const KREDSRAAD_LAW =
  'Står ikke i notatet: kredsrådet er oprettet efter retsplejeloven § 111. Politidirektøren er formand og sekretariat (bek. nr. 1426 af 2006 § 2), og rådet mødes mindst fire gange om året (§ 3).';
const LOKALRAAD_LAW = 'Står ikke i notatet: lokalrådet nedsættes af politidirektøren inden for kredsrådets rammer; det har ingen egen paragraf i retsplejeloven.';
const LEVEL_ASSUMED = 'Notatet placerer ikke forummet på et niveau; niveauet er antaget ud fra medlemmerne.';
const REPORTS_TO_ASSUMED = 'Notatet beskriver ikke, hvem forummet rapporterer til; linjen er antaget.';
const PURPOSE_ASSUMED = 'Notatet beskriver ikke forummets formål; teksten er antaget ud fra medlemmerne og lovgrundlaget.';
const FORUM_LAW_ASSUMED = 'Notatet nævner retsplejelovens §§ 114 og 115 for samarbejdet som helhed, ikke for det enkelte forum; lovgrundlaget er antaget.';
const LEADER_HOURS_ASSUMED = 'Notatet angiver ikke lederens timetal; fuld tid (37 timer om ugen) er antaget.';
const FORUMS = ['Kredsråd', 'Chefforum', 'Lokalråd', 'Koordinationsgruppen', 'SSP-NU u18', 'SSP-NU o18', 'Infohus-samarbejdet', 'SSP-netværk'];

/** Fields of the map the memo does not state. */
export const ISHOJ_ASSUMED: AssumedField[] = [
  ['organisations', 'Center for Børn og Familier', 'name', NAME_ASSUMED],
  ['organisations', 'Center for Kultur og Fritid', 'name', NAME_ASSUMED],
  ...['CBE', 'CBN', 'CVV', 'CDU'].map((name): AssumedField => ['organisations', name, 'name', FULL_NAME_MISSING]),
  ['forums', 'Kredsråd', 'legal_basis', KREDSRAAD_LAW],
  ['forums', 'Kredsråd', 'cadence', KREDSRAAD_LAW],
  ['forums', 'Lokalråd', 'legal_basis', LOKALRAAD_LAW],
  ...FORUMS.map((name): AssumedField => ['forums', name, 'level', LEVEL_ASSUMED]),
  ...FORUMS.filter((name) => name !== 'Kredsråd').map((name): AssumedField => ['forums', name, 'reports_to_id', REPORTS_TO_ASSUMED]),
  ...['Koordinationsgruppen', 'SSP-NU u18', 'SSP-NU o18', 'SSP-netværk'].map((name): AssumedField => ['forums', name, 'purpose', PURPOSE_ASSUMED]),
  ...['Koordinationsgruppen', 'SSP-NU u18', 'SSP-NU o18', 'Infohus-samarbejdet', 'SSP-netværk'].map((name): AssumedField => ['forums', name, 'legal_basis', FORUM_LAW_ASSUMED]),
  ...['hours_min', 'hours_max', 'fte'].map((field): AssumedField => ['functions', 'Leder', field, LEADER_HOURS_ASSUMED]),
];

export const ISHOJ_MAP = {
  organisations: [
    ['nøgle', 'type', 'kort navn', 'navn', 'overordnet', 'i skærelinjen', 'beskrivelse', 'ejer'],
    ['Byrådet', 'enhed', '', 'Byrådet', '', 'nej', 'Den politiske ledelse', K],
    ['CBF', 'center', 'CBF', 'Center for Børn og Familier', '', 'nej', '', K],
    ['TKF', 'enhed', 'TKF', 'Tryghed og Kriminalitetsforebyggelse', 'CBF', 'ja', 'Faciliterer og koordinerer SSP, binder de tryghedsskabende og kriminalitetsforebyggende indsatser sammen på tværs af kommunen, er udførende på specialiserede u/18-indsatser, leder tværgående projekter og samarbejdsfora, bistår med analyser og evalueringer, giver faglig rådgivning, varetager God Løsladelse og koordinerede exitforløb.', K],
    ['Gadeplan', 'enhed', '', 'Gadeplan', 'TKF', 'ja', 'Opsøgende arbejde i hele kommunen for unge under 18 år i udsatte positioner.', K],
    ['CKF', 'center', 'CKF', 'Center for Kultur og Fritid', '', 'nej', '', K],
    ['Ungdomsskolen', 'enhed', '', 'Ungdomsskolen', 'CKF', 'nej', 'Almen forebyggelse; rummer Den udgående indsats.', K],
    ['Den udgående indsats', 'enhed', '', 'Den udgående indsats', 'Ungdomsskolen', 'ja', 'Skaber relationer til grupper af unge op til ca. 25 år på kanten af kriminalitet og skaber aktiviteter og samværsformer med dem.', K],
    ['CBE', 'center', 'CBE', 'CBE', '', 'nej', '', K],
    ['CBN', 'center', 'CBN', 'CBN', '', 'nej', '', K],
    ['CVV', 'center', 'CVV', 'CVV', '', 'nej', '', K],
    ['CDU', 'center', 'CDU', 'CDU', '', 'nej', '', K],
    ['Skoler', 'ekstern', '', 'Skolerne', '', 'nej', 'Almen forebyggelse.', K],
    ['UU', 'ekstern', 'UU', 'Ungdommens Uddannelsesvejledning', '', 'nej', 'Almen forebyggelse.', K],
    ['Kriminalforsorgen', 'ekstern', '', 'Kriminalforsorgen', '', 'nej', '', K],
    ['PET', 'ekstern', 'PET', 'Politiets Efterretningstjeneste', '', 'nej', '', K],
    ['SIRI', 'ekstern', 'SIRI', 'Styrelsen for International Rekruttering og Integration', '', 'nej', '', K],
    ['Ragnar', 'ekstern', '', 'Foreningen Ragnar', '', 'nej', 'Kommunen fører tilsyn; koordinatoren for Den udgående indsats varetager tilsynet.', K],
    ['Vestegnens Politi', 'ekstern', '', 'Vestegnens Politi', '', 'nej', 'Politikredsen.', D],
    ['Antiradikaliseringsenheden', 'enhed', '', 'Politiets antiradikaliseringsenhed', 'Vestegnens Politi', 'nej', '', D],
  ],
  functions: [
    ['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer'],
    ['Borgmester', 'Borgmester', 'Byrådet', '1', '', '', '', 'nej', 'løn', '', K],
    ['Leder TKF', 'Leder', 'TKF', '1', '37', '37', '1', 'ja', 'løn', '', K],
    ['Proaktiv konsulent', 'Konsulent for proaktiv kriminalitetsforebyggelse', 'TKF', '1', '37', '37', '1', 'ja', 'løn', 'generel', K],
    ['Reaktiv konsulent', 'Konsulent for reaktiv kriminalitetsforebyggelse', 'TKF', '1', '37', '37', '1', 'ja', 'løn', 'individorienteret', K],
    ['Gadeplansmedarbejder', 'Gadeplansmedarbejder', 'Gadeplan', '4', '27', '37', '', 'ja', 'løn', 'målrettet', K],
    ['Koordinator udgående', 'Koordinator for den udgående indsats', 'Den udgående indsats', '1', '37', '37', '1', 'ja', 'løn', 'målrettet', K],
    ['Leder Ungdomsskolen', 'Leder af Ungdomsskolen', 'Ungdomsskolen', '1', '', '', '', 'nej', 'løn', '', K],
    ['Centerchef CBF', 'Centerchef', 'CBF', '1', '', '', '', 'nej', 'løn', '', K],
    ['Socialfaglig leder CBF', 'Socialfaglig leder', 'CBF', '1', '', '', '', 'nej', 'løn', '', K],
    ['Familierådgiver CBF', 'Familierådgiver', 'CBF', '1', '', '', '', 'nej', 'løn', '', K],
    ['Centerchef CKF', 'Centerchef', 'CKF', '1', '', '', '', 'nej', 'løn', '', K],
    ['Centerchef CVV', 'Centerchef', 'CVV', '1', '', '', '', 'nej', 'løn', '', K],
    ['Centerchef CDU', 'Centerchef', 'CDU', '1', '', '', '', 'nej', 'løn', '', K],
    ['Centerchef CBN', 'Centerchef', 'CBN', '1', '', '', '', 'nej', 'løn', '', K],
    ['Afdelingsleder CBE', 'Afdelingsleder', 'CBE', '1', '', '', '', 'nej', 'løn', '', K],
    ['Konsulent CBE', 'Konsulent for kriminalitetsforebyggelse', 'CBE', '1', '', '', '', 'nej', 'løn', '', K],
    ['Skoleleder', 'Skoleleder', 'Skoler', '1', '', '', '', 'nej', 'løn', '', K],
    ['SSP-lærer', 'SSP-lærer', 'Skoler', '1', '', '', '', 'nej', 'løn', '', K],
    ['SSP-pædagog', 'SSP-pædagog', 'Skoler', '1', '', '', '', 'nej', 'løn', '', K],
    ['UU-vejleder', 'UU-vejleder', 'UU', '1', '', '', '', 'nej', 'løn', '', K],
    ['Repræsentant Kriminalforsorgen', 'Repræsentant for Kriminalforsorgen', 'Kriminalforsorgen', '1', '', '', '', 'nej', 'løn', '', K],
    ['Repræsentant PET', 'Repræsentant for PET', 'PET', '1', '', '', '', 'nej', 'løn', '', K],
    ['Repræsentant SIRI', 'Repræsentant for SIRI', 'SIRI', '1', '', '', '', 'nej', 'løn', '', K],
    ['Politidirektør', 'Politidirektør', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Politiinspektør', 'Politiinspektør', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Vicepolitikommissær', 'Vicepolitikommissær', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Fagkoordinator politi', 'Fagkoordinator', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Sekretær politi', 'Sekretær', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Lokalbetjent', 'Lokalbetjent', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Civilforebygger', 'Civilforebygger', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Repræsentant politiet', 'Repræsentant for Vestegnens Politi', 'Vestegnens Politi', '1', '', '', '', 'nej', 'løn', '', D],
    ['Repræsentant antiradikalisering', 'Repræsentant for antiradikaliseringsenheden', 'Antiradikaliseringsenheden', '1', '', '', '', 'nej', 'løn', '', D],
  ],
  pools: [
    ['nøgle', 'navn', 'organisation', 'i skærelinjen', 'beskrivelse', 'ejer'],
    ['Pulje TKF', 'Pulje til indsatser og aktiviteter', 'TKF', 'ja', 'Faciliterer indsatser og aktiviteter.', K],
    ['Pulje udgående', 'Pulje til indsatser, aktiviteter og samværsformer', 'Den udgående indsats', 'ja', 'Faciliterer indsatser, aktiviteter og samværsformer.', K],
  ],
  forums: [
    ['nøgle', 'navn', 'kort navn', 'niveau', 'formål', 'mandat', 'lovgrundlag', 'mødekadence', 'rapporterer til', 'ejer'],
    ['Kredsråd', 'Kredsråd', '', 'strategisk', 'Drøfter spørgsmål af almindelig karakter om politiets virksomhed og organisation i politikredsen, kriminalitetsudviklingen og samarbejdet mellem politiet og lokalsamfundet.', '', 'Retsplejeloven § 111', 'kvartalsvis', '', D],
    ['Chefforum', 'Chefforum', '', 'koordinerende', 'Forum for lederne af de kriminalpræventive afdelinger i politikredsen og politiet.', '', '', '', 'Kredsråd', D],
    ['Lokalråd', 'Lokalråd', '', 'strategisk', 'Skaber sammenhæng mellem kredsrådet og SSP-samarbejdet, klubber, foreninger og lignende.', '', 'Nedsat af politidirektøren', '', 'Kredsråd', K],
    ['Koordinationsgruppen', 'Koordinationsgruppen', '', 'koordinerende', 'Koordinerer de tryghedsskabende og kriminalitetsforebyggende indsatser på tværs af centrene.', '', 'Retsplejeloven § 114', '', 'Lokalråd', K],
    ['SSP-NU u18', 'SSP-NU u18', '', 'udførende', 'Udveksling af oplysninger og koordinering i konkrete sager om børn og unge under 18 år.', '', 'Retsplejeloven § 114; Retsplejeloven § 115', '', 'Koordinationsgruppen', K],
    ['SSP-NU o18', 'SSP-NU o18', '', 'udførende', 'Udveksling af oplysninger og koordinering i konkrete sager om unge over 18 år.', '', 'Retsplejeloven § 114; Retsplejeloven § 115', '', 'Koordinationsgruppen', K],
    ['Infohus', 'Infohus-samarbejdet', 'Infohus', 'udførende', 'Kriminalpræventivt samarbejde om forebyggelse af ekstremisme og radikalisering.', '', 'Retsplejeloven § 115', '', 'Koordinationsgruppen', K],
    ['SSP-netværk', 'SSP-netværk', '', 'udførende', 'Netværk af fagpersoner omkring skolerne, der samarbejder om den forebyggende indsats.', '', 'Retsplejeloven § 114', '', 'Koordinationsgruppen', K],
  ],
  members: [
    ['forum', 'funktion', 'rolle'],
    ['Kredsråd', 'Borgmester', 'medlem'],
    ['Kredsråd', 'Politidirektør', 'formand'],
    ['Kredsråd', 'Politiinspektør', 'medlem'],
    ['Lokalråd', 'Centerchef CBF', 'medlem'],
    ['Lokalråd', 'Centerchef CVV', 'medlem'],
    ['Lokalråd', 'Centerchef CDU', 'medlem'],
    ['Lokalråd', 'Centerchef CKF', 'medlem'],
    ['Lokalråd', 'Vicepolitikommissær', 'medlem'],
    ['Lokalråd', 'Fagkoordinator politi', 'medlem'],
    ['Lokalråd', 'Sekretær politi', 'sekretær'],
    ['Lokalråd', 'Leder TKF', 'medlem'],
    ['Lokalråd', 'Proaktiv konsulent', 'medlem'],
    ['Chefforum', 'Leder TKF', 'medlem'],
    ['Chefforum', 'Repræsentant politiet', 'medlem'],
    ['SSP-NU u18', 'Socialfaglig leder CBF', 'medlem'],
    ['SSP-NU u18', 'Familierådgiver CBF', 'medlem'],
    ['SSP-NU u18', 'UU-vejleder', 'medlem'],
    ['SSP-NU u18', 'Lokalbetjent', 'medlem'],
    ['SSP-NU u18', 'Civilforebygger', 'medlem'],
    ['SSP-NU u18', 'Proaktiv konsulent', 'medlem'],
    ['SSP-NU o18', 'Socialfaglig leder CBF', 'medlem'],
    ['SSP-NU o18', 'UU-vejleder', 'medlem'],
    ['SSP-NU o18', 'Lokalbetjent', 'medlem'],
    ['SSP-NU o18', 'Civilforebygger', 'medlem'],
    ['SSP-NU o18', 'Proaktiv konsulent', 'medlem'],
    ['SSP-NU o18', 'Reaktiv konsulent', 'medlem'],
    ['SSP-NU o18', 'Konsulent CBE', 'medlem'],
    ['Koordinationsgruppen', 'Leder TKF', 'medlem'],
    ['Koordinationsgruppen', 'Proaktiv konsulent', 'medlem'],
    ['Koordinationsgruppen', 'Reaktiv konsulent', 'medlem'],
    ['Koordinationsgruppen', 'Familierådgiver CBF', 'medlem'],
    ['Koordinationsgruppen', 'Leder Ungdomsskolen', 'medlem'],
    ['Koordinationsgruppen', 'Koordinator udgående', 'medlem'],
    ['Koordinationsgruppen', 'Skoleleder', 'medlem'],
    ['Koordinationsgruppen', 'Afdelingsleder CBE', 'medlem'],
    ['Koordinationsgruppen', 'Centerchef CBN', 'medlem'],
    ['Infohus', 'Repræsentant PET', 'medlem'],
    ['Infohus', 'Repræsentant Kriminalforsorgen', 'medlem'],
    ['Infohus', 'Repræsentant antiradikalisering', 'medlem'],
    ['Infohus', 'Repræsentant SIRI', 'medlem'],
    ['Infohus', 'Repræsentant politiet', 'medlem'],
    ['Infohus', 'Proaktiv konsulent', 'medlem'],
    ['SSP-netværk', 'Skoleleder', 'medlem'],
    ['SSP-netværk', 'SSP-lærer', 'medlem'],
    ['SSP-netværk', 'SSP-pædagog', 'medlem'],
    ['SSP-netværk', 'Proaktiv konsulent', 'medlem'],
    ['SSP-netværk', 'UU-vejleder', 'medlem'],
    ['SSP-netværk', 'Gadeplansmedarbejder', 'medlem'],
    ['SSP-netværk', 'Lokalbetjent', 'medlem'],
    ['SSP-netværk', 'Leder Ungdomsskolen', 'medlem'],
    ['SSP-netværk', 'Civilforebygger', 'medlem'],
    ['SSP-netværk', 'Familierådgiver CBF', 'medlem'],
  ],
};

/**
 * Albertslund's "7 operative medarbejdere (nogle deltid)": the memo gives no hours, so counting
 * them as 7 FTE would overstate the peer. The estimate is explicit and marked: [FTE, reason].
 */
const OPERATIVE_FTE = [
  6.2,
  'Notatet: 7 operative medarbejdere, nogle på deltid, uden timetal. Skønnet: 4 på fuld tid og 3 på 27 timer om ugen = 4 + 3 × 27/37 ≈ 6,2 årsværk.',
] as const;

/** The memo's peer municipalities: reference municipalities without users. */
export const PEERS = [
  {
    code: 165,
    name: 'Albertslund',
    inhabitants: 27_500,
    /** In Ishøj's police district; the function that leads its crime-prevention unit sits in the Chefforum. */
    district: { leader: 'Stabschef' },
    placement: 'Stabsenhed under direktionen (Den Kriminalpræventive Enhed)',
    levelLabels: { general: 'Primær', targeted: 'Sekundær', individual: 'Tertiær' },
    unit: 'Den Kriminalpræventive Enhed',
    staff: [
      ['Stabschef', 1, ''],
      ['Proaktiv medarbejder', 3, 'generel'],
      ['Operativ medarbejder (nogle på deltid)', 7, 'målrettet', OPERATIVE_FTE],
      ['Reaktiv medarbejder', 1, 'individorienteret'],
    ],
  },
  {
    code: 791,
    name: 'Viborg',
    inhabitants: 100_000,
    district: null,
    placement: 'I Viborg Ungdomsskole under Center for Børn og Unge',
    levelLabels: null,
    unit: 'Viborg Ungdomsskole, forebyggelsesteamet',
    staff: [
      ['Leder', 1, ''],
      ['Fritidsvejleder', 2, ''],
      ['Kulturformidler', 1, ''],
      ['SSP-konsulent', 2, ''],
      ['Fritidsjobvejleder', 1, ''],
      ['Koordinator', 1, ''],
    ],
  },
  {
    code: 169,
    name: 'Høje-Taastrup',
    inhabitants: 50_000,
    district: { leader: 'Leder' },
    placement: 'Kriminalpræventivt team under Ungecenteret',
    levelLabels: { general: 'Generel', targeted: 'Målrettet', individual: 'Individorienteret' },
    unit: 'Kriminalpræventivt team',
    staff: [
      ['Leder', 1, ''],
      ['Generelt forebyggende medarbejder', 2, 'generel'],
      ['Medarbejder i den målrettede indsats', 5, 'målrettet'],
      ['Medarbejder i den individrettede indsats', 1, 'individorienteret'],
    ],
  },
] as const;

/** The peer's staff whose FTE is an estimate, marked with the reason. */
export const peerAssumed = (peer: (typeof PEERS)[number]): AssumedField[] =>
  peer.staff.flatMap(([title, , , estimate]) => (estimate ? [['functions', title, 'fte', estimate[1]] as AssumedField] : []));

/** A peer's staff in the import format: one unit, its functions by level; in Ishøj's district, its seats there. */
export function peerMap(peer: (typeof PEERS)[number]) {
  const seats = peer.district ? districtSeats(peer.name, peer.district.leader) : null;
  return {
    organisations: [
      ['nøgle', 'type', 'kort navn', 'navn', 'overordnet', 'i skærelinjen', 'beskrivelse', 'ejer'],
      ['Enhed', 'enhed', '', peer.unit, '', 'ja', peer.placement, K],
      ...(seats?.organisations ?? []),
    ],
    functions: [
      ['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer'],
      ...peer.staff.map(([title, count, level, estimate]) => [title, title, 'Enhed', String(count), '', '', estimate ? String(estimate[0]).replace('.', ',') : '', 'ja', 'løn', level, K]),
      ...(seats?.functions ?? []),
    ],
    ...(seats ? { members: seats.members } : {}),
  };
}
