import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";

/**
 * Where `scripts/toolchain.sh` put the Go programs, and the environment a Pulumi run needs.
 */

/** The repository root (this file is at dist/tools/ or tools/). */
export const REPO_ROOT = path.resolve(__dirname, __dirname.includes(`${path.sep}dist${path.sep}`) ? "../.." : "..");

/** The cache folder's bin, outside the clone. */
export const TOOLCHAIN_BIN = path.join(process.env.LSP_TOOLCHAIN_DIR ?? path.join(os.homedir(), ".cache", "livekit-sip-pulumi"), "bin");

/** Absolute path of a toolchain program: the cached build if present, else the name (found on PATH). */
export function toolPath(name: string): string {
  const cached = path.join(TOOLCHAIN_BIN, name);
  return fs.existsSync(cached) ? cached : name;
}

/** PATH with the toolchain (CLI and its bundled dynamic-provider plugin) first. */
export function toolchainPath(): string {
  return [TOOLCHAIN_BIN, process.env.PATH ?? ""].join(path.delimiter);
}
