/**
 * Typed calls to the efforts API, one function per route (the module's part of
 * lib/endpoints.ts). Responses are checked against contracts/efforts.ts.
 */
import { z } from 'zod';
import {
  ZDistricts,
  ZEconomy,
  ZEffortDetail,
  ZEffortImportResult,
  ZEffortList,
  ZLegalBasis,
  ZPeer,
  ZPeerComparison,
  ZTriangle,
  ZTriangleLabels,
  type TEffortCreate,
  type TEffortImportResult,
  type TEffortInput,
  type TEffortYearInput,
  type TIndicatorInput,
  type TStatusChangeInput,
  type TTriangleLabels,
  type TEffortListQuery,
  type TTriangleQuery,
} from '../../../contracts/efforts.ts';
import { ApiError, api, withQuery } from '../../lib/api.ts';
import { XLSX_TYPE } from '../../lib/endpoints.ts';

const id = (value: string) => encodeURIComponent(value);
const effort = (effortId: string) => `/api/efforts/${id(effortId)}`;

export const listEfforts = (query: Partial<TEffortListQuery>) => api.get('/api/efforts', { query, schema: ZEffortList });
export const getEffort = (effortId: string) => api.get(effort(effortId), { schema: ZEffortDetail });
export const createEffort = (input: TEffortCreate) => api.post('/api/efforts', input, { schema: ZEffortDetail });
export const updateEffort = (effortId: string, input: TEffortInput) => api.put(effort(effortId), input, { schema: ZEffortDetail });
export const changeEffortStatus = (effortId: string, input: TStatusChangeInput) => api.post(`${effort(effortId)}/status`, input, { schema: ZEffortDetail });

export interface GoalInput {
  title: string;
  description: string | null;
}
export const addGoal = (effortId: string, input: GoalInput) => api.post(`${effort(effortId)}/goals`, input, { schema: ZEffortDetail });
export const updateGoal = (effortId: string, goalId: string, input: GoalInput) => api.put(`${effort(effortId)}/goals/${id(goalId)}`, input, { schema: ZEffortDetail });
export const removeGoal = (effortId: string, goalId: string) => api.delete(`${effort(effortId)}/goals/${id(goalId)}`, { schema: ZEffortDetail });

export const addIndicator = (effortId: string, goalId: string, input: TIndicatorInput) => api.post(`${effort(effortId)}/goals/${id(goalId)}/indicators`, input, { schema: ZEffortDetail });
export const updateIndicator = (effortId: string, indicatorId: string, input: TIndicatorInput) =>
  api.put(`${effort(effortId)}/indicators/${id(indicatorId)}`, input, { schema: ZEffortDetail });
export const removeIndicator = (effortId: string, indicatorId: string) => api.delete(`${effort(effortId)}/indicators/${id(indicatorId)}`, { schema: ZEffortDetail });

export interface MeasurementInput {
  measuredOn: string;
  value: number;
  note: string | null;
}
export const addMeasurement = (effortId: string, indicatorId: string, input: MeasurementInput) =>
  api.post(`${effort(effortId)}/indicators/${id(indicatorId)}/measurements`, input, { schema: ZEffortDetail });
export const removeMeasurement = (effortId: string, measurementId: string) => api.delete(`${effort(effortId)}/measurements/${id(measurementId)}`, { schema: ZEffortDetail });

export const setEffortYear = (effortId: string, year: number, input: TEffortYearInput) => api.put(`${effort(effortId)}/economy/${year}`, input, { schema: ZEffortDetail });

export const getTriangle = (query: Partial<TTriangleQuery>) => api.get('/api/triangle', { query, schema: ZTriangle });
export const getEconomy = (year?: number, asOf?: string) => api.get('/api/economy', { query: { year, asOf }, schema: ZEconomy });
export const getPeerComparison = () => api.get('/api/peer-comparison', { schema: ZPeerComparison });
export const getPeer = (id: string) => api.get(`/api/peers/${id}`, { schema: ZPeer });

export const getTriangleLabels = () => api.get('/api/settings/triangle-level-labels', { schema: ZTriangleLabels });
export const setTriangleLabels = (labels: TTriangleLabels) => api.put('/api/settings/triangle-level-labels', labels, { schema: ZTriangleLabels });
export const getDistricts = () => api.get('/api/settings/districts', { schema: ZDistricts });
export const setDistricts = (districts: string[]) => api.put('/api/settings/districts', { districts }, { schema: ZDistricts });
export const listLegalBases = () => api.get('/api/legal-bases', { schema: z.array(ZLegalBasis) });
export const createLegalBasis = (input: { law: string; section: string | null }) => api.post('/api/legal-bases', input, { schema: ZLegalBasis });
export const retireLegalBasis = (id: string) => api.delete(`/api/legal-bases/${id}`);

/** A plain link: the browser downloads the workbook with the session cookie. */
export const effortsXlsxUrl = '/api/efforts/export.xlsx';

/**
 * Sends a workbook. A file with row errors answers 422 with the counts and `rowErrors` in the
 * problem document; both come back as a result here, with the problem's title.
 */
export async function importEffortsFile(file: Blob, dryRun: boolean): Promise<TEffortImportResult & { title?: string }> {
  try {
    return await api.upload(withQuery('/api/efforts/import', { dryRun: String(dryRun) }), { data: file, contentType: XLSX_TYPE }, { schema: ZEffortImportResult });
  } catch (error) {
    if (error instanceof ApiError && error.status === 422) {
      const body = (error.body ?? {}) as { dryRun?: unknown; counts?: unknown; rowErrors?: unknown; rowErrorsNotShown?: unknown };
      const result = ZEffortImportResult.safeParse({ dryRun: body.dryRun ?? dryRun, counts: body.counts, errors: body.rowErrors, errorsNotShown: body.rowErrorsNotShown });
      if (result.success) return { ...result.data, title: error.problem.title };
    }
    throw error;
  }
}
