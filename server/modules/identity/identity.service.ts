import type { Kysely, Transaction } from 'kysely';
import type { TLocale } from '../../../contracts/common.ts';
import type {
  TApiToken,
  TConfirmIdentity,
  TMe,
  TMunicipalityRef,
  TSecondFactorPolicy,
  TSessionInfo,
  TSessionStage,
  TUserDetail,
  TUserSummary,
} from '../../../contracts/identity.ts';
import { USER_ADMIN_PURPOSE } from '../../../contracts/identity.ts';
import { type TRole, type TTokenScope, permissionsForRoles } from '../../../contracts/roles.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { abilitiesOf, can } from '../../platform/access/decision.ts';
import type { AccessLogWriter } from '../../platform/audit/access-log.ts';
import { MAX_ERASED_PER_CALL, appendAuditEntries, erasePayloads } from '../../platform/audit/audit-chain.ts';
import {
  hashPassword,
  newRecoveryCode,
  newSecretToken,
  sha256,
  spendPasswordVerificationTime,
  verifyPassword,
} from '../../platform/auth/secrets.ts';
import { passwordWeakness } from '../../platform/auth/password-policy.ts';
import { newTotpSecret, totpEnrolment, verifyTotp } from '../../platform/auth/totp.ts';
import type { Config } from '../../platform/config.ts';
import { type RequestContext, auditActor, systemContext } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { Problem, conflict, invalidField, notFound, problemType, tooManyAttempts } from '../../platform/errors.ts';
import { accountResource, userResource } from './identity.policy.ts';
import * as repo from './identity.repository.ts';

export const SESSION_COOKIE = 'trekant_session';
const API_TOKEN_PREFIX = 'trk_';
// A session waiting for its second factor lives only this long.
const PARTIAL_SESSION_MS = 10 * 60 * 1000;
// last_seen_at is written at most this often, so reads do not turn into writes; for a session
// a tenth of the idle timeout, so a session in use is never cut for looking idle.
const TOUCH_INTERVAL_MS = 60 * 1000;
const touchIntervalMs = (idleMinutes: number) => Math.min(TOUCH_INTERVAL_MS, (idleMinutes * 60 * 1000) / 10);

/**
 * Login throttling, kept in the database so every process counts alike. A source address is
 * blocked hard after many failures; an account is only slowed down (one stranger must not lock
 * out a known user), and its owner gets through at once with a second factor.
 */
export const THROTTLE = {
  /** Failures from one address within ipWindowMs before it is refused outright. */
  perIp: 50,
  ipWindowMs: 15 * 60 * 1000,
  /** Failures of one account within accountWindowMs before each attempt must wait… */
  perAccount: 5,
  accountWindowMs: 60 * 60 * 1000,
  /** …firstDelayMs after the latest failure, doubling with every further failure, up to maxDelayMs. */
  firstDelayMs: 15 * 1000,
  maxDelayMs: 15 * 60 * 1000,
  /** Wrong second-factor codes (only reachable with the right password) before that step is blocked. */
  perSecondFactor: 5,
  secondFactorWindowMs: 15 * 60 * 1000,
} as const;

const accountKey = (email: string) => `account:${email}`;
const ipKey = (ip: string) => `ip:${ip}`;
const secondFactorKey = (userId: string) => `second-factor:${userId}`;
const secondsUntil = (time: number, now: Date) => Math.max(1, Math.ceil((time - now.getTime()) / 1000));

