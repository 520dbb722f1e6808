/**
 * What other modules may use of the audit module, and nothing else (eslint.config.js fails the
 * build on any other import): the rows whose payload a retention rule erases next.
 */
export { listUnerasedEntryIds } from './audit.repository.ts';
