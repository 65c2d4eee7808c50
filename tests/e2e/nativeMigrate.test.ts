import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, recordJson } from "./support/livekit";
import { nativePluginBin } from "./support/native";
import { PROJECTS, StateResource, TestStack } from "./support/pulumi";

/**
 * Moving an existing stack of dynamic resources to the native package, as the README says: the
 * accept-calls example goes up as dynamic resources; its program is changed to the native ones
 * (same names, same fields); `npx livekit-sip-migrate` forgets the dynamic resources and imports
 * the same IDs. No write reaches LiveKit (counted by the proxy), lk shows the same records, and
 * the next preview is empty.
 */

/** examples/accept-calls with the native package's resources. */
const NATIVE_PROGRAM = `import * as pulumi from "@pulumi/pulumi";
import * as livekit from "livekit-sip-pulumi/native";

export = () => {
  const config = new pulumi.Config();
  const supportLine = new livekit.sip.InboundTrunk("support-line", { name: "Support line", numbers: ["+15105550120"], krispEnabled: true });
  const perCaller = new livekit.sip.DispatchRule("support-per-caller", {
    name: "Support: a room per caller",
    trunkIds: [supportLine.sipTrunkId],
    rule: { dispatchRuleIndividual: { roomPrefix: "support-" } },
    roomConfig: { agents: [{ agentName: "support-agent" }], emptyTimeout: 60 },
    attributes: { queue: "support" },
  });
  const carrier = new livekit.sip.OutboundTrunk("carrier", {
    name: "Carrier callbacks",
    address: "sip.carrier.example.com",
    transport: "SIP_TRANSPORT_TLS",
    numbers: ["+15105550120"],
    authUsername: "livekit-support",
    authPassword: config.requireSecret("carrierPassword"),
    media: { encryption: "SIP_MEDIA_ENCRYPT_REQUIRE" },
  });
  return { inboundTrunkId: supportLine.sipTrunkId, dispatchRuleId: perCaller.sipDispatchRuleId, outboundTrunkId: carrier.sipTrunkId };
};
`;

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const secrets = { carrierPassword: `pw-${Date.now()}-migrate` };

beforeAll(async () => {
  await deleteAllTrunks();
  for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
  await proxy.start();
});
afterAll(() => proxy.stop());

test("a dynamic stack moves to native resources with no record recreated and no write sent", async () => {
  const stack = new TestStack("migrate", PROJECTS.acceptCalls, DEFAULT_LEG, {}, { projectDir: path.join(process.env.LSP_E2E_DIR!, "home", "work", "sip-migrate"), pathPrefix: [nativePluginBin()] });
  const run = { config: { "livekit:url": proxy.url }, secrets };
  await stack.expect("up", run);
  const before = JSON.parse((await stack.expect("outputs")).stdout) as Record<string, string>;

  fs.writeFileSync(path.join(stack.projectDir, "index.ts"), NATIVE_PROGRAM);
  // The stack's settings as the user's are (`outputs` above reset them to the test server's).
  await stack.configure(run);
  proxy.reset();
  const migrated = await stack.packageCommand("livekit-sip-migrate", ["--stack", "migrate"]);
  expect(migrated.code).toBe(0);
  expect(migrated.stdout).toMatch(/forgot 3 dynamic resources/);
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);

  const { resources } = await stack.exportState();
  const sip = (r: StateResource) => r.type.includes("livekit");
  expect(resources.filter(sip).map((r) => r.type).sort()).toEqual(["livekit:sip:DispatchRule", "livekit:sip:InboundTrunk", "livekit:sip:OutboundTrunk", "pulumi:providers:livekit"]);
  const { output } = await stack.expect("preview", { ...run, expectNoChanges: true });
  expect(output).not.toMatch(/to create|to delete|to replace/);
  proxy.reset();
  await stack.expect("up", run);
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
  expect(JSON.parse((await stack.expect("outputs")).stdout)).toEqual(before);
  expect((await recordJson("inbound", before.inboundTrunkId))?.name).toBe("Support line");
  expect((await recordJson("dispatch", before.dispatchRuleId))?.trunkIds).toEqual([before.inboundTrunkId]);
  expect((await recordJson("outbound", before.outboundTrunkId))?.name).toBe("Carrier callbacks");
  await stack.expect("destroy", run);
  expect(await recordJson("inbound", before.inboundTrunkId)).toBeUndefined();
});
