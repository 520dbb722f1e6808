import { z } from 'zod';
import { ZEmail, ZId, ZLocale, ZPassword, ZPersonName, ZTimestamp } from './common.ts';
import { ZPermission, ZRole, ZTokenScope } from './roles.ts';

const ZSecondFactorCode = z.string().trim().min(6).max(20);

/** The purpose (a national code) stated with reads of users' details in user administration, logged with each read. */
export const USER_ADMIN_PURPOSE = 'user_administration';

export const ZLoginRequest = z.strictObject({
  email: ZEmail,
  password: z.string().min(1).max(200),
  /** A TOTP or recovery code with the password: a full session at once, also while the account is slowed down. */
  code: ZSecondFactorCode.optional(),
});
export type TLoginRequest = z.infer<typeof ZLoginRequest>;

/** Where a session stands: fully signed in, or waiting for the second factor. */
export const ZSessionStage = z.enum(['full', 'second_factor', 'enrolment_required']);
export type TSessionStage = z.infer<typeof ZSessionStage>;

export const ZLoginResponse = z.object({ stage: ZSessionStage });

export const ZSecondFactorRequest = z.strictObject({
  code: ZSecondFactorCode,
});

export const ZMunicipalityRef = z.object({
  id: ZId,
  code: z.number().int(),
  name: z.string(),
  roles: z.array(ZRole),
});
export type TMunicipalityRef = z.infer<typeof ZMunicipalityRef>;

export const ZMe = z.object({
  user: z.object({ id: ZId, email: z.string(), name: z.string(), locale: ZLocale }),
  stage: ZSessionStage,
  csrfToken: z.string(),
  municipality: ZMunicipalityRef.nullable(),
  municipalities: z.array(ZMunicipalityRef),
  permissions: z.array(ZPermission),
  secondFactor: z.object({ enabled: z.boolean(), required: z.boolean() }),
});
export type TMe = z.infer<typeof ZMe>;

export const ZUpdateMe = z.strictObject({
  name: ZPersonName.optional(),
  locale: ZLocale.optional(),
});
export const ZSwitchMunicipality = z.strictObject({ municipalityId: ZId });

export const ZChangePassword = z.strictObject({
  currentPassword: z.string().min(1).max(200),
  newPassword: ZPassword,
});

export const ZEnrolmentStart = z.object({
  secret: z.string(),
  otpauthUrl: z.string(),
  qrSvg: z.string(),
});
export const ZEnrolmentVerify = z.strictObject({ code: z.string().trim().regex(/^\d{6}$/) });
export const ZRecoveryCodes = z.object({ recoveryCodes: z.array(z.string()) });
/** Proof that the person at the keyboard is the account's owner: the current password or a current code. */
export const ZConfirmIdentity = z.strictObject({ password: z.string().min(1).max(200).optional(), code: ZSecondFactorCode.optional() });
export type TConfirmIdentity = z.infer<typeof ZConfirmIdentity>;

export const ZSessionInfo = z.object({
  id: ZId,
  createdAt: ZTimestamp,
  lastSeenAt: ZTimestamp,
  userAgent: z.string().nullable(),
  ip: z.string().nullable(),
  current: z.boolean(),
});
export type TSessionInfo = z.infer<typeof ZSessionInfo>;

export const ZApiToken = z.object({
  id: ZId,
  name: z.string(),
  scopes: z.array(ZTokenScope),
  municipalityId: ZId,
  createdAt: ZTimestamp,
  lastUsedAt: ZTimestamp.nullable(),
  expiresAt: ZTimestamp.nullable(),
});
export type TApiToken = z.infer<typeof ZApiToken>;
export const ZCreateApiToken = z.strictObject({
  name: z.string().trim().min(1).max(80),
  scopes: z.array(ZTokenScope).min(1).max(2),
  expiresInDays: z.number().int().min(1).max(366).optional(),
});
export const ZCreatedApiToken = ZApiToken.extend({ token: z.string() });

/** A user as an administrator sees them, within one municipality. */
export const ZUserSummary = z.object({
  id: ZId,
  email: z.string(),
  name: z.string(),
  roles: z.array(ZRole),
  secondFactorEnabled: z.boolean(),
  disabled: z.boolean(),
  abilities: z.object({ update: z.boolean() }),
});
export type TUserSummary = z.infer<typeof ZUserSummary>;
export const ZUserDetail = ZUserSummary.extend({
  /** update: roles here; updateAccount: the shared account's name and blocking (every municipality's administrator). */
  abilities: z.object({ update: z.boolean(), updateAccount: z.boolean() }),
  createdAt: ZTimestamp,
  lastLoginAt: ZTimestamp.nullable(),
  locale: ZLocale,
});
export type TUserDetail = z.infer<typeof ZUserDetail>;

export const ZCreateUser = z.strictObject({
  email: ZEmail,
  name: ZPersonName,
  password: ZPassword,
  roles: z.array(ZRole).min(1).max(7),
});
export const ZUpdateUser = z.strictObject({
  name: ZPersonName.optional(),
  roles: z.array(ZRole).min(1).max(7).optional(),
  disabled: z.boolean().optional(),
});

export const ZSecondFactorPolicy = z.strictObject({ requiredForRoles: z.array(ZRole).max(7) });
export type TSecondFactorPolicy = z.infer<typeof ZSecondFactorPolicy>;
