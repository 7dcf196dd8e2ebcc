import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { storeAttachment } from "../../src/capabilities/appeals/attachments/attachments.js";
import {
  deleteAbandonedDrafts,
  sweepAttachmentStore,
} from "../../src/capabilities/appeals/jobs/drafts-cleanup.js";
import { appealJobs } from "../../src/capabilities/appeals/jobs/index.js";
import { createDraft, saveDraft } from "../../src/capabilities/appeals/web/citizen/draft.js";
import { sha256Of } from "../../src/platform/files/blob-store.js";
import { attachmentsDir, blobPath, writeBlob } from "../../src/platform/files/fs-blob-store.js";
import { startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";
import type { SignedIn } from "../support/sessions.js";
import { PDF, tempDataDir } from "./citizen-support.js";
import { getPage } from "./staff-support.js";
import { citizen, file } from "./support.js";

const NOW = "2025-03-19T05:00:00.000Z";

describe.each(testDialects())("cleaning up abandoned drafts (%s)", (dialect) => {
  let t: TestApp;
  let me: SignedIn;
  beforeAll(async () => {
    t = await startTestApp(dialect, { env: { DATA_DIR: tempDataDir() } });
    me = await citizen(t);
  });
  afterAll(async () => {
    await t?.close();
  });

  const db = () => t.ctx.db.kysely;
  const dir = () => attachmentsDir(t.ctx.config.dataDir);
  const at = (iso: string) => t.clock.set(iso);
  const content = () => Buffer.concat([PDF, randomBytes(24)]);
  const stored = (sha: string) => fs.existsSync(blobPath(dir(), sha));
  /** Dates a stored file as written at `iso` (files on disk carry the real time otherwise). */
  const writtenAt = (sha: string, iso: string) => {
    const when = new Date(iso);
    fs.utimesSync(blobPath(dir(), sha), when, when);
  };

  /** A draft saved at `iso`, with one file per content uploaded at the same time. */
  async function draftAt(iso: string, files: Buffer[] = []) {
    at(iso);
    const id = await createDraft(db(), me.accountId, { kind: "statement" }, iso);
    const shas: string[] = [];
    for (const buffer of files) {
      const r = await storeAttachment(t.ctx, {
        buffer,
        fileName: "scan.pdf",
        uploadedBy: me.accountId,
        purpose: "appeal",
        draftId: id,
      });
      if (r.kind !== "ok") throw new Error(r.kind);
      writtenAt(r.value.sha256, iso);
      shas.push(r.value.sha256);
    }
    return { id, shas };
  }
  const draftExists = async (id: string) =>
    (await db()
      .selectFrom("appeal_drafts")
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst()) !== undefined;
  const rowsOfDraft = async (id: string) =>
    (await db().selectFrom("appeal_attachments").select("id").where("draft_id", "=", id).execute())
      .length;

  it("deletes drafts untouched for 30 days with their files, keeping content still referenced", async () => {
    const shared = content();
    const abandoned = await draftAt("2025-01-10T08:00:00.000Z", [content(), shared]);
    const [onlyHere, sharedSha] = abandoned.shas as [string, string];
    const saved = await draftAt("2025-01-10T08:00:00.000Z", [content()]);
    at("2025-03-01T08:00:00.000Z");
    await saveDraft(
      db(),
      me.accountId,
      saved.id,
      { kind: "complaint" },
      t.clock.now().toISOString(),
    );
    const fileAdded = await draftAt("2025-01-10T08:00:00.000Z");
    const recent = await draftAt("2025-03-10T08:00:00.000Z", [content()]);
    at("2025-03-10T09:00:00.000Z");
    const late = await storeAttachment(t.ctx, {
      buffer: content(),
      fileName: "late.pdf",
      uploadedBy: me.accountId,
      purpose: "appeal",
      draftId: fileAdded.id,
    });
    if (late.kind !== "ok") throw new Error(late.kind);
    // The same content as the abandoned draft's second file, on a filed appeal.
    at(NOW);
    const { number } = await file(t, me);
    const appeal = await db()
      .selectFrom("appeals")
      .select("id")
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    const kept = await storeAttachment(t.ctx, {
      buffer: shared,
      fileName: "evidence.pdf",
      uploadedBy: me.accountId,
      purpose: "appeal",
      appealId: appeal.id,
    });
    if (kept.kind !== "ok") throw new Error(kept.kind);
    expect(kept.value.sha256).toBe(sharedSha);
    writtenAt(sharedSha, "2025-01-10T08:00:00.000Z");

    at(NOW);
    const result = await deleteAbandonedDrafts(t.ctx);
    expect(result).toEqual({ drafts: 1, fileRows: 2, files: 1 });
    expect(await draftExists(abandoned.id)).toBe(false);
    expect(await rowsOfDraft(abandoned.id)).toBe(0);
    expect(stored(onlyHere)).toBe(false);
    expect(stored(sharedSha)).toBe(true);
    for (const d of [saved, fileAdded, recent]) expect(await draftExists(d.id)).toBe(true);
    expect(await rowsOfDraft(saved.id)).toBe(1);
    expect(await rowsOfDraft(fileAdded.id)).toBe(1);
    expect(stored(saved.shas[0] ?? "")).toBe(true);

    const gone = await getPage(t, me, `/appeals/new/${abandoned.id}/files`);
    expect(gone.status).toBe(404);
    expect((await deleteAbandonedDrafts(t.ctx)).drafts).toBe(0);

    // The age is configurable: two weeks catch the draft saved on 1 March too.
    const shorter = await deleteAbandonedDrafts(t.ctx, { maxAgeDays: 14 });
    expect(shorter).toEqual({ drafts: 1, fileRows: 1, files: 1 });
    expect(await draftExists(saved.id)).toBe(false);
    expect(stored(saved.shas[0] ?? "")).toBe(false);
    expect(await draftExists(fileAdded.id)).toBe(true);
    expect(await draftExists(recent.id)).toBe(true);
    expect(stored(late.value.sha256)).toBe(true);
  });

  it("deletes file rows left without a draft, and is safe when several instances run at once", async () => {
    at("2025-01-05T08:00:00.000Z");
    const orphan = content();
    const sha = await writeBlob(dir(), orphan);
    writtenAt(sha, "2025-01-05T08:00:00.000Z");
    await db()
      .insertInto("appeal_attachments")
      .values({
        id: `orphan-${randomBytes(4).toString("hex")}`,
        appeal_id: null,
        draft_id: "00000000-0000-0000-0000-000000000000",
        purpose: "appeal",
        uploaded_by_id: me.accountId,
        file_name: "lost.pdf",
        media_type: "application/pdf",
        size: orphan.length,
        sha256: sha,
        created_at: t.clock.now().toISOString(),
      })
      .execute();
    const drafts = await Promise.all(
      Array.from({ length: 6 }, () => draftAt("2025-01-06T08:00:00.000Z", [content()])),
    );
    at(NOW);
    const runs = await Promise.all([
      deleteAbandonedDrafts(t.ctx, { pageSize: 2 }),
      deleteAbandonedDrafts(t.ctx, { pageSize: 2 }),
      deleteAbandonedDrafts(t.ctx, { pageSize: 3 }),
    ]);
    const total = (k: "drafts" | "fileRows" | "files") => runs.reduce((n, r) => n + r[k], 0);
    expect(total("drafts")).toBe(6);
    expect(total("fileRows")).toBe(7);
    expect(total("files")).toBe(7);
    for (const d of drafts) {
      expect(await draftExists(d.id)).toBe(false);
      expect(stored(d.shas[0] ?? "")).toBe(false);
    }
    expect(stored(sha)).toBe(false);
    const left = await db()
      .selectFrom("appeal_attachments")
      .select("id")
      .where("sha256", "=", sha)
      .execute();
    expect(left).toEqual([]);
  });

  it("sweeps the store of content no row references, never of content in use or just written", async () => {
    at(NOW);
    const { number } = await file(t, me);
    const appeal = await db()
      .selectFrom("appeals")
      .select("id")
      .where("number", "=", number)
      .executeTakeFirstOrThrow();
    const inUse = await storeAttachment(t.ctx, {
      buffer: content(),
      fileName: "in-use.pdf",
      uploadedBy: me.accountId,
      purpose: "answer",
      appealId: appeal.id,
    });
    if (inUse.kind !== "ok") throw new Error(inUse.kind);
    writtenAt(inUse.value.sha256, "2024-12-01T00:00:00.000Z");
    const old = await writeBlob(dir(), content());
    writtenAt(old, "2025-02-01T00:00:00.000Z");
    const young = await writeBlob(dir(), content());
    writtenAt(young, "2025-03-19T01:00:00.000Z");
    // An old unreferenced content uploaded again: the new upload refreshes it before its row.
    const again = content();
    const reused = await writeBlob(dir(), again);
    writtenAt(reused, "2025-02-01T00:00:00.000Z");
    expect(await writeBlob(dir(), again)).toBe(reused);
    // Leftovers of a write and of a removal that a crash interrupted.
    const folder = path.dirname(blobPath(dir(), old));
    const tmp = path.join(folder, `.${old}.0a1b2c.tmp`);
    fs.writeFileSync(tmp, "partial");
    fs.utimesSync(tmp, new Date("2025-02-01T00:00:00Z"), new Date("2025-02-01T00:00:00Z"));
    const asideContent = content();
    const asideSha = sha256Of(asideContent);
    const aside = await storeAttachment(t.ctx, {
      buffer: asideContent,
      fileName: "aside.pdf",
      uploadedBy: me.accountId,
      purpose: "answer",
      appealId: appeal.id,
    });
    if (aside.kind !== "ok") throw new Error(aside.kind);
    const asidePath = path.join(path.dirname(blobPath(dir(), asideSha)), `.${asideSha}.ffee.trash`);
    fs.renameSync(blobPath(dir(), asideSha), asidePath);
    fs.utimesSync(asidePath, new Date("2025-02-01T00:00:00Z"), new Date("2025-02-01T00:00:00Z"));

    const sweep = appealJobs(t.ctx).find((j) => j.name === "appeals-attachments-sweep");
    expect(sweep?.everyMs).toBe(24 * 3_600_000);
    expect(await sweepAttachmentStore(t.ctx)).toEqual({ files: 1, leftovers: 2 });
    expect(stored(old)).toBe(false);
    expect(stored(inUse.value.sha256)).toBe(true);
    expect(stored(young)).toBe(true);
    expect(stored(reused)).toBe(true);
    expect(fs.existsSync(tmp)).toBe(false);
    expect(fs.existsSync(asidePath)).toBe(false);
    expect(fs.readFileSync(blobPath(dir(), asideSha)).equals(asideContent)).toBe(true);

    // Once past the grace period, the young content goes too; what is in use never does.
    at("2025-03-21T05:00:00.000Z");
    await sweep?.run();
    expect(stored(young)).toBe(false);
    expect(stored(inUse.value.sha256)).toBe(true);
    expect(stored(asideSha)).toBe(true);
  });

  it("runs the draft cleanup hourly among the appeals jobs", async () => {
    const draft = await draftAt("2025-01-02T08:00:00.000Z", [content()]);
    at(NOW);
    const job = appealJobs(t.ctx).find((j) => j.name === "appeals-drafts-cleanup");
    expect(job?.everyMs).toBe(3_600_000);
    await job?.run();
    expect(await draftExists(draft.id)).toBe(false);
    expect(stored(draft.shas[0] ?? "")).toBe(false);
  });
});
