/**
 * Typed calls to the scenarios API, one function per route. Responses are checked against
 * contracts/scenarios.ts.
 */
import { z } from 'zod';
import {
  ZScenarioComparison,
  ZScenarioDetail,
  ZScenarioSummary,
  ZTemplateSummary,
  type TScenarioAdopt,
  type TScenarioCreate,
  type TScenarioUpdate,
  type TSharing,
} from '../../../contracts/scenarios.ts';
import { api } from '../../lib/api.ts';

const scenario = (id: string) => `/api/scenarios/${encodeURIComponent(id)}`;

export const listScenarios = () => api.get('/api/scenarios', { schema: z.array(ZScenarioSummary) });
export const listTemplates = () => api.get('/api/scenarios/templates', { schema: z.array(ZTemplateSummary) });
export const compareScenarios = (ids: readonly string[], withToday: boolean) =>
  api.get('/api/scenarios/compare', { query: { ids: ids.join(','), withToday: String(withToday) }, schema: ZScenarioComparison });
export const createScenario = (input: TScenarioCreate) => api.post('/api/scenarios', input, { schema: ZScenarioDetail });
export const getScenario = (id: string) => api.get(scenario(id), { schema: ZScenarioDetail });
export const saveScenario = (id: string, input: TScenarioUpdate) => api.put(scenario(id), input, { schema: ZScenarioDetail });
export const shareScenario = (id: string, sharing: Exclude<TSharing, 'private'>) => api.post(`${scenario(id)}/share`, { sharing }, { schema: ZScenarioDetail });
export const discardScenario = (id: string) => api.post(`${scenario(id)}/discard`, undefined, { schema: ZScenarioDetail });
export const adoptScenario = (id: string, input: TScenarioAdopt) => api.post(`${scenario(id)}/adopt`, input, { schema: ZScenarioDetail });
