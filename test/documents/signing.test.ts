import fs from "node:fs";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { renderLetter } from "../../src/platform/documents/letter.js";
import { verifyDetached } from "../../src/platform/signing/cms.js";
import { DEMO_SUBJECT, demoKey } from "../../src/platform/signing/demo-key.js";
import { KeyFileError, readPkcs12 } from "../../src/platform/signing/pkcs12.js";
import { pkcs12Provider } from "../../src/platform/signing/pkcs12-provider.js";
import { makeTestCa, opensslVerifies } from "./test-ca.js";

const ca = makeTestCa();
const bodyP12 = ca.issue("astana", "Astana city akimat");
const instanceP12 = ca.issue("instance", "Halyq instance");
afterAll(() => fs.rmSync(ca.dir, { recursive: true, force: true }));

const letter = (body: string) =>
  renderLetter({
    language: "kk",
    title: "Жауап",
    letterhead: { name: "Астана қаласының әкімдігі", lines: ["Астана қ., Бейбітшілік к-сі, 11"] },
    reference: "Шығыс № BKA-2026-0013/1, 2026 жылғы 7 желтоқсан",
    addressee: ["Әлімов Серік", "Астана қ., Абай даңғылы, 10"],
    subject: "BKA-2026-0013 нөмірлі өтінішті қарау нәтижесі туралы",
    body,
    signer: { position: "Басшы", name: "Ә. Ж. Қасымов" },
    verification: {
      url: "https://halyq.example/verify?number=BKA-2026-0013%2F1",
      caption: ["Құжатқа электрондық цифрлық қолтаңба қойылған."],
    },
    createdAt: new Date("2026-12-07T10:00:00Z"),
  });

describe("signing outgoing documents with a body's PKCS#12 key", () => {
  it("makes a detached CMS signature that openssl accepts with the CA, and not over other bytes", async () => {
    const provider = pkcs12Provider({
      p12Path: undefined,
      p12Dir: ca.dir,
      password: ca.password,
      demoKey: "off",
    });
    const signer = await provider.signerFor("astana");
    expect(signer?.certificate.commonName).toBe("Astana city akimat");
    expect(signer?.demo).toBe(false);
    const pdf = await letter("Өтінішіңіз қаралды.");
    const at = new Date("2026-12-07T10:00:00Z");
    const p7s = (await signer?.sign(pdf, at)) ?? Buffer.alloc(0);
    expect(opensslVerifies(p7s, pdf, ca.caFile)).toBe(true);
    const changed = Buffer.from(pdf);
    const at2 = Math.floor(changed.length / 2);
    changed.writeUInt8(changed.readUInt8(at2) ^ 0x01, at2);
    expect(opensslVerifies(p7s, changed, ca.caFile)).toBe(false);
    // A CA that did not issue the key is not trusted.
    const other = makeTestCa();
    expect(opensslVerifies(p7s, pdf, other.caFile)).toBe(false);
    fs.rmSync(other.dir, { recursive: true, force: true });
    // The same check in Halyq, and the signing time it carries.
    const check = await verifyDetached(p7s, pdf);
    expect(check.valid).toBe(true);
    expect(check.signedAt?.toISOString()).toBe("2026-12-07T10:00:00.000Z");
    expect(check.signer?.fingerprint).toBe(signer?.certificate.fingerprint);
    expect((await verifyDetached(p7s, changed)).valid).toBe(false);
    expect((await verifyDetached(Buffer.from("not a signature"), pdf)).valid).toBe(false);
  });

  it("uses the body's own key before the instance's, and the instance's for other bodies", async () => {
    const provider = pkcs12Provider({
      p12Path: instanceP12,
      p12Dir: ca.dir,
      password: ca.password,
      demoKey: "off",
    });
    expect((await provider.signerFor("astana"))?.certificate.commonName).toBe("Astana city akimat");
    expect((await provider.signerFor("yesil"))?.certificate.commonName).toBe("Halyq instance");
    // A slug is never a path.
    expect((await provider.signerFor("../astana"))?.certificate.commonName).toBe("Halyq instance");
    const none = pkcs12Provider({
      p12Path: undefined,
      p12Dir: ca.dir,
      password: ca.password,
      demoKey: "off",
    });
    expect(await none.signerFor("yesil")).toBeNull();
  });

  it("refuses a key file with the wrong password", async () => {
    await expect(readPkcs12(fs.readFileSync(bodyP12), "wrong")).rejects.toBeInstanceOf(
      KeyFileError,
    );
  });

  it("makes a demo key once, marked as a demo, and signs verifiably with it", async () => {
    const dataDir = fs.mkdtempSync(path.join(ca.dir, "data-"));
    const first = await demoKey(dataDir, new Date("2026-12-07T10:00:00Z"));
    const again = await demoKey(dataDir, new Date("2026-12-08T10:00:00Z"));
    expect(again.certificate.serialNumber.isEqual(first.certificate.serialNumber)).toBe(true);
    const file = path.join(dataDir, "signing", "demo-key.json");
    expect(fs.statSync(file).mode & 0o077).toBe(0);
    const provider = pkcs12Provider(
      { p12Path: undefined, p12Dir: undefined, password: "", demoKey: "auto" },
      () => demoKey(dataDir, new Date()),
    );
    const signer = await provider.signerFor("astana");
    expect(signer?.demo).toBe(true);
    expect(signer?.certificate.commonName).toBe(DEMO_SUBJECT);
  });

  it("lays a long letter over several pages with its QR code and link", async () => {
    const pdf = await letter("Өтінішіңіз қаралды, жұмыс жоспарланды. ".repeat(400));
    const text = pdf.toString("latin1");
    expect(text.startsWith("%PDF-")).toBe(true);
    expect((text.match(/\/Type \/Page\b/g) ?? []).length).toBeGreaterThan(1);
    expect(text).toContain("/Subtype /Image");
    expect(text).toContain("https://halyq.example/verify?number=BKA-2026-0013%2F1");
  });
});
