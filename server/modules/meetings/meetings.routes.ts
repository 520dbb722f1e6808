import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ZId, ZIdParams } from '../../../contracts/common.ts';
import {
  ZActionItemChanged,
  ZActionItemStatusChange,
  ZAgendaUpdate,
  ZBoard,
  ZBoardQuery,
  ZCadenceQuery,
  ZCadenceRow,
  ZClosedReadQuery,
  ZMeetingCreate,
  ZMeetingDetail,
  ZMeetingListQuery,
  ZMeetingSummary,
  ZMeetingUpdate,
  ZMinutes,
  ZMinutesQuery,
  ZMinutesSave,
  ZRevisionBody,
} from '../../../contracts/meetings.ts';
import { policy } from '../../platform/access/route-policy.ts';
import { actorOf, contextOf } from '../../platform/http/request-context.ts';
import type { MeetingsService } from './meetings.service.ts';

export function registerMeetingRoutes(app: FastifyInstance, meetings: MeetingsService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  // Organisers are chairs and secretaries (relation) as well as leaders (permission): every
  // reader reaches the changes, and the meeting's rules decide (403 to the others).
  const read = policy.canAny('meetings.read', 'meetings.read_own');
  const tags = ['meetings'];

  r.get('/api/meetings', {
    config: { policy: read },
    schema: { tags, summary: "The meetings of the forums the user sees (the municipality's and its police district's), newest first", querystring: ZMeetingListQuery, response: { 200: z.array(ZMeetingSummary) } },
    handler: (request) => meetings.list(actorOf(request), request.query),
  });
  r.get('/api/meetings/cadence', {
    config: { policy: read },
    schema: { tags, summary: "Each forum's meetings in a year against its cadence rule, and the dates the rule proposes", querystring: ZCadenceQuery, response: { 200: z.array(ZCadenceRow) } },
    handler: (request) => meetings.cadence(actorOf(request), request.query.year),
  });
  r.get('/api/action-items', {
    config: { policy: read },
    schema: { tags, summary: 'The follow-up board: open action items the user may see, overdue first, filtered, a page at a time', querystring: ZBoardQuery, response: { 200: ZBoard } },
    handler: (request) => meetings.board(actorOf(request), request.query),
  });
  r.post('/api/meetings', {
    config: { policy: read },
    schema: { tags, summary: "Plan a meeting of a forum (its chair, secretary or a leader); the forum's members are invited", body: ZMeetingCreate, response: { 201: ZMeetingDetail } },
    handler: async (request, reply) => reply.code(201).send(await meetings.create(actorOf(request), request.body, contextOf(request))),
  });
  r.get('/api/meetings/:id', {
    config: { policy: read },
    schema: {
      tags,
      summary: 'A meeting with its invitations and agenda; closed items open to members and organisers with a purpose (logged)',
      params: ZIdParams,
      querystring: ZClosedReadQuery,
      response: { 200: ZMeetingDetail },
    },
    handler: (request) => meetings.detail(actorOf(request), request.params.id, request.query.purpose, contextOf(request)),
  });
  r.put('/api/meetings/:id', {
    config: { policy: read },
    schema: { tags, summary: 'Change the time, place or title, from the revision read (409 when it changed since)', params: ZIdParams, body: ZMeetingUpdate, response: { 200: ZMeetingDetail } },
    handler: (request) => meetings.update(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.put('/api/meetings/:id/agenda', {
    config: { policy: read },
    schema: { tags, summary: 'Replace the agenda, from the revision read, until minutes are written', params: ZIdParams, body: ZAgendaUpdate, response: { 200: ZMeetingDetail } },
    handler: (request) => meetings.setAgenda(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.get('/api/meetings/:id/minutes', {
    config: { policy: read },
    schema: { tags, summary: 'A version of the minutes (the newest by default) with its approvals and history', params: ZIdParams, querystring: ZMinutesQuery, response: { 200: ZMinutes } },
    handler: (request) => meetings.minutes(actorOf(request), request.params.id, request.query, contextOf(request)),
  });
  r.put('/api/meetings/:id/minutes', {
    config: { policy: read },
    schema: { tags, summary: 'Save the draft minutes whole (revision 0 starts version 1)', params: ZIdParams, body: ZMinutesSave, response: { 200: ZMinutes } },
    handler: (request) => meetings.saveMinutes(actorOf(request), request.params.id, request.body, contextOf(request)),
  });
  r.post('/api/meetings/:id/minutes/circulate', {
    config: { policy: read },
    schema: { tags, summary: 'Send the draft to those present for approval', params: ZIdParams, body: ZRevisionBody, response: { 200: ZMinutes } },
    handler: (request) => meetings.circulate(actorOf(request), request.params.id, request.body.revision, contextOf(request)),
  });
  r.post('/api/meetings/:id/minutes/approve', {
    config: { policy: read },
    schema: { tags, summary: 'Approve the circulated minutes as one present; the last approval locks them', params: ZIdParams, response: { 200: ZMinutes } },
    handler: (request) => meetings.approve(actorOf(request), request.params.id, contextOf(request)),
  });
  r.post('/api/meetings/:id/minutes/correct', {
    config: { policy: read },
    schema: { tags, summary: 'Start a correction of approved minutes: the next version, as a draft', params: ZIdParams, response: { 200: ZMinutes } },
    handler: (request) => meetings.correct(actorOf(request), request.params.id, contextOf(request)),
  });
  r.post('/api/meetings/:id/action-items/:actionItemId/status', {
    config: { policy: read },
    schema: {
      tags,
      summary: "Move an action item on (its owner or an organiser), from the revision read",
      params: z.strictObject({ id: ZId, actionItemId: ZId }),
      body: ZActionItemStatusChange,
      response: { 200: ZActionItemChanged },
    },
    handler: (request) => meetings.changeActionItem(actorOf(request), request.params.id, request.params.actionItemId, request.body, contextOf(request)),
  });
}
