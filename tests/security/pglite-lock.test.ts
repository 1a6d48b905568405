import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it, vi } from "vitest";
import { acquireDirLock, DataDirLockedError } from "@/db/lock";

const root = path.resolve(import.meta.dirname, "../..");
const tmpDir = () => path.join(fs.mkdtempSync(path.join(os.tmpdir(), "rp-lock-")), "pglite");

/** Another process holding the lock on `dir`, as a server does (prints "locked" once it holds it). */
async function holder(dir: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "tests/helpers/lock-holder.ts", dir], {
    cwd: root,
    stdio: "pipe",
  });
  let err = "";
  child.stderr.on("data", (d) => (err += d));
  await new Promise<void>((resolve, reject) => {
    child.stdout.on("data", (d) => String(d).includes("locked") && resolve());
    child.once("exit", (c) => reject(new Error(`holder exited ${c}: ${err}`)));
  });
  return child;
}

describe("the embedded database's directory lock", () => {
  const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
  afterEach(() => warn.mockClear());

  it("refuses while the holder runs, and takes over at once after it was killed with -9, saying so", async () => {
    const dir = tmpDir();
    const child = await holder(dir);
    expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
    expect(() => acquireDirLock(dir)).toThrow(new RegExp(`in use by process ${child.pid}`));
    const gone = new Promise((r) => child.once("exit", r));
    child.kill("SIGKILL");
    await gone;
    const release = acquireDirLock(dir);
    expect(warn.mock.calls.flat().join("\n")).toMatch(
      new RegExp(`took over .*${dir}.*process ${child.pid} no longer runs`),
    );
    release();
    expect(fs.existsSync(`${dir}.lock`)).toBe(false);
  }, 60_000);

  it("takes over a lock whose pid now belongs to another process (restart after a crash reused it)", async () => {
    const dir = tmpDir();
    // The parent process is alive, but it is not the process that wrote this lock: its start time differs.
    fs.writeFileSync(`${dir}.lock`, JSON.stringify({ pid: process.ppid, startTime: "1" }));
    const release = acquireDirLock(dir);
    expect(warn.mock.calls.flat().join("\n")).toMatch(/took over/);
    release();
  });

  it("a live holder written by this version is still refused", async () => {
    const dir = tmpDir();
    const child = await holder(dir);
    try {
      const content = JSON.parse(fs.readFileSync(`${dir}.lock`, "utf8"));
      expect(content.pid).toBe(child.pid);
      expect(() => acquireDirLock(dir)).toThrow(DataDirLockedError);
      expect(warn).not.toHaveBeenCalled();
    } finally {
      child.kill("SIGKILL");
    }
  }, 60_000);
});
