import { createHash, randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";

/** Where attachment contents live: outside the database, under the data directory. */
export function attachmentsDir(dataDir: string): string {
  return path.join(dataDir, "attachments");
}

const SHA256 = /^[0-9a-f]{64}$/;

/** Where the content with this key lives (its folder is made when the first such file is written). */
export function blobPath(dir: string, sha256: string): string {
  if (!SHA256.test(sha256)) throw new Error("not a SHA-256 key");
  return path.join(dir, sha256.slice(0, 2), sha256.slice(2, 4), sha256);
}

async function syncDir(dir: string): Promise<void> {
  const handle = await fs.open(dir, "r");
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}

export function sha256Of(buffer: Buffer): string {
  return createHash("sha256").update(buffer).digest("hex");
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
      // Fresh again, so the sweep of unreferenced files (blob-sweep.ts) leaves it for the row to come.
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

/**
 * The stored content, checked against its key: "corrupt" when the bytes on disk no longer
 * match (they are never served), "missing" when there is no such file.
 */
export async function readBlob(
  dir: string,
  sha256: string,
): Promise<{ kind: "ok"; buffer: Buffer } | { kind: "missing" } | { kind: "corrupt" }> {
  let buffer: Buffer;
  try {
    buffer = await fs.readFile(blobPath(dir, sha256));
  } catch {
    return { kind: "missing" };
  }
  return sha256Of(buffer) === sha256 ? { kind: "ok", buffer } : { kind: "corrupt" };
}
