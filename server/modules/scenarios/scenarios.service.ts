import type { Kysely, Transaction } from 'kysely';
import type { z } from 'zod';
import type { TTriangleLabels } from '../../../contracts/efforts.ts';
import {
  SHARINGS,
  type TAssessment,
  type TScenarioAdopt,
  type TScenarioComparison,
  type TScenarioDetail,
  type TScenarioDocument,
  type TScenarioSummary,
  type TSharing,
  type TTemplateKey,
  type TTemplateSummary,
  ZScenarioDocument,
  type ZScenarioCreate,
  type ZScenarioUpdate,
} from '../../../contracts/scenarios.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { abilitiesOf, can, sees } from '../../platform/access/decision.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import { formatDate } from '../../platform/danish-format.ts';
import { danishToday, startOfDanishDay } from '../../platform/danish-time.ts';
import type { Database } from '../../platform/db/schema.ts';
import { readDataVersions } from '../../platform/db/data-versions.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { ViewCache } from '../../platform/view-cache.ts';
import { asOfInstant } from '../../platform/db/valid-time.ts';
import { Problem, forbidden, invalidField, notFound, problemType } from '../../platform/errors.ts';
import * as effortsReader from '../efforts/efforts.public.ts';
import { findMunicipality } from '../identity/identity.public.ts';
import * as mapReader from '../organisation/organisation.public.ts';
import { applyRestructuring, mapVersionKeys, refuseIfEffortsRefer } from '../organisation/organisation.public.ts';
import { restructuringOf } from './scenarios.adopt.ts';
import { compareScenarios } from './scenarios.compare.ts';
import { scenarioResource } from './scenarios.policy.ts';
import * as repo from './scenarios.repository.ts';
import type { RecommendationInput } from './scenarios.documents.ts';
import { buildTemplate, templateName, templateSummaries } from './scenarios.templates.ts';
import { documentFromMap } from './scenarios.today.ts';
import { scenarioWarnings } from './scenarios.warnings.ts';

type ListRow = Awaited<ReturnType<typeof repo.listScenarios>>[number];

/** Where a scenario started, in the recommendation's words. */
const originWords = (origin: string, asOf: string) => (origin === 'today' ? `kortet og indsatserne pr. ${formatDate(asOf)}` : `skabelonen »${templateName(origin as TTemplateKey)}«`);

/** From the start of a past day; adopted for today, from now (the map may have changed earlier today). */
const takesEffect = (day: string) => (day === danishToday() ? new Date() : startOfDanishDay(day));

interface ScenarioChange {
  changes: Parameters<typeof repo.updateScenario>[2];
  audit: { action: 'scenario.updated' | 'scenario.shared' | 'scenario.discarded' | 'scenario.adopted'; before: unknown; after: unknown };
}

const notDraft = () => new Problem(409, problemType('scenario-status'), 'problem.scenario_status');
const staleRevision = () => new Problem(409, problemType('scenario-revision'), 'problem.scenario_revision');

/**
 * Organisation-model scenarios (issue #12 Part B): drafts of the organisation, started from the
 * live map as of a date or from one of the memo's templates, edited whole under a revision,
 * shared with the working group or the steering group, and compared on the memo's criteria.
 */
export class ScenariosService {
  private readonly comparisons = new ViewCache(50);

  constructor(private readonly db: Kysely<Database>) {}

  templates(): TTemplateSummary[] {
    return templateSummaries();
  }

  private summary(actor: Actor, row: ListRow): TScenarioSummary {
    return {
      id: row.id,
      title: row.title,
      description: row.description,
      asOf: row.as_of,
      origin: row.origin as TScenarioSummary['origin'],
      author: { id: row.author_id, name: row.author_name },
      sharing: row.sharing as TSharing,
      status: row.status as TScenarioSummary['status'],
      adoptedFrom: row.adopted_from,
      revision: row.revision,
      updatedAt: row.updated_at.toISOString(),
      abilities: abilitiesOf(actor, scenarioResource(row)),
    };
  }

  private present(actor: Actor, row: repo.ScenarioRow): TScenarioDetail {
    const document = row.document as TScenarioDocument;
    return { ...this.summary(actor, row), document, assessment: row.assessment as TAssessment, warnings: scenarioWarnings(document) };
  }

