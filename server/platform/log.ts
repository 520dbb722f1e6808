import { Writable } from 'node:stream';
import pino, { type Logger } from 'pino';
import type { Config } from './config.ts';

/**
 * The process's logger: JSON lines (for production's log collector), or on a terminal brief
 * lines a person can read beside the start banner: one per answered request
 * (`14:03:12 GET /api/me 200 3 ms`), and the message of anything else.
 */
export function createLogger(config: Pick<Config, 'logLevel' | 'logFormat'>, out: NodeJS.WritableStream = process.stdout): Logger {
  if (config.logFormat === 'json') return pino({ level: config.logLevel }, out as pino.DestinationStream);
  const formatter = new BriefFormatter();
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString('utf8').split('\n')) {
        const brief = line && formatter.format(line);
        if (brief) out.write(`${brief}\n`);
      }
      done();
    },
  });
  return pino({ level: config.logLevel }, stream);
}

const LEVELS: Record<number, string> = { 10: 'trace', 20: 'debug', 30: 'info', 40: 'warn', 50: 'error', 60: 'fatal' };

interface LogRecord {
  level: number;
  time: number;
  msg?: string;
  reqId?: string;
  req?: { method?: string; url?: string };
  res?: { statusCode?: number };
  responseTime?: number;
  err?: { message?: string; stack?: string };
}

/** Turns pino's JSON lines into brief ones; remembers each request until it is answered. */
export class BriefFormatter {
  private readonly requests = new Map<string, string>();

  format(line: string): string | null {
    let record: LogRecord;
    try {
      record = JSON.parse(line) as LogRecord;
    } catch {
      return line;
    }
    const time = new Date(record.time).toLocaleTimeString('da-DK', { hour12: false, timeZone: 'Europe/Copenhagen' }).replace(/\./g, ':');
    if (record.msg === 'incoming request' && record.reqId) {
      this.requests.set(record.reqId, `${record.req?.method ?? ''} ${record.req?.url ?? ''}`);
      return null;
    }
    if (record.msg === 'request completed' && record.reqId) {
      const request = this.requests.get(record.reqId) ?? '';
      this.requests.delete(record.reqId);
      return `${time} ${request} ${record.res?.statusCode ?? ''} ${Math.round(record.responseTime ?? 0)} ms`;
    }
    const level = LEVELS[record.level] ?? String(record.level);
    const error = record.err ? `\n${record.err.stack ?? record.err.message ?? ''}` : '';
    return `${time} ${level === 'info' ? '' : `${level.toUpperCase()} `}${record.msg ?? ''}${error}`;
  }
}
