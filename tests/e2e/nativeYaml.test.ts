import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, lkReplaceOf, recordJson } from "./support/livekit";
import { expectCountedSameIdReplace, expectLkDriftCaughtAndConverged, LK_MADE_CARRIER_PASSWORD, lkMadeRecords } from "./support/nativeCycle";
import { packageCommandsBin } from "./support/native";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * The native package in a Pulumi YAML program (`runtime: yaml`, the real YAML language host),
 * with the plugin installed as the README says: the trunk, a rule bound to its `sipTrunkId` and
 * an outbound trunk go up; a field update and a same-ID replace cost one List and one write
 * each (counted by a proxy) and preview exactly (detailed diff, the ID stable, the rule
 * untouched); drift made with `lk` fails `preview --refresh --expect-no-changes` naming the
 * field and `up --refresh` converges it; `pulumi import` of an lk-made trunk sends no write and
 * its printed code, pasted, previews empty; destroy removes everything.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
let stack: TestStack;
const secrets = { carrierPassword: `pw-${Date.now()}-yaml` };
let ids: { trunkId: string; ruleId: string; outboundTrunkId: string };

beforeAll(async () => {
  await deleteAllTrunks();
  for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
  await proxy.start();
  stack = new TestStack("yaml", PROJECTS.nativeYaml, DEFAULT_LEG, {}, { packageManager: "none", pathPrefix: [packageCommandsBin()] });
});
afterAll(() => proxy.stop());

/** The stack config of every run: the LiveKit address is the counting proxy's from the first run on. */
const config = (extra: Record<string, unknown> = {}) => ({ "livekit:url": proxy.url, ...extra });

test("up creates the trunk, the rule bound to it and the outbound trunk; each message is said once, in its resource's row", async () => {
  const { output } = await stack.expect("up", { config: config(), secrets });
  expect(output).toMatch(/\+ 4 created/);
  // In the resource's own row while the run goes on (the native host gives the engine each call's URN)…
  expect(output).toMatch(/livekit:sip:InboundTrunk line \S+ \([\d.]+s\) livekit-sip-pulumi: created trunk ST_/);
  expect(output).toMatch(/livekit:sip:DispatchRule rule \S+ \([\d.]+s\) livekit-sip-pulumi: created dispatch rule SDR_/);
  // …and not again in the closing summary.
  expect(output).not.toMatch(/^Diagnostics:$/m);
  ids = JSON.parse((await stack.expect("outputs")).stdout);
  expect(await recordJson("inbound", ids.trunkId)).toMatchObject({ name: "YAML line", numbers: ["+15105550700"], includeHeaders: "SIP_X_HEADERS" });
  expect(await recordJson("dispatch", ids.ruleId)).toMatchObject({ trunkIds: [ids.trunkId], rule: { dispatchRuleIndividual: { roomPrefix: "yaml-" } } });
  expect(await recordJson("outbound", ids.outboundTrunkId)).toMatchObject({ address: "sip.carrier.example.com", authUsername: "yaml-user" });

  const { text, resources } = await stack.exportState();
  expect(text).not.toContain("__provider");
  expect(text).not.toContain(secrets.carrierPassword);
  expect(text).not.toContain(process.env.LSP_E2E_API_SECRET!);
  expect(JSON.stringify(resources.find((r) => r.type === "livekit:sip:OutboundTrunk")?.outputs?.authPassword)).toContain("ciphertext");
});

test("a field update previews as ~name and costs one List and one field update of the same ID; debug logs hold no secret", async () => {
  const preview = await stack.expect("preview", { config: config({ lineName: "Renamed line" }), secrets, diff: true });
  expect(preview.output).toMatch(/~ name\s*: "YAML line" => "Renamed line"/);
  expect(preview.output).toMatch(/trunk ST_\w+ will take a field update \(name\)$/m);
  proxy.reset();
  const { output } = await stack.expect("up", { config: config({ lineName: "Renamed line" }), secrets, skipPreview: true, debug: true });
  expect(output).toMatch(/field update: name/);
  // The engine's and the plugin's debug logs (every gRPC payload at -v=9) name no secret value.
  expect(output).toMatch(/Provider\[0x[0-9a-f]+\]\.Update/);
  expect(output).not.toContain(secrets.carrierPassword);
  expect(output).not.toContain(process.env.LSP_E2E_API_SECRET!);
  expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1, UpdateSIPInboundTrunk: 1 });
  expect((await recordJson("inbound", ids.trunkId))?.name).toBe("Renamed line");
});