  /** The scenarios the actor may see: their own, and those shared with them. */
  async list(actor: Actor): Promise<TScenarioSummary[]> {
    const rows = await repo.listScenarios(this.db, requireMunicipality(actor));
    return rows.filter((row) => sees(actor, scenarioResource(row))).map((row) => this.summary(actor, row));
  }

  /** One scenario with its warnings; one the actor may not see does not exist for them. */
  async detail(actor: Actor, id: string): Promise<TScenarioDetail> {
    const row = await repo.findScenario(this.db, requireMunicipality(actor), id);
    if (!row || !sees(actor, scenarioResource(row))) throw notFound();
    return this.present(actor, row);
  }

  private async inhabitantsOf(municipalityId: string): Promise<{ inhabitants: number; settings: { triangleLevelLabels?: TTriangleLabels } }> {
    const municipality = await findMunicipality(this.db, municipalityId);
    // Every figure per 10,000 inhabitants needs them; a municipality without a count has one inhabitant nowhere.
    if (!municipality?.inhabitants) throw invalidField('from', 'problem.scenario_no_inhabitants');
    return { inhabitants: municipality.inhabitants, settings: municipality.settings as { triangleLevelLabels?: TTriangleLabels } };
  }

  /** The live map and efforts as a document, as of the end of a day (today: now). */
  private async todayDocument(actor: Actor, asOf: string | null): Promise<TScenarioDocument> {
    return (await this.liveDocument(actor, asOf)).document;
  }

  /** Today's map as a document, and which of its records the police district owns (not the municipality's to change). */
  private async liveDocument(actor: Actor, asOf: string | null): Promise<{ document: TScenarioDocument; districtOwned: Set<string> }> {
    const municipalityId = requireMunicipality(actor);
    const scope = { municipalityId, policeDistrictId: actor.policeDistrictId };
    const at = asOf ? asOfInstant(asOf)! : new Date();
    const [{ inhabitants, settings }, organisations, functions, forums, members, efforts] = await Promise.all([
      this.inhabitantsOf(municipalityId),
      mapReader.listOrganisations(this.db, scope, at),
      mapReader.listFunctions(this.db, scope, at),
      mapReader.listForums(this.db, scope, at),
      mapReader.listMembers(this.db, scope, at),
      effortsReader.listForScenario(this.db, municipalityId, at, Number((asOf ?? danishToday()).slice(0, 4))),
    ]);
    const levelLabels = settings.triangleLevelLabels ?? effortsReader.DEFAULT_TRIANGLE_LABELS.da;
    const districtOwned = new Set([...organisations, ...functions, ...forums].filter((r) => r.municipality_id === null).map((r) => r.id));
    return { document: documentFromMap({ inhabitants, levelLabels, organisations, functions, forums, members, efforts }), districtOwned };
  }

  async create(actor: Actor, input: z.output<typeof ZScenarioCreate>, ctx: RequestContext): Promise<TScenarioDetail> {
    const municipalityId = requireMunicipality(actor);
    const from = input.from;
    const built = from.kind === 'today' ? await this.todayDocument(actor, from.asOf) : buildTemplate(from.key, (await this.inhabitantsOf(municipalityId)).inhabitants);
    // A map larger than a scenario may hold is refused rather than cut.
    const checked = ZScenarioDocument.safeParse(built);
    if (!checked.success) throw new Problem(422, problemType('validation'), 'problem.validation', { errors: [{ field: 'from', message: 'problem.scenario_too_large' }] });
    const origin = from.kind === 'today' ? 'today' : from.key;
    const id = await runChange(this.db, ctx, async (trx) => {
      const scenarioId = await repo.insertScenario(trx, {
        municipality_id: municipalityId,
        title: input.title,
        description: input.description,
        as_of: from.kind === 'today' ? from.asOf : danishToday(),
        origin,
        author_id: actor.userId,
        sharing: 'private',
        document: JSON.stringify(checked.data),
        assessment: JSON.stringify({ criteria: {} }),
        updated_by: actor.userId,
      });
      await appendAuditEntries(trx, [{ ...auditActor(ctx), action: 'scenario.created', entityType: 'scenario', entityId: scenarioId, after: { title: input.title, origin } }]);
      return scenarioId;
    });
    return this.detail(actor, id);
  }

