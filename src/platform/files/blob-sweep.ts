import { randomBytes } from "node:crypto";
import fs from "node:fs/promises";
import path from "node:path";
import { blobPath } from "./blob-store.js";

/** Which of these keys some row still references. */
export type ReferencedKeys = (sha256s: string[]) => Promise<Set<string>>;

const KEY = /^[0-9a-f]{64}$/;
const PART = /^[0-9a-f]{2}$/;
/** A write in progress (blob-store.ts) or a removal in progress (below); the key comes first. */
const LEFTOVER = /^\.([0-9a-f]{64})\.[0-9a-f]+\.(tmp|trash)$/;
const BATCH = 500;

const isMissing = (error: unknown) => (error as NodeJS.ErrnoException)?.code === "ENOENT";

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
 * Takes one stored content away if nothing started to use it meanwhile. The file is first
 * renamed aside (atomic, so a second instance doing the same finds nothing): an upload of the
 * same content refreshes the file's time before it writes its row (writeBlob), so a file that
 * turns out fresh once aside is put back; an upload that comes after the rename finds no file
 * and writes it anew.
 */
async function removeIfStale(dir: string, sha256: string, before: Date): Promise<boolean> {
  const target = blobPath(dir, sha256);
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
 * Removes the stored contents among `sha256s` that no row references and that were last
 * written or reused before `before` (younger ones may belong to an upload whose row is not
 * written yet). Content still referenced is never touched. Returns how many were removed.
 */
export async function removeUnreferenced(
  dir: string,
  sha256s: Iterable<string>,
  referenced: ReferencedKeys,
  before: Date,
): Promise<number> {
  const keys = [...new Set(sha256s)].filter((k) => KEY.test(k));
  let removed = 0;
  for (let i = 0; i < keys.length; i += BATCH) {
    const batch: string[] = [];
    for (const key of keys.slice(i, i + BATCH)) {
      const mtime = await mtimeOf(blobPath(dir, key));
      if (mtime !== null && mtime < before.getTime()) batch.push(key);
    }
    if (batch.length === 0) continue;
    const inUse = await referenced(batch);
    for (const key of batch) {
      if (!inUse.has(key) && (await removeIfStale(dir, key, before))) removed++;
    }
  }
  return removed;
}

/**
 * Walks the whole store: removes every content no row references (as removeUnreferenced),
 * and the leftovers of writes and removals that a crash interrupted, once older than
 * `before`; a removal interrupted after its content was taken aside is put back when some
 * row references that content.
 */
export async function sweepStore(
  dir: string,
  referenced: ReferencedKeys,
  before: Date,
): Promise<{ removed: number; leftovers: number }> {
  let removed = 0;
  let leftovers = 0;
  for (const a of (await entries(dir)).filter((n) => PART.test(n))) {
    for (const b of (await entries(path.join(dir, a))).filter((n) => PART.test(n))) {
      const folder = path.join(dir, a, b);
      const names = await entries(folder);
      removed += await removeUnreferenced(
        dir,
        names.filter((n) => KEY.test(n)),
        referenced,
        before,
      );
      const stale: { file: string; key: string; kind: string }[] = [];
      for (const name of names) {
        const m = LEFTOVER.exec(name);
        if (!m?.[1] || !m[2]) continue;
        const file = path.join(folder, name);
        const mtime = await mtimeOf(file);
        if (mtime !== null && mtime < before.getTime()) stale.push({ file, key: m[1], kind: m[2] });
      }
      if (stale.length === 0) continue;
      const inUse = await referenced(stale.filter((s) => s.kind === "trash").map((s) => s.key));
      for (const s of stale) {
        const target = blobPath(dir, s.key);
        if (s.kind === "trash" && inUse.has(s.key) && (await mtimeOf(target)) === null) {
          await fs.rename(s.file, target);
        } else {
          await fs.rm(s.file, { force: true });
        }
        leftovers++;
      }
    }
  }
  return { removed, leftovers };
}
