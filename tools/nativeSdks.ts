import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { PACKAGE_NAME, PackageSchema } from "../provider/native/schema";
import { pulumiEnv, REPO_ROOT, toolPath } from "./toolchain";

/** The Pulumi Go SDK the generated Go SDK requires: the pinned CLI's (scripts/toolchain.sh). */
const PULUMI_GO_SDK_VERSION = "3.274.1";

/**
 * Writes the native package's schema and SDKs, as committed in `sdk/`: the schema is what
 * the built plugin serves (`pulumi package get-schema`), the Node.js, Go and Python SDKs come from
 * `pulumi package gen-sdk` through those languages' hosts, and the .NET SDK from `sdkgen`
 * (Pulumi's own generator for it; its host is not to be had here).
 *
 *   node dist/tools/nativeSdks.js [OUT]   (default: sdk/ of the clone)
 */
export function generateNativeSdks(out: string): void {
  const plugin = path.join(REPO_ROOT, "dist", "provider", "native", "main.js");
  fs.chmodSync(plugin, 0o755);
  const home = fs.mkdtempSync(path.join(os.tmpdir(), "livekit-sip-sdkgen-"));
  const env = { ...process.env, ...pulumiEnv(path.join(home, "state")) };
  const run = (command: string, args: string[], cwd = home) => execFileSync(command, args, { cwd, env, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
  try {
    fs.rmSync(out, { recursive: true, force: true });
    fs.mkdirSync(out, { recursive: true });
    const schema = path.join(out, "schema.json");
    fs.writeFileSync(schema, run(toolPath("pulumi"), ["package", "get-schema", plugin]));
    for (const language of ["nodejs", "go", "python"]) run(toolPath("pulumi"), ["package", "gen-sdk", schema, "--language", language, "--out", out]);
    run(toolPath("sdkgen"), ["-schema", schema, "-language", "dotnet", "-out", path.join(out, "dotnet")]);
    writeGoModule(path.join(out, "go", PACKAGE_NAME), JSON.parse(fs.readFileSync(schema, "utf8")) as PackageSchema, run);
  } finally {
    fs.rmSync(home, { recursive: true, force: true });
  }
}

/**
 * The Go SDK as a module of its own (gen-sdk writes only the packages): its path is the schema's
 * `importBasePath`, it requires the Pulumi Go SDK of the pinned CLI, and `go mod tidy` (from the
 * Go module proxy) completes go.sum, so a program can require it, or `replace` it with a folder.
 */
function writeGoModule(dir: string, schema: PackageSchema, run: (command: string, args: string[], cwd?: string) => string): void {
  const modulePath = String(schema.language.go.importBasePath);
  fs.writeFileSync(path.join(dir, "go.mod"), `module ${modulePath}\n\ngo 1.26\n\nrequire github.com/pulumi/pulumi/sdk/v3 v${PULUMI_GO_SDK_VERSION}\n`);
  run("go", ["mod", "tidy"], dir);
}

if (require.main === module) generateNativeSdks(path.resolve(process.argv[2] ?? path.join(REPO_ROOT, "sdk")));
