import { createHash } from 'node:crypto';
import { type Kysely, sql } from 'kysely';
import { executeScript } from '../../platform/db/migrate.ts';
import { type ChainedFields, GENESIS_HASH, type Payload, canonicalJson, chainOf, hashPayload, linkRows, newSalt } from '../../platform/audit/audit-chain.ts';

/**
 * The audit log becomes one HMAC-keyed chain per municipality (and police district), whose
 * rows keep who, when, what and a hash of the payload; the payload (subject, purpose, before,
 * after) moves to audit_payloads, where retention can erase it to a tombstone. TRUNCATE is
 * refused, and the app runs as the role trekant_app, which may only read and append the audit
 * log (docs/adr/0005-audit-chains-keyed-and-checkpointed.md).
 *
 * Existing rows are verified against the old single SHA-256 chain first (a broken one stops
 * the migration: investigate before anything is rewritten), then re-linked into their new
 * chains under the configured key, keeping their ids.
 */

/** The hash rows had before this migration: SHA-256 over every field, one chain for all. */
export function legacyHash(prevHash: string, row: LegacyFields): string {
  const content = Object.fromEntries(LEGACY_FIELDS.map((f) => [f, row[f] ?? null]));
  return createHash('sha256')
    .update(canonicalJson({ ...content, at: row.at.toISOString(), prev_hash: prevHash }))
    .digest('hex');
}

const LEGACY_FIELDS = ['at', 'actor_user_id', 'actor_name', 'municipality_id', 'action', 'entity_type', 'entity_id', 'subject_id', 'purpose', 'before', 'after', 'request_id'] as const;

/** A row before this migration: today's chained fields and payload, without chain, payload hash and salt. */
export type LegacyFields = Omit<ChainedFields, 'chain' | 'payload_hash'> & Omit<Payload, 'salt'>;