test("a replace-only field is a same-ID replace: the preview shows the trunk alone changing, its ID known", async () => {
  const next = config({ lineName: "Renamed line", krisp: true });
  const preview = await stack.expect("preview", { config: next, secrets });
  expect(preview.output).toMatch(/~ 1 to update/);
  expect(preview.output).toMatch(/livekit:sip:InboundTrunk\s+line\s+update\s+\[diff: ~krispEnabled\]/);
  // Said under the resource, so that it does not preview like a field update.
  expect(preview.output).toMatch(/trunk ST_\w+ will take a replace of the same ID: krispEnabled cannot change in place$/m);
  expect(preview.output).not.toMatch(/unknown|DispatchRule\s+rule\s+update/);
  await expectCountedSameIdReplace(stack, proxy, { config: next, secrets }, ids, { name: "Renamed line", krispEnabled: true });
});

test("lk-made drift fails preview --refresh --expect-no-changes (exit 7) naming the field; up --refresh converges it", async () => {
  // The package's drift command, from the global install of the commands, reads the native stack too.
  await expectLkDriftCaughtAndConverged(stack, { config: config({ lineName: "Renamed line", krisp: true }), secrets }, ids.trunkId, "Renamed line");
});

test("pulumi import of lk-made records of each type sends no write; the code it prints holds no secret and, pasted into the program, previews empty", async () => {
  const applied = config({ lineName: "Renamed line", krisp: true });
  const made = await lkMadeRecords("+15105550777", "+15105550778");
  proxy.reset();
  await stack.configure({ config: applied, secrets });
  let printed = "";
  for (const [type, name, id] of [["InboundTrunk", "imported", made.InboundTrunk], ["OutboundTrunk", "importedCarrier", made.OutboundTrunk], ["DispatchRule", "importedRule", made.DispatchRule]]) {
    const codeFile = path.join(stack.projectDir, `${name}.yaml`);
    const result = await stack.pulumi(["import", `livekit:sip:${type}`, name, id, "--yes", "--non-interactive", "--out", codeFile]).result;
    if (result.code !== 0) throw new Error(`pulumi import exited ${result.code}:\n${result.output}`);
    expect(result.output).toMatch(/= 1 imported/);
    if (type === "OutboundTrunk") {
      // The carrier's password stays out of the printed code; the import says which secret config key would manage it.
      expect(result.output).toContain(`imported outbound trunk ${id}: authPassword is a secret, left out of the printed code with authUsername (digest authentication needs both); LiveKit keeps them as they are.`);
      expect(result.output).toContain(`pulumi config set --secret importedCarrierAuthPassword <authPassword of ${id}>`);
    }
    expect(result.output).not.toContain(LK_MADE_CARRIER_PASSWORD);
    const code = fs.readFileSync(codeFile, "utf8");
    expect(code).not.toContain(LK_MADE_CARRIER_PASSWORD);
    expect(code).toContain(`type: livekit:sip:${type}`);
    printed += code.replace(/^resources:\n/m, "");
  }
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);

  // Pasted as printed (under the program's `resources`), then previewed.
  const program = path.join(stack.projectDir, "Pulumi.yaml");
  const original = fs.readFileSync(program, "utf8");
  fs.writeFileSync(program, original + printed);
  await stack.expect("preview", { config: applied, secrets, expectNoChanges: true });
  // Undeclared, the password is LiveKit's: changed with lk, it is no drift, and an up leaves it as it is.
  await lkReplaceOf("outbound", made.OutboundTrunk, (trunk) => (trunk.authPassword = "changed-with-lk"));
  await stack.expect("preview", { config: applied, secrets, refresh: true, expectNoChanges: true });
  const carrier = (await stack.exportState()).resources.find((r) => r.urn.endsWith("::importedCarrier"))!;
  expect([carrier.inputs?.authPassword, carrier.outputs?.unmanagedSecrets]).toEqual([undefined, ["authUsername", "authPassword"]]);
  // Unprotected (an option only: nothing is sent), so that destroy takes them too.
  fs.writeFileSync(program, original + printed.replace(/protect: true/g, "protect: false"));
  proxy.reset();
  await stack.expect("up", { config: applied, secrets, refresh: true });
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
  expect(await recordJson("outbound", made.OutboundTrunk)).toMatchObject({ authUsername: "lk-user", authPassword: "changed-with-lk" });

  // As the import advised: the password in secret config under the key it named, declared with the username.
  const managed = fs
    .readFileSync(program, "utf8")
    .replace(/^config:\n/m, "config:\n  importedCarrierAuthPassword:\n    type: string\n    secret: true\n")
    .replace(/^( {2}importedCarrier:\n {4}type: livekit:sip:OutboundTrunk\n {4}properties:\n)/m, "$1      authUsername: lk-user\n      authPassword: ${importedCarrierAuthPassword}\n");
  expect(managed).toContain("authPassword: ${importedCarrierAuthPassword}");
  fs.writeFileSync(program, managed);
  const withPassword = { ...secrets, importedCarrierAuthPassword: LK_MADE_CARRIER_PASSWORD };
  // Now managed: the preview names the password as a change, and up sends it in one field update.
  const preview = await stack.expect("preview", { config: applied, secrets: withPassword });
  expect(preview.output).toMatch(/livekit:sip:OutboundTrunk importedCarrier update \[diff: ~authPassword\]/);
  expect(preview.output).not.toContain(LK_MADE_CARRIER_PASSWORD);
  proxy.reset();
  await stack.expect("up", { config: applied, secrets: withPassword });
  expect(proxy.counts()).toEqual({ ListSIPOutboundTrunk: 1, UpdateSIPOutboundTrunk: 1 });
  expect(await recordJson("outbound", made.OutboundTrunk)).toMatchObject({ authUsername: "lk-user", authPassword: LK_MADE_CARRIER_PASSWORD });
  const recorded = (await stack.exportState()).resources.find((r) => r.urn.endsWith("::importedCarrier"))!;
  expect(recorded.outputs?.unmanagedSecrets).toBeUndefined();
  await stack.expect("preview", { config: applied, secrets: withPassword, refresh: true, expectNoChanges: true });
});

