import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { buildSync, Metafile } from "esbuild";
import { PACKAGE_NAME } from "../provider/core/resourceType";
import { PACKAGE_VERSION, REPO_ROOT } from "./toolchain";

/**
 * The native plugin as Pulumi installs providers: `pulumi-resource-livekit-v<version>-<os>-<arch>.tar.gz`,
 * which `pulumi plugin install resource livekit <version> --file <archive>` (or the engine itself,
 * from the schema's pluginDownloadURL) unpacks into the plugin cache. It is self-contained: the
 * plugin and everything it loads bundled into one file, so nothing is installed with npm.
 *
 *   node dist/tools/pluginArchive.js   (after tsc; `npm run build` runs it)
 */

/** The platforms one archive serves: the plugin is JavaScript started by a POSIX shell launcher. */
export const PLUGIN_PLATFORMS = ["linux-amd64", "linux-arm64", "darwin-amd64", "darwin-arm64"] as const;

/** The oldest Node.js the plugin runs on (package.json's `engines`). */
export const MINIMUM_NODE_MAJOR = 20;

export const RELEASE_DIR = path.join(REPO_ROOT, "dist", "release");

/** The archive's file name for a version and platform, as Pulumi's plugin downloads name them. */
export function pluginArchiveName(version: string, platform: (typeof PLUGIN_PLATFORMS)[number] = "linux-amd64"): string {
  return `pulumi-resource-${PACKAGE_NAME}-v${version}-${platform}.tar.gz`;
}

/** The launcher the engine starts: finds Node.js on PATH and says so plainly when there is none. */
function launcher(version: string): string {
  return `#!/bin/sh
# pulumi-resource-${PACKAGE_NAME} v${version}: LiveKit SIP for Pulumi. A Node.js program: it needs
# Node.js ${MINIMUM_NODE_MAJOR} or later on PATH.
command -v node >/dev/null 2>&1 || {
  echo "pulumi-resource-${PACKAGE_NAME}: needs Node.js ${MINIMUM_NODE_MAJOR} or later on PATH, and found no node (install it from https://nodejs.org)" >&2
  exit 1
}
exec node "\${0%/*}/start.js" "$@"
`;
}

/**
 * Runs before the bundle and in syntax every Node.js parses, so that an old Node.js gets a
 * sentence naming the version it needs rather than a SyntaxError from the bundle.
 */
export function nodeVersionCheck(): string {
  return `// Written by tools/pluginArchive.ts: the Node.js check, then the plugin.
var major = Number(process.versions.node.split(".")[0]);
if (major < ${MINIMUM_NODE_MAJOR}) {
  process.stderr.write("pulumi-resource-${PACKAGE_NAME}: needs Node.js ${MINIMUM_NODE_MAJOR} or later; the node on PATH is " + process.version + " (" + process.execPath + ")\\n");
  process.exit(1);
}
require("./provider.js");
`;
}

/** Each bundled package once, with the license text it ships, for the archive's notices file. */
function thirdPartyNotices(metafile: Metafile): string {
  const packageDirs = new Set<string>();
  for (const input of Object.keys(metafile.inputs)) {
    const match = /^(.*node_modules\/(?:@[^/]+\/)?[^/]+)\//.exec(input);
    if (match) packageDirs.add(path.resolve(REPO_ROOT, match[1]));
  }
  const sections = [...packageDirs].sort().map((dir) => {
    const manifest = JSON.parse(fs.readFileSync(path.join(dir, "package.json"), "utf8")) as { name: string; version: string; license?: string };
    const licenseFile = fs.readdirSync(dir).find((file) => /^(licen[sc]e|copying)/i.test(file));
    const text = licenseFile ? fs.readFileSync(path.join(dir, licenseFile), "utf8").trim() : `License: ${manifest.license ?? "see the package"}`;
    return `${manifest.name} ${manifest.version} (${manifest.license ?? "license file below"})\n\n${text}`;
  });
  return `pulumi-resource-${PACKAGE_NAME} bundles these packages:\n\n${sections.join("\n\n" + "-".repeat(72) + "\n\n")}\n`;
}

/** Writes the archives for every platform into dist/release/ and returns their paths. */
export function writePluginArchives(): string[] {
  const version = PACKAGE_VERSION;
  const staging = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-plugin-"));
  fs.chmodSync(staging, 0o755); // the archive's root folder becomes the plugin's folder
  try {
    const result = buildSync({
      // The compiled plugin (tsc checked it), whose `require("../../../package.json")` is inlined.
      entryPoints: [path.join(REPO_ROOT, "dist", "provider", "native", "main.js")],
      outfile: path.join(staging, "provider.js"),
      bundle: true,
      platform: "node",
      target: `node${MINIMUM_NODE_MAJOR}`,
      format: "cjs",
      metafile: true,
      logLevel: "error",
      // provider/engine/protocol.ts then takes the runtimes the bundle holds, not node_modules'.
      define: { LIVEKIT_SIP_BUNDLE: "true" },
    });
    fs.writeFileSync(path.join(staging, "start.js"), nodeVersionCheck());
    fs.writeFileSync(path.join(staging, `pulumi-resource-${PACKAGE_NAME}`), launcher(version), { mode: 0o755 });
    fs.writeFileSync(path.join(staging, "THIRD_PARTY_NOTICES.txt"), thirdPartyNotices(result.metafile));
    fs.mkdirSync(RELEASE_DIR, { recursive: true });
    return PLUGIN_PLATFORMS.map((platform) => {
      const archive = path.join(RELEASE_DIR, pluginArchiveName(version, platform));
      // Reproducible: sorted names, no owners or times, gzip without a timestamp.
      execFileSync("tar", ["--sort=name", "--owner=0", "--group=0", "--numeric-owner", "--mtime=@0", "-I", "gzip -n", "-cf", archive, "-C", staging, "."]);
      return archive;
    });
  } finally {
    fs.rmSync(staging, { recursive: true, force: true });
  }
}

if (require.main === module) {
  for (const archive of writePluginArchives()) console.log(`plugin archive: ${path.relative(REPO_ROOT, archive)} (${Math.round(fs.statSync(archive).size / 1024)} KiB)`);
}
