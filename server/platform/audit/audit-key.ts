import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

/**
 * The key of the audit chain's HMACs. It lives outside the database (an environment variable
 * or a file), so someone who can rewrite the audit table cannot recompute the chain after a
 * change. One key per process, loaded at start-up before anything is appended or verified.
 */
let current: Buffer | null = null;

const MIN_KEY_LENGTH = 32;

export function useAuditKey(key: string): void {
  if (key.length < MIN_KEY_LENGTH) throw new Error(`The audit key must be at least ${MIN_KEY_LENGTH} characters`);
  current = Buffer.from(key, 'utf8');
}

export function auditKey(): Buffer {
  if (!current) throw new Error('The audit key is not loaded: call loadAuditKey(config) at start-up');
  return current;
}

export interface AuditKeySettings {
  /** TREKANT_AUDIT_KEY: the key itself. */
  auditKey: string | null;
  /** TREKANT_AUDIT_KEY_FILE, else beside the embedded data directory. */
  auditKeyFile: string;
}

/**
 * The key from TREKANT_AUDIT_KEY, else from the key file; a missing file is created with a
 * random key, readable by the owner only, so a first start needs no setup.
 */
export function loadAuditKey(settings: AuditKeySettings): void {
  if (settings.auditKey) return useAuditKey(settings.auditKey);
  const file = settings.auditKeyFile;
  if (!fs.existsSync(file)) {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    try {
      fs.writeFileSync(file, randomBytes(32).toString('hex') + '\n', { flag: 'wx', mode: 0o600 });
    } catch (error) {
      // Another process created it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
  }
  useAuditKey(fs.readFileSync(file, 'utf8').trim());
}
