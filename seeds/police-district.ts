import type { Kysely } from 'kysely';
import { OrganisationService } from '../server/modules/organisation/organisation.service.ts';
import type { RequestContext } from '../server/platform/context.ts';
import type { Database } from '../server/platform/db/schema.ts';
import { markAssumed } from './assumed.ts';
import { createMunicipality } from './factories.ts';

/**
 * Ishøj's police district, Københavns Vestegns Politi (the memo's "Vestegnens politi"), has 11
 * municipalities. The Kredsråd seats all their mayors with the police director as chair
 * (retsplejeloven § 111); the Chefforum the leaders of their crime-prevention units. They are
 * loaded as the district's members: name, code, inhabitants and those two seats, nothing else.
 * Inhabitants are the memo's for Albertslund and Høje-Taastrup; the rest are an order of
 * magnitude (Statistics Denmark, 2024, rounded), not from the memo.
 */
export const DISTRICT_MUNICIPALITIES = [
  { code: 165, name: 'Albertslund', inhabitants: 27_500 },
  { code: 151, name: 'Ballerup', inhabitants: 52_000 },
  { code: 153, name: 'Brøndby', inhabitants: 39_000 },
  { code: 159, name: 'Gladsaxe', inhabitants: 70_000 },
  { code: 161, name: 'Glostrup', inhabitants: 24_000 },
  { code: 163, name: 'Herlev', inhabitants: 30_000 },
  { code: 167, name: 'Hvidovre', inhabitants: 54_000 },
  { code: 169, name: 'Høje-Taastrup', inhabitants: 50_000 },
  { code: 183, name: 'Ishøj', inhabitants: 23_500 },
  { code: 175, name: 'Rødovre', inhabitants: 41_000 },
  { code: 187, name: 'Vallensbæk', inhabitants: 17_000 },
] as const;

const K = 'kommune';
/** The mark on a district municipality's inhabitants where the memo gives none (all but its two peers). */
export const INHABITANTS_ASSUMED = 'Notatet angiver ikke indbyggertallet; tallet er et afrundet skøn efter Danmarks Statistik (2024).';
const UNIT_ASSUMED =
  'Notatet nævner kun "ledere af kriminalpræventive afdelinger i Vestegnens politikreds"; afdelingens navn i denne kommune er antaget.';

/**
 * The rows that seat a municipality in the district's forums, in the import format: its mayor
 * in the Kredsråd, and the leader of its crime-prevention unit (a function of its map, by key)
 * in the Chefforum. The council carries the municipality's name, so that the district's forums
 * tell the mayors apart.
 */
export function districtSeats(municipalityName: string, leaderKey: string) {
  const council = `${municipalityName} Byråd`;
  return {
    organisations: [['Byrådet', 'enhed', '', council, '', 'nej', 'Den politiske ledelse', K]],
    functions: [['Borgmester', 'Borgmester', 'Byrådet', '1', '', '', '', 'nej', 'løn', '', K]],
    members: [
      ['forum', 'funktion', 'rolle'],
      ['Kredsråd', 'Borgmester', 'medlem'],
      ['Chefforum', leaderKey, 'medlem'],
    ],
  };
}

/**
 * The district's municipalities that are neither Ishøj nor a peer: each with its mayor and the
 * leader of a crime-prevention unit (name assumed), seated in the district's forums.
 */
export async function seedDistrictMembers(db: Kysely<Database>, policeDistrictId: string, loaded: ReadonlySet<number>, effectiveFrom: Date, ctx: RequestContext): Promise<void> {
  const organisation = new OrganisationService(db);
  for (const member of DISTRICT_MUNICIPALITIES) {
    if (loaded.has(member.code)) continue;
    if (await db.selectFrom('municipalities').select('id').where('code', '=', member.code).executeTakeFirst()) continue;
    const municipalityId = await createMunicipality(db, { code: member.code, name: member.name, policeDistrictId, inhabitants: member.inhabitants, assumptions: { inhabitants: INHABITANTS_ASSUMED } });
    const seats = districtSeats(member.name, 'Leder kriminalpræventiv afdeling');
    const unit = `Kriminalpræventiv afdeling, ${member.name}`;
    await organisation.unsafeImportInto(
      { municipalityId, policeDistrictId },
      {
        organisations: [
          ['nøgle', 'type', 'kort navn', 'navn', 'overordnet', 'i skærelinjen', 'beskrivelse', 'ejer'],
          ...seats.organisations,
          ['Kriminalpræventiv afdeling', 'enhed', '', unit, '', 'nej', '', K],
        ],
        functions: [
          ['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer'],
          ...seats.functions,
          ['Leder kriminalpræventiv afdeling', 'Leder', 'Kriminalpræventiv afdeling', '1', '', '', '', 'nej', 'løn', '', K],
        ],
        members: seats.members,
      },
      effectiveFrom,
      ctx,
    );
    await markAssumed(db, { municipalityId, policeDistrictId }, [['organisations', unit, 'name', UNIT_ASSUMED]]);
  }
}
