/**
 * Words, addresses and pure logic of the scenario pages: codes to words, the compared scenarios
 * as the URL keeps them, and a 422's field paths to the editor's fields.
 */
import type { TTriangleLevel } from '../../../contracts/organisation.ts';
import type { TParty, TProgramme, TScenarioDocument, TScenarioStatus, TScenarioSummary, TSharing, TTemplateKey } from '../../../contracts/scenarios.ts';
import { SCENARIO_LIMITS } from '../../../contracts/scenarios.ts';
import type { MessageKey, Params } from '../../i18n/i18n.tsx';

export type Translate = (key: MessageKey, params?: Params) => string;

/** Scenarios are drafts of the organisation, so they live in its module. */
export const SCENARIOS_ROOT = '/organisation/scenarier';
export const NEW_SCENARIO_PATH = `${SCENARIOS_ROOT}/ny`;
export const COMPARE_PATH = `${SCENARIOS_ROOT}/sammenlign`;
export const scenarioPath = (id: string) => `${SCENARIOS_ROOT}/${id}`;

/** Every query of the module starts with this key, so one invalidation refreshes them all. */
export const SCENARIO_KEY = 'scenarios';
/** The problem of a save or adoption from a revision that is no longer the newest (409). */
export const REVISION_PROBLEM = '/problems/scenario-revision';

export const STATUS_KEYS: Record<TScenarioStatus, MessageKey> = {
  draft: 'scenario.status.draft',
  adopted: 'scenario.status.adopted',
  discarded: 'scenario.status.discarded',
};
export const SHARING_KEYS: Record<TSharing, MessageKey> = {
  private: 'scenario.sharing.private',
  working_group: 'scenario.sharing.working_group',
  steering: 'scenario.sharing.steering',
};
export const PLACEMENT_KEYS = {
  staff_unit: 'scenario.placement.staff_unit',
  youth_school: 'scenario.placement.youth_school',
  youth_centre: 'scenario.placement.youth_centre',
  other: 'scenario.placement.other',
} as const satisfies Record<TScenarioDocument['placement']['kind'], MessageKey>;
export const PARTY_KEYS: Record<TParty, MessageKey> = {
  municipality: 'scenario.party.municipality',
  school: 'scenario.party.school',
  police: 'scenario.party.police',
  other: 'scenario.party.other',
};
export const FORUM_KIND_KEYS = {
  kredsraad: 'scenario.forum_kind.kredsraad',
  lokalraad: 'scenario.forum_kind.lokalraad',
  other: 'scenario.forum_kind.other',
} as const satisfies Record<TScenarioDocument['forums'][number]['kind'], MessageKey>;
export const PROGRAMME_KEYS: Record<TProgramme, MessageKey> = {
  gadeplan: 'scenario.programme.gadeplan',
  god_loesladelse: 'scenario.programme.god_loesladelse',
  exit: 'scenario.programme.exit',
  infohus: 'scenario.programme.infohus',
};
export const CRITERION_KEYS = {
  anchoring: 'scenario.criterion.anchoring',
  resources: 'scenario.criterion.resources',
  coverage: 'scenario.criterion.coverage',
  path_to_lokalraad: 'scenario.criterion.path_to_lokalraad',
  forum_load: 'scenario.criterion.forum_load',
  cost: 'scenario.criterion.cost',
  changes: 'scenario.criterion.changes',
} as const satisfies Record<string, MessageKey>;

/** `I dag pr. 1.3.2026` or the template's name (from the templates' list, its code until it arrives). */
export function originText(scenario: Pick<TScenarioSummary, 'origin' | 'asOf'>, templates: ReadonlyMap<TTemplateKey, string>, t: Translate, date: (iso: string) => string): string {
  if (scenario.origin === 'today') return t('scenario.origin.today', { date: date(scenario.asOf) });
  return t('scenario.origin.template', { name: templates.get(scenario.origin) ?? scenario.origin });
}

/** The triangle levels' own order, whatever order they were ticked in. */
export function sortLevels(levels: readonly TTriangleLevel[]): TTriangleLevel[] {
  const order: TTriangleLevel[] = ['general', 'targeted', 'individual'];
  return order.filter((l) => levels.includes(l));
}

/** The comparison as the URL keeps it (`?ids=a,b&idag=1&anbefalet=a`), so it survives a reload and can be shared. */
export interface CompareSelection {
  ids: string[];
  withToday: boolean;
  recommended: string | null;
}

export function readSelection(params: URLSearchParams): CompareSelection {
  const ids = [...new Set((params.get('ids') ?? '').split(',').filter((id) => id !== ''))].slice(0, SCENARIO_LIMITS.compared);
  const recommended = params.get('anbefalet');
  return { ids, withToday: params.get('idag') === '1', recommended: recommended && ids.includes(recommended) ? recommended : null };
}

export function writeSelection(selection: CompareSelection): URLSearchParams {
  const params = new URLSearchParams();
  if (selection.ids.length) params.set('ids', selection.ids.join(','));
  if (selection.withToday) params.set('idag', '1');
  if (selection.recommended && selection.ids.includes(selection.recommended)) params.set('anbefalet', selection.recommended);
  return params;
}

/** The recommendation as a Word or PDF file: a plain link, the browser downloads it with the session cookie. */
export function recommendationUrl(selection: CompareSelection & { recommended: string }, kind: 'docx' | 'pdf'): string {
  const query = new URLSearchParams({ ids: selection.ids.join(','), withToday: String(selection.withToday), recommended: selection.recommended });
  return `/api/scenarios/recommendation.${kind}?${query.toString()}`;
}

/** The editor's field ids: one per value of an item, named by the item's key (stable while the list changes). */
export const fieldId = {
  title: 'scenario-title',
  description: 'scenario-description',
  placement: (field: string) => `placement-${field}`,
  item: (collection: 'pillars' | 'functions' | 'forums' | 'efforts', key: string, field: string) => `${collection}-${key}-${field}`,
  criterion: (criterion: string, field: 'weight' | 'rationale') => `criterion-${criterion}-${field}`,
};

/**
 * The editor's field for a path in a 422 (`document.forums[0].members[2].functionKey`), read
 * against the document that was sent: indexes become keys, since the editor names fields by key.
 * Null when no field shows it (the error then names the path in the summary).
 */
export function fieldForPath(path: string, doc: TScenarioDocument): string | null {
  if (path === 'title' || path === 'description') return fieldId[path];
  const criterion = /^assessment\.criteria\.(\w+)\.(weight|rationale)$/.exec(path);
  if (criterion) return fieldId.criterion(criterion[1], criterion[2] as 'weight' | 'rationale');
  const placement = /^document\.placement\.(\w+)/.exec(path);
  if (placement) return fieldId.placement(placement[1]);
  const item = /^document\.(pillars|functions|forums|efforts)\[(\d+)\](?:\.(\w+))?(?:\[\d+\])?(?:\.(\w+))?/.exec(path);
  if (!item) return null;
  const collection = item[1] as 'pillars' | 'functions' | 'forums' | 'efforts';
  const key = doc[collection][Number(item[2])]?.key;
  if (!key) return null;
  // A forum's members are chosen in one list; an item without a field is named by its name or title.
  const named = collection === 'functions' || collection === 'efforts' ? 'title' : 'name';
  return fieldId.item(collection, key, item[3] ?? named);
}
