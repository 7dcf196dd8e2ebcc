import fs from "node:fs";
import type { AddressInfo } from "node:net";
import os from "node:os";
import path from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/kernel/clock.js";
import {
  createMailer,
  describeSmtpUrl,
  type MailLog,
} from "../../src/platform/delivery/mail/mailer.js";
import { parseEml } from "./eml.js";

const from = "Halyq <no-reply@halyq.test>";
const subject = "Өтінішіңіз қабылданды — Ваше обращение принято";
const text =
  "Құрметті Әйгерім!\n\nСіздің өтінішіңіз № 2025-0042 тіркелді. Жауап 15 жұмыс күні ішінде беріледі.\n\nУважаемая Айгерим! Ваше обращение зарегистрировано.\n";

function recordingLog() {
  const lines: { level: string; obj: unknown; msg?: string }[] = [];
  const at =
    (level: string) =>
    (obj: unknown, msg?: string): void => {
      lines.push({ level, obj, msg });
    };
  const log: MailLog = { info: at("info"), warn: at("warn"), error: at("error") };
  return { log, lines };
}

describe("folder mailer", () => {
  let dir: string;
  beforeAll(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-mail-"));
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("writes a readable .eml with a UTF-8 Kazakh subject and body, and logs where without the address", async () => {
    const { log, lines } = recordingLog();
    const mailDir = path.join(dir, "not-yet-there");
    const clock = new FixedClock("2025-03-19T05:00:00.123Z");
    const mailer = createMailer({ mailFrom: from, mailDir }, log, clock);
    expect(mailer.describe).toContain(mailDir);

    const { messageId } = await mailer.send({ to: "aigerim@example.kz", subject, text });
    mailer.close();

    const files = fs.readdirSync(mailDir);
    expect(files).toHaveLength(1);
    const file = files[0] as string;
    expect(file).toMatch(/^2025-03-19T05-00-00-123Z-[A-Za-z0-9_-]+\.eml$/);
    const raw = fs.readFileSync(path.join(mailDir, file), "utf8");
    expect(raw).toContain("\r\n"); // RFC 5322 line ends
    expect(raw).toMatch(/^[\x20-\x7e\r\n\t]*$/); // 7-bit clean on the wire: encoded, not mangled
    const mail = parseEml(raw);
    expect(mail.headers.get("subject")).toBe(subject);
    expect(mail.headers.get("to")).toBe("aigerim@example.kz");
    expect(mail.headers.get("from")).toBe(from);
    expect(mail.headers.get("message-id")).toBe(messageId);
    expect(mail.rawHeaders.get("content-type")).toMatch(/text\/plain; charset=utf-8/i);
    expect(mail.text?.replace(/\r\n/g, "\n")).toBe(text);

    expect(lines).toEqual([
      {
        level: "info",
        // Where it went, but not to whom: personal data stays out of logs.
        obj: { file: path.join(mailDir, file), to: "a***@example.kz" },
        msg: expect.any(String),
      },
    ]);
  });

  it("writes both parts when there is an HTML body", async () => {
    const { log } = recordingLog();
    const mailer = createMailer(
      { mailFrom: from, mailDir: dir },
      log,
      new FixedClock("2025-03-19T06:00:00Z"),
    );
    await mailer.send({
      to: "a@example.kz",
      subject: "Сәлем",
      text: "Сәлем!",
      html: "<p>Сәлем!</p>",
    });
    const file = fs.readdirSync(dir).find((f) => f.startsWith("2025-03-19T06"));
    const mail = parseEml(fs.readFileSync(path.join(dir, file as string), "utf8"));
    expect(mail.text).toBe("Сәлем!");
    expect(mail.html).toBe("<p>Сәлем!</p>");
  });
});

describe("SMTP mailer", () => {
  const received: { from: string; to: string[]; raw: string }[] = [];
  const logins: string[] = [];
  let server: SMTPServer;
  let port: number;

  beforeAll(async () => {
    server = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      allowInsecureAuth: true,
      logger: false,
      onAuth(auth, _session, callback) {
        logins.push(`${auth.username}:${auth.password}`);
        callback(null, { user: auth.username });
      },
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          received.push({
            from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    port = (server.server.address() as AddressInfo).port;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it("delivers to a real SMTP server with headers and a UTF-8 body intact", async () => {
    const { log } = recordingLog();
    const smtpUrl = `smtp://mailer:s3cret@127.0.0.1:${port}`;
    const mailer = createMailer({ smtpUrl, mailFrom: from, mailDir: "/nonexistent" }, log);
    expect(mailer.describe).not.toContain("s3cret");
    try {
      const { messageId } = await mailer.send({
        to: "aigerim@example.kz",
        subject,
        text,
        html: "<p>Сәлем</p>",
      });
      expect(logins).toEqual(["mailer:s3cret"]);
      expect(received).toHaveLength(1);
      const [msg] = received;
      expect(msg?.from).toBe("no-reply@halyq.test");
      expect(msg?.to).toEqual(["aigerim@example.kz"]);
      const mail = parseEml(msg?.raw ?? "");
      expect(mail.headers.get("subject")).toBe(subject);
      expect(mail.headers.get("from")).toBe(from);
      expect(mail.headers.get("to")).toBe("aigerim@example.kz");
      expect(mail.headers.get("message-id")).toBe(messageId);
      expect(mail.rawHeaders.get("content-type")).toMatch(/^multipart\/alternative/);
      expect(mail.text?.replace(/\r\n/g, "\n")).toBe(text);
      expect(mail.html).toBe("<p>Сәлем</p>");
    } finally {
      mailer.close();
    }
  });

  it("names the server without its credentials", () => {
    expect(describeSmtpUrl("smtps://u:p@mail.example.kz")).toBe("smtps://mail.example.kz:465");
    expect(describeSmtpUrl("smtp://u:p@mail.example.kz:2525")).toBe("smtp://mail.example.kz:2525");
  });
});
