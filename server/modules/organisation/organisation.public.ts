/**
 * What other modules may use of the organisation module, and nothing else (eslint.config.js
 * fails the build on any other import): the map reader (names, references, forums and their
 * members; the relation `sitsInForum`), the municipality's settings and the map's data versions, and the keys an import
 * uses to find map records by name; the in-scope staff of municipalities (the efforts' peer comparison);
 * and a restructuring applied as one dated change (an adopted scenario).
 */
export {
  type MapScope,
  findCurrent,
  findMunicipality,
  listForums,
  listForumIdsSatIn,
  listFunctions,
  listMembers,
  listNames,
  listOrganisations,
  listStaffOf,
  mapVersionKeys,
  mergeMunicipalitySettings,
} from './organisation.repository.ts';
export { DEFAULT_LEVEL_LABELS, refuseIfEffortsRefer } from './organisation.service.ts';
export { type MapRef, type MapRestructuring, applyRestructuring } from './organisation.restructure.ts';
export { mapKeys } from './organisation.transfer.ts';
