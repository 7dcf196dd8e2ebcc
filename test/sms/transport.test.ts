import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { FixedClock } from "../../src/kernel/clock.js";
import { loadConfig } from "../../src/platform/config.js";
import { createSmsTransport, maskPhone } from "../../src/platform/delivery/sms/transport.js";

const silent = { info() {}, warn() {}, error() {} };

describe("SMS transports", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "halyq-sms-"));
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it("masks the middle digits of a number", () => {
    expect(maskPhone("+77011234567")).toBe("+770******67");
    expect(maskPhone("+79161234567")).toBe("+791******67");
    expect(maskPhone("oops")).toBe("***");
  });

  it("uses the log transport unless the folder is asked for, and refuses other names", () => {
    const env = { DATA_DIR: dir };
    expect(loadConfig(env)).toMatchObject({ smsTransport: "log", smsDir: path.join(dir, "sms") });
    expect(createSmsTransport(loadConfig(env), silent).describe).toMatch(/^log/);
    expect(loadConfig({ ...env, SMS_TRANSPORT: "folder" }).smsTransport).toBe("folder");
    expect(() => loadConfig({ ...env, SMS_TRANSPORT: "http" })).toThrow(
      /SMS_TRANSPORT must be one of log, folder/,
    );
  });

  it("appends each message as a JSON line to a file a day in the folder", async () => {
    const clock = new FixedClock("2025-03-19T05:00:00.000Z");
    const config = loadConfig({ DATA_DIR: dir, SMS_TRANSPORT: "folder" });
    const transport = createSmsTransport(config, silent, clock);
    expect(transport.describe).toBe(`folder ${path.join(dir, "sms")}`);
    await transport.send("+77011234567", "Бірінші\nхабар");
    clock.advance(1000);
    await transport.send("+77017654321", "Второе");
    const lines = fs
      .readFileSync(path.join(dir, "sms", "2025-03-19.jsonl"), "utf8")
      .trimEnd()
      .split("\n")
      .map((l) => JSON.parse(l));
    expect(lines).toEqual([
      { at: "2025-03-19T05:00:00.000Z", to: "+77011234567", text: "Бірінші\nхабар" },
      { at: "2025-03-19T05:00:01.000Z", to: "+77017654321", text: "Второе" },
    ]);
  });
});
