/**
 * What other modules may use of the efforts module, and nothing else (eslint.config.js fails
 * the build on any other import): the efforts a plan shows and their statuses, the efforts
 * that point at a map record, the triangle's default words, the efforts' data version, the
 * municipality's efforts as a resource of the access decision, the efforts a scenario copies,
 * and how a function's hours make FTE (one rule for the peer comparison and the scenarios).
 */
export { type ReferencingEffort, effortsReferencing, listForPlan, listForScenario, listStatuses } from './efforts.repository.ts';
export { DEFAULT_TRIANGLE_LABELS, FULL_TIME_HOURS, effortsVersionKey, functionFte, weeklyHours } from './efforts.service.ts';
export { effortRegister } from './efforts.policy.ts';
