import type { TMe } from '../../contracts/identity.ts';
import type { TPermission } from '../../contracts/roles.ts';
import type { MessageKey } from '../i18n/i18n.tsx';

/**
 * The modules, each with a place in the main menu. Those not `ready` have a short page that
 * says what is coming; a ready module names the permissions that open it.
 */
export const MODULES = [
  { path: '/organisation', label: 'nav.organisation', intro: 'module.organisation.intro', ready: true, anyOf: ['organisation.read', 'forums.read_own'] },
  { path: '/indsatser', label: 'nav.efforts', intro: 'module.efforts.intro', ready: true, anyOf: ['efforts.read'] },
  { path: '/handlingsplan', label: 'nav.plans', intro: 'module.plans.intro', ready: true, anyOf: ['plans.read'] },
  { path: '/moeder', label: 'nav.meetings', intro: 'module.meetings.intro', ready: false, anyOf: [] },
  { path: '/sager', label: 'nav.cases', intro: 'module.cases.intro', ready: false, anyOf: [] },
  { path: '/gadeplan', label: 'nav.field', intro: 'module.field.intro', ready: false, anyOf: [] },
  { path: '/indsigt', label: 'nav.insight', intro: 'module.insight.intro', ready: false, anyOf: [] },
] as const satisfies readonly { path: string; label: MessageKey; intro: MessageKey; ready: boolean; anyOf: readonly TPermission[] }[];

/** The ready modules this user may open. */
export function readyModulesFor(me: TMe) {
  return MODULES.filter((m) => m.ready && m.anyOf.some((p: TPermission) => me.permissions.includes(p)));
}

/** Administration pages, each behind the permission the server checks for its data. */
export const ADMIN_PAGES = [
  { path: '/admin/brugere', label: 'nav.admin.users', permission: 'users.read' },
  { path: '/admin/anden-faktor', label: 'nav.admin.second_factor', permission: 'settings.manage' },
  { path: '/admin/revisionslog', label: 'nav.admin.audit', permission: 'audit.read' },
  { path: '/admin/udbakke', label: 'nav.admin.outbox', permission: 'outbox.read' },
] as const satisfies readonly { path: string; label: MessageKey; permission: TPermission }[];

export function adminPagesFor(me: TMe) {
  return ADMIN_PAGES.filter((page) => me.permissions.includes(page.permission));
}

/** Is `path` the current page or a page under it? */
export function isWithin(current: string, path: string): boolean {
  return path === '/' ? current === '/' : current === path || current.startsWith(`${path}/`);
}
