import * as path from "node:path";
import { LocalStack, startLocalStack } from "../../tools/localStack";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, lkOn, testServer } from "./support/livekit";
import { TestStack } from "./support/pulumi";
import { REPO_ROOT } from "../../tools/toolchain";

/**
 * Two LiveKit servers in one TypeScript program, through the native package's Node SDK
 * (`livekit-sip-pulumi/native`) and two explicit `livekit.Provider`s: each trunk and rule lands on
 * its own server and nowhere else (checked with lk on each), a refreshing preview is empty, and
 * destroy empties both.
 */

let second: LocalStack;
let stack: TestStack;

beforeAll(async () => {
  await deleteAllTrunks();
  await deleteAll("dispatch");
  const base = Number(process.env.LSP_E2E_HTTP_PORT ?? 7980);
  second = await startLocalStack({
    stateDir: path.join(process.env.LSP_E2E_DIR!, "server-b"),
    httpPort: base + 30,
    redisPort: Number(process.env.LSP_E2E_REDIS_PORT ?? 6391) + 10,
    apiSecret: `second-${Date.now()}`,
  });
  stack = new TestStack("two-servers", path.join(REPO_ROOT, "tests/projects/native-ts"), DEFAULT_LEG, {});
});
afterAll(() => second?.stop());

const listed = async (server: Parameters<typeof lkOn>[0], kind: "inbound" | "dispatch") =>
  ((JSON.parse(await lkOn(server, "sip", kind, "list", "--json")) as { items?: Record<string, unknown>[] }).items ?? []);

/** The stack config of two providers, one per server; `bApiSecret` replaces server b's secret. */
function twoServers(bApiSecret = second.credentials.apiSecret) {
  const a = testServer();
  const b = second.credentials;
  return {
    config: { servers: { a: { url: a.url, apiKey: a.apiKey, number: "+15105550801" }, b: { url: b.url, apiKey: b.apiKey, number: "+15105550802" } } },
    secrets: { aApiSecret: a.apiSecret, bApiSecret },
  };
}

test("each explicit provider puts its resources on its own server only", async () => {
  const a = testServer();
  const b = second.credentials;
  const run = twoServers();
  const { output } = await stack.expect("up", run);
  expect(output).toMatch(/\+ 7 created/);
  const outputs = JSON.parse((await stack.expect("outputs")).stdout) as { trunkIds: Record<string, string>; ruleIds: Record<string, string> };

  for (const [name, server] of [["a", a], ["b", b]] as const) {
    const trunks = await listed(server, "inbound");
    expect(trunks.map((t) => [t.sipTrunkId, t.name])).toEqual([[outputs.trunkIds[name], `${name} line`]]);
    const rules = await listed(server, "dispatch");
    expect(rules.map((r) => [r.sipDispatchRuleId, r.trunkIds])).toEqual([[outputs.ruleIds[name], [outputs.trunkIds[name]]]]);
  }
  expect((await stack.exportState()).text).not.toContain(b.apiSecret);

  await stack.expect("preview", { ...run, refresh: true, expectNoChanges: true });
  await stack.expect("destroy", run);
  for (const server of [a, b]) expect(await listed(server, "inbound")).toEqual([]);
});

test("a wrong secret on one explicit provider fails naming that provider and the settings it read, not the stack's livekit:* config", async () => {
  const wrong = await stack.run("up", twoServers("not-server-b-secret-but-long-enough"));
  expect(wrong.code).not.toBe(0);
  expect(wrong.output).toContain('LiveKit rejected the credentials of provider "b": check its apiKey / apiSecret and that the key has the SIP admin grant');
  expect(wrong.output).not.toMatch(/livekit:apiSecret|LIVEKIT_API_SECRET/);
  await stack.expect("destroy", twoServers());
  expect(await listed(second.credentials, "inbound")).toEqual([]);
});
