import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { PACKAGE_VERSION, REPO_ROOT } from "../../tools/toolchain";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, lkUpdateFields, recordJson } from "./support/livekit";
import { forgetCachedModule, serveGoModule } from "./support/goModuleProxy";
import { TestStack } from "./support/pulumi";

/**
 * A Go program of the native package (`runtime: go`, the real Go language host) through the
 * generated Go SDK, which `go` fetches by its module path and version from a module proxy (a
 * file:// one serving `sdk/go/livekit` as proxy.golang.org serves a tagged folder), with no
 * `replace`: create a trunk and a rule bound to it, a field update, a same-ID replace, lk-made
 * drift found by `preview --refresh --expect-no-changes` (exit 7), destroy.
 */

const sdk = path.join(REPO_ROOT, "sdk", "go", "livekit");
const modulePath = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "sdk", "schema.json"), "utf8")) as { language: { go: { importBasePath: string } } }).language.go.importBasePath;
/** The Pulumi Go SDK the generated SDK requires, which the program requires too. */
const sdkVersion = `v${PACKAGE_VERSION}`;
const pulumiGoSdk = /^\s*github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)$/m.exec(fs.readFileSync(path.join(sdk, "go.mod"), "utf8"))![1];
let stack: TestStack;
let ids: { trunkId: string; ruleId: string };

beforeAll(async () => {
  await deleteAllTrunks();
  await deleteAll("dispatch");
  stack = new TestStack("go", path.join(REPO_ROOT, "tests/projects/native-go"), DEFAULT_LEG, {}, { packageManager: "none" });
  stack.install();
  const proxy = path.join(process.env.LSP_E2E_DIR!, "goproxy");
  serveGoModule(proxy, sdk, modulePath, sdkVersion);
  forgetCachedModule(modulePath, sdkVersion);
  fs.writeFileSync(path.join(stack.projectDir, "go.mod"), `module native-go\n\ngo 1.26\n\nrequire github.com/pulumi/pulumi/sdk/v3 ${pulumiGoSdk}\n`);
  // As a user types it; the checksum database has never seen this module, so it is not asked.
  const env = { ...process.env, GOPROXY: `file://${proxy},${execFileSync("go", ["env", "GOPROXY"], { encoding: "utf8" }).trim()}`, GONOSUMDB: modulePath };
  execFileSync("go", ["get", `${modulePath}@${sdkVersion}`], { cwd: stack.projectDir, env, stdio: ["ignore", "pipe", "pipe"] });
  execFileSync("go", ["mod", "tidy"], { cwd: stack.projectDir, env, stdio: ["ignore", "pipe", "pipe"] });
  expect(fs.readFileSync(path.join(stack.projectDir, "go.mod"), "utf8")).toContain(`${modulePath} ${sdkVersion}`);
});

test("up creates the trunk and the rule bound to it", async () => {
  const { output } = await stack.expect("up");
  expect(output).toMatch(/\+ 3 created/);
  ids = JSON.parse((await stack.expect("outputs")).stdout);
  expect((await recordJson("inbound", ids.trunkId))?.name).toBe("Go line");
  expect((await recordJson("dispatch", ids.ruleId))?.trunkIds).toEqual([ids.trunkId]);
});

test("a changed name is a field update of the same trunk", async () => {
  const { output } = await stack.expect("up", { config: { lineName: "Go line, renamed" } });
  expect(output).toMatch(/field update: name/);
  expect((await recordJson("inbound", ids.trunkId))?.name).toBe("Go line, renamed");
});

test("a Krisp change is a replace of the same trunk ID: the IDs and the rule's binding stay", async () => {
  const { output } = await stack.expect("up", { config: { lineName: "Go line, renamed", krisp: true } });
  expect(output).toMatch(/replace: krispEnabled changed/);
  expect(await recordJson("inbound", ids.trunkId)).toMatchObject({ name: "Go line, renamed", krispEnabled: true });
  expect(JSON.parse((await stack.expect("outputs")).stdout)).toEqual(ids);
});

test("lk-made drift fails a refreshing preview with exit 7; destroy deletes both", async () => {
  await lkUpdateFields(ids.trunkId, { name: "Edited with lk" });
  const applied = { lineName: "Go line, renamed", krisp: true };
  const { output } = await stack.expect("preview", { config: applied, refresh: true, expectNoChanges: true }, 7);
  expect(output).toMatch(/line\s+update\s+\[diff: ~name\]/);
  await stack.expect("destroy", { config: applied });
  expect(await recordJson("inbound", ids.trunkId)).toBeUndefined();
  expect(await recordJson("dispatch", ids.ruleId)).toBeUndefined();
});
