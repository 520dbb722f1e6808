/** Pieces every scenario page uses: the scenario query, badges, breadcrumbs, template names. */
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo } from 'react';
import type { TScenarioDetail, TScenarioStatus, TSharing, TTemplateKey } from '../../../contracts/scenarios.ts';
import type { Crumb } from '../../components/Page.tsx';
import { useI18n } from '../../i18n/i18n.tsx';
import { getScenario, listTemplates } from './api.ts';
import { SCENARIOS_ROOT, SCENARIO_KEY, SHARING_KEYS, STATUS_KEYS, type Translate } from './labels.ts';
import './scenarios.css';

export function useScenario(id: string) {
  return useQuery({ queryKey: [SCENARIO_KEY, 'detail', id], queryFn: () => getScenario(id) });
}

/** After a change the server answers with the whole scenario: cache it, and refresh the lists and comparisons. */
export function useScenarioSaved(): (updated: TScenarioDetail) => void {
  const queryClient = useQueryClient();
  return (updated) => {
    queryClient.setQueryData([SCENARIO_KEY, 'detail', updated.id], updated);
    void queryClient.invalidateQueries({ queryKey: [SCENARIO_KEY], predicate: (q) => q.queryKey[1] !== 'detail' });
  };
}

export function useTemplates() {
  return useQuery({ queryKey: [SCENARIO_KEY, 'templates'], queryFn: listTemplates, staleTime: 5 * 60_000 });
}

/** Template key → name, for the origin of a scenario. */
export function useTemplateNames(): ReadonlyMap<TTemplateKey, string> {
  const templates = useTemplates();
  return useMemo(() => new Map((templates.data ?? []).map((t) => [t.key, t.name])), [templates.data]);
}

const STATUS_BADGE: Record<TScenarioStatus, string> = { draft: 'badge-neutral', adopted: 'badge-success', discarded: 'badge-neutral' };

export function StatusBadge({ status }: { status: TScenarioStatus }) {
  const { t } = useI18n();
  return <span className={`badge ${STATUS_BADGE[status]}`}>{t(STATUS_KEYS[status])}</span>;
}

export function SharingBadge({ sharing }: { sharing: TSharing }) {
  const { t } = useI18n();
  return <span className="badge badge-info">{t(SHARING_KEYS[sharing])}</span>;
}

/** Forside › Organisation og fora › Scenarier › …: the pages' breadcrumbs. */
export function scenarioCrumbs(t: Translate, rest: Crumb[]): Crumb[] {
  return [{ to: '/', label: t('nav.front_page') }, { to: '/organisation', label: t('nav.organisation') }, { to: SCENARIOS_ROOT, label: t('scenario.nav.list') }, ...rest];
}
