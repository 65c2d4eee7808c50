import { execFile } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { promisify } from "node:util";
import { CommandError, LocalWorkspace, PulumiCommand, Stack } from "@pulumi/pulumi/automation";
import { REPO_ROOT, toolchainPath } from "./toolchain";

/**
 * Runs a Pulumi program file with the real `pulumi` CLI and a local file backend.
 *
 * The Node.js language host (`pulumi-language-nodejs`) cannot be built from the Go module proxy
 * here, so the program runs as an Automation API inline program: this process hosts the program
 * and the CLI does everything else (engine, state, the dynamic-provider plugin) exactly as
 * `pulumi up` would.
 *
 * Usage: node dist/tools/stack.js <preview|up|refresh|destroy|export|outputs> --program FILE
 *   --stack NAME --state DIR [--work DIR] [--config KEY=JSON]... [--secret KEY=VALUE]...
 *   [--expect-no-changes] [--refresh] [--diff] [--parallel N] [--debug]
 * Exit code: the CLI's (7 when --expect-no-changes found changes).
 */

/** A fixed passphrase for local stacks only; real stacks set PULUMI_CONFIG_PASSPHRASE. */
export const LOCAL_PASSPHRASE = "livekit-sip-pulumi-local-only";

/** What to run. */
export interface StackRun {
  operation: "preview" | "up" | "refresh" | "destroy" | "export" | "outputs" | "cancel";
  programFile: string;
  stackName: string;
  stateDir: string;
  /** The program's folder as the engine sees it; holds node_modules links. */
  workDir: string;
  /** Plain config values, JSON-encoded where not strings. */
  config: Record<string, string>;
  secrets: Record<string, string>;
  expectNoChanges: boolean;
  refresh: boolean;
  diff: boolean;
  debug: boolean;
  parallel?: number;
  /** Write the engine's events as JSON lines here, as the CLI's --event-log does. */
  eventLog?: string;
  /** refresh: drop operations an interrupted run left pending (`--clear-pending-creates`). */
  clearPendingCreates?: boolean;
}

