import { linkSync, readFileSync, unlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The file in a data folder that says which process uses it: its pid, command line and start. */
export const LOCK_FILE = ".lock";

/** Another living process uses the data folder: nothing was changed. */
export class DataFolderInUseError extends Error {}

interface Holder {
  pid: number;
  command: string;
  since: string;
}

/** Locks this process holds, by path: a second open of the same folder in one process is refused too. */
const heldHere = new Set<string>();

function readHolder(path: string): Holder | undefined {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return undefined;
    throw error;
  }
  try {
    const holder = JSON.parse(text) as Partial<Holder>;
    if (Number.isSafeInteger(holder.pid)) return { pid: holder.pid!, command: String(holder.command ?? ""), since: String(holder.since ?? "") };
  } catch {
    // not JSON: answered below as held by no process
  }
  return { pid: 0, command: "", since: text }; // unreadable: no process can be holding it
}

/** Whether a process with this pid runs (one of another user answers EPERM: it runs). */
function isAlive(pid: number): boolean {
  if (pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/** Creates `path` holding `holder`, whole or not at all (a link of a written file); false when it exists. */
function createWhole(path: string, holder: Holder): boolean {
  const draft = `${path}.${process.pid}.draft`;
  writeFileSync(draft, JSON.stringify(holder), { mode: 0o600 });
  try {
    linkSync(draft, path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "EEXIST") return false;
    throw error;
  } finally {
    unlinkSync(draft);
  }
}

function removeIfStill(path: string, holder: Holder): void {
  const now = readHolder(path);
  if (now && now.pid === holder.pid && now.since === holder.since) {
    try {
      unlinkSync(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ENOENT") throw error;
    }
  }
}

function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

/**
 * Takes the data folder for this process, or refuses with a one-line DataFolderInUseError that
 * names the folder, the process holding it and what to do. The lock is a file created whole
 * (never seen half written); a lock whose process is gone (killed, crashed) is taken over, under a
 * second file so that two processes starting at once never both take it over. Answers the release.
 */
export function lockDataFolder(dataDir: string): () => void {
  const path = join(dataDir, LOCK_FILE);
  const mine: Holder = { pid: process.pid, command: process.argv.slice(1).join(" ").slice(0, 200), since: new Date().toISOString() };
  for (let attempt = 0; attempt < 100; attempt++) {
    if (!heldHere.has(path) && createWhole(path, mine)) {
      heldHere.add(path);
      return () => {
        heldHere.delete(path);
        removeIfStill(path, mine);
      };
    }
    const holder = readHolder(path);
    if (holder === undefined) continue; // released meanwhile
    // The same pid in another process: a container restarted with its data folder kept.
    if (heldHere.has(path) || (holder.pid !== process.pid && isAlive(holder.pid))) {
      const who = holder.command ? `${holder.command}, since ${holder.since}` : `since ${holder.since}`;
      throw new DataFolderInUseError(
        `The data folder ${dataDir} is in use by process ${holder.pid} (${who}): one process at a time can use it. Stop that process first, or set DATA_DIR to another folder (or DATABASE_URL to a PostgreSQL server).`,
      );
    }
    const takeover = `${path}.takeover`;
    if (createWhole(takeover, mine)) {
      try {
        removeIfStill(path, holder);
      } finally {
        removeIfStill(takeover, mine);
      }
    } else {
      // Another process is taking the stale lock over: wait for it, unless it died doing so.
      const other = readHolder(takeover);
      if (other && isAlive(other.pid) && other.pid !== process.pid) pause(20);
      else if (other) removeIfStill(takeover, other);
    }
  }
  throw new DataFolderInUseError(`The data folder ${dataDir} could not be locked: remove ${path} if no process uses the folder.`);
}
