import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { REPO_ROOT } from "../../tools/toolchain";
import { carrierTrunkArgs } from "../../examples/any-number/carrier";
import { declaredPart, deleteAllTrunks, listTrunksJson, serverMedia } from "./support/livekit";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * Every folder under examples/ is a runnable Pulumi project: copied, `npm install`ed with the
 * packed package, and run with `pulumi up`, an empty `pulumi preview --refresh
 * --expect-no-changes`, and `pulumi destroy`, exactly as its README tells a user.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);

beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
});
afterAll(() => proxy.stop());

test("every example folder is a project this suite runs", () => {
  const projects = fs
    .readdirSync(path.join(REPO_ROOT, "examples"))
    .filter((name) => fs.existsSync(path.join(REPO_ROOT, "examples", name, "Pulumi.yaml")))
    .map((name) => path.join(REPO_ROOT, "examples", name));
  expect(projects.sort()).toEqual([PROJECTS.anyNumber, PROJECTS.authRandomPassword, PROJECTS.seed].sort());
});

describe("examples/seed-trunks", () => {
  const stack = new TestStack("dev", PROJECTS.seed);

  test("up creates the quickstart's two trunks; a refreshing preview is empty; destroy removes them", async () => {
    const { output } = await stack.expect("up");
    expect(output).toMatch(/\+ 3 created/);
    expect((await listTrunksJson()).map((t) => t.name).sort()).toEqual(["Allowed callers", "Main line"]);
    await stack.expect("preview", { refresh: true, expectNoChanges: true });
    await stack.expect("destroy");
    expect(await listTrunksJson()).toEqual([]);
  });
});

describe("examples/any-number", () => {
  const stack = new TestStack("dev", PROJECTS.anyNumber);

  test("up creates the trunk with every declared field in one CreateSIPInboundTrunk call", async () => {
    await stack.expect("up", { config: { "livekit:url": proxy.url } });
    expect(proxy.counts()).toEqual({ CreateSIPInboundTrunk: 1 });
    // The server reports the encryption in both the deprecated field and `media`; lk shows the first.
    const [trunk] = await listTrunksJson();
    const { media, ...withoutMedia } = carrierTrunkArgs;
    expect(declaredPart(trunk)).toEqual({ ...withoutMedia, mediaEncryption: media.encryption });
    expect(await serverMedia(trunk.sipTrunkId)).toEqual(media);
  });

  test("a refreshing preview afterwards is empty, and destroy removes the trunk", async () => {
    await stack.expect("preview", { refresh: true, expectNoChanges: true });
    await stack.expect("destroy");
    expect(await listTrunksJson()).toEqual([]);
  });
});

describe("examples/auth-random-password (the real random plugin)", () => {
  const stack = new TestStack("dev", PROJECTS.authRandomPassword);
  let firstPassword = "";

  test("up creates the trunk with a generated 32-character password", async () => {
    const { output } = await stack.expect("up");
    expect(output).toMatch(/\+ 3 created/);
    const [trunk] = await listTrunksJson();
    firstPassword = String(trunk.authPassword);
    expect(firstPassword).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(declaredPart(trunk)).toEqual({ name: "Office PBX", numbers: ["+15105550110"], authUsername: "office-pbx", authPassword: firstPassword });
    expect(output).not.toContain(firstPassword);
    await stack.expect("preview", { refresh: true, expectNoChanges: true });
  });

  test("rotating the password through its keeper is a field update of authPassword alone", async () => {
    const [before] = await listTrunksJson();
    proxy.reset();
    const { output } = await stack.expect("up", { config: { passwordRotation: "2", "livekit:url": proxy.url } });
    expect(output).toMatch(/field update: authPassword$/m);
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
    const [after] = await listTrunksJson();
    expect(after.sipTrunkId).toBe(before.sipTrunkId);
    expect(after.authPassword).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(after.authPassword).not.toBe(firstPassword);
    expect({ ...declaredPart(after), authPassword: "" }).toEqual({ ...declaredPart(before), authPassword: "" });
    expect(output).not.toContain(String(after.authPassword));
    await stack.expect("preview", { config: { passwordRotation: "2" }, refresh: true, expectNoChanges: true });
  });

  test("destroy removes the trunk and the password", async () => {
    const { output } = await stack.expect("destroy", { config: { passwordRotation: "2" } });
    expect(output).toMatch(/- 3 deleted/);
    expect(await listTrunksJson()).toEqual([]);
  });
});
