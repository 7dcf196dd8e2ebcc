import { randomUUID } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import nodemailer from "nodemailer";
import { type Clock, systemClock } from "../../../kernel/clock.js";

/** One message to one person. Bodies are UTF-8 text (Kazakh and Russian survive intact). */
export interface OutgoingMail {
  to: string;
  subject: string;
  text: string;
  html?: string;
}

/**
 * Sends mail now. Callers in domain code do not use it directly: they enqueue into the outbox
 * (src/platform/delivery/mail/outbox.ts) so mail leaves only when their transaction commits.
 */
export interface Mailer {
  send(mail: OutgoingMail): Promise<{ messageId: string }>;
  close(): void;
  /** Where mail goes, safe to log (never contains a password). */
  describe: string;
}

/** The part of the app's (pino) logger that mail uses. */
export type MailLog = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

export interface MailerConfig {
  smtpUrl?: string | undefined;
  mailFrom: string;
  mailDir: string;
}

/**
 * The mailer the configuration asks for: SMTP when `smtpUrl` is set, otherwise a folder of
 * `.eml` files (logged as they are written) so a fresh checkout sees its mail without a server.
 */
export function createMailer(
  config: MailerConfig,
  log: MailLog,
  clock: Clock = systemClock,
): Mailer {
  return config.smtpUrl
    ? smtpMailer(config.smtpUrl, config.mailFrom, clock)
    : folderMailer(config.mailDir, config.mailFrom, log, clock);
}

function message(from: string, mail: OutgoingMail, clock: Clock) {
  return {
    from,
    date: clock.now(),
    to: mail.to,
    subject: mail.subject,
    text: mail.text,
    ...(mail.html === undefined ? {} : { html: mail.html }),
  };
}

/** Host and port of an SMTP URL, without the credentials it may carry. */
export function describeSmtpUrl(url: string): string {
  const u = new URL(url);
  const port = u.port || (u.protocol === "smtps:" ? "465" : "587");
  return `${u.protocol}//${u.hostname}:${port}`;
}

/**
 * Pooled SMTP: a few reused connections, and timeouts short enough that a dead server fails a
 * send (which the outbox retries) well before the outbox's 5-minute claim expires.
 */
function smtpMailer(smtpUrl: string, from: string, clock: Clock): Mailer {
  const transport = nodemailer.createTransport({
    url: smtpUrl,
    pool: true,
    maxConnections: 3,
    maxMessages: 100,
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 60_000,
    dnsTimeout: 10_000,
  });
  return {
    describe: `smtp ${describeSmtpUrl(smtpUrl)} (pooled)`,
    async send(mail) {
      const info = await transport.sendMail(message(from, mail, clock));
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/** Renders the complete RFC 5322 message (CRLF line ends) and writes it to `mailDir`. */
function folderMailer(mailDir: string, from: string, log: MailLog, clock: Clock): Mailer {
  const transport = nodemailer.createTransport({
    streamTransport: true,
    buffer: true,
    newline: "windows",
  });
  const dir = path.resolve(mailDir);
  return {
    describe: `folder ${dir}`,
    async send(mail) {
      const info = await transport.sendMail(message(from, mail, clock));
      if (!Buffer.isBuffer(info.message)) throw new Error("stream transport returned no buffer");
      const stamp = clock.now().toISOString().replace(/[:.]/g, "-");
      const localPart = info.messageId.replace(/^<|>$/g, "").split("@")[0] ?? "";
      const id = localPart.replace(/[^A-Za-z0-9_-]/g, "") || randomUUID();
      const file = path.join(dir, `${stamp}-${id}.eml`);
      await fs.mkdir(dir, { recursive: true });
      await fs.writeFile(file, info.message, { flag: "wx" });
      log.info({ file, to: maskEmail(mail.to) }, "mail written to folder (no SMTP_URL)");
      return { messageId: info.messageId };
    },
    close: () => transport.close(),
  };
}

/** An address as logs may show it: the domain and the first letter, so no person is named. */
export function maskEmail(address: string): string {
  const at = address.lastIndexOf("@");
  return at > 0 ? `${address[0]}***${address.slice(at)}` : "***";
}
