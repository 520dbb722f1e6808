import fs from 'node:fs';
import path from 'node:path';
import { type Kysely, sql } from 'kysely';
import type { Database } from '../db/schema.ts';
import type { Checkpoint } from './audit-chain.ts';

/**
 * Checkpoints anchor the audit chains outside the database: each chain's latest row (id and
 * hash) is appended to a file and written to the log. `audit-verify` then requires every
 * chain to still hold its latest checkpointed row with that hash, so emptying the table,
 * removing rows from a chain's end or rewriting a chain (even with the key) is found, back to
 * the last checkpoint. What came after the last checkpoint can still be removed unseen.
 */

/** Each chain's latest row: a skip scan over the (chain, id) index, so it costs per chain, not per row. */
export async function chainHeads(db: Kysely<Database>): Promise<{ chain: string; id: string; hash: string }[]> {
  const result = await sql<{ chain: string; id: string; hash: string }>`
    WITH RECURSIVE chains AS (
      (SELECT chain FROM audit_log ORDER BY chain LIMIT 1)
      UNION ALL
      SELECT (SELECT a.chain FROM audit_log a WHERE a.chain > c.chain ORDER BY a.chain LIMIT 1) FROM chains c WHERE c.chain IS NOT NULL
    )
    SELECT c.chain, h.id::text AS id, h.hash FROM chains c
    CROSS JOIN LATERAL (SELECT id, hash FROM audit_log a WHERE a.chain = c.chain ORDER BY a.id DESC LIMIT 1) h
    WHERE c.chain IS NOT NULL ORDER BY c.chain`.execute(db);
  return result.rows;
}

/** Every checkpoint in the file, oldest first; none if there is no file (yet). */
export function readCheckpoints(file: string | null): Checkpoint[] {
  if (!file || !fs.existsSync(file)) return [];
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      const parsed = JSON.parse(line) as Partial<Checkpoint>;
      if (typeof parsed.chain !== 'string' || typeof parsed.id !== 'string' || !/^\d+$/.test(parsed.id) || typeof parsed.hash !== 'string' || typeof parsed.at !== 'string') {
        throw new Error(`${file}, line ${i + 1}: not an audit checkpoint`);
      }
      return { at: parsed.at, chain: parsed.chain, id: parsed.id, hash: parsed.hash };
    });
}

export interface CheckpointLog {
  info(fields: object, message: string): void;
}

/** Appends the chains whose latest row moved since the last checkpoint this process knows of; without a file, logs them only. */
export class AuditCheckpointer {
  private written: Map<string, string> | null = null;

  constructor(
    private readonly db: Kysely<Database>,
    private readonly file: string | null,
    private readonly log: CheckpointLog,
  ) {}

  async write(): Promise<Checkpoint[]> {
    this.written ??= new Map(readCheckpoints(this.file).map((c) => [c.chain, c.id]));
    const at = new Date().toISOString();
    const fresh = (await chainHeads(this.db)).filter((head) => this.written!.get(head.chain) !== head.id).map((head) => ({ at, ...head }));
    if (fresh.length === 0) return [];
    if (this.file) {
      fs.mkdirSync(path.dirname(this.file), { recursive: true });
      // Append only, readable by the owner only; one line per chain.
      fs.appendFileSync(this.file, fresh.map((c) => JSON.stringify(c) + '\n').join(''), { mode: 0o600 });
    }
    for (const c of fresh) {
      this.written.set(c.chain, c.id);
      this.log.info({ auditCheckpoint: c }, 'audit checkpoint');
    }
    return fresh;
  }
}
