import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { descendants, signalQuietly } from "../../../tools/processes";
import { REPO_ROOT } from "../../../tools/toolchain";

/**
 * Runs the real `pulumi` CLI (through dist/tools/stack.js, in its own process, exactly as the
 * demo does) against the local LiveKit of the end-to-end tests, with a local file backend.
 */

/** What one CLI run printed and how it exited. */
export interface RunResult {
  code: number;
  output: string;
}

/** Programs compiled from tests/programs and examples. */
export const PROGRAMS = {
  declared: path.join(REPO_ROOT, "dist/tests/programs/declared.js"),
  seed: path.join(REPO_ROOT, "dist/examples/seed-trunks/index.js"),
};

export interface RunOptions {
  expectNoChanges?: boolean;
  refresh?: boolean;
  diff?: boolean;
  debug?: boolean;
  parallel?: number;
  config?: Record<string, unknown>;
  secrets?: Record<string, string>;
  clearPendingCreates?: boolean;
  /** Extra environment for the CLI and the provider. */
  env?: Record<string, string>;
}

/** One stack of one program, state kept in a file backend under the test run's folder. */
export class TestStack {
  readonly stateDir: string;

  constructor(
    readonly name: string,
    readonly program: string,
  ) {
    this.stateDir = path.join(process.env.LSP_E2E_DIR!, "state");
  }

  run(operation: Operation, options: RunOptions = {}): Promise<RunResult> {
    return this.start(operation, options).result;
  }

  /**
   * Starts a run in its own process group, so that a test can kill the whole tree (runner, CLI,
   * provider) as a crash or a cancelled CI job would, leaving no orphaned provider behind.
   */
  start(operation: Operation, options: RunOptions = {}, extraArgs: string[] = []): { kill: (signal: NodeJS.Signals) => void; result: Promise<RunResult> } {
    const args = [path.join(REPO_ROOT, "dist/tools/stack.js"), operation, "--program", this.program, "--stack", this.name, "--state", this.stateDir];
    const config: Record<string, unknown> = {
      "livekit:url": process.env.LSP_E2E_URL,
      "livekit:apiKey": process.env.LSP_E2E_API_KEY,
      ...options.config,
    };
    for (const [key, value] of Object.entries(config)) args.push("--config", `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`);
    const secrets = { "livekit:apiSecret": process.env.LSP_E2E_API_SECRET!, ...options.secrets };
    for (const [key, value] of Object.entries(secrets)) args.push("--secret", `${key}=${value}`);
    if (options.expectNoChanges) args.push("--expect-no-changes");
    if (options.refresh) args.push("--refresh");
    if (options.diff) args.push("--diff");
    if (options.debug) args.push("--debug");
    if (options.parallel) args.push("--parallel", String(options.parallel));
    if (options.clearPendingCreates) args.push("--clear-pending-creates");
    args.push(...extraArgs);
    // The provider must find its credentials in stack config alone: no LIVEKIT_* in its environment.
    const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("LIVEKIT_")));
    const child = spawn(process.execPath, args, { env: { ...env, ...options.env }, stdio: ["ignore", "pipe", "pipe"], detached: true });
    const result = new Promise<RunResult>((resolve, reject) => {
      let output = "";
      child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
      child.on("error", reject);
      child.on("close", (code, signal) => resolve({ code: code ?? (signal ? 128 : -1), output }));
    });
    const kill = (signal: NodeJS.Signals) => {
      // The CLI's plugins sit in process groups of their own; take them down too.
      const tree = descendants(child.pid!);
      signalQuietly(-child.pid!, signal);
      for (const pid of tree) signalQuietly(pid, signal);
    };
    return { kill, result };
  }

  /** Runs and fails the test, showing the CLI's output, unless the exit code is as expected. */
  async expect(operation: Operation, options: RunOptions = {}, expectedCode = 0): Promise<RunResult> {
    const result = await this.run(operation, options);
    if (result.code !== expectedCode) {
      throw new Error(`pulumi ${operation} exited ${result.code}, expected ${expectedCode}:\n${result.output}`);
    }
    return result;
  }

  /** The stack's state as `pulumi stack export` gives it. */
  async exportState(): Promise<{ text: string; resources: StateResource[] }> {
    const { output } = await this.expect("export");
    const text = output.slice(output.indexOf("{"));
    const parsed = JSON.parse(text) as { deployment: { resources?: StateResource[] } };
    return { text, resources: parsed.deployment.resources ?? [] };
  }

  /** The raw state file in the backend (what lands on disk). */
  stateFileText(): string {
    const dir = path.join(this.stateDir, ".pulumi", "stacks", "livekit-sip");
    const file = fs.readdirSync(dir).find((f) => f.startsWith(`${this.name}.json`) && !f.endsWith(".bak"));
    return fs.readFileSync(path.join(dir, file!), "utf8");
  }
}

type Operation = "preview" | "up" | "refresh" | "destroy" | "export" | "outputs" | "cancel";

export interface StateResource {
  urn: string;
  type: string;
  id?: string;
  inputs?: Record<string, unknown>;
  outputs?: Record<string, unknown>;
}