  /**
   * Runs a change on a scenario the actor sees, locked, with its audit row: 404 for one they may
   * not see, 409 when it is no longer a draft, 403 when their role may not take the action.
   */
  private async change(
    actor: Actor,
    id: string,
    action: 'edit' | 'share' | 'discard' | 'adopt',
    ctx: RequestContext,
    work: (
      row: NonNullable<Awaited<ReturnType<typeof repo.lockScenario>>>,
      trx: Transaction<Database>,
    ) => ScenarioChange | Promise<ScenarioChange>,
    touches: string[] = [],
  ): Promise<TScenarioDetail> {
    const municipalityId = requireMunicipality(actor);
    await runChange(this.db, ctx, async (trx) => {
      const row = await repo.lockScenario(trx, municipalityId, id);
      if (!row) throw notFound();
      const resource = scenarioResource(row);
      if (!sees(actor, resource)) throw notFound();
      if (row.status !== 'draft') throw notDraft();
      if (!can(actor, action, resource)) throw forbidden();
      const { changes, audit } = await work(row, trx);
      await repo.updateScenario(trx, id, changes, actor.userId);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), entityType: 'scenario', entityId: id, ...audit }]);
    }, { touches });
    return this.detail(actor, id);
  }

  /**
   * Applies the draft, as read at its revision, to the live map from a day (today at the
   * latest): one dated change, so the map as of a date shows before and after, and the action
   * plan, which reads the live map, shows what changed since it was approved.
   */
  async adopt(actor: Actor, id: string, input: TScenarioAdopt, ctx: RequestContext): Promise<TScenarioDetail> {
    if (input.effectiveFrom > danishToday()) throw invalidField('effectiveFrom', 'problem.adopt_future');
    const scope = { municipalityId: requireMunicipality(actor), policeDistrictId: actor.policeDistrictId };
    const scenario = await this.detail(actor, id);
    if (scenario.revision !== input.revision) throw staleRevision();
    const live = await this.liveDocument(actor, null);
    const { restructuring, errors } = restructuringOf(live.document, scenario.document, live.districtOwned);
    if (errors.length > 0) throw new Problem(422, problemType('validation'), 'problem.validation', { errors });
    // As when removing them by hand: efforts that point at a function or forum that ends are moved first.
    await refuseIfEffortsRefer(this.db, scope, { functionIds: restructuring.endedFunctions, forumIds: restructuring.endedForums });
    return this.change(
      actor,
      id,
      'adopt',
      ctx,
      async (row, trx) => {
        // The document read above is the one applied: the same revision, under the lock.
        if (row.revision !== input.revision) throw staleRevision();
        const counts = await applyRestructuring(trx, scope, restructuring, takesEffect(input.effectiveFrom), actor.userId);
        return {
          changes: { status: 'adopted', adopted_from: input.effectiveFrom },
          audit: { action: 'scenario.adopted', before: { status: row.status, revision: row.revision }, after: { status: 'adopted', effectiveFrom: input.effectiveFrom, ...counts } },
        };
      },
      mapVersionKeys(scope),
    );
  }

  /** Saves the whole draft; a change made from an older revision than the stored one is refused (409). */
  update(actor: Actor, id: string, input: z.output<typeof ZScenarioUpdate>, ctx: RequestContext): Promise<TScenarioDetail> {
    return this.change(actor, id, 'edit', ctx, (row) => {
      if (row.revision !== input.revision) throw staleRevision();
      return {
        changes: { title: input.title, description: input.description, document: JSON.stringify(input.document), assessment: JSON.stringify(input.assessment) },
        // The document itself may be large: the audit names the revisions, the scenario holds the rest.
        audit: { action: 'scenario.updated', before: { revision: row.revision }, after: { revision: row.revision + 1, title: input.title } },
      };
    });
  }

  /** Widens who sees the draft: private → working group → steering group, never back. */
  share(actor: Actor, id: string, sharing: Exclude<TSharing, 'private'>, ctx: RequestContext): Promise<TScenarioDetail> {
    return this.change(actor, id, 'share', ctx, (row) => {
      if (SHARINGS.indexOf(sharing) <= SHARINGS.indexOf(row.sharing as TSharing)) throw invalidField('sharing', 'scenario.sharing_narrower');
      return { changes: { sharing }, audit: { action: 'scenario.shared', before: { sharing: row.sharing }, after: { sharing } } };
    });
  }

  discard(actor: Actor, id: string, ctx: RequestContext): Promise<TScenarioDetail> {
    return this.change(actor, id, 'discard', ctx, (row) => ({ changes: { status: 'discarded' }, audit: { action: 'scenario.discarded', before: { status: row.status }, after: { status: 'discarded' } } }));
  }

  /** The compared scenarios' rows, in the order asked for: 404 when any is not the actor's to see. */
  private async compared(actor: Actor, ids: readonly string[]): Promise<repo.ScenarioRow[]> {
    await this.visibleHeads(actor, ids);
    return this.inOrder(requireMunicipality(actor), ids);
  }

  /** The scenarios with their documents, in the order asked for (their visibility already checked). */
  private async inOrder(municipalityId: string, ids: readonly string[]): Promise<repo.ScenarioRow[]> {
    const rows = await repo.findScenarios(this.db, municipalityId, ids);
    return ids.map((id) => rows.find((row) => row.id === id)!);
  }

  /** The compared scenarios' revisions, in the order asked for, once the actor may see each (else 404). */
  private async visibleHeads(actor: Actor, ids: readonly string[]): Promise<number[]> {
    if (new Set(ids).size !== ids.length) throw invalidField('ids', 'scenario.compared_twice');
    const heads = await repo.findScenarioHeads(this.db, requireMunicipality(actor), ids);
    const visible = new Map(heads.filter((head) => sees(actor, scenarioResource(head))).map((head) => [head.id, head.revision]));
    if (visible.size !== ids.length) throw notFound();
    return ids.map((id) => visible.get(id)!);
  }

  /**
   * Two to four scenarios the actor sees, on the memo's criteria against today's map (and beside
   * it, when asked), as JSON. The comparison is the same for everyone who may see them: it is
   * kept under the scenarios' revisions and the versions of the map and the efforts it reads.
   */
  async compare(actor: Actor, ids: readonly string[], withToday: boolean, encode: (comparison: TScenarioComparison) => unknown): Promise<string> {
    const municipalityId = requireMunicipality(actor);
    const revisions = await this.visibleHeads(actor, ids);
    const versions = await readDataVersions(this.db, [...mapVersionKeys({ municipalityId, policeDistrictId: actor.policeDistrictId }), effortsReader.effortsVersionKey(municipalityId)]);
    // Today is in the key: the efforts are read with this year's budget.
    const key = [municipalityId, ids.join(','), revisions.join(','), withToday, versions, danishToday()].join('|');
    return this.comparisons.json(key, async () => encode({ scenarios: await this.figures(actor, await this.inOrder(municipalityId, ids), withToday) }));
  }

  /** The criteria's figures of the rows against today's map, read live (today first, when asked for). */
  private async figures(actor: Actor, rows: repo.ScenarioRow[], withToday: boolean) {
    const today = { id: null, title: 'I dag', document: await this.todayDocument(actor, null) };
    return compareScenarios(rows.map((row) => ({ id: row.id, title: row.title, document: row.document as TScenarioDocument })), today, withToday);
  }

  /** What the recommendation to the steering group holds: the scenarios compared, with today's map when asked, and the one recommended. */
  async recommendation(actor: Actor, ids: readonly string[], withToday: boolean, recommendedId: string): Promise<RecommendationInput> {
    const rows = await this.compared(actor, ids);
    const municipality = await findMunicipality(this.db, requireMunicipality(actor));
    const comparison = await this.figures(actor, rows, withToday);
    const today = withToday ? comparison[0] : null;
    const figures = withToday ? comparison.slice(1) : comparison;
    const settings = municipality?.settings as { triangleLevelLabels?: TTriangleLabels } | undefined;
    return {
      municipality: municipality?.name ?? '',
      date: danishToday(),
      recommendedId,
      scenarios: rows.map((row, i) => ({ detail: this.present(actor, row), compared: figures[i], origin: originWords(row.origin, row.as_of) })),
      today,
      levelLabels: settings?.triangleLevelLabels ?? effortsReader.DEFAULT_TRIANGLE_LABELS.da,
    };
  }
}
