import type { Kysely } from 'kysely';
import { OrganisationService } from '../server/modules/organisation/organisation.service.ts';
import { systemContext } from '../server/platform/context.ts';
import type { Database } from '../server/platform/db/schema.ts';

/**
 * Synthetic data for benchmarks and load tests: deterministic (a seeded generator), so two runs
 * measure the same data. Generated through the same import as real files.
 */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

export function syntheticOrganisationRows(options: { functions: number; forums: number; membersPerForum: number; seed?: number }) {
  const random = generator(options.seed ?? 183);
  const pick = <T>(items: readonly T[]) => items[Math.floor(random() * items.length)];
  const centres = Array.from({ length: 8 }, (_, i) => `Center ${i + 1}`);
  const units = Array.from({ length: 40 }, (_, i) => ({ key: `Enhed ${i + 1}`, parent: centres[i % centres.length] }));
  const organisations = [
    ['nøgle', 'type', 'kort navn', 'navn', 'overordnet', 'i skærelinjen', 'beskrivelse', 'ejer'],
    ...centres.map((c) => [c, 'center', '', c, '', 'nej', '', 'kommune']),
    ...units.map((u) => [u.key, 'enhed', '', u.key, u.parent, random() < 0.2 ? 'ja' : 'nej', '', 'kommune']),
  ];
  const titles = ['Konsulent', 'Leder', 'Pædagog', 'Rådgiver', 'Koordinator', 'Medarbejder', 'Vejleder', 'Analytiker'];
  const functionKeys: string[] = [];
  const functions = [
    ['nøgle', 'titel', 'organisation', 'antal', 'timer min', 'timer max', 'årsværk', 'i skærelinjen', 'finansiering', 'trekantniveau', 'ejer'],
    ...Array.from({ length: options.functions }, (_, i) => {
      const key = `F${i + 1}`;
      functionKeys.push(key);
      const hours = String(20 + Math.floor(random() * 18));
      return [key, `${pick(titles)} ${i + 1}`, pick(units).key, String(1 + Math.floor(random() * 3)), hours, '37', '', random() < 0.3 ? 'ja' : 'nej', 'løn', pick(['generel', 'målrettet', 'individorienteret', '']), 'kommune'];
    }),
  ];
  const levels = ['strategisk', 'koordinerende', 'udførende'];
  const forums = [
    ['nøgle', 'navn', 'kort navn', 'niveau', 'formål', 'mandat', 'lovgrundlag', 'mødekadence', 'rapporterer til', 'ejer'],
    ...Array.from({ length: options.forums }, (_, i) => {
      const level = levels[Math.min(2, Math.floor((i / options.forums) * 3))];
      const reportsTo = i >= 3 ? `Forum ${1 + Math.floor(random() * Math.min(i, options.forums / 3))}` : '';
      return [`Forum ${i + 1}`, `Forum ${i + 1}`, '', level, 'Syntetisk forum til måling', '', 'Retsplejeloven § 114', 'månedlig', reportsTo, 'kommune'];
    }),
  ];
  const members = [['forum', 'funktion', 'rolle']];
  for (let f = 1; f <= options.forums; f++) {
    const chosen = new Set<string>();
    while (chosen.size < Math.min(options.membersPerForum, functionKeys.length)) chosen.add(pick(functionKeys));
    for (const fn of chosen) members.push([`Forum ${f}`, fn, chosen.size === 1 ? 'formand' : 'medlem']);
  }
  return { organisations, functions, forums, members };
}

/** Fills a municipality's (empty) map with generated organisations, functions and forums. */
export async function generateOrganisationMap(
  db: Kysely<Database>,
  municipalityId: string,
  options: { functions: number; forums: number; membersPerForum: number; seed?: number },
): Promise<void> {
  await new OrganisationService(db).unsafeImportInto({ municipalityId, policeDistrictId: null }, syntheticOrganisationRows(options), new Date(), systemContext('synthetic'));
}
