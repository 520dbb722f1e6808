import type { TMe } from '../../contracts/identity.ts';
import type { TPermission } from '../../contracts/roles.ts';
import type { MessageKey } from '../i18n/i18n.tsx';

/** The modules built so far, each behind the permissions that open it. */
export const MODULES = [
  { path: '/organisation', label: 'nav.organisation', intro: 'module.organisation.intro', anyOf: ['organisation.read', 'forums.read_own'] },
  { path: '/indsatser', label: 'nav.efforts', intro: 'module.efforts.intro', anyOf: ['efforts.read'] },
  { path: '/handlingsplan', label: 'nav.plans', intro: 'module.plans.intro', anyOf: ['plans.read'] },
] as const satisfies readonly { path: string; label: MessageKey; intro: MessageKey; anyOf: readonly TPermission[] }[];

/**
 * Modules not built yet: the front page names them as coming, in words only. No menu or link
 * leads to them, since there is nothing to open.
 */
export const COMING_MODULES = [
  { label: 'nav.meetings', intro: 'module.meetings.intro' },
  { label: 'nav.cases', intro: 'module.cases.intro' },
  { label: 'nav.field', intro: 'module.field.intro' },
  { label: 'nav.insight', intro: 'module.insight.intro' },
] as const satisfies readonly { label: MessageKey; intro: MessageKey }[];

/** The modules this user may open: what every menu and the front page offer. */
export function modulesFor(me: TMe) {
  return MODULES.filter((m) => m.anyOf.some((p: TPermission) => me.permissions.includes(p)));
}

/** Administration pages, each behind the permission the server checks for its data. */
export const ADMIN_PAGES = [
  { path: '/admin/brugere', label: 'nav.admin.users', permission: 'users.read' },
  { path: '/admin/anden-faktor', label: 'nav.admin.second_factor', permission: 'settings.manage' },
  { path: '/admin/revisionslog', label: 'nav.admin.audit', permission: 'audit.read' },
  { path: '/admin/formaal', label: 'nav.admin.purposes', permission: 'settings.manage' },
  { path: '/admin/udbakke', label: 'nav.admin.outbox', permission: 'outbox.read' },
] as const satisfies readonly { path: string; label: MessageKey; permission: TPermission }[];

export function adminPagesFor(me: TMe) {
  return ADMIN_PAGES.filter((page) => me.permissions.includes(page.permission));
}

/** Is `path` the current page or a page under it? */
export function isWithin(current: string, path: string): boolean {
  return path === '/' ? current === '/' : current === path || current.startsWith(`${path}/`);
}
