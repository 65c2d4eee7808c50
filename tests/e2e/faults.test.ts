import { DEFAULT_LEG } from "../../tools/userProject";
import { restartLivekitServer } from "../../tools/localStack";
import { LiveKitProxy } from "../../tools/proxy";
import { deleteAllTrunks, listTrunksJson, lkDelete } from "./support/livekit";
import { PROJECTS, RunOptions, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * Faults between the provider and LiveKit, injected by a proxy on 127.0.0.1 (and one real server
 * restart). Each `pulumi up` either succeeds or fails clearly; then `pulumi refresh` and
 * `pulumi up` converge with no duplicate and no lost trunk, counted by the independent client.
 *
 * A repeated create of a trunk with numbers is refused by LiveKit as a conflict, so a provider that
 * blindly retried would fail these scenarios; one that guessed wrong would duplicate or lose trunks.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
/** Fast retries and a short request timeout, so the scenarios take seconds. */
const env = { LIVEKIT_SIP_RETRY_BASE_MS: "50", LIVEKIT_SIP_RETRY_MAX_DELAY_MS: "400", LIVEKIT_SIP_REQUEST_TIMEOUT_MS: "1500" };

let numberBlock = 0;
/** `count` trunks with their own numbers (each test gets a fresh block of ten). */
function trunks(count: number, prefix: string, extra: Record<string, unknown> = {}, block = ++numberBlock) {
  return Object.fromEntries(
    Array.from({ length: count }, (_, i) => [`${prefix}${i}`, { name: `${prefix}-${i}`, numbers: [`+1415555${String(block * 10 + i).padStart(4, "0")}`], ...extra }]),
  );
}

function options(declared: Record<string, unknown>, extra: RunOptions = {}): RunOptions {
  return { config: { trunks: declared, "livekit:url": proxy.url }, env, ...extra };
}

/** Trunks on the server whose name starts with the prefix, by name: each must appear once. */
async function trunkNames(prefix: string): Promise<string[]> {
  return (await listTrunksJson())
    .map((t) => String(t.name))
    .filter((name) => name.startsWith(`${prefix}-`))
    .sort();
}

/** refresh + up must leave exactly the declared trunks, each once, and nothing more to do. */
async function expectConverged(stack: TestStack, declared: Record<string, { name: string }>, prefix: string): Promise<void> {
  proxy.reset();
  await stack.expect("refresh", options(declared));
  await stack.expect("up", options(declared));
  expect(await trunkNames(prefix)).toEqual(Object.values(declared).map((t) => t.name).sort());
  await stack.expect("preview", options(declared, { refresh: true, expectNoChanges: true }));
}

beforeAll(async () => {
  await deleteAllTrunks();
  await proxy.start();
});
afterAll(() => proxy.stop());

test("a burst of 503 and 429 answers is retried and the up succeeds", async () => {
  const stack = new TestStack("burst", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = trunks(3, "burst");
  proxy.reset();
  proxy.inject({ kind: "status", status: 503, twirpCode: "unavailable", times: 3 }, { kind: "status", status: 429, twirpCode: "resource_exhausted", times: 2 });
  const { output } = await stack.expect("up", options(declared));
  expect(output).toMatch(/retrying|trying again/);
  expect(proxy.requests.filter((r) => !r.forwarded)).toHaveLength(5);
  await expectConverged(stack, declared, "burst");
  await stack.expect("destroy", options(declared));
});

test("a create whose response is lost is recovered, not repeated", async () => {
  const stack = new TestStack("lost", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = trunks(1, "lost");
  proxy.reset();
  proxy.inject({ kind: "lose-response", method: "CreateSIPInboundTrunk", times: 1 });
  const { output } = await stack.expect("up", options(declared));
  expect(output).toMatch(/recovered trunk ST_\w+: created by a request whose answer was lost/);
  expect(proxy.counts().CreateSIPInboundTrunk).toBe(1);
  expect(await trunkNames("lost")).toEqual(["lost-0"]);
  await expectConverged(stack, declared, "lost");
  await stack.expect("destroy", options(declared));
});

test("responses slower than the timeout are retried (reads) or checked before retrying (creates)", async () => {
  const stack = new TestStack("slow", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = trunks(2, "slow");
  proxy.reset();
  proxy.inject({ kind: "delay", delayMs: 2500, method: "CreateSIPInboundTrunk", times: 1 });
  await stack.expect("up", options(declared));
  expect(await trunkNames("slow")).toEqual(["slow-0", "slow-1"]);

  const renamed = trunks(2, "slow", { metadata: "renamed" }, numberBlock);
  proxy.reset();
  proxy.inject({ kind: "delay", delayMs: 2500, method: "ListSIPInboundTrunk", times: 1 });
  const { output } = await stack.expect("up", options(renamed));
  expect(output).toMatch(/ListSIPInboundTrunk failed \(transport\); retrying until/);
  await expectConverged(stack, renamed, "slow");
  await stack.expect("destroy", options(renamed));
});

test("livekit-server restarted in the middle of an up", async () => {
  const stack = new TestStack("restart", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = trunks(6, "restart");
  proxy.reset();
  // Slow every create a little so that the restart lands while the up is running.
  proxy.inject({ kind: "delay", delayMs: 400, method: "CreateSIPInboundTrunk", times: 6 });
  const credentials = { url: process.env.LSP_E2E_URL!, apiKey: process.env.LSP_E2E_API_KEY!, apiSecret: process.env.LSP_E2E_API_SECRET! };
  const up = stack.run("up", options(declared, { parallel: 2 }));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await restartLivekitServer(process.env.LSP_E2E_SERVER_DIR!, credentials, 1000);
  const result = await up;
  // Either outcome is acceptable; an unclear one is not.
  if (result.code !== 0) expect(result.output).toMatch(/could not reach LiveKit|gave up after/);
  await expectConverged(stack, declared, "restart");
  await stack.expect("destroy", options(declared));
});

test("a trunk deleted outside Pulumi before an update fails clearly, then refresh + up recreate it", async () => {
  const stack = new TestStack("gone", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = trunks(1, "gone");
  await stack.expect("up", options(declared));
  const [trunk] = (await listTrunksJson()).filter((t) => String(t.name).startsWith("gone-"));
  await lkDelete(trunk.sipTrunkId);
  const changed = trunks(1, "gone", { metadata: "changed" }, numberBlock);
  const result = await stack.run("up", options(changed));
  expect(result.code).not.toBe(0);
  expect(result.output).toMatch(/no longer exists on the LiveKit server; run pulumi refresh to forget it/);
  await expectConverged(stack, changed, "gone");
  await stack.expect("destroy", options(changed));
});

test("a trunk deleted outside Pulumi before destroy does not fail the destroy", async () => {
  const stack = new TestStack("gone-destroy", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const declared = trunks(2, "gonedestroy");
  await stack.expect("up", options(declared));
  const [first] = (await listTrunksJson()).filter((t) => String(t.name).startsWith("gonedestroy-"));
  await lkDelete(first.sipTrunkId);
  await stack.expect("destroy", options(declared));
  expect(await trunkNames("gonedestroy")).toEqual([]);
});
