/** Typed calls to the server's HTTP API, one function per route the web app uses. */
import { z } from 'zod';
import { ZAuditPage, type TAuditAction } from '../../contracts/audit.ts';
import { ZOk, type TLocale } from '../../contracts/common.ts';
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
import type { TRole, TTokenScope } from '../../contracts/roles.ts';
import { ApiError, api, setCsrfToken, withQuery } from './api.ts';

/** Stated with every read of one user's details; the server logs it with the read. */
export const USER_ADMIN_PURPOSE = 'Brugeradministration';

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

export const login = (email: string, password: string) => api.post('/api/auth/login', { email, password }, { schema: ZLoginResponse });
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

/** A plain link: the browser downloads the CSV with the session cookie. */
export const subjectAccessCsvUrl = (subjectId: string, purpose: string) => withQuery('/api/audit/subject-access.csv', { subjectId, purpose });
