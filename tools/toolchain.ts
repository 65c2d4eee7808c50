import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Where `scripts/toolchain.sh` put the programs the demo, tests and benchmarks run, and the
 * environment a `pulumi` run needs on these machines.
 */

/** The repository root (this file is at dist/tools/ or tools/). */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

/** The package's version: of the npm package, the plugin and its archives, and every SDK. */
export const PACKAGE_VERSION = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "package.json"), "utf8")) as { version: string }).version;

/** The cache folder, outside the clone. */
export const TOOLCHAIN_DIR = process.env.LSP_TOOLCHAIN_DIR ?? path.join(os.homedir(), ".cache", "livekit-sip-pulumi");

/** The cache's bin: pulumi, its language host and dynamic-provider script, livekit-server, lk. */
export const TOOLCHAIN_BIN = path.join(TOOLCHAIN_DIR, "bin");

/** The PULUMI_HOME in which toolchain.sh registered the `random` plugin. */
export const PULUMI_HOME = path.join(TOOLCHAIN_DIR, "pulumi-home");

/** Absolute path of a toolchain program: the cached build if present, else the name (found on PATH). */
export function toolPath(name: string): string {
  const cached = path.join(TOOLCHAIN_BIN, name);
  return fs.existsSync(cached) ? cached : name;
}

/** PATH with the toolchain first, then the given Node.js's folder, then the caller's PATH. */
export function toolchainPath(nodeDir = path.dirname(process.execPath)): string {
  return [TOOLCHAIN_BIN, nodeDir, process.env.PATH ?? ""].join(path.delimiter);
}

/** A fixed passphrase for local stacks only; real stacks set their own PULUMI_CONFIG_PASSPHRASE. */
export const LOCAL_PASSPHRASE = "livekit-sip-pulumi-local-only";

/**
 * The environment of a `pulumi` run against a local file backend: the toolchain on PATH, no
 * plugin downloads (nothing outside the package registries is reachable here), no update check.
 */
export function pulumiEnv(stateDir: string, nodeDir?: string): Record<string, string> {
  return {
    PATH: toolchainPath(nodeDir),
    PULUMI_HOME,
    PULUMI_BACKEND_URL: `file://${stateDir}`,
    PULUMI_CONFIG_PASSPHRASE: process.env.PULUMI_CONFIG_PASSPHRASE ?? LOCAL_PASSPHRASE,
    PULUMI_SKIP_UPDATE_CHECK: "true",
    PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
  };
}
