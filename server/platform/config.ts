import net from 'node:net';
import path from 'node:path';

/** Everything the process reads from its environment, in one place (see README's table). */
export interface Config {
  host: string;
  port: number;
  dataDir: string;
  databaseUrl: string | null;
  demo: boolean;
  sessionIdleMinutes: number;
  sessionAbsoluteHours: number;
  /**
   * Which X-Forwarded-* hops to believe: false (none), a number of proxies in front, or the
   * proxies' addresses (CIDR allowed). Never "all": the client would choose its own address.
   */
  trustProxy: false | number | string[];
  bodyLimitBytes: number;
  logLevel: string;
  /** `json` lines for log collectors, or `brief` one-liners for a person at a terminal. */
  logFormat: 'json' | 'brief';
  webDistDir: string;
  /** smtp(s)://user:pass@host:port; without it e-mail stays in the outbox, readable in the app. */
  smtpUrl: string | null;
  mailFrom: string;
  /** The address users reach the app at, for links in e-mails. */
  publicUrl: string;
  /** The audit chain's HMAC key itself (TREKANT_AUDIT_KEY), else it is read from auditKeyFile. */
  auditKey: string | null;
  /** TREKANT_AUDIT_KEY_FILE; default beside the data directory, created on first start. */
  auditKeyFile: string;
  /**
   * TREKANT_AUDIT_CHECKPOINTS: the append-only file of each chain's latest row, outside the
   * database (one file per database). Default beside the embedded data directory; with
   * PostgreSQL none unless set, and checkpoints go to the log only.
   */
  auditCheckpointFile: string | null;
}

function intFrom(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got "${raw}"`);
  return n;
}

function logFormatFrom(raw: string | undefined): Config['logFormat'] {
  if (raw === 'json' || raw === 'brief') return raw;
  if (raw) throw new Error(`LOG_FORMAT must be json or brief, got "${raw}"`);
  return process.stdout.isTTY ? 'brief' : 'json';
}

/** TREKANT_TRUST_PROXY: 0 (none), a hop count (1 = one reverse proxy), or proxy addresses. */
function trustProxyFrom(raw: string | undefined): Config['trustProxy'] {
  const value = raw?.trim() ?? '';
  if (value === '' || value === '0') return false;
  if (/^\d+$/.test(value)) return Number(value);
  const addresses = value.split(',').map((a) => a.trim());
  const valid = (a: string) => {
    const [address, bits, ...rest] = a.split('/');
    const version = net.isIP(address);
    return version !== 0 && rest.length === 0 && (bits === undefined || (/^\d+$/.test(bits) && Number(bits) <= (version === 4 ? 32 : 128)));
  };
  const bad = addresses.find((a) => !valid(a));
  if (bad !== undefined) throw new Error(`TREKANT_TRUST_PROXY must be 0, a number of proxies, or a comma-separated list of proxy addresses (CIDR allowed); "${bad}" is none of these`);
  return addresses;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const databaseUrl = env.DATABASE_URL?.trim() || null;
  const dataDir = path.resolve(env.TREKANT_DATA_DIR || './data');
  return {
    host: env.HOST || '127.0.0.1',
    port: env.PORT === '0' ? 0 : intFrom(env, 'PORT', 3000),
    dataDir,
    databaseUrl,
    // Demo users with published passwords exist only in the embedded demo unless asked for.
    demo: env.TREKANT_DEMO !== undefined ? env.TREKANT_DEMO === '1' : databaseUrl === null,
    sessionIdleMinutes: intFrom(env, 'TREKANT_SESSION_IDLE_MINUTES', 30),
    sessionAbsoluteHours: intFrom(env, 'TREKANT_SESSION_ABSOLUTE_HOURS', 12),
    trustProxy: trustProxyFrom(env.TREKANT_TRUST_PROXY),
    bodyLimitBytes: intFrom(env, 'TREKANT_BODY_LIMIT_BYTES', 1024 * 1024),
    logLevel: env.LOG_LEVEL || 'info',
    logFormat: logFormatFrom(env.LOG_FORMAT),
    webDistDir: path.resolve(env.TREKANT_WEB_DIST || 'dist/web'),
    smtpUrl: env.TREKANT_SMTP_URL?.trim() || null,
    mailFrom: env.TREKANT_MAIL_FROM?.trim() || 'Trekant <trekant@localhost>',
    auditKey: env.TREKANT_AUDIT_KEY?.trim() || null,
    // Beside the data directory, not in it: a copy of the database does not carry the key.
    auditKeyFile: path.resolve(env.TREKANT_AUDIT_KEY_FILE || `${dataDir}.audit-key`),
    auditCheckpointFile: env.TREKANT_AUDIT_CHECKPOINTS?.trim()
      ? path.resolve(env.TREKANT_AUDIT_CHECKPOINTS.trim())
      : databaseUrl
        ? null
        : `${dataDir}.audit-checkpoints.jsonl`,
    publicUrl: (env.TREKANT_PUBLIC_URL?.trim() || `http://${env.HOST || '127.0.0.1'}:${env.PORT || 3000}`).replace(/\/$/, ''),
  };
}
