import fs from "node:fs/promises";
import path from "node:path";
import type { FastifyBaseLogger } from "fastify";
import { type Clock, systemClock } from "../../../kernel/clock.js";

/**
 * Sends one text message now. Domain code never calls it: it enqueues into the SMS outbox
 * (src/platform/delivery/sms/outbox.ts) so a message leaves only when the change it announces commits. A
 * provider is one more implementation of this interface.
 */
export interface SmsTransport {
  send(to: string, text: string): Promise<void>;
  /** Where messages go, safe to log. */
  describe: string;
}

/** The part of the app's (pino) logger that SMS delivery uses. */
export type SmsLog = Pick<FastifyBaseLogger, "info" | "warn" | "error">;

export const SMS_TRANSPORTS = ["log", "folder"] as const;
export type SmsTransportName = (typeof SMS_TRANSPORTS)[number];

export interface SmsConfig {
  smsTransport: SmsTransportName;
  smsDir: string;
}

/**
 * A phone number fit for a log line: the country prefix and the last two digits stay, the
 * middle is starred, so a line can be matched to a complaint without exposing the number.
 */
export function maskPhone(phone: string): string {
  const m = /^(\+?\d{3})(\d+)(\d{2})$/.exec(phone);
  if (!m) return "***";
  const [, head = "", middle = "", tail = ""] = m;
  return `${head}${"*".repeat(middle.length)}${tail}`;
}

/** The transport the configuration names; with no provider configured, none sends real SMS. */
export function createSmsTransport(
  config: SmsConfig,
  log: SmsLog,
  clock: Clock = systemClock,
): SmsTransport {
  return config.smsTransport === "folder"
    ? folderSmsTransport(config.smsDir, clock)
    : logSmsTransport(log);
}

/** Writes each message as one line of the app log at info, the number masked. */
export function logSmsTransport(log: SmsLog): SmsTransport {
  return {
    describe: "log (numbers masked)",
    async send(to, text) {
      log.info({ to: maskPhone(to), text }, "sms (log transport, not sent)");
    },
  };
}

/**
 * Appends each message as a JSON line to a file a day in `dir`, like mail's folder: a
 * developer sees exactly what would be sent. The file holds the numbers, as the `.eml`
 * files hold addresses, so the folder is personal data.
 */
export function folderSmsTransport(dir: string, clock: Clock = systemClock): SmsTransport {
  const folder = path.resolve(dir);
  return {
    describe: `folder ${folder}`,
    async send(to, text) {
      const at = clock.now().toISOString();
      await fs.mkdir(folder, { recursive: true });
      const line = `${JSON.stringify({ at, to, text })}\n`;
      await fs.appendFile(path.join(folder, `${at.slice(0, 10)}.jsonl`), line, { mode: 0o600 });
    },
  };
}
