/**
 * Relations between the actor and records that access rules ask about, beyond roles: "a
 * function I hold sits in this forum", "I chair it or am its secretary", "I vote on this plan". Each module answers its own relations in its repository, set-wise: the ids at hand
 * in, the ids the actor stands in the relation to out, in one query per relation and request
 * (never one per row).
 *
 * Next to come: `memberOfCaseTeam` (cases), `authorOrganisationOfEntry` (journal entries), and
 * `coordinatesEffort` when a rule needs it (see ADR 0008).
 */
export const RELATIONS = ['sitsInForum', 'organisesForum', 'votesOnPlan'] as const;
export type RelationName = (typeof RELATIONS)[number];

/** Answers one relation for the actor of the request: of these ids, those the actor is related to. */
export type RelationReader = (ids: readonly string[]) => Promise<Iterable<string>>;

export type RelationQuestions = Partial<Record<RelationName, { ids: readonly string[]; read: RelationReader }>>;

/** The relations of one actor to the records of one request, loaded once. */
export class Relations {
  static readonly none = new Relations(new Map());

  private constructor(private readonly related: ReadonlyMap<RelationName, ReadonlySet<string>>) {}

  /** Asks each relation once for all its ids (none asked for: no query). */
  static async load(questions: RelationQuestions): Promise<Relations> {
    const answers = await Promise.all(
      Object.entries(questions).map(async ([name, { ids, read }]) => [name as RelationName, new Set(ids.length ? await read([...new Set(ids)]) : [])] as const),
    );
    return new Relations(new Map(answers));
  }

  holds(relation: RelationName, id: string): boolean {
    return this.related.get(relation)?.has(id) ?? false;
  }

  /** The relations the actor stands in to one record: what its resource carries to the rules. */
  of(id: string): ReadonlySet<RelationName> {
    return new Set([...this.related.keys()].filter((relation) => this.holds(relation, id)));
  }
}
