import type { Kysely } from 'kysely';
import type { TReadPurpose, TReadPurposeInput } from '../../../contracts/audit.ts';
import { type Actor, requireMunicipality } from '../../platform/access/actor.ts';
import { abilitiesOf } from '../../platform/access/decision.ts';
import { appendAuditEntries } from '../../platform/audit/audit-chain.ts';
import { type ReadPurposeRow, listReadPurposes } from '../../platform/audit/read-purposes.ts';
import { type RequestContext, auditActor } from '../../platform/context.ts';
import type { Database } from '../../platform/db/schema.ts';
import { runChange } from '../../platform/db/unit-of-work.ts';
import { conflict } from '../../platform/errors.ts';
import { ownEntry } from '../../platform/reference-list.ts';
import { readPurposeResource } from './audit.policy.ts';
import * as repo from './audit.repository.ts';

/** The list of read purposes: the national list and the municipality's own entries, which its administrators add and retire. */
export class ReadPurposesService {
  constructor(private readonly db: Kysely<Database>) {}

  /** Retired entries only with `includeRetired` (they no longer go with a read, but the log still names them). */
  async list(actor: Actor, includeRetired: boolean): Promise<TReadPurpose[]> {
    const rows = await listReadPurposes(this.db, requireMunicipality(actor));
    return rows.filter((p) => includeRetired || !p.retired_at).map((p) => presentReadPurpose(p, actor));
  }

  async add(actor: Actor, input: TReadPurposeInput, ctx: RequestContext): Promise<TReadPurpose> {
    const municipalityId = requireMunicipality(actor);
    return runChange(this.db, ctx, async (trx) => {
      const id = await repo.insertReadPurpose(trx, municipalityId, input);
      if (!id) throw conflict('problem.read_purpose_exists', [{ field: 'code', message: 'problem.read_purpose_exists' }]);
      await appendAuditEntries(trx, [{ ...auditActor(ctx), municipalityId, action: 'read_purpose.created', entityType: 'read_purpose', entityId: id, after: input }]);
      const created = { id, municipality_id: municipalityId, code: input.code, label_da: input.labelDa, label_en: input.labelEn, assumptions: {}, retired_at: null };
      return presentReadPurpose(created, actor);
    });
  }

  /** Retires one of the municipality's own entries; another municipality's is 404, a national one 403. */
  async retire(actor: Actor, id: string, ctx: RequestContext): Promise<void> {
    const municipalityId = requireMunicipality(actor);
    await runChange(this.db, ctx, async (trx) => {
      const purpose = ownEntry(await repo.findReadPurpose(trx, id), municipalityId);
      // Not locked on reading: the retirement itself decides a race, and a change that finds
      // the entry already retired writes nothing (so needs no audit entry).
      if (purpose.retired_at || !(await repo.retireReadPurpose(trx, id, actor.userId))) return;
      const before = { code: purpose.code, labelDa: purpose.label_da, labelEn: purpose.label_en };
      await appendAuditEntries(trx, [{ ...auditActor(ctx), municipalityId, action: 'read_purpose.retired', entityType: 'read_purpose', entityId: id, before }]);
    });
  }
}

function presentReadPurpose(p: Pick<ReadPurposeRow, 'id' | 'municipality_id' | 'code' | 'label_da' | 'label_en' | 'assumptions' | 'retired_at'>, actor: Actor): TReadPurpose {
  const own = p.municipality_id !== null;
  return {
    id: p.id,
    code: p.code,
    labelDa: p.label_da,
    labelEn: p.label_en,
    label: actor.locale === 'en' ? p.label_en : p.label_da,
    national: !own,
    retired: p.retired_at !== null,
    assumptions: p.assumptions,
    abilities: abilitiesOf(actor, readPurposeResource(p)),
  };
}
