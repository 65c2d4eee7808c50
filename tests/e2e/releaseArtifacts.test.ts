import { execFileSync, spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PLUGIN_PLATFORMS, pluginArchiveName, RELEASE_DIR } from "../../tools/pluginArchive";
import { PACKAGE_VERSION, pulumiEnv, REPO_ROOT, toolPath } from "../../tools/toolchain";

/**
 * What `npm run build` writes into dist/release/ besides the npm package: the plugin archives
 * users install with `pulumi plugin install … --file` (or the engine fetches from the release),
 * and the Python SDK's wheel and sdist. Installed into an empty PULUMI_HOME, the archive serves
 * the schema with nothing else installed; the launcher names what it needs when Node.js is missing.
 */

const version = PACKAGE_VERSION;
const schema = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "sdk", "schema.json"), "utf8")) as { pluginDownloadURL: string };

test("one plugin archive per platform, the same self-contained files in each", () => {
  const listings = PLUGIN_PLATFORMS.map((platform) => execFileSync("tar", ["-tzf", path.join(RELEASE_DIR, pluginArchiveName(version, platform))], { encoding: "utf8" }));
  expect(listings[0].split("\n").filter(Boolean).sort()).toEqual(["./", "./THIRD_PARTY_NOTICES.txt", "./provider.js", "./pulumi-resource-livekit", "./start.js"]);
  for (const listing of listings) expect(listing).toBe(listings[0]);
});

test("`pulumi plugin install --file` puts it in an empty plugin cache, where the CLI runs it with no node_modules anywhere", () => {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-plugin-home-"));
  const env = { ...pulumiEnv(path.join(home, "state")), PULUMI_HOME: home };
  execFileSync(toolPath("pulumi"), ["plugin", "install", "resource", "livekit", version, "--file", path.join(RELEASE_DIR, pluginArchiveName(version))], { env, stdio: "pipe" });
  // Run from a folder with no node_modules above it: the bundle carries every module it loads.
  const served = JSON.parse(execFileSync(toolPath("pulumi"), ["package", "get-schema", `livekit@${version}`], { env, cwd: home, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })) as { version: string; pluginDownloadURL: string };
  expect(served.version).toBe(version);
  expect(served.pluginDownloadURL).toBe(schema.pluginDownloadURL);

  const launcher = path.join(home, "plugins", `resource-livekit-v${version}`, "pulumi-resource-livekit");
  const withoutNode = spawnSync("/bin/sh", [launcher], { env: { PATH: path.join(home, "no-such-folder") }, encoding: "utf8" });
  expect(withoutNode.status).toBe(1);
  expect(withoutNode.stderr).toBe("pulumi-resource-livekit: needs Node.js 20 or later on PATH, and found no node (install it from https://nodejs.org)\n");
  fs.rmSync(home, { recursive: true, force: true });
});

test("the Python SDK's wheel and sdist carry the package's version, and the wheel names the plugin and where it is published", () => {
  const wheel = path.join(RELEASE_DIR, `livekit_sip_pulumi-${version}-py3-none-any.whl`);
  expect(fs.existsSync(path.join(RELEASE_DIR, `livekit_sip_pulumi-${version}.tar.gz`))).toBe(true);
  const read = (member: string) => execFileSync("python3", ["-c", "import sys, zipfile; sys.stdout.write(zipfile.ZipFile(sys.argv[1]).read(sys.argv[2]).decode())", wheel, member], { encoding: "utf8" });
  expect(JSON.parse(read("livekit_sip_pulumi/pulumi-plugin.json"))).toEqual({ resource: true, name: "livekit", version, server: schema.pluginDownloadURL });
  expect(read(`livekit_sip_pulumi-${version}.dist-info/METADATA`)).toMatch(new RegExp(`^Version: ${version.replace(/\./g, "\\.")}$`, "m"));
});
