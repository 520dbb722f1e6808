/**
 * What other modules may use of the identity module, and nothing else (eslint.config.js fails
 * the build on any other import): users without their secrets (a subquery to join), the
 * users holding roles in a municipality, and the municipalities (tenants): their profile and
 * settings, the reference municipalities (and what the memo says of each), and those of a police district.
 */
export {
  findMunicipality,
  findMunicipalityProfileByCode,
  findReferenceMunicipality,
  getMunicipalityProfile,
  isUserOfMunicipality,
  listMunicipalityAndReferences,
  listUsersWithRoles,
  mergeMunicipalitySettings,
  municipalityIdsOfDistrict,
  userDirectory,
} from './identity.repository.ts';
