import * as path from "node:path";
import { deleteAll, deleteAllTrunks, recordJson } from "./support/livekit";
import { Placement, PROJECTS, TestStack } from "./support/pulumi";
import { DEFAULT_LEG } from "../../tools/userProject";

/**
 * Users' projects sit where users put them: `~/work/livekit-sip-pulumi-infra/prod`, folders with
 * spaces, installs made with pnpm. Each resource's stored provider must load from any of them
 * (Pulumi's closure serializer maps module paths through the first occurrence of the package's
 * name in the path, pulumi/pulumi#7119). Each placement runs the accept-calls example, all three
 * resource types: `up` (create), a refreshing preview (read), `destroy` (delete), checked with lk.
 */

const home = () => path.join(process.env.LSP_E2E_DIR!, "home");
// [what the placement is, its stack's name (one backend holds them all), the placement]
const PLACEMENTS: [string, string, () => Placement][] = [
  ["a folder named like the package", "infra", () => ({ projectDir: path.join(home(), "work", "livekit-sip-pulumi-infra", "prod") })],
  ["a path with spaces", "spaces", () => ({ projectDir: path.join(home(), "My Projects", "livekit sip", "prod") })],
  ["a pnpm install", "pnpm", () => ({ projectDir: path.join(home(), "work", "livekit-sip-pulumi-pnpm", "prod"), packageManager: "pnpm" })],
];

beforeAll(async () => {
  await deleteAllTrunks();
  for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
});

describe.each(PLACEMENTS)("a project in %s", (_, stackName, placement) => {
  const secrets = { carrierPassword: `pw-${Date.now()}-paths` };
  const stack = () => new TestStack(stackName, PROJECTS.acceptCalls, DEFAULT_LEG, {}, placement());

  test("up creates all three resources, a refreshing preview is empty, destroy deletes them", async () => {
    const prod = stack();
    const { output } = await prod.expect("up", { secrets });
    expect(output).toMatch(/\+ 4 created/);
    const ids = JSON.parse((await prod.expect("outputs")).stdout) as { inboundTrunkId: string; dispatchRuleId: string; outboundTrunkId: string };
    expect((await recordJson("inbound", ids.inboundTrunkId))?.name).toBe("Support line");
    expect((await recordJson("dispatch", ids.dispatchRuleId))?.trunkIds).toEqual([ids.inboundTrunkId]);
    expect((await recordJson("outbound", ids.outboundTrunkId))?.name).toBe("Carrier callbacks");

    await prod.expect("preview", { secrets, refresh: true, expectNoChanges: true });

    await prod.expect("destroy", { secrets });
    expect(await recordJson("inbound", ids.inboundTrunkId)).toBeUndefined();
    expect(await recordJson("dispatch", ids.dispatchRuleId)).toBeUndefined();
    expect(await recordJson("outbound", ids.outboundTrunkId)).toBeUndefined();
  });
});
