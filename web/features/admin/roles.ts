import { ROLES, type TRole } from '../../../contracts/roles.ts';
import type { useI18n } from '../../i18n/i18n.tsx';

export function roleOptions(t: ReturnType<typeof useI18n>['t']): { value: TRole; label: string; hint: string }[] {
  return ROLES.map((role) => ({ value: role, label: t(`role.${role}`), hint: t(`role.${role}.hint`) }));
}
