/**
 * What other modules may use of the efforts module, and nothing else (eslint.config.js fails
 * the build on any other import): the efforts a plan shows and their statuses, the efforts
 * that point at a map record, the triangle's default words, the efforts' data version, the
 * municipality's efforts as a resource of the access decision, and the efforts a scenario copies.
 */
export { type ReferencingEffort, effortsReferencing, listForPlan, listForScenario, listStatuses } from './efforts.repository.ts';
export { DEFAULT_TRIANGLE_LABELS, effortsVersionKey } from './efforts.service.ts';
export { effortRegister } from './efforts.policy.ts';
