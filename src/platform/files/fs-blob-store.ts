import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { type BlobRead, type BlobStore, sha256Of } from "./blob-store.js";
import { isBlobKey, type ReferencedKeys, StaleRemoval } from "./blob-sweep.js";

/** Where attachment contents live with `BLOB_STORE=fs` (the default): under the data directory. */
export function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, "attachments");
}

/** Where the content with this key lives (its folder is made when the first such file is written). */
export function blobPath(dir: string, sha256: string): string {
  if (!isBlobKey(sha256)) throw new Error("not a SHA-256 key");
  return path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

const PART = /^[0-9a-f]{2}$/;
/** A write in progress (writeBlob) or a removal in progress (removeIfStale); the key comes first. */
const LEFTOVER = /^\.([0-9a-f]{64})\.[0-9a-f]+\.(tmp|trash)$/;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === "ENOENT";

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

async function mtimeOf(file: string): Promise<number | null> {
  try {
    return (await fs.stat(file)).mtimeMs;
  } catch (error) {
    if (isMissing(error)) return null;
    throw error;
  }
}

async function entries(dir: string): Promise<string[]> {
  try {
    return await fs.readdir(dir);
  } catch (error) {
    if (isMissing(error)) return [];
    throw error;
  }
}

/**
 * Stores content under its SHA-256, durably: written to a temporary file, flushed to disk,
 * renamed into place and the directory flushed, so a crash leaves either the whole file or
 * nothing. The same content stored twice is kept once.
 */
export async function writeBlob(dir: string, buffer: Buffer): Promise<string> {
  const sha256 = sha256Of(buffer);
  const target = blobPath(dir, sha256);
  const folder = path.dirname(target);
  await fs.mkdir(folder, { recursive: true });
  try {
    const existing = await fs.readFile(target);
    if (sha256Of(existing) === sha256) {
      // Fresh again, so the sweep of unreferenced files leaves it for the row to come.
      const now = new Date();
      await fs.utimes(target, now, now);
      return sha256;
    }
  } catch {
    // Not stored yet (or unreadable): write it afresh below.
  }
  const temp = path.join(folder, `.${sha256}.${randomBytes(6).toString("hex")}.tmp`);
  const handle = await fs.open(temp, "wx");
  try {
    await handle.writeFile(buffer);
    await handle.sync();
  } finally {
    await handle.close();
  }
  try {
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { force: true });
    throw error;
  }
  await syncDir(folder);
  return sha256;
}

/** The stored content, checked against its key. */
export async function readBlob(dir: string, sha256: string): Promise<BlobRead> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(blobPath(dir, sha256));
  } catch {
    return { kind: "missing" };
  }
  return sha256Of(buffer) === sha256 ? { kind: "ok", buffer } : { kind: "corrupt" };
}

/**
 * Attached files as files under the data directory (`BLOB_STORE=fs`, the default for one
 * machine): `<dir>/ab/cd/abcd…`, each written durably (writeBlob); a file's time is when it was
 * last written.
 */
export class FileSystemBlobStore extends StaleRemoval implements BlobStore {
  readonly kind = "fs" as const;

  constructor(readonly dir: string) {
    super();
  }

  write(buffer: Buffer): Promise<string> {
    return writeBlob(this.dir, buffer);
  }

  read(sha256: string): Promise<BlobRead> {
    return readBlob(this.dir, sha256);
  }

  async exists(sha256: string): Promise<boolean> {
    return (await mtimeOf(blobPath(this.dir, sha256))) !== null;
  }

  async writtenBefore(keys: string[], before: Date): Promise<string[]> {
    const old: string[] = [];
    for (const key of keys) {
      const mtime = await mtimeOf(blobPath(this.dir, key));
      if (mtime !== null && mtime < before.getTime()) old.push(key);
    }
    return old;
  }

  /**
   * The file is first renamed aside (atomic, so a second instance doing the same finds
   * nothing): an upload of the same content refreshes the file's time before it writes its
   * row (writeBlob), so a file that turns out fresh once aside is put back; an upload that
   * comes after the rename finds no file and writes it anew.
   */
  async removeIfStale(sha256: string, before: Date): Promise<boolean> {
    const target = blobPath(this.dir, sha256);
    const aside = path.join(
      path.dirname(target),
      `.${sha256}.${randomBytes(6).toString("hex")}.trash`,
    );
    try {
      await fs.rename(target, aside);
    } catch (error) {
      if (isMissing(error)) return false;
      throw error;
    }
    const mtime = await mtimeOf(aside);
    if (mtime !== null && mtime >= before.getTime()) {
      await fs.rename(aside, target);
      return false;
    }
    await fs.rm(aside, { force: true });
    return true;
  }

  /**
   * Folder by folder: the contents no row references, then the leftovers of writes and
   * removals that a crash interrupted, once older than `before`; a removal interrupted after
   * its content was taken aside is put back when some row references that content.
   */
  async sweep(
    referenced: ReferencedKeys,
    before: Date,
  ): Promise<{ removed: number; leftovers: number }> {
    let removed = 0;
    let leftovers = 0;
    for (const a of (await entries(this.dir)).filter((n) => PART.test(n))) {
      for (const b of (await entries(path.join(this.dir, a))).filter((n) => PART.test(n))) {
        const folder = path.join(this.dir, a, b);
        const names = await entries(folder);
        removed += await this.removeUnreferenced(names.filter(isBlobKey), referenced, before);
        leftovers += await this.removeLeftovers(folder, names, referenced, before);
      }
    }
    return { removed, leftovers };
  }

  private async removeLeftovers(
    folder: string,
    names: string[],
    referenced: ReferencedKeys,
    before: Date,
  ): Promise<number> {
    const stale: { file: string; key: string; kind: string }[] = [];
    for (const name of names) {
      const m = LEFTOVER.exec(name);
      if (!m?.[1] || !m[2]) continue;
      const file = path.join(folder, name);
      const mtime = await mtimeOf(file);
      if (mtime !== null && mtime < before.getTime()) stale.push({ file, key: m[1], kind: m[2] });
    }
    if (stale.length === 0) return 0;
    const inUse = await referenced(stale.filter((s) => s.kind === "trash").map((s) => s.key));
    for (const s of stale) {
      const target = blobPath(this.dir, s.key);
      if (s.kind === "trash" && inUse.has(s.key) && (await mtimeOf(target)) === null) {
        await fs.rename(s.file, target);
      } else {
        await fs.rm(s.file, { force: true });
      }
    }
    return stale.length;
  }
}
