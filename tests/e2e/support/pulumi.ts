import * as path from "node:path";
import { CommandResult, startCommand, StartedCommand } from "../../../tools/processes";
import { REPO_ROOT } from "../../../tools/toolchain";
import { createUserProject, DEFAULT_LEG, NodeLeg, PackageManager, ProjectStack } from "../../../tools/userProject";
import type { StateResource } from "../../../cli/stackState";

/**
 * The end-to-end tests' way of running Pulumi, the users' way: a project folder (`Pulumi.yaml`,
 * `index.ts`, `package.json`) into which npm installed the packed package, driven by the real
 * `pulumi` CLI, whose Node.js language host compiles the program with the project's own ts-node,
 * against the local LiveKit of globalSetup, with a local file backend.
 */

export type RunResult = CommandResult;

/** Project folders the tests run: each is copied and installed once per test run and leg. */
export const PROJECTS = {
  /** Trunks from stack config `trunks` (name → InboundTrunk args), passwords from secret `passwords`. */
  declared: path.join(REPO_ROOT, "tests/projects/declared"),
  seed: path.join(REPO_ROOT, "examples/seed-trunks"),
  anyNumber: path.join(REPO_ROOT, "examples/any-number"),
  authRandomPassword: path.join(REPO_ROOT, "examples/auth-random-password"),
  acceptCalls: path.join(REPO_ROOT, "examples/accept-calls"),
  /** The Python example: an explicit provider, a trunk, a rule bound to it, an outbound trunk (stack config varies them). */
  pythonCallPath: path.join(REPO_ROOT, "examples/python-call-path"),
  /** A YAML program of the native package: a trunk, a rule bound to it, an outbound trunk (stack config varies them). */
  nativeYaml: path.join(REPO_ROOT, "tests/projects/native-yaml"),
  routeYaml: path.join(REPO_ROOT, "tests/projects/route-yaml"),
  /** The secrets audit's YAML program: every secret field of each type, and a rule attribute given a secret value. */
  nativeSecrets: path.join(REPO_ROOT, "tests/projects/native-secrets"),
};

export interface RunOptions {
  expectNoChanges?: boolean;
  refresh?: boolean;
  diff?: boolean;
  debug?: boolean;
  parallel?: number;
  /** `up` and `refresh` without their preview (`--skip-preview`), as scripts and the benchmarks run them. */
  skipPreview?: boolean;
  /** Stack config beside livekit:url and livekit:apiKey; objects are JSON-encoded. */
  config?: Record<string, unknown>;
  /** Secret stack config beside livekit:apiSecret. */
  secrets?: Record<string, string>;
  clearPendingCreates?: boolean;
  /** Extra environment for the CLI and the provider. */
  env?: Record<string, string>;
}

/**
 * How CI scripts commonly run Pulumi, for the scenario suites that run it dozens of times:
 * `pulumi up --yes --skip-preview` (and `refresh`), and ts-node without type checking
 * (`PULUMI_NODEJS_TRANSPILE_ONLY=true`). The foundation, example, codegen and Node 24 suites run
 * the defaults a user gets from typing `pulumi up`: a preview first, and a type-checked program.
 */
export const SCRIPTED: RunOptions = { skipPreview: true, env: { PULUMI_NODEJS_TRANSPILE_ONLY: "true" } };

export type Operation = "preview" | "up" | "refresh" | "destroy" | "export" | "outputs" | "cancel";

