import { useAuditKey } from '../../server/platform/audit/audit-key.ts';

/**
 * The audit key of every test process and of the server and CLI processes the system tests
 * start (server-process.ts), so chains written by one verify in another without any setup.
 */
export const TEST_AUDIT_KEY = 'trekant-test-audit-key-not-for-production-use';

useAuditKey(TEST_AUDIT_KEY);
