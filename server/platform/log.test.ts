import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { BriefFormatter, createLogger } from './log.ts';

const collect = (stream: PassThrough) => {
  const lines: string[] = [];
  stream.on('data', (chunk: Buffer) => lines.push(...chunk.toString('utf8').split('\n').filter(Boolean)));
  return lines;
};
const flush = () => new Promise((resolve) => setImmediate(resolve));

describe('logs', () => {
  it('on a terminal: one brief line per answered request, the message of anything else', () => {
    const formatter = new BriefFormatter();
    const time = Date.UTC(2026, 11, 3, 13, 3, 12);
    expect(formatter.format(JSON.stringify({ level: 30, time, reqId: 'r1', req: { method: 'GET', url: '/api/me' }, msg: 'incoming request' }))).toBeNull();
    expect(formatter.format(JSON.stringify({ level: 30, time, reqId: 'r1', res: { statusCode: 200 }, responseTime: 3.4, msg: 'request completed' }))).toBe('14:03:12 GET /api/me 200 3 ms');
    expect(formatter.format(JSON.stringify({ level: 50, time, msg: 'unhandled error', err: { message: 'boom', stack: 'Error: boom' } }))).toBe('14:03:12 ERROR unhandled error\nError: boom');
    expect(formatter.format(JSON.stringify({ level: 30, time, msg: 'migrations applied' }))).toBe('14:03:12 migrations applied');
  });

  it('brief and JSON formats through the logger itself', async () => {
    const brief = new PassThrough();
    const briefLines = collect(brief);
    createLogger({ logLevel: 'info', logFormat: 'brief' }, brief).warn('disk is filling up');
    const json = new PassThrough();
    const jsonLines = collect(json);
    createLogger({ logLevel: 'info', logFormat: 'json' }, json).info({ applied: 2 }, 'migrations applied');
    await flush();
    expect(briefLines).toEqual([expect.stringMatching(/^\d\d:\d\d:\d\d WARN disk is filling up$/)]);
    expect(JSON.parse(jsonLines[0])).toMatchObject({ level: 30, msg: 'migrations applied', applied: 2 });
  });

  it('LOG_FORMAT chooses, and a wrong value is refused at start', () => {
    expect(loadConfig({ LOG_FORMAT: 'json' }).logFormat).toBe('json');
    expect(loadConfig({ LOG_FORMAT: 'brief' }).logFormat).toBe('brief');
    expect(() => loadConfig({ LOG_FORMAT: 'pretty' })).toThrow(/LOG_FORMAT/);
  });
});
