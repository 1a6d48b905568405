import fs from "node:fs";
import path from "node:path";

export class DataDirLockedError extends Error {
  constructor(dir: string, pid: number) {
    super(
      `The embedded database at ${dir} is in use by process ${pid} (the app server). ` +
        `Stop it first, or point DATABASE_URL at PostgreSQL to run several processes at once.`,
    );
    this.name = "DataDirLockedError";
  }
}

/** A process's start time (clock ticks since boot, from /proc), or null where /proc is not available. */
function startTimeOf(pid: number): string | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Fields after the command name (which may hold spaces, hence the last ")"): state is 3rd, starttime 22nd.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[0] === "Z" ? "zombie" : (fields[19] ?? null);
  } catch {
    return null;
  }
}

interface LockOwner {
  pid: number;
  /** Distinguishes the writer from a later process that was given the same pid. */
  startTime: string | null;
}

function readOwner(file: string): LockOwner | null {
  const text = fs.readFileSync(file, "utf8").trim();
  try {
    const v = JSON.parse(text) as Partial<LockOwner> | number;
    if (typeof v === "number") return { pid: v, startTime: null };
    return typeof v?.pid === "number" ? { pid: v.pid, startTime: v.startTime ?? null } : null;
  } catch {
    return null;
  }
}

/** Whether the lock's writer still runs: its pid exists, is not a zombie, and started when the lock says. */
function stillRuns(owner: LockOwner): boolean {
  try {
    process.kill(owner.pid, 0);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== "EPERM") return false;
  }
  const now = startTimeOf(owner.pid);
  if (now === "zombie") return false;
  return owner.startTime === null || now === null || now === owner.startTime;
}

/**
 * PGlite has no lock of its own and two processes on one directory silently lose data,
 * so one process per directory takes `<dir>.lock` (pid and start time inside). A lock whose process no
 * longer runs (killed with -9, or its pid reused after a restart) is taken over, with a warning.
 */
export function acquireDirLock(dir: string): () => void {
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const file = `${dir}.lock`;
  const me = JSON.stringify({ pid: process.pid, startTime: startTimeOf(process.pid) } satisfies LockOwner);
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      fs.writeFileSync(file, me, { flag: "wx" });
      const release = () => {
        try {
          if (fs.readFileSync(file, "utf8") === me) fs.unlinkSync(file);
        } catch {}
      };
      process.once("exit", release);
      return release;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== "EEXIST") throw e;
      const owner = readOwner(file);
      if (owner?.pid === process.pid) return () => {};
      if (owner && stillRuns(owner)) throw new DataDirLockedError(dir, owner.pid);
      console.warn(
        `[db] took over the lock of ${dir}: ${owner ? `process ${owner.pid} no longer runs` : "the lock file was unreadable"}`,
      );
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`Could not lock ${dir}`);
}
