/**
 * Typed calls to the action plan API, one function per route (the module's part of
 * lib/endpoints.ts). Responses are checked against contracts/plans.ts.
 */
import { z } from 'zod';
import { ZOutboxMessage, ZPlanDetail, ZPlanDiff, ZPlanSummary, ZPlanVersion, type TApprovalRule, type TSections } from '../../../contracts/plans.ts';
import { api } from '../../lib/api.ts';

const plan = (planId: string) => `/api/plans/${encodeURIComponent(planId)}`;

export const listPlans = () => api.get('/api/plans', { schema: z.array(ZPlanSummary) });
export const createPlan = (year: number) => api.post('/api/plans', { year }, { schema: ZPlanDetail });
export const getPlan = (planId: string) => api.get(plan(planId), { schema: ZPlanDetail });
export const saveSections = (planId: string, sections: TSections) => api.put(`${plan(planId)}/sections`, sections, { schema: ZPlanDetail });
export const saveSettings = (planId: string, input: { approvingForumId: string; approvalRule: TApprovalRule }) => api.put(`${plan(planId)}/settings`, input, { schema: ZPlanDetail });

/** The workflow's steps without a body: each answers with the plan as it is after the step. */
export type PlanStep = 'submit' | 'withdraw' | 'publish' | 'revise';
export const stepPlan = (planId: string, step: PlanStep) => api.post(`${plan(planId)}/${step}`, undefined, { schema: ZPlanDetail });
export const decide = (planId: string, input: { decision: 'approve' | 'comment'; comment: string | null }) => api.post(`${plan(planId)}/decisions`, input, { schema: ZPlanDetail });

export const getVersion = (planId: string, version: number) => api.get(`${plan(planId)}/versions/${version}`, { schema: ZPlanVersion });
export const getDiff = (planId: string, from: number, to: number) => api.get(`${plan(planId)}/diff`, { query: { from, to }, schema: ZPlanDiff });

/** Plain links: the browser downloads the document with the session cookie. */
export const documentUrl = (planId: string, version: number, kind: 'docx' | 'pdf') => `${plan(planId)}/versions/${version}/plan.${kind}`;
/** The published plan for everyone, rendered by the server (not a page of this app). */
export const publicPlanUrl = (municipalityCode: number) => `/offentlig/${municipalityCode}/handlingsplan`;

export const listOutbox = () => api.get('/api/outbox', { schema: z.array(ZOutboxMessage) });
