/** Typed calls to the server's HTTP API, one function per route the web app uses. */
import { z } from 'zod';
import { ZAuditPage, ZReadPurpose, type TAuditAction, type TReadPurposeInput } from '../../contracts/audit.ts';
import { ZOk, type TLocale } from '../../contracts/common.ts';
import { ZForYou, ZNotificationList, ZUnreadCount } from '../../contracts/notifications.ts';
import {
  ZApiToken,
  ZCreatedApiToken,
  ZEnrolmentStart,
  ZLoginResponse,
  ZMe,
  ZRecoveryCodes,
  ZSecondFactorPolicy,
  ZSessionInfo,
  ZUserDetail,
  ZUserSummary,
  type TMe,
  type TSecondFactorPolicy,
} from '../../contracts/identity.ts';
import {
  ZForum,
  ZForumDetail,
  ZFunction,
  ZFunctionHolding,
  ZImportResult,
  ZLevelDiagram,
  ZLevelLabels,
  ZMatrix,
  ZOrganisation,
  ZOrganisationMap,
  ZPool,
  ZSearchResult,
  type TForumInput,
  type TForumRole,
  type TFunctionInput,
  type TImportResult,
  type TLevelLabels,
  type TOrganisationInput,
  type TPoolInput,
} from '../../contracts/organisation.ts';
import type { TRole, TTokenScope } from '../../contracts/roles.ts';
import { ApiError, api, setCsrfToken, withQuery } from './api.ts';
import { USER_ADMIN_PURPOSE } from '../../contracts/identity.ts';

export { USER_ADMIN_PURPOSE };

/** The signed-in user, or null when nobody is signed in. Keeps the CSRF token current. */
export async function fetchMe(): Promise<TMe | null> {
  try {
    const me = await api.get('/api/me', { schema: ZMe });
    setCsrfToken(me.csrfToken);
    return me;
  } catch (error) {
    if (error instanceof ApiError && error.status === 401) {
      setCsrfToken(null);
      return null;
    }
    throw error;
  }
}

/** Password login; a second-factor code sent along lets the owner of a slowed-down account in at once. */
export const login = (email: string, password: string, code?: string) => api.post('/api/auth/login', { email, password, ...(code ? { code } : {}) }, { schema: ZLoginResponse });
export const completeSecondFactor = (code: string) => api.post('/api/auth/second-factor', { code }, { schema: ZLoginResponse });
export const logout = () => api.post('/api/auth/logout', undefined, { schema: ZOk });
export const logoutEverywhere = () => api.post('/api/auth/logout-everywhere', undefined, { schema: z.object({ sessionsEnded: z.number() }) });

export const updateMe = (changes: { name?: string; locale?: TLocale }) => api.patch('/api/me', changes, { schema: ZMe });
export const switchMunicipality = (municipalityId: string) => api.put('/api/me/municipality', { municipalityId }, { schema: ZOk });
export const changePassword = (currentPassword: string, newPassword: string) => api.post('/api/me/password', { currentPassword, newPassword }, { schema: ZOk });

export const startEnrolment = () => api.post('/api/me/second-factor/enrolment', undefined, { schema: ZEnrolmentStart });
export const verifyEnrolment = (code: string) => api.post('/api/me/second-factor/enrolment/verify', { code }, { schema: ZRecoveryCodes });
export const removeSecondFactor = (password: string) => api.post('/api/me/second-factor/remove', { password }, { schema: ZOk });

export const listSessions = () => api.get('/api/me/sessions', { schema: z.array(ZSessionInfo) });
export const endSession = (id: string) => api.delete(`/api/me/sessions/${encodeURIComponent(id)}`, { schema: ZOk });

export const listTokens = () => api.get('/api/me/tokens', { schema: z.array(ZApiToken) });
export const createToken = (input: { name: string; scopes: TTokenScope[]; expiresInDays?: number }) => api.post('/api/me/tokens', input, { schema: ZCreatedApiToken });
export const revokeToken = (id: string) => api.delete(`/api/me/tokens/${encodeURIComponent(id)}`, { schema: ZOk });

