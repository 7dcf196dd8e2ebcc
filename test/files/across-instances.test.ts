import { randomBytes } from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { attachmentsDir } from "../../src/platform/files/fs-blob-store.js";
import {
  clientFor,
  csrfOf,
  fileThroughPages,
  PDF,
  PNG,
  postMultipart,
  tempDataDir,
} from "../appeals/citizen-support.js";
import { appealIn, castFor, citizen } from "../appeals/support.js";
import { inThisBuild, startSecondInstance, startTestApp, type TestApp } from "../support/app.js";
import { testDialects } from "../support/databases.js";

/**
 * With `BLOB_STORE=postgres`, a file uploaded through one instance downloads through another
 * on the same database whose data directory is elsewhere, so the file system cannot be what
 * serves it; an instance on the file system store, on the same rows, has no such file.
 */
describe.each(testDialects().filter((d) => d === "postgres"))(
  "attached files served by any instance with BLOB_STORE=postgres (%s)",
  (dialect) => {
    const dirs = { a: tempDataDir(), b: tempDataDir(), fs: tempDataDir() };
    let a: TestApp;
    let b: TestApp;
    let onDisk: TestApp;
    beforeAll(async () => {
      a = await startTestApp(dialect, { env: { BLOB_STORE: "postgres", DATA_DIR: dirs.a } });
      b = await startSecondInstance(a, { BLOB_STORE: "postgres", DATA_DIR: dirs.b });
      onDisk = await startSecondInstance(a, { DATA_DIR: dirs.fs });
    });
    afterAll(async () => {
      await onDisk?.close();
      await b?.close();
      await a?.close();
    });

    /** Files an appeal with one file through `via`'s pages; its number and the file's id. */
    async function fileWith(via: TestApp, content: Buffer, name: string, type: string) {
      const me = await citizen(via);
      const { number } = await fileThroughPages(via, clientFor(via, me), {
        files: [{ name, type, content }],
      });
      const row = await via.ctx.db.kysely
        .selectFrom("appeal_attachments")
        .innerJoin("appeals", "appeals.id", "appeal_attachments.appeal_id")
        .select(["appeal_attachments.id", "appeal_attachments.sha256"])
        .where("appeals.number", "=", number)
        .executeTakeFirstOrThrow();
      return { me, number, id: row.id };
    }
    const download = (via: TestApp, cookie: string, number: string, id: string) =>
      via.app.inject({
        url: `/appeals/${encodeURIComponent(number)}/attachments/${id}`,
        headers: { cookie },
      });

    it("downloads through a second instance a file uploaded through the first, and back", async () => {
      const pdf = Buffer.concat([PDF, randomBytes(64)]);
      const up = await fileWith(a, pdf, "evidence.pdf", "application/pdf");
      const there = await download(b, up.me.cookie, up.number, up.id);
      expect(there.statusCode).toBe(200);
      expect(there.headers["content-type"]).toBe("application/pdf");
      expect(there.rawPayload.equals(pdf)).toBe(true);

      const png = Buffer.concat([PNG, randomBytes(64)]);
      const back = await fileWith(b, png, "photo.png", "image/png");
      const here = await download(a, back.me.cookie, back.number, back.id);
      expect(here.statusCode).toBe(200);
      expect(here.rawPayload.equals(png)).toBe(true);

      // Neither instance put a file under its data directory.
      expect(fs.existsSync(attachmentsDir(dirs.a))).toBe(false);
      expect(fs.existsSync(attachmentsDir(dirs.b))).toBe(false);
      // The same rows on the file system store: the file is not there, and is never invented.
      const missing = await download(onDisk, up.me.cookie, up.number, up.id);
      expect(missing.statusCode).toBe(500);
      // Someone else may not download it through any instance.
      const stranger = await citizen(b);
      expect((await download(b, stranger.cookie, up.number, up.id)).statusCode).toBe(404);
    });

    it("serves through the first instance an answer's file the executor added through the second", async () => {
      // The answer's files are written in the step's transaction: the file commits with its row.
      const cast = await castFor(a);
      const number = await appealIn(a, cast, "in_progress");
      const client = clientFor(b, cast.executor);
      const page = await client.get(`/office/appeals/${number}`);
      const content = Buffer.concat([PDF, randomBytes(64)]);
      const res = await postMultipart(
        b,
        client,
        `/office/appeals/${number}/answer-files`,
        { _csrf: csrfOf(page.body) },
        { name: "answer.pdf", type: "application/pdf", content },
      );
      expect(res.statusCode, res.body.slice(0, 300)).toBe(303);
      const row = await a.ctx.db.kysely
        .selectFrom("appeal_attachments")
        .innerJoin("appeals", "appeals.id", "appeal_attachments.appeal_id")
        .select("appeal_attachments.id")
        .where("appeals.number", "=", number)
        .where("appeal_attachments.purpose", "=", "answer")
        .executeTakeFirstOrThrow();
      const res2 = await download(a, cast.executor.cookie, number, row.id);
      expect(res2.statusCode).toBe(200);
      expect(res2.rawPayload.equals(content)).toBe(true);
      expect(fs.existsSync(attachmentsDir(dirs.b))).toBe(false);
    });

    it.runIf(inThisBuild("budgets"))(
      "keeps the demo data's files in the database too, served by every instance",
      async () => {
        const photo = await a.ctx.db.kysely
          .selectFrom("budget_files")
          .select(["id", "sha256", "size"])
          .where("owner_kind", "=", "project")
          .executeTakeFirstOrThrow();
        const stored = await a.ctx.db.kysely
          .selectFrom("blobs")
          .select("size")
          .where("key", "=", photo.sha256)
          .executeTakeFirstOrThrow();
        expect(stored.size).toBe(photo.size);
        for (const via of [a, b]) {
          const res = await via.app.inject({ url: `/budgets/files/${photo.id}` });
          expect(res.statusCode).toBe(200);
          expect(res.rawPayload.length).toBe(photo.size);
        }
      },
    );
  },
);