interface LegacyRow extends LegacyFields {
  id: string;
  prev_hash: string;
  hash: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
async function relinkLegacyRows(db: Kysely<any>): Promise<void> {
  const heads = new Map<string, string>();
  let legacyPrev = GENESIS_HASH;
  let lastId = '0';
  for (;;) {
    const batch = (await sql<LegacyRow>`SELECT * FROM audit_log WHERE id > ${lastId} ORDER BY id LIMIT 1000`.execute(db)).rows;
    if (batch.length === 0) return;
    const updates: { id: string; chain: string; payload_hash: string; prev_hash: string; hash: string }[] = [];
    const payloads: (Payload & { audit_id: string })[] = [];
    for (const row of batch) {
      if (row.prev_hash !== legacyPrev || legacyHash(row.prev_hash, row) !== row.hash) {
        throw new Error(`The audit log is broken at row ${row.id} (trekant audit-verify of the previous version names it); it was not migrated. Investigate, then restore a backup.`);
      }
      legacyPrev = row.hash;
      const chain = chainOf({ municipalityId: row.municipality_id });
      const payload: Payload = { subject_id: row.subject_id, purpose: row.purpose, before: row.before, after: row.after, salt: newSalt() };
      const [linked] = linkRows(heads.get(chain) ?? GENESIS_HASH, [
        {
          chain,
          at: row.at,
          actor_user_id: row.actor_user_id,
          actor_name: row.actor_name,
          municipality_id: row.municipality_id,
          action: row.action,
          entity_type: row.entity_type,
          entity_id: row.entity_id,
          request_id: row.request_id,
          payload_hash: hashPayload(payload),
        },
      ]);
      heads.set(chain, linked.hash);
      updates.push({ id: row.id, chain, payload_hash: linked.payload_hash, prev_hash: linked.prev_hash, hash: linked.hash });
      payloads.push({ ...payload, audit_id: row.id });
    }
    await sql`
      UPDATE audit_log a SET chain = u.chain, payload_hash = u.payload_hash, prev_hash = u.prev_hash, hash = u.hash
      FROM jsonb_to_recordset(${JSON.stringify(updates)}::jsonb) AS u(id bigint, chain text, payload_hash text, prev_hash text, hash text)
      WHERE a.id = u.id`.execute(db);
    await sql`
      INSERT INTO audit_payloads (audit_id, subject_id, purpose, before, after, salt)
      SELECT audit_id, subject_id, purpose, before, after, salt
      FROM jsonb_to_recordset(${JSON.stringify(payloads)}::jsonb) AS p(audit_id bigint, subject_id uuid, purpose text, before jsonb, after jsonb, salt text)`.execute(db);
    lastId = batch[batch.length - 1].id;
  }
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations run before the typed schema exists
export async function up(db: Kysely<any>): Promise<void> {
  await executeScript(
    db,
    `
    CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
    END $$;
    CREATE TRIGGER audit_log_no_truncate BEFORE TRUNCATE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    ALTER TABLE audit_log ADD COLUMN chain text, ADD COLUMN payload_hash text;
    -- No foreign key to audit_log: the chain, not a constraint, proves that the rows are all
    -- there (a removed row breaks the next link, and verification names it).
    CREATE TABLE audit_payloads (
      audit_id bigint PRIMARY KEY,
      subject_id uuid,
      purpose text,
      before jsonb,
      after jsonb,
      salt text,
      erased_at timestamptz,
      erased_rule text,
      CHECK ((erased_at IS NULL) = (salt IS NOT NULL)),
      CHECK ((erased_at IS NULL) = (erased_rule IS NULL))
    );
    ALTER TABLE audit_log DISABLE TRIGGER audit_log_no_update;
    `,
  );
  await relinkLegacyRows(db);
  await executeScript(
    db,
    `
    ALTER TABLE audit_log ENABLE TRIGGER audit_log_no_update;
    ALTER TABLE audit_log ALTER COLUMN chain SET NOT NULL, ALTER COLUMN payload_hash SET NOT NULL,
      DROP COLUMN subject_id, DROP COLUMN purpose, DROP COLUMN before, DROP COLUMN after;
    CREATE INDEX audit_log_chain_id ON audit_log (chain, id);
    CREATE INDEX audit_payloads_subject ON audit_payloads (subject_id) WHERE subject_id IS NOT NULL;
    -- A payload may only be erased (to a tombstone), never changed or deleted.
    CREATE FUNCTION audit_payloads_erase_only() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP = 'UPDATE' AND OLD.erased_at IS NULL AND NEW.erased_at IS NOT NULL AND NEW.audit_id = OLD.audit_id
         AND NEW.subject_id IS NULL AND NEW.purpose IS NULL AND NEW.before IS NULL AND NEW.after IS NULL THEN
        RETURN NEW;
      END IF;
      RAISE EXCEPTION 'audit_payloads can only be erased';
    END $$;
    CREATE TRIGGER audit_payloads_erase_only BEFORE UPDATE OR DELETE ON audit_payloads
      FOR EACH ROW EXECUTE FUNCTION audit_payloads_erase_only();
    CREATE TRIGGER audit_payloads_no_truncate BEFORE TRUNCATE ON audit_payloads
      FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only();
    -- What the audit log says, for reading: each row with its payload (or tombstone).
    CREATE VIEW audit_entries AS
      SELECT a.id, a.chain, a.at, a.actor_user_id, a.actor_name, a.municipality_id, a.action, a.entity_type, a.entity_id,
        a.request_id, p.subject_id, p.purpose, p.before, p.after, p.erased_at, p.erased_rule
      FROM audit_log a LEFT JOIN audit_payloads p ON p.audit_id = a.id;
    -- The role the app runs as (SET ROLE after migrating): owns nothing, so it cannot drop,
    -- alter or truncate a table or disable a trigger, and row-level security will hold for it once tables have policies.
    DO $$
    BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'trekant_app') THEN
        CREATE ROLE trekant_app NOLOGIN NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS;
      END IF;
    EXCEPTION WHEN duplicate_object OR unique_violation THEN
      NULL; -- another database on the same cluster created it at the same moment
    END $$;
    DO $$
    BEGIN
      EXECUTE format('GRANT trekant_app TO %I', current_user);
    END $$;
    GRANT USAGE ON SCHEMA public TO trekant_app;
    GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO trekant_app;
    GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO trekant_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO trekant_app;
    ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO trekant_app;
    -- The audit log: read and append only; payloads: also erase (the trigger allows nothing else).
    REVOKE UPDATE, DELETE ON audit_log FROM trekant_app;
    REVOKE DELETE ON audit_payloads FROM trekant_app;
    -- Migrations are the owner's: the app only reads which have run.
    REVOKE INSERT, UPDATE, DELETE ON schema_migrations, schema_migrations_lock FROM trekant_app;
    `,
  );
}

export async function down(): Promise<void> {
  throw new Error('This migration cannot be reverted; restore a backup instead.');
}