export const listUsers = () => api.get('/api/admin/users', { schema: z.array(ZUserSummary) });
export const getUser = (id: string) => api.get(`/api/admin/users/${encodeURIComponent(id)}`, { query: { purpose: USER_ADMIN_PURPOSE }, schema: ZUserDetail });
export const createUser = (input: { email: string; name: string; password: string; roles: TRole[] }) => api.post('/api/admin/users', input, { schema: ZUserSummary });
export const updateUser = (id: string, changes: { name?: string; roles?: TRole[]; disabled?: boolean }) =>
  api.patch(`/api/admin/users/${encodeURIComponent(id)}`, changes, { schema: ZUserSummary });

const holdingsUrl = (userId: string) => `/api/admin/users/${encodeURIComponent(userId)}/functions`;
export const listUserFunctions = (userId: string) => api.get(holdingsUrl(userId), { query: { purpose: USER_ADMIN_PURPOSE }, schema: z.array(ZFunctionHolding) });
export const linkUserFunction = (userId: string, input: { functionId: string; validFrom?: string }) => api.post(holdingsUrl(userId), input, { schema: z.array(ZFunctionHolding) });
export const endUserFunction = (userId: string, holdingId: string, validTo: string) =>
  api.post(`${holdingsUrl(userId)}/${encodeURIComponent(holdingId)}/end`, { validTo }, { schema: z.array(ZFunctionHolding) });

export const getSecondFactorPolicy = () => api.get('/api/admin/second-factor-policy', { schema: ZSecondFactorPolicy });
export const setSecondFactorPolicy = (policy: TSecondFactorPolicy) => api.put('/api/admin/second-factor-policy', policy, { schema: ZSecondFactorPolicy });

export interface AuditFilters {
  action?: TAuditAction;
  from?: string;
  to?: string;
  page: number;
}
export const AUDIT_PAGE_SIZE = 25;
export const searchAudit = (filters: AuditFilters) =>
  api.get('/api/audit', { query: { action: filters.action, from: filters.from, to: filters.to, page: filters.page, pageSize: AUDIT_PAGE_SIZE }, schema: ZAuditPage });

/** The purposes a read of personal data may state (retired ones only for the list's administration). */
export const listReadPurposes = (includeRetired = false) => api.get('/api/read-purposes', { query: { includeRetired: String(includeRetired) }, schema: z.array(ZReadPurpose) });
export const createReadPurpose = (input: TReadPurposeInput) => api.post('/api/read-purposes', input, { schema: ZReadPurpose });
export const retireReadPurpose = (id: string) => api.delete(`/api/read-purposes/${encodeURIComponent(id)}`, { schema: ZOk });

/** A plain link: the browser downloads the CSV with the session cookie. */
export const subjectAccessCsvUrl = (subjectId: string, purpose: string) => withQuery('/api/audit/subject-access.csv', { subjectId, purpose });

// --- the organisation map (organisations, functions, pools, forums) -------------------------

/** Every read of the map can look back: `asOf` (yyyy-mm-dd) shows it as it was at the end of that day. */
const asOfQuery = (asOf?: string | null) => ({ asOf: asOf || undefined });
const id = (value: string) => encodeURIComponent(value);

export const getOrganisationMap = (asOf?: string | null) => api.get('/api/organisation-map', { query: asOfQuery(asOf), schema: ZOrganisationMap });
export const createOrganisation = (input: TOrganisationInput) => api.post('/api/organisations', input, { schema: ZOrganisation });
export const updateOrganisation = (orgId: string, input: TOrganisationInput) => api.put(`/api/organisations/${id(orgId)}`, input, { schema: ZOrganisation });
export const removeOrganisation = (orgId: string) => api.delete(`/api/organisations/${id(orgId)}`, { schema: ZOk });
export const createFunction = (input: TFunctionInput) => api.post('/api/functions', input, { schema: ZFunction });
export const updateFunction = (functionId: string, input: TFunctionInput) => api.put(`/api/functions/${id(functionId)}`, input, { schema: ZFunction });
export const removeFunction = (functionId: string) => api.delete(`/api/functions/${id(functionId)}`, { schema: ZOk });
export const createPool = (input: TPoolInput) => api.post('/api/pools', input, { schema: ZPool });
export const updatePool = (poolId: string, input: TPoolInput) => api.put(`/api/pools/${id(poolId)}`, input, { schema: ZPool });
export const removePool = (poolId: string) => api.delete(`/api/pools/${id(poolId)}`, { schema: ZOk });

