import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../test/support/test-database.ts';
import type { OpenDatabase } from './db/database.ts';
import { MailSender, queueMail } from './mail.ts';

/** A real SMTP server on a loopback port, keeping what it receives. */
function startSmtp(options: { refuse?: boolean } = {}) {
  const received: { from: string; to: string[]; data: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      let data = '';
      stream.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      stream.on('end', () => {
        if (options.refuse) return callback(new Error('Mailbox unavailable'));
        received.push({ from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '', to: session.envelope.rcptTo.map((r) => r.address), data });
        callback();
      });
    },
  });
  return new Promise<{ url: string; received: typeof received; close: () => Promise<void> }>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.server.address() as AddressInfo;
      resolve({ url: `smtp://127.0.0.1:${port}`, received, close: () => new Promise((done) => server.close(() => done())) });
    });
  });
}

let database: OpenDatabase;
beforeAll(async () => {
  database = await openTestDatabase();
});
afterAll(() => database?.close());

describe('e-mail through the outbox', () => {
  it('keeps e-mail in the outbox without SMTP, and sends it through SMTP once configured', async () => {
    const { db } = database;
    await queueMail(db, [{ municipalityId: null, to: 'styregruppe@example.dk', subject: 'Handlingsplan til godkendelse', body: 'Læs planen: æøå' }]);
    const embedded = new MailSender(db, null, 'Trekant <trekant@example.dk>');
    expect(await embedded.sendQueued()).toEqual({ sent: 0, failed: 0 });
    expect(await db.selectFrom('outbox').select('sent_at').where('to_address', '=', 'styregruppe@example.dk').executeTakeFirstOrThrow()).toEqual({ sent_at: null });

    const smtp = await startSmtp();
    const sender = new MailSender(db, smtp.url, 'Trekant <trekant@example.dk>');
    try {
      expect(await sender.sendQueued()).toEqual({ sent: 1, failed: 0 });
      expect(smtp.received).toHaveLength(1);
      expect(smtp.received[0]).toMatchObject({ from: 'trekant@example.dk', to: ['styregruppe@example.dk'] });
      expect(smtp.received[0].data).toContain('Subject: Handlingsplan til godkendelse');
      // Nothing is sent twice.
      expect(await sender.sendQueued()).toEqual({ sent: 0, failed: 0 });
    } finally {
      sender.close();
      await smtp.close();
    }
  });

  it('keeps a refused message with its error and tries again later', async () => {
    const { db } = database;
    await queueMail(db, [{ municipalityId: null, to: 'afvist@example.dk', subject: 'Påmindelse', body: 'Revidér planen' }]);
    const smtp = await startSmtp({ refuse: true });
    const sender = new MailSender(db, smtp.url, 'trekant@example.dk');
    try {
      expect(await sender.sendQueued()).toEqual({ sent: 0, failed: 1 });
      const row = await db.selectFrom('outbox').select(['sent_at', 'attempts', 'error']).where('to_address', '=', 'afvist@example.dk').executeTakeFirstOrThrow();
      expect(row).toMatchObject({ sent_at: null, attempts: 1 });
      expect(row.error).toContain('Mailbox unavailable');
    } finally {
      sender.close();
      await smtp.close();
    }
  });
});
