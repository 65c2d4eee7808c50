import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { REPO_ROOT } from "../../tools/toolchain";
import { carrierTrunkArgs } from "../../examples/any-number/carrier";
import { declaredPart, deleteAll, deleteAllTrunks, listJson, listTrunksJson, lk, recordJson, serverMedia } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";
import { DEFAULT_LEG } from "../../tools/userProject";

/**
 * Every folder under examples/ is a runnable Pulumi project: copied, `npm install`ed with the
 * packed package, and run with `pulumi up`, an empty `pulumi preview --refresh
 * --expect-no-changes`, and `pulumi destroy`, exactly as its README tells a user; and every call
 * each one answers reaches a rule (`npx livekit-sip-route --check` finds nothing).
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);

beforeAll(async () => {
  await deleteAllTrunks();
  await deleteAll("dispatch");
  await proxy.start();
});
afterAll(() => proxy.stop());

/** What `npx livekit-sip-route --check` says of the example's stack: nothing to fix. */
async function expectEveryCallRouted(stack: TestStack): Promise<void> {
  const check = await stack.packageCommand("livekit-sip-route", ["--stack", stack.name, "--check"]);
  expect(check.stdout).toContain("No routing problems");
  expect(check.code).toBe(0);
}

test("every example folder is a project this suite runs", () => {
  const projects = fs
    .readdirSync(path.join(REPO_ROOT, "examples"))
    .filter((name) => fs.existsSync(path.join(REPO_ROOT, "examples", name, "Pulumi.yaml")))
    .map((name) => path.join(REPO_ROOT, "examples", name));
  // The Python example runs in nativePython.test.ts, in a virtualenv of its own.
  expect(projects.sort()).toEqual([PROJECTS.acceptCalls, PROJECTS.anyNumber, PROJECTS.authRandomPassword, PROJECTS.pythonCallPath, PROJECTS.seed].sort());
});

describe("examples/seed-trunks", () => {
  const stack = new TestStack("dev", PROJECTS.seed);

  test("up creates the quickstart's two trunks and their rules; every call routes; a refreshing preview is empty; destroy removes them", async () => {
    const { output } = await stack.expect("up");
    expect(output).toMatch(/\+ 5 created/);
    expect((await listTrunksJson()).map((t) => t.name).sort()).toEqual(["Allowed callers", "Main line"]);
    expect((await listJson("dispatch")).map((r) => r.name).sort()).toEqual(["Allowed callers: one room", "Main line: a room per caller"]);
    await expectEveryCallRouted(stack);
    await stack.expect("preview", { refresh: true, expectNoChanges: true });
    await stack.expect("destroy");
    expect(await listTrunksJson()).toEqual([]);
  });
});

describe("examples/any-number", () => {
  const stack = new TestStack("dev", PROJECTS.anyNumber);

  test("up creates the trunk with every declared field in one CreateSIPInboundTrunk call, and its rule", async () => {
    await stack.expect("up", { config: { "livekit:url": proxy.url } });
    expect(proxy.counts()).toEqual({ CreateSIPInboundTrunk: 1, CreateSIPDispatchRule: 1 });
    // The server reports the encryption in both the deprecated field and `media`; lk shows the first.
    const [trunk] = await listTrunksJson();
    const { media, ...withoutMedia } = carrierTrunkArgs;
    expect(declaredPart(trunk)).toEqual({ ...withoutMedia, mediaEncryption: media.encryption });
    expect(await serverMedia(trunk.sipTrunkId)).toEqual(media);
    await expectEveryCallRouted(stack);
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
    expect(output).toMatch(/\+ 4 created/);
    const [trunk] = await listTrunksJson();
    firstPassword = String(trunk.authPassword);
    expect(firstPassword).toMatch(/^[A-Za-z0-9]{32}$/);
    expect(declaredPart(trunk)).toEqual({ name: "Office PBX", numbers: ["+15105550110"], authUsername: "office-pbx", authPassword: firstPassword });
    expect(output).not.toContain(firstPassword);
    await stack.expect("preview", { refresh: true, expectNoChanges: true });
    await expectEveryCallRouted(stack);
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
    expect(output).toMatch(/- 4 deleted/);
    expect(await listTrunksJson()).toEqual([]);
  });
});

