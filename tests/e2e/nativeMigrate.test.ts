import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, recordJson } from "./support/livekit";
import { PROJECTS, StateResource, TestStack } from "./support/pulumi";
import { teamBackend } from "./support/teamBackend";

/**
 * Moving an existing stack of dynamic resources to the native package, as the README says: the
 * accept-calls example goes up as dynamic resources; its program is changed to the native ones
 * (same names, same fields); `npx livekit-sip-migrate` forgets the dynamic resources and imports
 * the same IDs. No write reaches LiveKit (counted by the proxy), lk shows the same records, and
 * the next preview is empty.
 */

/**
 * examples/accept-calls changed to the native package's resources as the README says: the same
 * names and fields, each class taken from `livekit-sip-pulumi/native` instead.
 */
function nativeProgram(): string {
  const dynamic = fs.readFileSync(path.join(PROJECTS.acceptCalls, "index.ts"), "utf8");
  const native = dynamic
    .replace(/^import \{ DispatchRule, InboundTrunk, OutboundTrunk \} from "livekit-sip-pulumi";$/m, 'import * as livekit from "livekit-sip-pulumi/native";')
    .replace(/new (DispatchRule|InboundTrunk|OutboundTrunk)\(/g, "new livekit.sip.$1(");
  expect(native).not.toEqual(dynamic);
  return native;
}

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const secrets = { carrierPassword: `pw-${Date.now()}-migrate` };

beforeAll(async () => {
  await deleteAllTrunks();
  for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
  await proxy.start();
});
afterAll(() => proxy.stop());

test("a dynamic stack moves to native resources with no record recreated and no write sent", async () => {
  const stack = new TestStack("migrate", PROJECTS.acceptCalls, DEFAULT_LEG, {}, {
    projectDir: path.join(process.env.LSP_E2E_DIR!, "home", "work", "sip-migrate"),
    // A team's PostgreSQL backend: the move deletes and imports state there, through the CLI.
    backendUrl: teamBackend("team_migrate"),
  });
  const run = { config: { "livekit:url": proxy.url }, secrets };
  await stack.expect("up", run);
  const before = JSON.parse((await stack.expect("outputs")).stdout) as Record<string, string>;

  fs.writeFileSync(path.join(stack.projectDir, "index.ts"), nativeProgram());
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
