import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParams, ZOk } from '../../../contracts/common.ts';
import {
  ZDistricts,
  ZDistrictsInput,
  ZEconomy,
  ZEconomyQuery,
  ZEffortAsOfQuery,
  ZEffortCreate,
  ZEffortDetail,
  ZEffortImportResult,
  ZEffortInput,
  ZEffortList,
  ZEffortListQuery,
  ZEffortYearInput,
  ZGoalInput,
  ZIndicatorInput,
  ZLegalBasis,
  ZLegalBasisInput,
  ZMeasurementInput,
  ZPeer,
  ZPeerComparison,
  ZStatusChangeInput,
  ZTriangle,
  ZTriangleLabels,
  ZTriangleLabelsInput,
  ZTriangleQuery,
} from '../../../contracts/efforts.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import { registerUploadRoutes, sendImportOutcome, uploadedFile } from '../../platform/http/upload-body.ts';
import { sendJson } from '../../platform/view-cache.ts';
import type { EffortsService } from './efforts.service.ts';
import { XLSX_TYPE } from '../../platform/spreadsheet.ts';
import type { EffortsTransfer } from './efforts.transfer.ts';

export async function registerEffortRoutes(app: FastifyInstance, efforts: EffortsService, transfer: EffortsTransfer): Promise<void> {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = policy.can('efforts.read');
  const edit = policy.can('efforts.edit');
  const measure = policy.can('efforts.measure');
  const tags = ['efforts'];
  const goalParams = z.strictObject({ id: ZId, goalId: ZId });
  const indicatorParams = z.strictObject({ id: ZId, indicatorId: ZId });

  r.get('/api/efforts', {
    config: { policy: read },
    schema: { tags, summary: 'Efforts, filtered (level, status, unit, age, district, year) and searched in Danish full text; as they were at asOf', querystring: ZEffortListQuery, response: { 200: ZEffortList } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return sendJson(reply, await efforts.cachedView(actor, 'list', request.query, async () => ZEffortList.encode(await efforts.list(actor, request.query))));
    },
  });
  r.get('/api/efforts/:id', {
    config: { policy: read },
    schema: {
      tags,
      summary: 'An effort with status history, goals, indicators and (for economy readers) money and hours; with asOf, its level, owner, function, target group, districts and status as they were then',
      params: ZIdParams,
      querystring: ZEffortAsOfQuery,
      response: { 200: ZEffortDetail },
    },
    handler: (request) => efforts.detail(actorOf(request), request.params.id, request.query.asOf),
  });
  r.post('/api/efforts', {
    config: { policy: edit },
    schema: { tags, summary: 'Create an effort (planned or active)', body: ZEffortCreate, response: { 201: ZEffortDetail } },
    handler: async (request, reply) => reply.code(201).send(await efforts.create(actorOf(request), request.body, contextOf(request))),
  });
  r.put('/api/efforts/:id', {
    config: { policy: edit },
    schema: { tags, summary: 'Change an effort (status changes go through /status)', params: ZIdParams, body: ZEffortInput, response: { 200: ZEffortDetail } },
    handler: (request) => efforts.update(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.post('/api/efforts/:id/status', {
    config: { policy: edit },
    schema: { tags, summary: 'Change the status (planned, active, paused, ended), dated and with a reason', params: ZIdParams, body: ZStatusChangeInput, response: { 200: ZEffortDetail } },
    handler: (request) => efforts.changeStatus(actorOf(request), request.params.id, request.body, contextOf(request)),
  });

  r.post('/api/efforts/:id/goals', {
    config: { policy: edit },
    schema: { tags, summary: 'Add a goal', params: ZIdParams, body: ZGoalInput, response: { 201: ZEffortDetail } },
    handler: async (request, reply) => reply.code(201).send(await efforts.addGoal(actorOf(request), request.params.id, request.body, contextOf(request))),
  });
  r.put('/api/efforts/:id/goals/:goalId', {
    config: { policy: edit },
    schema: { tags, summary: 'Change a goal', params: goalParams, body: ZGoalInput, response: { 200: ZEffortDetail } },
    handler: (request) => efforts.updateGoal(actorOf(request), request.params.id, request.params.goalId, request.body, contextOf(request)),
  });
  r.delete('/api/efforts/:id/goals/:goalId', {
    config: { policy: edit },
    schema: { tags, summary: 'Remove a goal with its indicators and their measurements', params: goalParams, response: { 200: ZEffortDetail } },
    handler: (request) => efforts.removeGoal(actorOf(request), request.params.id, request.params.goalId, contextOf(request)),
  });
  r.post('/api/efforts/:id/goals/:goalId/indicators', {
    config: { policy: edit },
    schema: { tags, summary: 'Add an indicator to a goal', params: goalParams, body: ZIndicatorInput, response: { 201: ZEffortDetail } },
    handler: async (request, reply) => reply.code(201).send(await efforts.addIndicator(actorOf(request), request.params.id, request.params.goalId, request.body, contextOf(request))),
  });
  r.put('/api/efforts/:id/indicators/:indicatorId', {
    config: { policy: edit },
    schema: { tags, summary: 'Change an indicator', params: indicatorParams, body: ZIndicatorInput, response: { 200: ZEffortDetail } },
    handler: (request) => efforts.updateIndicator(actorOf(request), request.params.id, request.params.indicatorId, request.body, contextOf(request)),
  });
  r.delete('/api/efforts/:id/indicators/:indicatorId', {
    config: { policy: edit },
    schema: { tags, summary: 'Remove an indicator and its measurements', params: indicatorParams, response: { 200: ZEffortDetail } },
    handler: (request) => efforts.removeIndicator(actorOf(request), request.params.id, request.params.indicatorId, contextOf(request)),
  });
  r.post('/api/efforts/:id/indicators/:indicatorId/measurements', {
    config: { policy: measure },
    schema: { tags, summary: 'Enter a measurement (a second one on the same day corrects the first)', params: indicatorParams, body: ZMeasurementInput, response: { 201: ZEffortDetail } },
    handler: async (request, reply) =>
      reply.code(201).send(await efforts.recordMeasurement(actorOf(request), request.params.id, request.params.indicatorId, request.body, contextOf(request))),
  });
  r.delete('/api/efforts/:id/measurements/:measurementId', {
    config: { policy: measure },
    schema: { tags, summary: 'Remove a measurement', params: z.strictObject({ id: ZId, measurementId: ZId }), response: { 200: ZEffortDetail } },
    handler: (request) => efforts.removeMeasurement(actorOf(request), request.params.id, request.params.measurementId, contextOf(request)),
  });
  r.put('/api/efforts/:id/economy/:year', {
    config: { policy: policy.can('economy.edit') },
    schema: {
      tags,
      summary: "Set a year's budget lines, actual spend and staff hours",
      params: z.strictObject({ id: ZId, year: z.coerce.number().int().min(2000).max(2100) }),
      body: ZEffortYearInput,
      response: { 200: ZEffortDetail },
    },
    handler: (request) => efforts.setYear(actorOf(request), request.params.id, request.params.year, request.body, contextOf(request)),
  });

  r.get('/api/triangle', {
    config: { policy: read },
    schema: { tags, summary: 'The prevention triangle for a year: per level the count, budget and hours (active efforts unless a status is given); by the versions valid at asOf', querystring: ZTriangleQuery, response: { 200: ZTriangle } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return sendJson(reply, await efforts.cachedView(actor, 'triangle', request.query, async () => ZTriangle.encode(await efforts.triangle(actor, request.query))));
    },
  });
  r.get('/api/economy', {
    config: { policy: policy.can('economy.read') },
    schema: { tags, summary: 'Budget, actual spend and hours for a year per level, unit and effort; by the levels and owners valid at asOf', querystring: ZEconomyQuery, response: { 200: ZEconomy } },
    handler: async (request, reply) => {
      const actor = actorOf(request);
      return sendJson(reply, await efforts.cachedView(actor, 'economy', request.query, async () => ZEconomy.encode(await efforts.economy(actor, request.query))));
    },
  });
  r.get('/api/peer-comparison', {
    config: { policy: read },
    schema: { tags, summary: 'FTE per level and per 10,000 inhabitants, with the reference municipalities (now, or as of a date)', querystring: ZEffortAsOfQuery, response: { 200: ZPeerComparison } },
    handler: (request) => efforts.peerComparison(actorOf(request), request.query.asOf),
  });
  r.get('/api/peers/:id', {
    config: { policy: read },
    schema: { tags, summary: 'A reference municipality (one of the memo\'s peers): placement, staff, functions, partners and the memo\'s remarks', params: ZIdParams, response: { 200: ZPeer } },
    handler: (request) => efforts.peer(actorOf(request), request.params.id),
  });

  const settingsRead = policy.canAny('efforts.read', 'organisation.read');
  const settingsManage = policy.can('settings.manage');
  r.get('/api/settings/triangle-level-labels', {
    config: { policy: settingsRead },
    schema: { tags, summary: "The municipality's words for the triangle's three levels", response: { 200: ZTriangleLabels } },
    handler: (request) => efforts.triangleLabels(actorOf(request)),
  });
  r.put('/api/settings/triangle-level-labels', {
    config: { policy: settingsManage },
    schema: { tags, summary: "Set the municipality's words for the triangle's levels", body: ZTriangleLabelsInput, response: { 200: ZTriangleLabels } },
    handler: (request) => efforts.setTriangleLabels(actorOf(request), request.body, contextOf(request)),
  });
  r.get('/api/settings/districts', {
    config: { policy: settingsRead },
    schema: { tags, summary: "The municipality's districts, which efforts may name", response: { 200: ZDistricts } },
    handler: (request) => efforts.districts(actorOf(request)),
  });
  r.put('/api/settings/districts', {
    config: { policy: settingsManage },
    schema: { tags, summary: "Set the municipality's districts", body: ZDistrictsInput, response: { 200: ZDistricts } },
    handler: (request) => efforts.setDistricts(actorOf(request), request.body.districts, contextOf(request)),
  });
  r.get('/api/legal-bases', {
    config: { policy: settingsRead },
    schema: {
      tags,
      summary: "The laws and sections an effort may rest on: the national list and the municipality's own entries",
      querystring: z.strictObject({ includeRetired: z.enum(['true', 'false']).default('false') }),
      response: { 200: z.array(ZLegalBasis) },
    },
    handler: (request) => efforts.legalBases(actorOf(request), request.query.includeRetired === 'true'),
  });
  r.post('/api/legal-bases', {
    config: { policy: settingsManage },
    schema: { tags, summary: "Add a law or section to the municipality's own entries", body: ZLegalBasisInput, response: { 201: ZLegalBasis } },
    handler: async (request, reply) => reply.code(201).send(await efforts.addLegalBasis(actorOf(request), request.body, contextOf(request))),
  });
  r.delete('/api/legal-bases/:id', {
    config: { policy: settingsManage },
    schema: { tags, summary: "Retire one of the municipality's own entries (efforts that cite it keep it)", params: ZIdParams, response: { 200: ZOk } },
    handler: async (request) => (await efforts.retireLegalBasis(actorOf(request), request.params.id, contextOf(request)), { ok: true as const }),
  });

  r.get('/api/efforts/export.xlsx', {
    config: { policy: read },
    schema: { tags, summary: 'Efforts with goals, indicators, measurements and (for economy readers) budgets and hours as XLSX (importable)', produces: [XLSX_TYPE] },
    handler: async (request, reply) => {
      const file = await transfer.exportWorkbook(actorOf(request), contextOf(request));
      return reply.type(XLSX_TYPE).header('content-disposition', 'attachment; filename="indsatser.xlsx"').send(file);
    },
  });
  await registerUploadRoutes(app, (scope) =>
    scope.withTypeProvider<ZodTypeProvider>().post('/api/efforts/import', {
      config: { policy: edit },
      schema: {
        tags,
        summary: 'Import efforts with goals, indicators, measurements, budgets and hours from XLSX; with dryRun, a preview. All or nothing.',
        description: `Send the workbook as the body with Content-Type ${XLSX_TYPE}. Rows whose key is an effort of the municipality update it; others create new efforts.`,
        querystring: z.strictObject({ dryRun: z.enum(['true', 'false']).default('false') }),
        response: { 200: ZEffortImportResult, 201: ZEffortImportResult },
      },
      handler: async (request, reply) => {
        const { file } = uploadedFile(request, [XLSX_TYPE]);
        return sendImportOutcome(reply, await transfer.importWorkbook(actorOf(request), file, request.query.dryRun === 'true', contextOf(request)));
      },
    }),
  );
}
