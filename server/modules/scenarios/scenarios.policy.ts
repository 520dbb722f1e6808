import type { Actor } from '../../platform/access/actor.ts';
import { type Resource, declareRules, hasPermission } from '../../platform/access/decision.ts';

/**
 * Who sees a scenario: its author, always; once shared with the working group, everyone who
 * reads the working group's scenarios (leaders, consultants, analysts, administrators); once
 * shared with the steering group, the steering members too. Anyone else gets a 404: a private
 * draft does not exist for them. Drafts are changed by their author, and by the working group's
 * editors once shared; only the author widens the sharing. A draft shared with the steering
 * group is adopted (applied to the live map) by an editor who may change the map.
 */
function seesScenario(actor: Actor, scenario: Resource<'scenario'>): boolean {
  const { authorId, sharing } = scenario.attributes;
  if (authorId === actor.userId) return true;
  if (sharing === 'working_group') return hasPermission(actor, 'scenarios.read');
  if (sharing === 'steering') return hasPermission(actor, 'scenarios.read') || hasPermission(actor, 'scenarios.steering');
  return false;
}

const editsDraft = (actor: Actor, scenario: Resource<'scenario'>) => hasPermission(actor, 'scenarios.edit') && scenario.attributes.status === 'draft';
const authors = (actor: Actor, scenario: Resource<'scenario'>) => scenario.attributes.authorId === actor.userId;

declareRules('scenario', {
  sees: seesScenario,
  actions: {
    edit: editsDraft,
    share: (actor, scenario) => editsDraft(actor, scenario) && authors(actor, scenario) && scenario.attributes.sharing !== 'steering',
    discard: (actor, scenario) => editsDraft(actor, scenario) && authors(actor, scenario),
    // The decision is the steering group's: a draft before it may be applied to the live map,
    // by someone who may change that map.
    adopt: (actor, scenario) => editsDraft(actor, scenario) && scenario.attributes.sharing === 'steering' && hasPermission(actor, 'organisation.edit'),
  },
});

export function scenarioResource(row: { id: string; municipality_id: string; author_id: string; sharing: string; status: string }): Resource<'scenario'> {
  return {
    kind: 'scenario',
    id: row.id,
    municipalityId: row.municipality_id,
    policeDistrictId: null,
    attributes: { authorId: row.author_id, sharing: row.sharing as Resource<'scenario'>['attributes']['sharing'], status: row.status as Resource<'scenario'>['attributes']['status'] },
    related: new Set(),
  };
}
