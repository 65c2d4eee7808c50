import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as net from "node:net";

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

/** Whether a process still runs: it exists and has not exited (a zombie waiting for its parent to reap it has). */
export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  const stat = readProcFile(pid, "stat");
  return stat !== undefined && stat.slice(stat.lastIndexOf(")") + 2, stat.lastIndexOf(")") + 3) !== "Z";
}

/** What one command printed and how it exited. */
export interface CommandResult {
  code: number;
  /** stdout and stderr as they came. */
  output: string;
  stdout: string;
}

/** A running command that its caller may kill as a crash or a cancelled CI job would. */
export interface StartedCommand {
  /** Signals the command and every process it started. */
  kill: (signal: NodeJS.Signals) => void;
  /** The command's own process (its children have processes and groups of their own). */
  pid: number;
  result: Promise<CommandResult>;
}

/**
 * Starts a command in its own process group and collects its output (or, with `echo`, also
 * passes it through). The pulumi CLI starts plugins in process groups of their own, so `kill`
 * walks the whole tree: nothing is left orphaned.
 */
export function startCommand(command: string, args: string[], cwd: string, env: NodeJS.ProcessEnv, echo = false): StartedCommand {
  const child = spawn(command, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  const result = new Promise<CommandResult>((resolve, reject) => {
    let output = "";
    let stdout = "";
    child.stdout.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      stdout += chunk.toString();
      if (echo) process.stdout.write(chunk);
    });
    child.stderr.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      if (echo) process.stderr.write(chunk);
    });
    child.on("error", reject);
    child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), output, stdout }));
  });
  const kill = (signal: NodeJS.Signals) => {
    const tree = descendants(child.pid!);
    signalQuietly(-child.pid!, signal);
    for (const pid of tree) signalQuietly(pid, signal);
  };
  return { kill, pid: child.pid!, result };
}

/** Whether something already listens on 127.0.0.1:port. */
export function portInUse(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host: "127.0.0.1", port });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
