import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParams, ZOk } from '../../../contracts/common.ts';
import {
  ZAsOfQuery,
  ZForum,
  ZForumDetail,
  ZForumInput,
  ZForumMemberInput,
  ZForumMemberUpdate,
  ZFunction,
  ZFunctionInput,
  ZImportResult,
  ZLevelDiagram,
  ZLevelLabels,
  ZLevelLabelsInput,
  ZMatrix,
  ZOrganisation,
  ZOrganisationInput,
  ZOrganisationMap,
  ZPool,
  ZPoolInput,
  ZSearchQuery,
  ZSearchResult,
} from '../../../contracts/organisation.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { Problem, problemType } from '../../platform/errors.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import type { OrganisationService } from './organisation.service.ts';
import { CSV_TYPE, XLSX_TYPE, readCsv } from '../../platform/spreadsheet.ts';
import { registerUploadRoutes, sendImportOutcome, uploadedFile } from '../../platform/http/upload-body.ts';
import { sendJson } from '../../platform/view-cache.ts';
import { SHEETS, readMapWorkbook } from './organisation.transfer.ts';

export async function registerOrganisationRoutes(app: FastifyInstance, organisation: OrganisationService): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = policy.can('organisation.read');
  const edit = policy.can('organisation.edit');
  const forumsRead = policy.canAny('organisation.read', 'forums.read_own');
  const tags = ['organisation'];
  const ok = { ok: true as const };

  r.get('/api/organisation-map', {
    config: { policy: read },
    schema: { tags, summary: 'Organisations, functions and pools, now or as of a date', querystring: ZAsOfQuery, response: { 200: ZOrganisationMap } },
    handler: (request) => organisation.map(actorOf(request), request.query.asOf),
  });

  r.get('/api/organisations', {
    config: { policy: read },
    schema: { tags, summary: 'Organisations (centres, units, external parties)', querystring: ZAsOfQuery, response: { 200: z.array(ZOrganisation) } },
    handler: (request) => organisation.listOrganisations(actorOf(request), request.query.asOf),
  });
  r.post('/api/organisations', {
    config: { policy: edit },
    schema: { tags, summary: 'Create an organisation', body: ZOrganisationInput, response: { 201: ZOrganisation } },
    handler: async (request, reply) => reply.code(201).send(await organisation.createOrganisation(actorOf(request), request.body, contextOf(request))),
  });
  r.put('/api/organisations/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'Change an organisation (a new version)', params: ZIdParams, body: ZOrganisationInput, response: { 200: ZOrganisation } },
    handler: (request) => organisation.updateOrganisation(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.delete('/api/organisations/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'End an organisation (kept in history)', params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => (await organisation.removeOrganisation(actorOf(request), request.params.id, contextOf(request)), ok),
  });

  r.get('/api/functions', {
    config: { policy: read },
    schema: { tags, summary: 'Functions (positions) with hours, scope line and forum load', querystring: ZAsOfQuery, response: { 200: z.array(ZFunction) } },
    handler: (request) => organisation.listFunctions(actorOf(request), request.query.asOf),
  });
  r.post('/api/functions', {
    config: { policy: edit },
    schema: { tags, summary: 'Create a function', body: ZFunctionInput, response: { 201: ZFunction } },
    handler: async (request, reply) => reply.code(201).send(await organisation.createFunction(actorOf(request), request.body, contextOf(request))),
  });
  r.put('/api/functions/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'Change a function', params: ZIdParams, body: ZFunctionInput, response: { 200: ZFunction } },
    handler: (request) => organisation.updateFunction(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.delete('/api/functions/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'End a function and its forum memberships', params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => (await organisation.removeFunction(actorOf(request), request.params.id, contextOf(request)), ok),
  });

  r.get('/api/pools', {
    config: { policy: read },
    schema: { tags, summary: 'Pools of money for efforts and activities', querystring: ZAsOfQuery, response: { 200: z.array(ZPool) } },
    handler: (request) => organisation.listPools(actorOf(request), request.query.asOf),
  });
  r.post('/api/pools', {
    config: { policy: edit },
    schema: { tags, summary: 'Create a pool', body: ZPoolInput, response: { 201: ZPool } },
    handler: async (request, reply) => reply.code(201).send(await organisation.createPool(actorOf(request), request.body, contextOf(request))),
  });
  r.put('/api/pools/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'Change a pool', params: ZIdParams, body: ZPoolInput, response: { 200: ZPool } },
    handler: (request) => organisation.updatePool(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.delete('/api/pools/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'End a pool', params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => (await organisation.removePool(actorOf(request), request.params.id, contextOf(request)), ok),
  });

  r.get('/api/forums', {
    config: { policy: forumsRead },
    schema: { tags, summary: 'Forums (partners: only those they sit in)', querystring: ZAsOfQuery, response: { 200: z.array(ZForum) } },
    handler: (request) => organisation.listForums(actorOf(request), request.query.asOf),
  });
  r.get('/api/forums/mine', {
    config: { policy: forumsRead },
    schema: { tags, summary: 'Forums in which a function I hold sits', response: { 200: z.array(ZForum) } },
    handler: (request) => organisation.myForums(actorOf(request)),
  });
  r.get('/api/forums/:id', {
    config: { policy: forumsRead },
    schema: { tags, summary: 'A forum with its members and history', params: ZIdParams, querystring: ZAsOfQuery, response: { 200: ZForumDetail } },
    handler: (request) => organisation.forumDetail(actorOf(request), request.params.id, request.query.asOf),
  });
  r.post('/api/forums', {
    config: { policy: edit },
    schema: { tags, summary: 'Create a forum', body: ZForumInput, response: { 201: ZForumDetail } },
    handler: async (request, reply) => reply.code(201).send(await organisation.createForum(actorOf(request), request.body, contextOf(request))),
  });
  r.put('/api/forums/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'Change a forum', params: ZIdParams, body: ZForumInput, response: { 200: ZForumDetail } },
    handler: (request) => organisation.updateForum(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.delete('/api/forums/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'End a forum and its memberships', params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => (await organisation.removeForum(actorOf(request), request.params.id, contextOf(request)), ok),
  });
  r.post('/api/forums/:id/members', {
    config: { policy: edit },
    schema: { tags, summary: 'Add a function to a forum', params: ZIdParams, body: ZForumMemberInput, response: { 201: ZForumDetail } },
    handler: async (request, reply) => reply.code(201).send(await organisation.addMember(actorOf(request), request.params.id, request.body, contextOf(request))),
  });
  const memberParams = z.strictObject({ id: ZId, memberId: ZId });
  r.patch('/api/forums/:id/members/:memberId', {
    config: { policy: edit },
    schema: { tags, summary: "Change a member's role", params: memberParams, body: ZForumMemberUpdate, response: { 200: ZForumDetail } },
    handler: (request) => organisation.changeMemberRole(actorOf(request), request.params.id, request.params.memberId, request.body.role, contextOf(request)),
  });
  r.delete('/api/forums/:id/members/:memberId', {
    config: { policy: edit },
    schema: { tags, summary: 'Remove a function from a forum', params: memberParams, response: { 200: ZForumDetail } },
    handler: (request) => organisation.removeMember(actorOf(request), request.params.id, request.params.memberId, contextOf(request)),
  });

  r.get('/api/forum-matrix', {
    config: { policy: read },
    schema: { tags, summary: 'Functions × forums: who sits where, with each function’s load', querystring: ZAsOfQuery, response: { 200: ZMatrix } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const json = await organisation.cachedView(actor, 'matrix', request.query.asOf, async () => ZMatrix.encode(await organisation.matrix(actor, request.query.asOf)));
      return sendJson(reply, json);
    },
  });
  r.get('/api/forum-levels', {
    config: { policy: read },
    schema: { tags, summary: 'The three-level diagram: forums by level with reporting lines', querystring: ZAsOfQuery, response: { 200: ZLevelDiagram } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      const json = await organisation.cachedView(actor, 'diagram', request.query.asOf, async () => ZLevelDiagram.encode(await organisation.diagram(actor, request.query.asOf)));
      return sendJson(reply, json);
    },
  });
  r.get('/api/settings/forum-level-labels', {
    config: { policy: forumsRead },
    schema: { tags, summary: "The municipality's names for the three levels", response: { 200: ZLevelLabels } },
    handler: (request) => organisation.levelLabels(actorOf(request)),
  });
  r.put('/api/settings/forum-level-labels', {
    config: { policy: policy.can('settings.manage') },
    schema: { tags, summary: "Set the municipality's names for the three levels", body: ZLevelLabelsInput, response: { 200: ZLevelLabels } },
    handler: (request) => organisation.setLevelLabels(actorOf(request), request.body, contextOf(request)),
  });
  r.get('/api/organisation-search', {
    config: { policy: read },
    schema: { tags, summary: 'Search organisations, functions and forums', querystring: ZSearchQuery, response: { 200: ZSearchResult } },
    handler: (request) => organisation.search(actorOf(request), request.query.q),
  });

  r.get('/api/organisation/export.xlsx', {
    config: { policy: read },
    schema: { tags, summary: 'The whole map as an XLSX workbook (importable)', produces: [XLSX_TYPE] },
    handler: async (request, reply) => {
      const file = await organisation.exportWorkbook(actorOf(request), contextOf(request));
      return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="organisation.xlsx"').send(file);
    },
  });
  r.get('/api/organisation/export.csv', {
    config: { policy: read },
    schema: { tags, summary: 'One sheet of the map as CSV (importable)', querystring: z.strictObject({ sheet: z.enum(SHEETS) }), produces: ['text/csv'] },
    handler: async (request, reply) => {
      const csv = await organisation.exportCsv(actorOf(request), request.query.sheet, contextOf(request));
      return reply.type('text/csv; charset=utf-8').header('content-disposition', `attachment; filename="${request.query.sheet}.csv"`).send(csv);
    },
  });
  await registerUploadRoutes(app, (scope) =>
    scope.withTypeProvider<ZodTypeProvider>().post('/api/organisation/import', {
      config: { policy: edit },
      schema: {
        tags,
        summary: 'Import an XLSX workbook or one CSV sheet; with dryRun, a preview. All or nothing.',
        description: `Send the file as the body with Content-Type ${XLSX_TYPE} or ${CSV_TYPE} (then name the sheet). CSV may be UTF-8 or Windows-1252, separated by ; or ,.`,
        querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false'), sheet: z.enum(SHEETS).optional() }),
        response: { 200: ZImportResult, 201: ZImportResult },
      },
      handler: async (request, reply) => {
        const { file, type } = uploadedFile(request, [XLSX_TYPE, CSV_TYPE]);
        let rows;
        if (type === XLSX_TYPE) rows = await readMapWorkbook(file);
        else {
          if (!request.query.sheet) throw new Problem(422, problemType('validation'), 'problem.validation', { errors: [{ field: 'sheet', message: 'problem.csv_needs_sheet' }] });
          rows = { [request.query.sheet]: await readCsv(file) };
        }
        return sendImportOutcome(reply, await organisation.importFile(actorOf(request), rows, request.query.dryRun === 'true', contextOf(request)));
      },
    }),
  );
}