export const listForums = (asOf?: string | null) => api.get('/api/forums', { query: asOfQuery(asOf), schema: z.array(ZForum) });
export const listMyForums = () => api.get('/api/forums/mine', { schema: z.array(ZForum) });
export const getForum = (forumId: string, asOf?: string | null) => api.get(`/api/forums/${id(forumId)}`, { query: asOfQuery(asOf), schema: ZForumDetail });
export const createForum = (input: TForumInput) => api.post('/api/forums', input, { schema: ZForumDetail });
export const updateForum = (forumId: string, input: TForumInput) => api.put(`/api/forums/${id(forumId)}`, input, { schema: ZForumDetail });
export const removeForum = (forumId: string) => api.delete(`/api/forums/${id(forumId)}`, { schema: ZOk });
export const addForumMember = (forumId: string, input: { functionId: string; role: TForumRole }) => api.post(`/api/forums/${id(forumId)}/members`, input, { schema: ZForumDetail });
export const changeForumMemberRole = (forumId: string, memberId: string, role: TForumRole) =>
  api.patch(`/api/forums/${id(forumId)}/members/${id(memberId)}`, { role }, { schema: ZForumDetail });
export const removeForumMember = (forumId: string, memberId: string) => api.delete(`/api/forums/${id(forumId)}/members/${id(memberId)}`, { schema: ZForumDetail });

export const getForumMatrix = (asOf?: string | null) => api.get('/api/forum-matrix', { query: asOfQuery(asOf), schema: ZMatrix });
export const getLevelDiagram = (asOf?: string | null) => api.get('/api/forum-levels', { query: asOfQuery(asOf), schema: ZLevelDiagram });
export const getLevelLabels = () => api.get('/api/settings/forum-level-labels', { schema: ZLevelLabels });
export const setLevelLabels = (labels: TLevelLabels) => api.put('/api/settings/forum-level-labels', labels, { schema: ZLevelLabels });
export const searchOrganisation = (q: string) => api.get('/api/organisation-search', { query: { q }, schema: ZSearchResult });

export type TExportSheet = (typeof EXPORT_SHEETS)[number];
export const EXPORT_SHEETS = ['organisations', 'functions', 'pools', 'forums', 'members'] as const;
/** Plain links: the browser downloads the file with the session cookie. */
export const organisationXlsxUrl = '/api/organisation/export.xlsx';
export const organisationCsvUrl = (sheet: TExportSheet) => withQuery('/api/organisation/export.csv', { sheet });

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/**
 * Sends a workbook or one CSV sheet. A file with row errors answers 422 with the counts and
 * `rowErrors` in the problem document; both come back as a result here.
 */
export async function importOrganisationFile(file: Blob, kind: 'xlsx' | 'csv', options: { dryRun: boolean; sheet?: TExportSheet }): Promise<TImportResult & { title?: string }> {
  try {
    return await api.upload(
      withQuery('/api/organisation/import', { dryRun: String(options.dryRun), sheet: kind === 'csv' ? options.sheet : undefined }),
      { data: file, contentType: kind === 'xlsx' ? XLSX_TYPE : 'text/csv' },
      { schema: ZImportResult },
    );
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const body = (error.body ?? {}) as { dryRun?: unknown; counts?: unknown; rowErrors?: unknown; rowErrorsNotShown?: unknown };
      const result = ZImportResult.safeParse({ dryRun: body.dryRun, counts: body.counts, errors: body.rowErrors, errorsNotShown: body.rowErrorsNotShown });
      if (result.success) return { ...result.data, title: error.problem.title };
    }
    throw error;
  }
}

export const listNotifications = () => api.get('/api/notifications', { schema: ZNotificationList });
export const unreadNotifications = () => api.get('/api/notifications/unread', { schema: ZUnreadCount });
export const markNotificationRead = (id: string) => api.post(`/api/notifications/${encodeURIComponent(id)}/read`, undefined, { schema: ZUnreadCount });
export const markAllNotificationsRead = () => api.post('/api/notifications/read', undefined, { schema: ZUnreadCount });
export const getForYou = () => api.get('/api/for-you', { schema: ZForYou });
