import crypto from 'node:crypto';
import type { Knex } from 'knex';
import nodemailer, { type Transporter } from 'nodemailer';
import type { Config } from '../../config';
import type { Logger } from '../../shared/logger';
import { nextAttemptDelayMs } from './kinds';
import { claimDue, markFailed, markSent } from './queries';

/** A sender that stopped mid-send (crash) left its claim: after this long the mails are due again. */
const CLAIM_STALE_MS = 10 * 60 * 1000;
const BATCH = 20;

export interface MailSender {
  /** Sends the mails due now (one batch); returns how many were sent and how many failed. */
  runOnce(now?: Date): Promise<{ sent: number; failed: number }>;
  /** Batches until nothing is due (tests, the command line). */
  drain(now?: Date): Promise<{ sent: number; failed: number }>;
  /** Polls every `pollMs` in the background (the server). */
  start(pollMs?: number): void;
  /** Stops polling and waits for the batch in flight (graceful shutdown). */
  stop(): Promise<void>;
}

/**
 * The outbox's sender: claims due mails, sends each through SMTP (nodemailer), records success, or
 * the error and the next attempt (1 min, doubled each time, 6 h at most), giving up after
 * MAIL_MAX_ATTEMPTS (the DSI sees it on « Courriels envoyés »). Requests never wait for it.
 * Returns null without SMTP_URL: mails then stay in the outbox, shown to the DSI.
 */
export function createMailSender(deps: { db: Knex; config: Config; logger: Logger }, transport?: Transporter): MailSender | null {
  const { db, config, logger } = deps;
  if (!config.mail.smtpUrl && !transport) return null;
  const transporter =
    transport ??
    nodemailer.createTransport(config.mail.smtpUrl!, {
      // A slow or absent server fails the attempt fast; the mail is retried later.
      connectionTimeout: 10_000,
      greetingTimeout: 10_000,
      socketTimeout: 30_000,
    } as object);
  let timer: NodeJS.Timeout | null = null;
  let inFlight: Promise<unknown> = Promise.resolve();
  let busy = false;

  const runOnce = async (now = new Date()) => {
    const token = crypto.randomBytes(16).toString('hex');
    const mails = await claimDue(db, token, BATCH, now, CLAIM_STALE_MS);
    let sent = 0;
    let failed = 0;
    for (const m of mails) {
      try {
        await transporter.sendMail({
          from: config.mail.from,
          to: m.to_address,
          subject: m.subject,
          text: m.text_body,
          html: m.html_body,
          attachments: m.ics ? [{ filename: 'atelier.ics', content: m.ics, contentType: 'text/calendar; charset=utf-8; method=PUBLISH' }] : [],
        });
        await markSent(db, m.id, token, new Date());
        sent++;
      } catch (err) {
        failed++;
        const attempts = m.attempts + 1;
        const giveUp = attempts >= config.mail.maxAttempts;
        const message = err instanceof Error ? err.message : String(err);
        logger.warn({ mailId: m.id, attempts, giveUp, err: message }, giveUp ? 'courriel abandonné après la dernière tentative' : 'échec d’envoi d’un courriel, nouvel essai plus tard');
        await markFailed(db, m.id, token, message, { giveUp, at: new Date(now.getTime() + nextAttemptDelayMs(attempts)) });
      }
    }
    return { sent, failed };
  };

  const sender: MailSender = {
    runOnce,
    async drain(now = new Date()) {
      const total = { sent: 0, failed: 0 };
      for (;;) {
        const r = await runOnce(now);
        total.sent += r.sent;
        total.failed += r.failed;
        if (r.sent + r.failed === 0) return total;
      }
    },
    start(pollMs = 2000) {
      if (timer) return;
      timer = setInterval(() => {
        if (busy) return;
        busy = true;
        inFlight = sender
          .drain()
          .catch((err: unknown) => logger.error({ err }, 'échec de la file des courriels'))
          .finally(() => {
            busy = false;
          });
      }, pollMs);
      timer.unref();
    },
    async stop() {
      if (timer) clearInterval(timer);
      timer = null;
      await inFlight;
      transporter.close();
    },
  };
  return sender;
}