/** The CLI's arguments for one operation (always non-interactive, no colour). */
function operationArgs(operation: Operation, options: RunOptions): string[] {
  const common = ["--non-interactive", "--color", "never"];
  const flags = (pairs: [boolean | undefined, string[]][]) => pairs.flatMap(([on, args]) => (on ? args : []));
  const debug: [boolean | undefined, string[]] = [options.debug, ["--debug", "--logtostderr", "-v=9"]];
  const parallel: [boolean | undefined, string[]] = [options.parallel !== undefined, ["--parallel", String(options.parallel)]];
  switch (operation) {
    case "preview":
      return ["preview", ...common, ...flags([[options.expectNoChanges, ["--expect-no-changes"]], [options.refresh, ["--refresh"]], [options.diff, ["--diff"]], parallel, debug])];
    case "up":
      return ["up", "--yes", ...common, ...flags([[options.skipPreview, ["--skip-preview"]], [options.expectNoChanges, ["--expect-no-changes"]], [options.refresh, ["--refresh"]], [options.diff, ["--diff"]], parallel, debug])];
    case "refresh":
      return ["refresh", "--yes", ...common, ...flags([[options.skipPreview, ["--skip-preview"]], [options.expectNoChanges, ["--expect-no-changes"]], [options.clearPendingCreates, ["--clear-pending-creates"]], debug])];
    case "destroy":
      return ["destroy", "--yes", ...common, ...flags([parallel, debug])];
    case "export":
      return ["stack", "export"];
    case "outputs":
      return ["stack", "output", "--json"];
    case "cancel":
      return ["cancel", "--yes"];
  }
}

/** Where a test's user project lives and how it was installed, when not the suites' default. */
export interface Placement {
  /**
   * The project folder. Default: the run's projects/<leg>/<source's name>, shared by the stacks of
   * that source and leg (one install); with nothing to install (`packageManager: "none"`),
   * projects/<leg>/<source's name>-<stack>, one copy per stack.
   */
  projectDir?: string;
  /** The client that installs it (default: npm); `none` for YAML and Go programs. */
  packageManager?: PackageManager | "none";
  /** Folders put first on PATH for every command, e.g. where the native plugin was installed. */
  pathPrefix?: string[];
  /** The file backend's folder (default: the run's state/, shared by every suite), e.g. a team's own backend. */
  stateDir?: string;
  /** A backend URL instead of the file backend, e.g. a team's `postgres://…` (`teamBackend`). */
  backendUrl?: string;
  /** The engineer's own PULUMI_HOME (default: the toolchain's), as on another machine. */
  pulumiHome?: string;
}

/** The run's result, unless the CLI warned that it used a plugin from PATH (a development set-up). */
function refuseAmbientPlugins(result: RunResult): RunResult {
  const warning = /using (pulumi-\S+) from \$PATH at \S+/.exec(result.output);
  if (warning) throw new Error(`pulumi used an ambient plugin: "${warning[0]}"; plugins are installed into the plugin cache\n${result.output}`);
  return result;
}

/** One stack of one user project, its state in the test run's file backend. */
export class TestStack {
  private readonly stack: ProjectStack;
  private stackReady = false;
  /** The config last written, so that unchanged config costs no CLI call. */
  private lastConfig: { plain: Record<string, string>; secret: Record<string, string> } | undefined;

  /**
   * @param name the stack's name
   * @param source a project folder (PROJECTS) to copy, or one a test wrote
   * @param leg the Node.js + @pulumi/pulumi combination to install and run with
   * @param defaults options every run starts from; a run's own options win
   * @param placement the project's folder and package manager, where a test chooses them
   */
  constructor(
    readonly name: string,
    readonly source: string,
    readonly leg: NodeLeg = DEFAULT_LEG,
    /** Options every run of this stack starts from (e.g. SCRIPTED). */
    private readonly defaults: RunOptions = {},
    private readonly placement: Placement = {},
  ) {
    // A copy costs nothing without an install, and tests edit YAML programs as users do (paste
    // imported code, add options): each stack's edits then reach no other suite's program.
    const folder = placement.packageManager === "none" ? `${path.basename(source)}-${name}` : path.basename(source);
    const projectDir = placement.projectDir ?? path.join(process.env.LSP_E2E_DIR!, "projects", leg.name, folder);
    this.stack = new ProjectStack(projectDir, name, placement.stateDir ?? path.join(process.env.LSP_E2E_DIR!, "state"), leg);
  }

  /** The installed user project this stack runs in. */
  get projectDir(): string {
    return this.stack.projectDir;
  }

