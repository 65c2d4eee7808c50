import * as fs from "node:fs";

/**
 * Small helpers over Linux processes, for the local stack, the tests and the benchmarks: listing
 * and reading /proc, walking a process tree, and signalling processes that may already be gone.
 */

/** The ID of every process now listed in /proc. */
export function processIds(): number[] {
  return fs
    .readdirSync("/proc")
    .filter((entry) => /^\d+$/.test(entry))
    .map(Number);
}

/** A file of `/proc/<pid>/`, or undefined when the process ended between listing and reading. */
export function readProcFile(pid: number, file: string): string | undefined {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return undefined;
  }
}

/**
 * Every live descendant of a process. Needed where a process group is not enough: the pulumi CLI
 * starts its plugins (the dynamic provider among them) in process groups of their own.
 */
export function descendants(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const pid of processIds()) {
    const stat = readProcFile(pid, "stat");
    if (stat === undefined) continue;
    // The command name (field 2) may hold spaces; the parent PID is the second field after it.
    const parent = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
    children.set(parent, [...(children.get(parent) ?? []), pid]);
  }
  const found: number[] = [];
  const queue = [root];
  while (queue.length > 0) {
    for (const child of children.get(queue.shift()!) ?? []) {
      found.push(child);
      queue.push(child);
    }
  }
  return found;
}

/** Sends a signal to a process (or, with a negative ID, a process group) that may already be gone. */
export function signalQuietly(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(pid, signal);
  } catch {
    // already gone
  }
}

/** Whether a process still exists. */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
