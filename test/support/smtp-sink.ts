import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";
import { type ParsedMail, parseEml } from "../mail/eml.js";

export interface SmtpSink {
  url: string;
  received: { to: string[]; mail: ParsedMail }[];
  /** Waits for a message to `to` whose text matches, and returns that text. */
  waitFor(to: string, pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

/** A real SMTP server on 127.0.0.1 that keeps what it receives, for tests that follow mail. */
export async function startSmtpSink(): Promise<SmtpSink> {
  const received: SmtpSink["received"] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          mail: parseEml(Buffer.concat(chunks).toString("utf8")),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    async waitFor(to, pattern, timeoutMs = 10_000) {
      const until = Date.now() + timeoutMs;
      while (Date.now() < until) {
        for (const r of [...received].reverse()) {
          const text = r.mail.text ?? "";
          if (r.to.includes(to) && pattern.test(text)) return text;
        }
        await new Promise((res) => setTimeout(res, 50));
      }
      throw new Error(`no mail to ${to} matching ${pattern}`);
    },
    stop: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