function parseArgs(argv: string[]): StackRun {
  const [operation, ...rest] = argv;
  const run: Partial<StackRun> & { config: Record<string, string>; secrets: Record<string, string> } = {
    config: {},
    secrets: {},
    expectNoChanges: false,
    refresh: false,
    diff: false,
    debug: false,
  };
  if (!["preview", "up", "refresh", "destroy", "export", "outputs", "cancel"].includes(operation)) {
    throw new Error(`unknown operation ${JSON.stringify(operation)}; use preview, up, refresh, destroy, export, outputs or cancel`);
  }
  run.operation = operation as StackRun["operation"];
  for (let i = 0; i < rest.length; i++) {
    const flag = rest[i];
    const value = () => {
      const v = rest[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    const keyValue = (target: Record<string, string>) => {
      const pair = value();
      const at = pair.indexOf("=");
      if (at < 1) throw new Error(`${flag} takes KEY=VALUE, got ${JSON.stringify(pair)}`);
      target[pair.slice(0, at)] = pair.slice(at + 1);
    };
    switch (flag) {
      case "--program": run.programFile = path.resolve(value()); break;
      case "--stack": run.stackName = value(); break;
      case "--state": run.stateDir = path.resolve(value()); break;
      case "--work": run.workDir = path.resolve(value()); break;
      case "--config": keyValue(run.config); break;
      case "--secret": keyValue(run.secrets); break;
      case "--expect-no-changes": run.expectNoChanges = true; break;
      case "--refresh": run.refresh = true; break;
      case "--diff": run.diff = true; break;
      case "--debug": run.debug = true; break;
      case "--parallel": run.parallel = Number(value()); break;
      case "--event-log": run.eventLog = path.resolve(value()); break;
      case "--clear-pending-creates": run.clearPendingCreates = true; break;
      default: throw new Error(`unknown flag ${flag}`);
    }
  }
  if (!run.programFile || !run.stackName || !run.stateDir) throw new Error("--program, --stack and --state are required");
  run.workDir ??= path.join(run.stateDir, "work", run.stackName);
  return run as StackRun;
}

/**
 * The engine starts the dynamic-provider plugin in the program's folder, and the stored stub
 * loads `livekit-sip-pulumi/provider` from there: link the package and the Pulumi SDK in, as a
 * user's project would have them installed.
 */
export function prepareWorkDir(workDir: string): void {
  const modules = path.join(workDir, "node_modules");
  fs.mkdirSync(modules, { recursive: true });
  const links: Record<string, string> = {
    "livekit-sip-pulumi": REPO_ROOT,
    "@pulumi": path.join(REPO_ROOT, "node_modules", "@pulumi"),
  };
  for (const [name, target] of Object.entries(links)) {
    const link = path.join(modules, name);
    if (!fs.existsSync(link)) fs.symlinkSync(target, link, "dir");
  }
}

function loadProgram(file: string): () => Promise<Record<string, unknown> | void> {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const loaded = require(file) as unknown;
  const program = typeof loaded === "function" ? loaded : (loaded as { default?: unknown }).default;
  if (typeof program !== "function") throw new Error(`${file} must export a function (export = () => {...})`);
  return async () => (await (program as () => unknown)()) as Record<string, unknown> | void;
}

async function openStack(run: StackRun): Promise<Stack> {
  prepareWorkDir(run.workDir);
  fs.mkdirSync(run.stateDir, { recursive: true });
  const envVars: Record<string, string> = {
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? LOCAL_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
    PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
    PATH: toolchainPath(),
  };
  // The CLI is found on PATH, with the toolchain cache first (see toolchainPath).
  process.env.PATH = envVars.PATH;
  const pulumiCommand = await PulumiCommand.get({ skipVersionCheck: true });
  const stack = await LocalWorkspace.createOrSelectStack(
    { stackName: run.stackName, projectName: "livekit-sip", program: loadProgram(run.programFile) },
    {
      workDir: run.workDir,
      pulumiCommand,
      envVars,
      projectSettings: { name: "livekit-sip", runtime: "nodejs", backend: { url: `file://${run.stateDir}` } },
    },
  );
  const config: Record<string, { value: string; secret?: boolean }> = {};
  for (const [key, value] of Object.entries(run.config)) config[key] = { value };
  for (const [key, value] of Object.entries(run.secrets)) config[key] = { value, secret: true };
  if (Object.keys(config).length > 0) await stack.setAllConfig(config);
  return stack;
}

/** Runs one operation, streaming the CLI's output; resolves to the CLI's exit code. */
export async function runStack(run: StackRun): Promise<number> {
  const stack = await openStack(run);
  const onOutput = (out: string) => process.stdout.write(out);
  const events = run.eventLog ? fs.openSync(run.eventLog, "w") : undefined;
  const onEvent = events === undefined ? undefined : (event: unknown) => fs.writeSync(events, JSON.stringify(event) + "\n");
  const common = { onOutput, onEvent, color: "never" as const, diff: run.diff, debug: run.debug, logToStdErr: run.debug, logVerbosity: run.debug ? 9 : undefined };
  try {
    switch (run.operation) {
      case "preview":
        await stack.preview({ ...common, expectNoChanges: run.expectNoChanges, refresh: run.refresh, parallel: run.parallel });
        break;
      case "up":
        await stack.up({ ...common, expectNoChanges: run.expectNoChanges, refresh: run.refresh, parallel: run.parallel });
        break;
      case "refresh":
        await stack.refresh({ onOutput, color: "never", expectNoChanges: run.expectNoChanges, clearPendingCreates: run.clearPendingCreates });
        break;
      case "destroy":
        await stack.destroy({ onOutput, color: "never", parallel: run.parallel });
        break;
      case "export": {
        // Not Stack.exportStack(): that passes --show-secrets; this is what users see.
        const { stdout } = await promisify(execFile)("pulumi", ["stack", "export", "--stack", run.stackName], {
          cwd: run.workDir,
          env: { ...process.env, ...stack.workspace.envVars },
          maxBuffer: 256 * 1024 * 1024,
        });
        process.stdout.write(stdout);
        break;
      }
      case "cancel":
        await stack.cancel();
        break;
      case "outputs":
        process.stdout.write(JSON.stringify(await stack.outputs(), null, 2) + "\n");
        break;
    }
    return 0;
  } catch (error) {
    if (error instanceof CommandError) {
      const result = (error as unknown as { commandResult?: { code?: number; stderr?: string } }).commandResult;
      process.stderr.write(result?.stderr ?? String(error));
      // The SDK wraps a failed run's result again and loses its exit code (-2); the message keeps it.
      const exitCode = /exit code (\d+)/.exec(result?.stderr ?? "")?.[1];
      return exitCode ? Number(exitCode) : result?.code && result.code > 0 ? result.code : 1;
    }
    throw error;
  } finally {
    if (events !== undefined) fs.closeSync(events);
  }
}

if (require.main === module) {
  runStack(parseArgs(process.argv.slice(2))).then(
    (code) => process.exit(code),
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
      process.exit(1);
    },
  );
}