export class IdentityService {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly config: Pick<Config, 'sessionIdleMinutes' | 'sessionAbsoluteHours'>,
    private readonly accessLog: AccessLogWriter,
  ) {}

  // --- resolving who is asking ---------------------------------------------------------------

  /** The actor behind a session cookie, or null if it is unknown, revoked, idle or expired. */
  async actorFromSessionToken(token: string, now = new Date()): Promise<Actor | null> {
    const session = await repo.findSessionByTokenHash(this.db, sha256(token));
    if (!session || session.disabled_at) return null;
    const idleLimit = this.config.sessionIdleMinutes * 60 * 1000;
    if (session.expires_at <= now || now.getTime() - session.last_seen_at.getTime() > idleLimit) return null;
    if (now.getTime() - session.last_seen_at.getTime() > touchIntervalMs(this.config.sessionIdleMinutes)) {
      await runChange(this.db, systemContext('auth:session'), (trx) => repo.touchSession(trx, session.session_id, now), { unaudited: "a session's last use" });
    }
    return this.buildActor(
      { userId: session.user_id, name: session.name, email: session.email, locale: session.locale as TLocale },
      { stage: session.stage as TSessionStage, sessionId: session.session_id, csrfToken: session.csrf_token, tokenId: null, tokenScopes: null },
      session.municipality_id,
      session.memberships,
    );
  }

  /** The actor behind an API token ("Authorization: Bearer trk_…"), bound to one municipality. */
  async actorFromApiToken(token: string, now = new Date()): Promise<Actor | null> {
    if (!token.startsWith(API_TOKEN_PREFIX)) return null;
    const row = await repo.findApiTokenByHash(this.db, sha256(token));
    if (!row || row.disabled_at || (row.expires_at && row.expires_at <= now)) return null;
    if (!row.last_used_at || now.getTime() - row.last_used_at.getTime() > TOUCH_INTERVAL_MS) {
      await runChange(this.db, systemContext('auth:token'), (trx) => repo.touchApiToken(trx, row.token_id, now), { unaudited: "a token's last use" });
    }
    const actor = this.buildActor(
      { userId: row.user_id, name: row.name, email: row.email, locale: row.locale as TLocale },
      { stage: 'full', sessionId: null, csrfToken: null, tokenId: row.token_id, tokenScopes: row.scopes as TTokenScope[] },
      row.municipality_id,
      row.memberships,
    );
    // A token whose owner has lost every role in its municipality is dead.
    return actor.municipalityId === row.municipality_id ? actor : null;
  }

  private buildActor(
    user: { userId: string; name: string; email: string; locale: TLocale },
    auth: Pick<Actor, 'stage' | 'sessionId' | 'csrfToken' | 'tokenId' | 'tokenScopes'>,
    preferredMunicipalityId: string | null,
    memberships: repo.MembershipRow[],
  ): Actor {
    const current = memberships.find((m) => m.municipality_id === preferredMunicipalityId) ?? memberships[0];
    const roles = current ? memberships.filter((m) => m.municipality_id === current.municipality_id).map((m) => m.role as TRole) : [];
    const municipalities = new Map<string, TMunicipalityRef>();
    for (const m of memberships) {
      const ref = municipalities.get(m.municipality_id) ?? { id: m.municipality_id, code: m.code, name: m.name, roles: [] };
      ref.roles.push(m.role as TRole);
      municipalities.set(m.municipality_id, ref);
    }
    return {
      ...user,
      ...auth,
      municipalityId: current?.municipality_id ?? null,
      policeDistrictId: current?.police_district_id ?? null,
      roles,
      permissions: permissionsForRoles(roles),
      municipalities: [...municipalities.values()],
    };
  }

  // --- logging in and out ----------------------------------------------------------------------

  /**
   * Password login. A code from the second factor may come with it: then the session is full at
   * once, and an account slowed down by others' failures lets its owner through.
   */
  async login(input: { email: string; password: string; code?: string }, ctx: RequestContext): Promise<{ token: string; stage: TSessionStage }> {
    const now = new Date();
    if (ctx.ip) {
      const { count, oldest } = await repo.failuresSince(this.db, ipKey(ctx.ip), new Date(now.getTime() - THROTTLE.ipWindowMs));
      if (count >= THROTTLE.perIp && oldest) throw tooManyAttempts(secondsUntil(oldest.getTime() + THROTTLE.ipWindowMs, now));
    }
    // Decided before the password is looked at, so a slowed-down account is no oracle for it.
    const slowedUntil = await this.accountSlowedUntil(input.email, now);
    if (slowedUntil && input.code === undefined) throw tooManyAttempts(secondsUntil(slowedUntil, now), 'problem.too_many_attempts.account');
    const keys = [accountKey(input.email), ...(ctx.ip ? [ipKey(ctx.ip)] : [])];
    const user = await repo.findUserByEmail(this.db, input.email);
    // The municipality a login belongs to: where the user last worked, else their first.
    const municipalityId = user ? await repo.findStartMunicipality(this.db, user.id) : null;
    const passwordOk = user ? await verifyPassword(user.password_hash, input.password) : (await spendPasswordVerificationTime(input.password), false);
    const token = newSecretToken();
    const outcome = await runChange(this.db, ctx, async (trx) => {
      if (!user || !passwordOk || user.disabled_at) return null;
      // A code sent with the password must be right (one answer for a wrong password or code).
      const spent = input.code !== undefined && user.totp_secret ? await this.spendSecondFactorCode(trx, user, input.code, now) : null;
      // A blocked second-factor step answers like a wrong code: one answer for every refusal.
      const viaCode = spent && typeof spent === 'object' ? null : spent;
      if ((input.code !== undefined && user.totp_secret && !viaCode) || (slowedUntil && !viaCode)) return null;
      const stage: TSessionStage = user.totp_enabled_at && !viaCode ? 'second_factor' : !user.totp_enabled_at && (await repo.userRequiresSecondFactor(trx, user.id)) ? 'enrolment_required' : 'full';
      const expiresAt = new Date(now.getTime() + (stage === 'second_factor' ? PARTIAL_SESSION_MS : this.config.sessionAbsoluteHours * 3600 * 1000));
      await repo.clearFailures(trx, accountKey(input.email));
      const sessionId = await repo.insertSession(trx, {
        token_hash: sha256(token),
        user_id: user.id,
        stage,
        csrf_token: newSecretToken(),
        municipality_id: municipalityId,
        user_agent: ctx.userAgent?.slice(0, 300) ?? null,
        ip: ctx.ip,
        expires_at: expiresAt,
      });
      if (stage !== 'second_factor') await repo.updateUser(trx, user.id, { last_login_at: now });
      const who = { ...auditActor(ctx), actorUserId: user.id, actorName: user.name, municipalityId };
      await appendAuditEntries(trx, [
        { ...who, action: 'auth.login_succeeded', entityType: 'session', entityId: sessionId, after: { stage } },
        ...(viaCode ? [{ ...who, action: 'auth.second_factor_succeeded' as const, entityType: 'session', entityId: sessionId }] : []),
        ...(viaCode === 'recovery' ? [{ ...who, action: 'account.recovery_code_used' as const, entityType: 'user', entityId: user.id }] : []),
      ]);
      return { stage };
    });
    if (!outcome) {
      await runChange(this.db, ctx, async (trx) => {
        await repo.recordFailures(trx, keys, now);
        // A wrong code after the right password counts against the second-factor step as well.
        if (user && passwordOk && input.code !== undefined) await repo.recordFailures(trx, [secondFactorKey(user.id)], now);
        await appendAuditEntries(trx, [
          { ...auditActor(ctx), municipalityId, action: 'auth.login_failed', entityType: 'user', entityId: user?.id ?? null, after: { email: input.email, ip: ctx.ip } },
        ]);
      });
      throw new Problem(401, problemType('invalid-credentials'), 'problem.invalid_credentials');
    }
    return { token, stage: outcome.stage };
  }

  /** Until when an account must wait after the failures against it (growing delay), or null. */
  private async accountSlowedUntil(email: string, now: Date): Promise<number | null> {
    const { count, newest } = await repo.failuresSince(this.db, accountKey(email), new Date(now.getTime() - THROTTLE.accountWindowMs));
    if (count < THROTTLE.perAccount || !newest) return null;
    const delay = Math.min(THROTTLE.maxDelayMs, THROTTLE.firstDelayMs * 2 ** (count - THROTTLE.perAccount));
    return newest.getTime() + delay > now.getTime() ? newest.getTime() + delay : null;
  }

  /**
   * Spends a second-factor code: a TOTP code whose time step has not been used before (so a code
   * seen once cannot be replayed), or an unused recovery code. Refused outright while the user's
   * second-factor step is blocked by wrong codes: then `blocked` says for how many seconds.
   */
  private async spendSecondFactorCode(trx: Kysely<Database>, user: { id: string; totp_secret: string | null }, code: string, now: Date): Promise<'totp' | 'recovery' | null | { blocked: number }> {
    const { count, oldest } = await repo.failuresSince(trx, secondFactorKey(user.id), new Date(now.getTime() - THROTTLE.secondFactorWindowMs));
    if (count >= THROTTLE.perSecondFactor && oldest) return { blocked: secondsUntil(oldest.getTime() + THROTTLE.secondFactorWindowMs, now) };
    if (!user.totp_secret) return null;
    const normalised = code.replace(/\s/g, '').toLowerCase();
    const step = /^\d{6}$/.test(normalised) ? verifyTotp(user.totp_secret, normalised, now.getTime()) : null;
    if (step !== null) return (await repo.claimTotpStep(trx, user.id, step)) ? 'totp' : null;
    return (await repo.useRecoveryCode(trx, user.id, sha256(normalised))) ? 'recovery' : null;
  }

  /** A wrong second-factor code: counted against the user's second-factor step, and audited. */
  private async recordSecondFactorFailure(userId: string, entity: { entityType: string; entityId: string }, ctx: RequestContext, now: Date): Promise<void> {
    await runChange(this.db, ctx, async (trx) => {
      await repo.recordFailures(trx, [secondFactorKey(userId)], now);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'auth.second_factor_failed', ...entity }]);
    });
  }

  /** Completes a login with a TOTP code or an unused recovery code. */
  async completeSecondFactor(actor: Actor, code: string, ctx: RequestContext): Promise<void> {
    if (actor.stage !== 'second_factor' || !actor.sessionId) throw invalidField('code', 'problem.invalid_second_factor');
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user?.totp_secret) throw invalidField('code', 'problem.invalid_second_factor');
    const now = new Date();
    const sessionId = actor.sessionId;
    const outcome = await runChange(this.db, ctx, async (trx) => {
      const via = await this.spendSecondFactorCode(trx, user, code, now);
      if (!via || typeof via === 'object') return via;
      const expiresAt = new Date(now.getTime() + this.config.sessionAbsoluteHours * 3600 * 1000);
      await repo.updateSession(trx, sessionId, { stage: 'full', expires_at: expiresAt });
      await repo.updateUser(trx, user.id, { last_login_at: now });
      await repo.clearFailures(trx, secondFactorKey(user.id));
      await appendAuditEntries(trx, [
        { ...auditActor(ctx), action: 'auth.second_factor_succeeded', entityType: 'session', entityId: sessionId },
        ...(via === 'recovery' ? [{ ...auditActor(ctx), action: 'account.recovery_code_used' as const, entityType: 'user', entityId: user.id }] : []),
      ]);
      return via;
    });
    if (outcome && typeof outcome === 'object') throw tooManyAttempts(outcome.blocked);
    if (!outcome) {
      await this.recordSecondFactorFailure(user.id, { entityType: 'session', entityId: sessionId }, ctx, now);
      throw invalidField('code', 'problem.invalid_second_factor');
    }
  }

  async logout(actor: Actor, ctx: RequestContext): Promise<void> {
    if (!actor.sessionId) return;
    const sessionId = actor.sessionId;
    await runChange(this.db, ctx, async (trx) => {
      await repo.revokeSession(trx, actor.userId, sessionId);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'auth.logout', entityType: 'session', entityId: sessionId }]);
    });
  }

  async logoutEverywhere(actor: Actor, ctx: RequestContext): Promise<number> {
    return runChange(this.db, ctx, async (trx) => {
      const count = await repo.revokeSessionsOfUser(trx, actor.userId);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'auth.logout_everywhere', entityType: 'user', entityId: actor.userId, after: { sessions: count } }]);
      return count;
    });
  }

  // --- my account -------------------------------------------------------------------------

  async me(actor: Actor): Promise<TMe> {
    const user = await repo.findUserById(this.db, actor.userId);
    return {
      user: { id: actor.userId, email: actor.email, name: actor.name, locale: actor.locale },
      stage: actor.stage,
      csrfToken: actor.csrfToken ?? '',
      municipality: actor.municipalities.find((m) => m.id === actor.municipalityId) ?? null,
      municipalities: actor.municipalities,
      permissions: actor.permissions,
      secondFactor: { enabled: Boolean(user?.totp_enabled_at), required: await repo.userRequiresSecondFactor(this.db, actor.userId) },
    };
  }

  async updateMe(actor: Actor, changes: { name?: string; locale?: TLocale }, ctx: RequestContext): Promise<void> {
    if (changes.name === undefined && changes.locale === undefined) return;
    await runChange(this.db, ctx, async (trx) => {
      const before = await repo.findUserById(trx, actor.userId);
      await repo.updateUser(trx, actor.userId, changes);
      await appendAuditEntries(trx, [
        {
          ...auditActor(ctx),
          action: 'account.settings_changed',
          entityType: 'user',
          entityId: actor.userId,
          before: { name: before?.name, locale: before?.locale },
          after: changes,
        },
      ]);
    });
  }

  /** Switching tenant: a municipality the user holds no role in answers 404. */
  async switchMunicipality(actor: Actor, municipalityId: string, ctx: RequestContext): Promise<void> {
    if (!actor.sessionId || !actor.municipalities.some((m) => m.id === municipalityId)) throw notFound();
    const sessionId = actor.sessionId;
    await runChange(this.db, ctx, async (trx) => {
      await repo.updateSession(trx, sessionId, { municipality_id: municipalityId });
      // Written under the municipality entered, so its administrators see who came in from where.
      await appendAuditEntries(trx, [
        { ...auditActor(ctx), municipalityId, action: 'account.municipality_switched', entityType: 'session', entityId: sessionId, before: { municipalityId: actor.municipalityId }, after: { municipalityId } },
      ]);
    });
  }

  async changePassword(actor: Actor, input: { currentPassword: string; newPassword: string }, ctx: RequestContext): Promise<void> {
    requireInteractiveSession(actor);
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw invalidField('currentPassword', 'problem.wrong_password');
    await this.checkOwnPassword(user, input.currentPassword, 'currentPassword', ctx);
    checkNewPassword('newPassword', input.newPassword, user);
    const passwordHash = await hashPassword(input.newPassword);
    await runChange(this.db, ctx, async (trx) => {
      await repo.updateUser(trx, actor.userId, { password_hash: passwordHash, password_changed_at: new Date() });
      // Other sessions and every API token may belong to whoever knew the old password: end them.
      const sessionsEnded = await repo.revokeSessionsOfUser(trx, actor.userId, actor.sessionId ?? undefined);
      const tokensRevoked = await repo.revokeApiTokensOfUser(trx, actor.userId);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'account.password_changed', entityType: 'user', entityId: actor.userId, after: { sessionsEnded, tokensRevoked } }]);
    });
  }

  /**
   * A signed-in user's own password, asked again before a change of credentials. Wrong guesses
   * count against the account as failed logins do, so a stolen session cannot try passwords
   * without limit.
   */
  private async checkOwnPassword(user: { id: string; email: string; password_hash: string }, password: string, field: string, ctx: RequestContext): Promise<void> {
    const now = new Date();
    const slowedUntil = await this.accountSlowedUntil(user.email, now);
    if (slowedUntil) throw tooManyAttempts(secondsUntil(slowedUntil, now));
    if (await verifyPassword(user.password_hash, password)) return;
    await runChange(this.db, ctx, async (trx) => {
      await repo.recordFailures(trx, [accountKey(user.email)], now);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'account.password_check_failed', entityType: 'user', entityId: user.id }]);
    });
    throw invalidField(field, 'problem.wrong_password');
  }

  /**
   * Before the second factor is replaced or removed, the person at the keyboard proves to be the
   * owner: a stolen session alone must not take over or strip the second factor.
   */
  private async confirmIdentity(user: { id: string; email: string; password_hash: string; totp_secret: string | null }, proof: TConfirmIdentity, ctx: RequestContext): Promise<void> {
    if (proof.password !== undefined) return this.checkOwnPassword(user, proof.password, 'password', ctx);
    if (proof.code !== undefined) {
      const code = proof.code;
      const now = new Date();
      // Spending the code's time step guards against replay; the change it confirms is audited.
      const spent = await runChange(this.db, ctx, (trx) => this.spendSecondFactorCode(trx, user, code, now), { unaudited: 'a one-time code spent against replay' });
      if (spent && typeof spent === 'object') throw tooManyAttempts(spent.blocked);
      if (spent) return;
      await this.recordSecondFactorFailure(user.id, { entityType: 'user', entityId: user.id }, ctx, now);
      throw invalidField('code', 'problem.invalid_second_factor');
    }
    throw invalidField('password', 'problem.confirm_identity');
  }

  /** Starts setting up a TOTP secret; replacing one already in use needs the password or a current code. */
  async startSecondFactorEnrolment(actor: Actor, proof: TConfirmIdentity, ctx: RequestContext): Promise<{ secret: string; otpauthUrl: string; qrSvg: string }> {
    requireInteractiveSession(actor);
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw notFound();
    if (user.totp_enabled_at) await this.confirmIdentity(user, proof, ctx);
    const secret = newTotpSecret();
    await runChange(this.db, ctx, (trx) => repo.updateUser(trx, actor.userId, { totp_pending_secret: secret }), { unaudited: 'a pending secret, unused until confirmed: the enrolment is audited then' });
    return { secret, ...(await totpEnrolment(secret, actor.email)) };
  }

  async verifySecondFactorEnrolment(actor: Actor, code: string, ctx: RequestContext): Promise<string[]> {
    requireInteractiveSession(actor);
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user?.totp_pending_secret) throw invalidField('code', 'problem.no_enrolment');
    const step = verifyTotp(user.totp_pending_secret, code);
    if (step === null) throw invalidField('code', 'problem.invalid_second_factor');
    const codes = Array.from({ length: 10 }, newRecoveryCode);
    const secret = user.totp_pending_secret;
    await runChange(this.db, ctx, async (trx) => {
      // The confirming code is spent: it cannot also complete a login.
      await repo.updateUser(trx, actor.userId, { totp_secret: secret, totp_pending_secret: null, totp_enabled_at: new Date(), totp_last_step: step });
      await repo.replaceRecoveryCodes(trx, actor.userId, codes.map(sha256));
      if (actor.sessionId && actor.stage === 'enrolment_required') await repo.updateSession(trx, actor.sessionId, { stage: 'full' });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'account.second_factor_enrolled', entityType: 'user', entityId: actor.userId }]);
    });
    return codes;
  }

  async removeSecondFactor(actor: Actor, proof: TConfirmIdentity, ctx: RequestContext): Promise<void> {
    requireInteractiveSession(actor);
    const user = await repo.findUserById(this.db, actor.userId);
    if (!user) throw notFound();
    if (await repo.userRequiresSecondFactor(this.db, actor.userId)) throw conflict('problem.second_factor_mandatory');
    await this.confirmIdentity(user, proof, ctx);
    await runChange(this.db, ctx, async (trx) => {
      await repo.updateUser(trx, actor.userId, { totp_secret: null, totp_pending_secret: null, totp_enabled_at: null, totp_last_step: null });
      await repo.replaceRecoveryCodes(trx, actor.userId, []);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'account.second_factor_removed', entityType: 'user', entityId: actor.userId }]);
    });
  }

  async listMySessions(actor: Actor): Promise<TSessionInfo[]> {
    const rows = await repo.listLiveSessionsOfUser(this.db, actor.userId, new Date());
    return rows.map((s) => ({
      id: s.id,
      createdAt: s.created_at.toISOString(),
      lastSeenAt: s.last_seen_at.toISOString(),
      userAgent: s.user_agent,
      ip: s.ip,
      current: s.id === actor.sessionId,
    }));
  }

  async revokeMySession(actor: Actor, sessionId: string, ctx: RequestContext): Promise<void> {
    const revoked = await runChange(this.db, ctx, async (trx) => {
      const done = await repo.revokeSession(trx, actor.userId, sessionId);
      if (done) await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'account.session_revoked', entityType: 'session', entityId: sessionId }]);
      return done;
    });
    if (!revoked) throw notFound();
  }

  // --- API tokens ---------------------------------------------------------------------------

  async listMyTokens(actor: Actor): Promise<TApiToken[]> {
    return (await repo.listLiveApiTokens(this.db, actor.userId)).map(presentToken);
  }

  async createToken(actor: Actor, input: { name: string; scopes: TTokenScope[]; expiresInDays?: number }, ctx: RequestContext) {
    // Tokens are made by a person signed in (with the second factor), never by another token:
    // a stolen or expiring token cannot renew, widen or outlive itself.
    requireInteractiveSession(actor);
    const municipalityId = requireMunicipality(actor);
    const token = newSecretToken(API_TOKEN_PREFIX);
    const row = await runChange(this.db, ctx, async (trx) => {
      const inserted = await repo.insertApiToken(trx, {
        user_id: actor.userId,
        municipality_id: municipalityId,
        name: input.name,
        token_hash: sha256(token),
        scopes: [...new Set(input.scopes)],
        expires_at: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86400 * 1000) : null,
      });
      await appendAuditEntries(trx, [
        { ...auditActor(ctx), action: 'account.token_created', entityType: 'api_token', entityId: inserted.id, after: { name: input.name, scopes: inserted.scopes } },
      ]);
      return inserted;
    });
    return { ...presentToken(row), token };
  }

  async revokeToken(actor: Actor, tokenId: string, ctx: RequestContext): Promise<void> {
    const revoked = await runChange(this.db, ctx, async (trx) => {
      const done = await repo.revokeApiToken(trx, actor.userId, tokenId);
      if (done) await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'account.token_revoked', entityType: 'api_token', entityId: tokenId }]);
      return done;
    });
    if (!revoked) throw notFound();
  }

  // --- administration of users (within the actor's municipality) -----------------------------

  async listUsers(actor: Actor, ctx: RequestContext): Promise<TUserSummary[]> {
    const municipalityId = requireMunicipality(actor);
    const rows = await repo.listUsersOfMunicipality(this.db, municipalityId);
    await this.accessLog.record({ ...auditActor(ctx), action: 'user.list_read', entityType: 'user', purpose: USER_ADMIN_PURPOSE, after: { count: rows.length } });
    return rows.map((r) => presentUser(actor, r));
  }

  /** One user's details: personal data, so the read is logged with its stated purpose. */
  async getUser(actor: Actor, userId: string, purpose: string, ctx: RequestContext): Promise<TUserDetail> {
    const municipalityId = requireMunicipality(actor);
    const [row] = await repo.listUsersOfMunicipality(this.db, municipalityId, userId);
    if (!row) throw notFound();
    const memberships = await repo.listMembershipsOfUser(this.db, userId);
    await this.accessLog.record({ ...auditActor(ctx), action: 'user.read', entityType: 'user', entityId: userId, subjectId: userId, purpose });
    const summary = presentUser(actor, row);
    return {
      ...summary,
      abilities: { ...summary.abilities, updateAccount: can(actor, 'update', accountResource(row, municipalityId, memberships)) },
      createdAt: row.created_at.toISOString(),
      lastLoginAt: row.last_login_at?.toISOString() ?? null,
      locale: row.locale as TLocale,
    };
  }

  /**
   * Creates a user with roles here. An e-mail that already has an account gets a membership here
   * instead, answered exactly like a new user: nobody learns whether, or where, the person already
   * has an account. The linked person keeps their own password (the one given is not applied) and
   * the administrator sees them as any member of this municipality, never their other memberships.
   */
  async createUser(actor: Actor, input: { email: string; name: string; password: string; roles: TRole[] }, ctx: RequestContext): Promise<TUserSummary> {
    const municipalityId = requireMunicipality(actor);
    checkNewPassword('password', input.password, input);
    const passwordHash = await hashPassword(input.password);
    const userId = await runChange(this.db, ctx, async (trx) => {
      const existing = await repo.findUserByEmail(trx, input.email);
      if (!existing) return this.insertUser(trx, { ...input, passwordHash, municipalityId }, ctx);
      // Already a member here: the administrator sees them in the list anyway.
      if ((await repo.listMembershipsOfUser(trx, existing.id)).some((m) => m.municipality_id === municipalityId)) throw emailTaken();
      const roles = [...new Set(input.roles)];
      await repo.replaceRoles(trx, existing.id, municipalityId, roles);
      await appendAuditEntries(trx, [
        { ...auditActor(ctx), municipalityId, action: 'user.membership_added', entityType: 'user', entityId: existing.id, subjectId: existing.id, after: { email: input.email, roles } },
      ]);
      return existing.id;
    });
    const [row] = await repo.listUsersOfMunicipality(this.db, municipalityId, userId);
    return presentUser(actor, row);
  }

  /** Creates a user with roles in a municipality, without an actor check (CLI, seed, admin). */
  async unsafeCreateUser(input: { email: string; name: string; password: string; roles: readonly TRole[]; municipalityId: string }, ctx: RequestContext): Promise<string> {
    const passwordHash = await hashPassword(input.password);
    return runChange(this.db, ctx, async (trx) => {
      if (await repo.findUserByEmail(trx, input.email)) throw emailTaken();
      return this.insertUser(trx, { ...input, passwordHash }, ctx);
    });
  }

  private async insertUser(
    trx: Transaction<Database>,
    input: { email: string; name: string; passwordHash: string; roles: readonly TRole[]; municipalityId: string },
    ctx: RequestContext,
  ): Promise<string> {
    const userId = await repo.insertUser(trx, { email: input.email, name: input.name, password_hash: input.passwordHash, password_changed_at: new Date() });
    await repo.replaceRoles(trx, userId, input.municipalityId, [...new Set(input.roles)]);
    await appendAuditEntries(trx, [
      {
        ...auditActor(ctx),
        municipalityId: input.municipalityId,
        action: 'user.created',
        entityType: 'user',
        entityId: userId,
        subjectId: userId,
        after: { email: input.email, name: input.name, roles: input.roles },
      },
    ]);
    return userId;
  }

  async updateUser(actor: Actor, userId: string, changes: { name?: string; roles?: TRole[]; disabled?: boolean }, ctx: RequestContext): Promise<TUserSummary> {
    const municipalityId = requireMunicipality(actor);
    const [before] = await repo.listUsersOfMunicipality(this.db, municipalityId, userId);
    if (!before) throw notFound();
    if (!can(actor, 'update', userResource(before, municipalityId))) throw new Problem(403, problemType('forbidden'), 'problem.forbidden');
    // Only what differs counts as a change: the web form sends every field with each save.
    const name = changes.name !== undefined && changes.name !== before.name ? changes.name : undefined;
    const disabled = changes.disabled !== undefined && changes.disabled !== Boolean(before.disabled_at) ? changes.disabled : undefined;
    // The account itself (name, blocking) is shared by every municipality the user works in.
    if ((name !== undefined || disabled !== undefined) && !can(actor, 'update', accountResource(before, municipalityId, await repo.listMembershipsOfUser(this.db, userId)))) {
      throw new Problem(403, problemType('shared-account'), 'problem.shared_account');
    }
    await runChange(this.db, ctx, async (trx) => {
      if (name !== undefined) await repo.updateUser(trx, userId, { name });
      if (disabled !== undefined) {
        await repo.updateUser(trx, userId, { disabled_at: disabled ? new Date() : null });
        // Blocking ends every way in; re-enabling does not bring old sessions or tokens back.
        if (disabled) {
          await repo.revokeSessionsOfUser(trx, userId);
          await repo.revokeApiTokensOfUser(trx, userId);
        }
      }
      if (changes.roles) await repo.replaceRoles(trx, userId, municipalityId, [...new Set(changes.roles)]);
      await appendAuditEntries(trx, [
        {
          ...auditActor(ctx),
          action: 'user.updated',
          entityType: 'user',
          entityId: userId,
          subjectId: userId,
          before: { name: before.name, roles: before.roles, disabled: Boolean(before.disabled_at) },
          after: changes,
        },
      ]);
    });
    const [after] = await repo.listUsersOfMunicipality(this.db, municipalityId, userId);
    return presentUser(actor, after);
  }

  async getSecondFactorPolicy(actor: Actor): Promise<TSecondFactorPolicy> {
    return { requiredForRoles: await repo.listSecondFactorRoles(this.db, requireMunicipality(actor)) };
  }

  async setSecondFactorPolicy(actor: Actor, policy: TSecondFactorPolicy, ctx: RequestContext): Promise<TSecondFactorPolicy> {
    const municipalityId = requireMunicipality(actor);
    const roles = [...new Set(policy.requiredForRoles)].sort();
    await runChange(this.db, ctx, async (trx) => {
      const before = await repo.listSecondFactorRoles(trx, municipalityId);
      await repo.replaceSecondFactorRoles(trx, municipalityId, roles);
      await appendAuditEntries(trx, [
        { ...auditActor(ctx), action: 'settings.second_factor_policy_changed', entityType: 'municipality', entityId: municipalityId, before: { roles: before }, after: { roles } },
      ]);
    });
    return { requiredForRoles: roles };
  }

  /** Housekeeping for the scheduled job: forget dead sessions and old login failures. */
  async purgeExpired(now = new Date()): Promise<void> {
    await runChange(
      this.db,
      systemContext('job:purge-expired-sessions'),
      async (trx) => {
        await repo.deleteDeadSessions(trx, new Date(now.getTime() - 24 * 3600 * 1000));
        await repo.deleteOldFailures(trx, new Date(now.getTime() - Math.max(THROTTLE.ipWindowMs, THROTTLE.accountWindowMs, THROTTLE.secondFactorWindowMs)));
      },
      { unaudited: 'dead sessions and expired throttling counters' },
    );
    await this.eraseLoginFailureDetails(now);
  }

  /**
   * A failed login's audit payload holds the e-mail typed and the address it came from: kept
   * for investigating attacks, then erased (the row itself stays in the chain).
   */
  async eraseLoginFailureDetails(now = new Date()): Promise<number> {
    const before = new Date(now.getTime() - LOGIN_FAILURE_DETAILS_DAYS * 24 * 3600 * 1000);
    const ctx = systemContext('job:erase-login-failure-details');
    const actor = auditActor(ctx);
    let erased = 0;
    for (;;) {
      const ids = await repo.listLoginFailureAuditIds(this.db, before, MAX_ERASED_PER_CALL);
      const n = ids.length === 0 ? 0 : await runChange(this.db, ctx, (trx) => erasePayloads(trx, { auditIds: ids, rule: `login-failure-details-${LOGIN_FAILURE_DETAILS_DAYS}-days`, actor }));
      erased += n;
      // A batch that erased nothing (or was not full) is the last: no run can loop on the same rows.
      if (n === 0 || ids.length < MAX_ERASED_PER_CALL) return erased;
    }
  }
}

