import { execFileSync } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/toolchain";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, lkUpdateFields, recordJson } from "./support/livekit";
import { nativePluginBin } from "./support/native";
import { TestStack } from "./support/pulumi";

/**
 * A Go program of the native package (`runtime: go`, the real Go language host) through the
 * generated Go SDK, required by its module path and replaced with `sdk/go/livekit`, as
 * the README says: create a trunk and a rule bound to it, a field update, lk-made drift found
 * by `preview --refresh --expect-no-changes` (exit 7), destroy.
 */

const sdk = path.join(REPO_ROOT, "sdk", "go", "livekit");
const modulePath = (JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "sdk", "schema.json"), "utf8")) as { language: { go: { importBasePath: string } } }).language.go.importBasePath;
/** The Pulumi Go SDK the generated SDK requires, which the program requires too. */
const pulumiGoSdk = /^\s*github\.com\/pulumi\/pulumi\/sdk\/v3 (v\S+)$/m.exec(fs.readFileSync(path.join(sdk, "go.mod"), "utf8"))![1];
let stack: TestStack;
let ids: { trunkId: string; ruleId: string };

beforeAll(async () => {
  await deleteAllTrunks();
  await deleteAll("dispatch");
  stack = new TestStack("go", path.join(REPO_ROOT, "tests/projects/native-go"), DEFAULT_LEG, {}, { packageManager: "none", pathPrefix: [nativePluginBin()] });
  stack.install();
  fs.writeFileSync(
    path.join(stack.projectDir, "go.mod"),
    `module native-go\n\ngo 1.26\n\nrequire (\n\tgithub.com/pulumi/pulumi/sdk/v3 ${pulumiGoSdk}\n\t${modulePath} v0.0.0\n)\n\nreplace ${modulePath} => ${sdk}\n`,
  );
  execFileSync("go", ["mod", "tidy"], { cwd: stack.projectDir, stdio: ["ignore", "pipe", "pipe"] });
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

test("lk-made drift fails a refreshing preview with exit 7; destroy deletes both", async () => {
  await lkUpdateFields(ids.trunkId, { name: "Edited with lk" });
  const { output } = await stack.expect("preview", { config: { lineName: "Go line, renamed" }, refresh: true, expectNoChanges: true }, 7);
  expect(output).toMatch(/line\s+update\s+\[diff: ~name\]/);
  await stack.expect("destroy", { config: { lineName: "Go line, renamed" } });
  expect(await recordJson("inbound", ids.trunkId)).toBeUndefined();
  expect(await recordJson("dispatch", ids.ruleId)).toBeUndefined();
});
