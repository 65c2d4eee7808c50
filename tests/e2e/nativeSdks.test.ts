import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { generateNativeSdks } from "../../tools/nativeSdks";
import { REPO_ROOT } from "../../tools/toolchain";

/**
 * The committed SDKs of the native package (`sdk/`) are exactly what the built plugin's
 * schema generates today, and the ones that can be compiled here compile: Node.js (the package
 * build compiles it into its `./native` export) and Go. The Python SDK is built into a wheel
 * (releaseArtifacts.test.ts) and run (nativePython.test.ts). .NET is generated only: no .NET SDK
 * is installed.
 */

const committed = path.join(REPO_ROOT, "sdk");

/** Every file below `dir`, as paths relative to it. */
function filesBelow(dir: string): string[] {
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true }).filter((entry) => entry.isFile()).map((entry) => path.relative(dir, path.join(entry.parentPath, entry.name))).sort();
}

test("sdk/ is what the current schema generates (run node dist/tools/nativeSdks.js after changing a table)", () => {
  const fresh = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-sdks-"));
  generateNativeSdks(fresh);
  const files = filesBelow(fresh);
  expect(filesBelow(committed)).toEqual(files);
  const differing = files.filter((file) => !fs.readFileSync(path.join(fresh, file)).equals(fs.readFileSync(path.join(committed, file))));
  expect(differing).toEqual([]);
  fs.rmSync(fresh, { recursive: true, force: true });
});

test("the Go SDK compiles against the pinned Pulumi Go SDK", () => {
  execFileSync("go", ["build", "./..."], { cwd: path.join(committed, "go", "livekit"), stdio: ["ignore", "pipe", "pipe"] });
});

test("the Node.js SDK is compiled into the package's ./native export", () => {
  const native = require(path.join(REPO_ROOT, "dist", "native", "nodejs")) as { Provider?: unknown; sip?: Record<string, unknown> };
  expect(typeof native.Provider).toBe("function");
  expect(Object.keys(native.sip ?? {}).filter((name) => typeof native.sip![name] === "function").sort()).toEqual(["DispatchRule", "InboundTrunk", "OutboundTrunk"]);
});
