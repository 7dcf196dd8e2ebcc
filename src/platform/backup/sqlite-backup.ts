import fs from "node:fs";
import path from "node:path";
import SQLite from "better-sqlite3";

/** What a backup or a restore did, for the command line to print. */
export interface BackupReport {
  file: string;
  bytes: number;
  pages: number;
}

/** `PRAGMA integrity_check` on a database file: "ok", or the problems SQLite names. */
export function integrityOf(file: string): string {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const rows = db.pragma("integrity_check") as { integrity_check: string }[];
    return rows.map((r) => r.integrity_check).join("; ");
  } finally {
    db.close();
  }
}

function fsyncFile(file: string): void {
  const fd = fs.openSync(file, "r");
  try {
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
}

function fsyncDir(dir: string): void {
  try {
    const fd = fs.openSync(dir, "r");
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // Some file systems refuse fsync on a directory; the rename is still atomic.
  }
}

/**
 * A consistent online backup of a running SQLite database: `VACUUM INTO` reads one snapshot
 * in a single read transaction (in WAL mode writers go on meanwhile, and nothing committed after
 * the snapshot began is in it, nothing before it is missing), into a temporary file that is
 * checked, synced and then renamed to `target` — so `target` is either the old file or a whole
 * new backup, never half of one. The backup is a plain database file (no WAL), compacted.
 */
export function backupSqlite(source: string, target: string): BackupReport {
  const dest = path.resolve(target);
  if (path.resolve(source) === dest) throw new Error("The backup must not overwrite the database");
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.partial-${process.pid}`;
  fs.rmSync(tmp, { force: true });
  const db = new SQLite(source, { fileMustExist: true });
  try {
    db.pragma("busy_timeout = 5000");
    db.prepare("VACUUM INTO ?").run(tmp);
  } finally {
    db.close();
  }
  const integrity = integrityOf(tmp);
  if (integrity !== "ok") {
    fs.rmSync(tmp, { force: true });
    throw new Error(`The backup failed its integrity check: ${integrity}`);
  }
  fsyncFile(tmp);
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
  return report(dest);
}

function report(file: string): BackupReport {
  const db = new SQLite(file, { readonly: true, fileMustExist: true });
  try {
    const pages = Number(db.pragma("page_count", { simple: true }));
    return { file, bytes: fs.statSync(file).size, pages };
  } finally {
    db.close();
  }
}

/**
 * Puts a backup in place of the database file. Every Halyq instance using the database must be
 * stopped first (docs/operations.md). The backup is checked before anything is touched; it is
 * copied next to the database, synced, the old WAL and shared-memory files are removed (they
 * belong to the old database and would otherwise be replayed onto the restored one) and the copy
 * is renamed over the database in one step.
 */
export function restoreSqlite(backup: string, target: string): BackupReport {
  const integrity = integrityOf(backup);
  if (integrity !== "ok") throw new Error(`The backup failed its integrity check: ${integrity}`);
  const dest = path.resolve(target);
  fs.mkdirSync(path.dirname(dest), { recursive: true });
  const tmp = `${dest}.restoring-${process.pid}`;
  fs.copyFileSync(backup, tmp);
  fsyncFile(tmp);
  for (const suffix of ["-wal", "-shm", "-journal"]) fs.rmSync(`${dest}${suffix}`, { force: true });
  fs.renameSync(tmp, dest);
  fsyncDir(path.dirname(dest));
  return report(dest);
}