  /** The environment of every command in the project: the CLI's, the provider's and the tools'. */
  env(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
    // The provider must find its credentials in stack config alone: no LIVEKIT_* in its environment.
    const inherited = Object.fromEntries(Object.entries(process.env).filter(([key]) => !key.startsWith("LIVEKIT_")));
    const machine = {
      ...(this.placement.backendUrl ? { PULUMI_BACKEND_URL: this.placement.backendUrl } : {}),
      ...(this.placement.pulumiHome ? { PULUMI_HOME: this.placement.pulumiHome } : {}),
    };
    const env = this.stack.env({ ...machine, ...this.defaults.env, ...extra }, inherited);
    if (this.placement.pathPrefix) env.PATH = [...this.placement.pathPrefix, env.PATH].join(path.delimiter);
    return env;
  }

  /**
   * Runs `pulumi` in the project folder with the given arguments (and `--stack`). Every run of
   * every suite fails if the CLI used a plugin found on PATH: the README installs plugins the
   * Pulumi way (the plugin cache, or next to the CLI for its bundled ones), where it warns about none.
   */
  pulumi(args: string[], extraEnv: Record<string, string> = {}): StartedCommand {
    this.install();
    const started = this.stack.pulumi(args, this.env(extraEnv));
    return { ...started, result: started.result.then(refuseAmbientPlugins) };
  }

  /** Runs one of the package's commands as users do: `npx livekit-sip-…` in the project folder. */
  packageCommand(bin: string, args: string[], extraEnv: Record<string, string> = {}): Promise<RunResult> {
    this.install();
    return startCommand(path.join(this.projectDir, "node_modules", ".bin", bin), args, this.projectDir, this.env(extraEnv)).result;
  }

  /** Runs a shell command line in the project folder, as a CI step would. */
  shell(commandLine: string, extraEnv: Record<string, string> = {}): Promise<RunResult> {
    this.install();
    return startCommand("bash", ["-c", commandLine], this.projectDir, this.env(extraEnv)).result;
  }

  run(operation: Operation, options: RunOptions = {}): Promise<RunResult> {
    return this.start(operation, options).then((started) => started.result);
  }

  /** Selects the stack, writes its config, then starts the operation. */
  async start(operation: Operation, runOptions: RunOptions = {}, extraArgs: string[] = []): Promise<StartedCommand> {
    // env() adds the defaults' environment itself; the run's own env goes on top.
    const options = { ...this.defaults, ...runOptions };
    await this.configure(options);
    return this.pulumi([...operationArgs(operation, options), ...extraArgs], runOptions.env);
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
    const { stdout } = await this.expect("export");
    const parsed = JSON.parse(stdout) as { deployment: { resources?: StateResource[] } };
    return { text: stdout, resources: parsed.deployment.resources ?? [] };
  }

  /** The raw state file in the backend (what lands on disk). */
  stateFileText(): string {
    return this.stack.stateFileText();
  }

  /** Installs the packed package into a copy of the source folder, once per run and folder. */
  install(): void {
    createUserProject({
      dir: this.projectDir,
      name: path.basename(this.source),
      from: this.source,
      tarball: process.env.LSP_E2E_TARBALL!,
      leg: this.leg,
      packageManager: this.placement.packageManager,
    });
  }

  /**
   * Selects (creating) the stack and writes its config: livekit:* from the test server, then
   * `options`. Keys not given keep their earlier value, as with `pulumi config set`.
   */
  async configure(options: RunOptions = {}): Promise<void> {
    this.install();
    if (!this.stackReady) {
      await this.stack.select(this.env());
      this.stackReady = true;
    }
    const encode = (values: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : JSON.stringify(value)]));
    const plain = encode({ "livekit:url": process.env.LSP_E2E_URL, "livekit:apiKey": process.env.LSP_E2E_API_KEY, ...options.config });
    const secret = encode({ "livekit:apiSecret": process.env.LSP_E2E_API_SECRET, ...options.secrets });
    if (JSON.stringify({ plain, secret }) === JSON.stringify(this.lastConfig)) return;
    // Like `pulumi config set`, keys not given keep the value they had.
    await this.stack.setConfig(plain, secret, this.env());
    this.lastConfig = { plain, secret };
  }
}

/** A resource as `pulumi stack export` records it: the package's own reading of exported state. */
export type { StateResource };
