import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZIdParams } from '../../../contracts/common.ts';
import {
  ZDecisionInput,
  ZDiffQuery,
  ZOutboxMessage,
  ZPlanCreate,
  ZPlanDetail,
  ZPlanDiff,
  ZPlanSettingsInput,
  ZPlanSummary,
  ZPlanVersion,
  ZSectionsInput,
  ZVersionParams,
} from '../../../contracts/plans.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import { DOCX } from '../../platform/documents.ts';
import { renderPlanDocx, renderPlanPdf } from './plans.documents.ts';
import { registerPublicAssets, renderPublicNotFound, renderPublicPlan } from './plans.public.tsx';
import type { PlansService } from './plans.service.ts';
import { ViewCache } from '../../platform/view-cache.ts';


export async function registerPlanRoutes(app: FastifyInstance, plans: PlansService, publicUrl: string): Promise<void> {
  const publicPages = new ViewCache(50);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = policy.can('plans.read');
  const edit = policy.can('plans.edit');
  const tags = ['plans'];

  r.get('/api/plans', {
    config: { policy: read },
    schema: { tags, summary: "The municipality's action plans, newest year first, each marked when it no longer matches the running efforts", response: { 200: z.array(ZPlanSummary) } },
    handler: (request) => plans.list(actorOf(request)),
  });
  r.post('/api/plans', {
    config: { policy: edit },
    schema: { tags, summary: 'Start the plan for a year (a draft from the newest text there is)', body: ZPlanCreate, response: { 201: ZPlanDetail } },
    handler: async (request, reply) => reply.code(201).send(await plans.create(actorOf(request), request.body.year, contextOf(request))),
  });
  r.get('/api/plans/:id', {
    config: { policy: read },
    schema: { tags, summary: 'A plan: its newest version, approvers and decisions, and what changed since approval', params: ZIdParams, response: { 200: ZPlanDetail } },
    handler: (request) => plans.detail(actorOf(request), request.params.id),
  });
  r.put('/api/plans/:id/sections', {
    config: { policy: edit },
    schema: { tags, summary: 'Write the sections of a draft (limited rich text; anything else is removed)', params: ZIdParams, body: ZSectionsInput, response: { 200: ZPlanDetail } },
    handler: (request) => plans.setSections(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.put('/api/plans/:id/settings', {
    config: { policy: edit },
    schema: { tags, summary: 'Choose the approving forum and the rule (all or majority) of a draft', params: ZIdParams, body: ZPlanSettingsInput, response: { 200: ZPlanDetail } },
    handler: (request) => plans.setSettings(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.post('/api/plans/:id/submit', {
    config: { policy: edit },
    schema: { tags, summary: "Submit the draft for approval: its content is frozen and the approving forum's members are asked", params: ZIdParams, response: { 200: ZPlanDetail } },
    handler: (request) => plans.submit(actorOf(request), request.params.id, contextOf(request)),
  });
  r.post('/api/plans/:id/withdraw', {
    config: { policy: edit },
    schema: { tags, summary: 'Take a submitted plan back to draft', params: ZIdParams, response: { 200: ZPlanDetail } },
    handler: (request) => plans.withdraw(actorOf(request), request.params.id, contextOf(request)),
  });
  r.post('/api/plans/:id/decisions', {
    config: { policy: policy.can('plans.approve') },
    schema: { tags, summary: 'Approve or comment on a submitted plan (members of the approving forum)', params: ZIdParams, body: ZDecisionInput, response: { 200: ZPlanDetail } },
    handler: (request) => plans.decide(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.post('/api/plans/:id/publish', {
    config: { policy: policy.can('plans.publish') },
    schema: { tags, summary: 'Publish an approved plan on the public page', params: ZIdParams, response: { 200: ZPlanDetail } },
    handler: (request) => plans.publish(actorOf(request), request.params.id, contextOf(request)),
  });
  r.post('/api/plans/:id/revise', {
    config: { policy: edit },
    schema: { tags, summary: 'Start a new version from the approved one', params: ZIdParams, response: { 200: ZPlanDetail } },
    handler: (request) => plans.revise(actorOf(request), request.params.id, contextOf(request)),
  });
  r.get('/api/plans/:id/versions/:version', {
    config: { policy: read },
    schema: { tags, summary: 'One version as it was, with its decisions', params: ZVersionParams, response: { 200: ZPlanVersion } },
    handler: (request) => plans.version(actorOf(request), request.params.id, request.params.version),
  });
  r.get('/api/plans/:id/diff', {
    config: { policy: read },
    schema: { tags, summary: 'What differs between two versions: sections, organisation, efforts added, removed and changed', params: ZIdParams, querystring: ZDiffQuery, response: { 200: ZPlanDiff } },
    handler: (request) => plans.diffVersions(actorOf(request), request.params.id, request.query.from, request.query.to),
  });
  r.get('/api/plans/:id/versions/:version/plan.docx', {
    config: { policy: read },
    schema: { tags, summary: 'A version as DOCX, laid out as a municipal memo', params: ZVersionParams, produces: [DOCX] },
    handler: async (request, reply) => {
      const { content, meta } = await plans.forDocument(actorOf(request), request.params.id, request.params.version);
      const file = await renderPlanDocx(content, meta);
      return reply.type(DOCX).header('content-disposition', `attachment; filename="handlingsplan-${content.year}-v${meta.version}.docx"`).send(file);
    },
  });
  r.get('/api/plans/:id/versions/:version/plan.pdf', {
    config: { policy: read },
    schema: { tags, summary: 'A version as PDF in IBM Plex Sans', params: ZVersionParams, produces: ['application/pdf'] },
    handler: async (request, reply) => {
      const { content, meta } = await plans.forDocument(actorOf(request), request.params.id, request.params.version);
      const file = await renderPlanPdf(content, meta);
      return reply.type('application/pdf').header('content-disposition', `attachment; filename="handlingsplan-${content.year}-v${meta.version}.pdf"`).send(file);
    },
  });
  r.get('/api/outbox', {
    config: { policy: policy.can('outbox.read') },
    schema: { tags, summary: "E-mail the platform has sent or holds for the municipality, newest first", response: { 200: z.array(ZOutboxMessage) } },
    handler: (request) => plans.outbox(actorOf(request)),
  });

  // The published plan for everyone: HTML rendered here, so it reads without JavaScript.
  await registerPublicAssets(app);
  r.get('/offentlig/:code/handlingsplan', {
    config: { policy: policy.public() },
    schema: { tags, summary: 'The published action plan as a public web page (HTML)', params: z.strictObject({ code: z.string().max(10) }), produces: ['text/html'] },
    handler: async (request, reply) => {
      const code = /^\d{1,4}$/.test(request.params.code) ? Number(request.params.code) : null;
      const found = code === null ? { municipality: null, plan: null } : await plans.unsafePublished(code);
      reply.type('text/html; charset=utf-8').header('cache-control', 'public, no-cache');
      if (!found.plan) return reply.code(404).send(renderPublicNotFound(found.municipality));
      // The same for every reader (no session is read), so any cache may keep it, but must ask
      // again each time: a newly published version shows at once. The validator is the page,
      // rendered once per published version (its content is frozen; the meta names it).
      const { html, etag } = JSON.parse(
        await publicPages.json([code, found.municipality, JSON.stringify(found.plan.meta)].join('|'), async () => {
          const page = renderPublicPlan(found.plan!.content, found.plan!.meta, { publicUrl });
          return { html: page, etag: `"${createHash('sha256').update(page).digest('base64url')}"` };
        }),
      ) as { html: string; etag: string };
      reply.header('etag', etag);
      if (matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
      return reply.send(html);
    },
  });
}

/** If-None-Match (RFC 9110 §13.1.2): `*`, or a list of tags compared weakly. */
function matchesEtag(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  const weak = (tag: string) => tag.trim().replace(/^W\//, '');
  return header.split(',').some((tag) => tag.trim() === '*' || weak(tag) === etag);
}
