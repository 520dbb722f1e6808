import type { Actor } from '../../platform/access/actor.ts';
import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';
import { Relations } from '../../platform/access/relations.ts';

/**
 * Who sees a forum's meetings: readers of meetings see those of every forum of their
 * municipality and of its police district (`meetings.read`); partners only those of forums a
 * function they hold sits in (`meetings.read_own`, relation `sitsInForum`).
 *
 * Who organises (plans, writes the agenda and minutes, circulates, corrects, follows up): the
 * holders of the forum's chair and secretary functions (relation `organisesForum`), and leaders
 * (`meetings.organise`) for any forum they see, as they change the district's shared map.
 * Closed items are opened by the forum's members and its organisers (who must read what they
 * write), each read with a purpose; nobody opens a case item before the case module exists.
 */
function seesForumMeetings(actor: Actor, related: ReadonlySet<string>): boolean {
  return hasPermission(actor, 'meetings.read') || (hasPermission(actor, 'meetings.read_own') && related.has('sitsInForum'));
}
const organises = (actor: Actor, related: ReadonlySet<string>) => related.has('organisesForum') || hasPermission(actor, 'meetings.organise');
const opensClosed = (actor: Actor, related: ReadonlySet<string>) => related.has('sitsInForum') || organises(actor, related);

declareRules('meeting', {
  sees: (actor, meeting) => seesForumMeetings(actor, meeting.related),
  actions: {
    organise: (actor, meeting) => organises(actor, meeting.related),
    readClosed: (actor, meeting) => opensClosed(actor, meeting.related),
  },
});

/** Action items follow their item's confidentiality; their owner or an organiser moves them on. */
declareRules('actionItem', {
  sees: (actor, item) => seesForumMeetings(actor, item.related) && (!item.attributes.confidential || opensClosed(actor, item.related)),
  actions: { changeStatus: (actor, item) => item.attributes.owner || organises(actor, item.related) },
});

/** Minutes: drafted by organisers, approved once by each participant present, corrected by organisers once approved. */
declareRules('minutes', {
  sees: (actor, minutes) => seesForumMeetings(actor, minutes.related),
  actions: {
    edit: (actor, minutes) => organises(actor, minutes.related) && minutes.attributes.status === 'draft',
    circulate: (actor, minutes) => organises(actor, minutes.related) && minutes.attributes.status === 'draft',
    approve: (_actor, minutes) => minutes.attributes.status === 'circulated' && minutes.attributes.participant && !minutes.attributes.approvedByActor,
    correct: (actor, minutes) => organises(actor, minutes.related) && minutes.attributes.status === 'approved',
  },
});

interface Owned {
  municipality_id: string | null;
  police_district_id: string | null;
  forum_id: string;
}

/** A meeting as access sees it; the relations are the actor's to its forum. */
export function meetingResource(meeting: Owned & { id: string }, relations: Relations = Relations.none): Resource<'meeting'> {
  return { kind: 'meeting', id: meeting.id, municipalityId: meeting.municipality_id, policeDistrictId: meeting.police_district_id, attributes: {}, related: relations.of(meeting.forum_id) };
}

export function minutesResource(meeting: Owned, minutes: { id: string }, attributes: Resource<'minutes'>['attributes'], relations: Relations): Resource<'minutes'> {
  return { kind: 'minutes', id: minutes.id, municipalityId: meeting.municipality_id, policeDistrictId: meeting.police_district_id, attributes, related: relations.of(meeting.forum_id) };
}

export function actionItemResource(item: Owned & { id: string; confidential: boolean; owner_user_id: string | null }, actor: Actor, relations: Relations): Resource<'actionItem'> {
  return {
    kind: 'actionItem',
    id: item.id,
    municipalityId: item.municipality_id,
    policeDistrictId: item.police_district_id,
    attributes: { confidential: item.confidential, owner: item.owner_user_id === actor.userId },
    related: relations.of(item.forum_id),
  };
}

/**
 * The same rules as a filter for one query (the meeting list, the board): the forums whose
 * meetings and action items the actor sees, and those whose confidential action items too
 * (null: every forum in scope).
 */
export function forumFilter(actor: Actor, satIn: readonly string[], organising: readonly string[]): { forums: readonly string[] | null; confidentialIn: readonly string[] | null } {
  if (hasPermission(actor, 'meetings.organise')) return { forums: null, confidentialIn: null };
  const opens = [...new Set([...satIn, ...organising])];
  return { forums: hasPermission(actor, 'meetings.read') ? null : satIn, confidentialIn: opens };
}