describe("examples/accept-calls", () => {
  const stack = new TestStack("dev", PROJECTS.acceptCalls);
  const secrets = { carrierPassword: `pw-${Date.now()}-carrier` };
  let ids: { inboundTrunkId: string; dispatchRuleId: string; outboundTrunkId: string };

  beforeAll(async () => {
    for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
  });

  test("up creates the trunk, the rule on that trunk and the outbound trunk; a refreshing preview is empty", async () => {
    const { output } = await stack.expect("up", { secrets });
    expect(output).toMatch(/\+ 4 created/);
    ids = JSON.parse((await stack.expect("outputs")).stdout);
    expect(await recordJson("dispatch", ids.dispatchRuleId)).toEqual({
      sipDispatchRuleId: ids.dispatchRuleId,
      name: "Support: a room per caller",
      trunkIds: [ids.inboundTrunkId],
      rule: { dispatchRuleIndividual: { roomPrefix: "support-" } },
      roomConfig: { agents: [{ agentName: "support-agent" }], emptyTimeout: 60 },
      attributes: { queue: "support" },
    });
    expect(await recordJson("outbound", ids.outboundTrunkId)).toMatchObject({
      address: "sip.carrier.example.com",
      transport: "SIP_TRANSPORT_TLS",
      authPassword: secrets.carrierPassword,
      mediaEncryption: "SIP_MEDIA_ENCRYPT_REQUIRE",
    });
    await stack.expect("preview", { secrets, refresh: true, expectNoChanges: true });
    await expectEveryCallRouted(stack);
  });

  test("npx livekit-sip-drift names lk's edits of the rule and the outbound trunk by type; up --refresh puts them back", async () => {
    await lk("sip", "dispatch", "update", "--id", ids.dispatchRuleId, "--name", "Edited by hand");
    await lk("sip", "outbound", "update", "--id", ids.outboundTrunkId, "--address", "other.example.com", "--auth-pass", "changed-by-hand");
    const json = path.join(process.env.LSP_E2E_DIR!, "accept-calls-drift.json");
    const drift = await stack.packageCommand("livekit-sip-drift", ["--stack", stack.name, "--json", json]);
    expect(drift.code).toBe(2);
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as { resourcesChecked: number; rows: { type: string; id: string; field: string; live: string }[] };
    expect(report.resourcesChecked).toBe(3);
    expect(report.rows.map((r) => [r.type, r.id, r.field, r.live]).sort()).toEqual(
      [
        ["DispatchRule", ids.dispatchRuleId, "name", '"Edited by hand"'],
        ["OutboundTrunk", ids.outboundTrunkId, "address", '"other.example.com"'],
        ["OutboundTrunk", ids.outboundTrunkId, "authPassword", "(secret)"],
      ].sort(),
    );
    expect(drift.output).not.toContain("changed-by-hand");
    await stack.expect("up", { secrets, refresh: true, skipPreview: true });
    expect(await recordJson("outbound", ids.outboundTrunkId)).toMatchObject({ address: "sip.carrier.example.com", authPassword: secrets.carrierPassword });
    expect((await stack.packageCommand("livekit-sip-drift", ["--stack", stack.name])).code).toBe(0);
  });

  test("npx livekit-sip-codegen writes a program adopting all three, the rule linked to its trunk, that runs with no write", async () => {
    const codegen = await stack.packageCommand("livekit-sip-codegen", [], {
      LIVEKIT_URL: process.env.LSP_E2E_URL!,
      LIVEKIT_API_KEY: process.env.LSP_E2E_API_KEY!,
      LIVEKIT_API_SECRET: process.env.LSP_E2E_API_SECRET!,
    });
    expect(codegen.code).toBe(0);
    expect(codegen.stdout).toContain("trunkIds: [supportLine.sipTrunkId]");
    expect(codegen.stdout).not.toContain(secrets.carrierPassword);
    const source = path.join(process.env.LSP_E2E_DIR!, "generated", "accept-calls-codegen");
    fs.mkdirSync(source, { recursive: true });
    fs.writeFileSync(path.join(source, "index.ts"), codegen.stdout);
    // Run as CI scripts run Pulumi; the adopt suite runs a generated program the default way.
    const generated = new TestStack("adopted", source, DEFAULT_LEG, SCRIPTED);
    proxy.reset();
    await generated.expect("up", { config: { "livekit:url": proxy.url }, secrets: { carrierCallbacksAuthPassword: secrets.carrierPassword } });
    expect(Object.keys(proxy.counts()).sort()).toEqual(["ListSIPDispatchRule", "ListSIPInboundTrunk", "ListSIPOutboundTrunk"]);
    await generated.expect("preview", { refresh: true, expectNoChanges: true });
    // The generated stack now owns them too: its destroy deletes all three, the example's finds them gone.
    await generated.expect("destroy");
  });

  test("destroy removes all three", async () => {
    await stack.expect("destroy", { secrets });
    for (const kind of ["inbound", "dispatch", "outbound"] as const) expect(await listJson(kind)).toEqual([]);
  });
});
