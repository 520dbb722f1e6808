import type { TMe } from '../../contracts/identity.ts';
import type { TPermission } from '../../contracts/roles.ts';
import type { MessageKey } from '../i18n/i18n.tsx';

/** The modules to come; each has a place in the main menu and a short page until it arrives. */
export const MODULES = [
  { path: '/organisation', label: 'nav.organisation', intro: 'module.organisation.intro' },
  { path: '/indsatser', label: 'nav.efforts', intro: 'module.efforts.intro' },
  { path: '/handlingsplan', label: 'nav.plans', intro: 'module.plans.intro' },
  { path: '/moeder', label: 'nav.meetings', intro: 'module.meetings.intro' },
  { path: '/sager', label: 'nav.cases', intro: 'module.cases.intro' },
  { path: '/gadeplan', label: 'nav.field', intro: 'module.field.intro' },
  { path: '/indsigt', label: 'nav.insight', intro: 'module.insight.intro' },
] as const satisfies readonly { path: string; label: MessageKey; intro: MessageKey }[];

/** Administration pages, each behind the permission the server checks for its data. */
export const ADMIN_PAGES = [
  { path: '/admin/brugere', label: 'nav.admin.users', permission: 'users.read' },
  { path: '/admin/anden-faktor', label: 'nav.admin.second_factor', permission: 'settings.manage' },
  { path: '/admin/revisionslog', label: 'nav.admin.audit', permission: 'audit.read' },
] as const satisfies readonly { path: string; label: MessageKey; permission: TPermission }[];

export function adminPagesFor(me: TMe) {
  return ADMIN_PAGES.filter((page) => me.permissions.includes(page.permission));
}

/** Is `path` the current page or a page under it? */
export function isWithin(current: string, path: string): boolean {
  return path === '/' ? current === '/' : current === path || current.startsWith(`${path}/`);
}
