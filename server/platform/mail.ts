import type { Kysely, Transaction } from 'kysely';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Database } from './db/schema.ts';

export interface Mail {
  municipalityId: string | null;
  to: string;
  subject: string;
  body: string;
}

/** Puts an e-mail in the outbox, in the transaction of the change that causes it. */
export async function queueMail(trx: Transaction<Database> | Kysely<Database>, mails: Mail[]): Promise<void> {
  if (mails.length === 0) return;
  await trx
    .insertInto('outbox')
    .values(mails.map((m) => ({ municipality_id: m.municipalityId, to_address: m.to, subject: m.subject, body: m.body })))
    .execute();
}

const MAX_ATTEMPTS = 5;

/**
 * Sends what waits in the outbox through the configured SMTP server. Without one, e-mail stays
 * in the outbox, where administrators read it in the app (the embedded default). A failed
 * message is tried again on the next run, up to five times, with the error kept.
 */
export class MailSender {
  private readonly transport: Transporter | null;

  constructor(
    private readonly db: Kysely<Database>,
    smtpUrl: string | null,
    private readonly from: string,
  ) {
    this.transport = smtpUrl ? nodemailer.createTransport(smtpUrl) : null;
  }

  get sends(): boolean {
    return this.transport !== null;
  }

  async sendQueued(): Promise<{ sent: number; failed: number }> {
    if (!this.transport) return { sent: 0, failed: 0 };
    const waiting = await this.db.selectFrom('outbox').selectAll().where('sent_at', 'is', null).where('attempts', '<', MAX_ATTEMPTS).orderBy('created_at').limit(100).execute();
    let sent = 0;
    let failed = 0;
    for (const mail of waiting) {
      try {
        await this.transport.sendMail({ from: this.from, to: mail.to_address, subject: mail.subject, text: mail.body });
        await this.db.updateTable('outbox').set({ sent_at: new Date(), attempts: mail.attempts + 1, error: null }).where('id', '=', mail.id).execute();
        sent++;
      } catch (error) {
        await this.db.updateTable('outbox').set({ attempts: mail.attempts + 1, error: error instanceof Error ? error.message : String(error) }).where('id', '=', mail.id).execute();
        failed++;
      }
    }
    return { sent, failed };
  }

  close(): void {
    this.transport?.close();
  }
}