const emailTaken = () => conflict('problem.email_taken', [{ field: 'email', message: 'problem.email_taken' }]);

/** How long the e-mail typed and the address of a failed login are kept in its audit payload. */
export const LOGIN_FAILURE_DETAILS_DAYS = 90;

/** Changes to credentials need a person signed in, not an API token. */
function requireInteractiveSession(actor: Actor): void {
  if (!actor.sessionId) throw new Problem(403, problemType('session-required'), 'problem.session_required');
}

/** A new password's rules beyond its length; the refusal names the field and the rule. */
function checkNewPassword(field: string, password: string, user: { email: string; name: string }): void {
  const weakness = passwordWeakness(password, user);
  if (weakness) throw invalidField(field, weakness);
}

function presentToken(row: { id: string; name: string; scopes: string[]; municipality_id: string; created_at: Date; last_used_at: Date | null; expires_at: Date | null }): TApiToken {
  return {
    id: row.id,
    name: row.name,
    scopes: row.scopes as TTokenScope[],
    municipalityId: row.municipality_id,
    createdAt: row.created_at.toISOString(),
    lastUsedAt: row.last_used_at?.toISOString() ?? null,
    expiresAt: row.expires_at?.toISOString() ?? null,
  };
}

function presentUser(
  actor: Actor,
  row: { id: string; email: string; name: string; roles: string[]; totp_enabled_at: Date | null; disabled_at: Date | null },
): TUserSummary {
  return {
    id: row.id,
    email: row.email,
    name: row.name,
    roles: row.roles as TRole[],
    secondFactorEnabled: Boolean(row.totp_enabled_at),
    disabled: Boolean(row.disabled_at),
    abilities: abilitiesOf(actor, userResource(row, requireMunicipality(actor))),
  };
}