test("bad settings fail preview naming them, and nothing is sent", async () => {
  proxy.reset();
  const noKey = await stack.run("preview", { config: config({ "livekit:apiKey": "" }), secrets });
  expect(noKey.code).not.toBe(0);
  expect(noKey.output).toMatch(/LiveKit credentials are missing: set livekit:apiKey \(pulumi config set livekit:apiKey \.\.\.\) or LIVEKIT_API_KEY/);
  const noScheme = await stack.run("preview", { config: config({ "livekit:url": proxy.url.replace(/^http:\/\//, "") }), secrets });
  expect(noScheme.code).not.toBe(0);
  expect(noScheme.output).toMatch(/livekit:url "127\.0\.0\.1:\d+" has no scheme/);
  expect(proxy.counts()).toEqual({});
});

test("destroy deletes every record", async () => {
  const { resources } = await stack.exportState();
  const imported = (name: string) => resources.find((r) => r.urn.endsWith(`::${name}`))!.id!;
  await stack.expect("destroy", { config: config({ lineName: "Renamed line", krisp: true }), secrets });
  const records = [["inbound", ids.trunkId], ["dispatch", ids.ruleId], ["outbound", ids.outboundTrunkId], ["inbound", imported("imported")], ["outbound", imported("importedCarrier")], ["dispatch", imported("importedRule")]] as const;
  for (const [kind, id] of records) {
    expect(await recordJson(kind, id)).toBeUndefined();
  }
});
