import { DEFAULT_LEG } from "../../tools/userProject";
import { restartLivekitServer } from "../../tools/localStack";
import { LiveKitProxy } from "../../tools/proxy";
import { CREATE, KINDS, NamesByKind, namesOnServer, NOUN, recordsOfEachType } from "./support/declared";
import { deleteAll, ID_FIELD, lk, listJson } from "./support/livekit";
import { PROJECTS, RunOptions, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * Faults between the provider and LiveKit, injected by a proxy on 127.0.0.1 (and one real server
 * restart). Each `pulumi up` either succeeds or fails clearly; then `pulumi refresh` and
 * `pulumi up` converge with no duplicate and no lost record, counted by the independent client.
 * Bursts, lost create answers and records deleted outside Pulumi run for all three SIP types
 * at once (one of each per `up`); timeouts and the restart for inbound trunks.
 *
 * A repeated create of a trunk with numbers is refused by LiveKit as a conflict, so a provider that
 * blindly retried would fail these scenarios; one that guessed wrong would duplicate or lose records.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
/** Fast retries and a short request timeout, so the scenarios take seconds. */
const env = { LIVEKIT_SIP_RETRY_BASE_MS: "50", LIVEKIT_SIP_RETRY_MAX_DELAY_MS: "400", LIVEKIT_SIP_REQUEST_TIMEOUT_MS: "1500" };

/** Each test numbers its records from a block of its own. */
let numberBlock = 60;

/** The run options declaring `config`, through the proxy, with the fast retries. */
function optionsOf(config: Record<string, unknown>, extra: RunOptions = {}): RunOptions {
  return { config: { ...config, "livekit:url": proxy.url }, env, ...extra };
}

/** One record of each SIP type, named `<prefix>-<kind>-00`, with `extra` fields. */
function oneOfEach(prefix: string, extra: Record<string, unknown> = {}, block = ++numberBlock) {
  return recordsOfEachType(prefix, { inbound: 1, outbound: 1, dispatch: 1 }, block, extra);
}

/** refresh + up must leave exactly the declared records, each once, and nothing more to do. */
async function expectConverged(stack: TestStack, config: Record<string, unknown>, names: NamesByKind, prefix: string): Promise<void> {
  proxy.reset();
  await stack.expect("refresh", optionsOf(config));
  await stack.expect("up", optionsOf(config));
  expect(await namesOnServer(prefix)).toEqual(names);
  await stack.expect("preview", optionsOf(config, { refresh: true, expectNoChanges: true }));
}

/** Deletes each kind's record named `<prefix>-<kind>-00` with lk. */
async function lkDeleteOneOfEach(prefix: string): Promise<void> {
  for (const kind of KINDS) {
    const record = (await listJson(kind)).find((r) => r.name === `${prefix}-${kind}-00`)!;
    await lk("sip", kind, "delete", String(record[ID_FIELD[kind]]));
  }
}

beforeAll(async () => {
  for (const kind of KINDS) await deleteAll(kind);
  await proxy.start();
});
afterAll(() => proxy.stop());

test("a burst of 503 and 429 answers is retried for every type and the up succeeds", async () => {
  const stack = new TestStack("burst", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const { config, names } = oneOfEach("burst");
  proxy.reset();
  proxy.inject({ kind: "status", status: 503, twirpCode: "unavailable", times: 3 }, { kind: "status", status: 429, twirpCode: "resource_exhausted", times: 2 });
  const { output } = await stack.expect("up", optionsOf(config));
  expect(output).toMatch(/retrying until/);
  expect(proxy.requests.filter((r) => !r.forwarded)).toHaveLength(5);
  await expectConverged(stack, config, names, "burst");
  await stack.expect("destroy", optionsOf(config));
});

test("a create whose response is lost is recovered, not repeated, for every type", async () => {
  const stack = new TestStack("lost", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const { config, names } = oneOfEach("lost");
  proxy.reset();
  proxy.inject(...KINDS.map((kind) => ({ kind: "lose-response" as const, method: CREATE[kind], times: 1 })));
  const { output } = await stack.expect("up", optionsOf(config));
  for (const kind of KINDS) {
    expect(output).toMatch(new RegExp(`recovered ${NOUN[kind]} S\\w+_\\w+: created by a request whose answer was lost`));
    expect(proxy.counts()[CREATE[kind]]).toBe(1);
  }
  expect(await namesOnServer("lost")).toEqual(names);
  await expectConverged(stack, config, names, "lost");
  await stack.expect("destroy", optionsOf(config));
});

test("responses slower than the timeout are retried (reads) or checked before retrying (creates)", async () => {
  const stack = new TestStack("slow", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const block = ++numberBlock;
  const { config, names } = recordsOfEachType("slow", { inbound: 2 }, block);
  proxy.reset();
  proxy.inject({ kind: "delay", delayMs: 2500, method: "CreateSIPInboundTrunk", times: 1 });
  await stack.expect("up", optionsOf(config));
  expect(await namesOnServer("slow")).toEqual(names);

  const renamed = recordsOfEachType("slow", { inbound: 2 }, block, { metadata: "renamed" }).config;
  proxy.reset();
  proxy.inject({ kind: "delay", delayMs: 2500, method: "ListSIPInboundTrunk", times: 1 });
  const { output } = await stack.expect("up", optionsOf(renamed));
  expect(output).toMatch(/ListSIPInboundTrunk failed \(transport\); retrying until/);
  await expectConverged(stack, renamed, names, "slow");
  await stack.expect("destroy", optionsOf(renamed));
});

test("livekit-server restarted in the middle of an up", async () => {
  const stack = new TestStack("restart", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const { config, names } = recordsOfEachType("restart", { inbound: 6 }, ++numberBlock);
  proxy.reset();
  // Slow every create a little so that the restart lands while the up is running.
  proxy.inject({ kind: "delay", delayMs: 400, method: "CreateSIPInboundTrunk", times: 6 });
  const credentials = { url: process.env.LSP_E2E_URL!, apiKey: process.env.LSP_E2E_API_KEY!, apiSecret: process.env.LSP_E2E_API_SECRET! };
  const up = stack.run("up", optionsOf(config, { parallel: 2 }));
  await new Promise((resolve) => setTimeout(resolve, 1500));
  await restartLivekitServer(process.env.LSP_E2E_SERVER_DIR!, credentials, 1000);
  const result = await up;
  // Either outcome is acceptable; an unclear one is not.
  if (result.code !== 0) expect(result.output).toMatch(/could not reach LiveKit|gave up after/);
  await expectConverged(stack, config, names, "restart");
  await stack.expect("destroy", optionsOf(config));
});

test("records of every type deleted outside Pulumi before an update fail clearly, then refresh + up recreate them", async () => {
  const stack = new TestStack("gone", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const block = ++numberBlock;
  await stack.expect("up", optionsOf(oneOfEach("gone", {}, block).config));
  await lkDeleteOneOfEach("gone");
  const { config, names } = oneOfEach("gone", { metadata: "changed" }, block);
  // Every failing update is tried, not only the first the engine meets.
  const result = await (await stack.start("up", optionsOf(config), ["--continue-on-error"])).result;
  expect(result.code).not.toBe(0);
  for (const kind of KINDS) expect(result.output).toMatch(new RegExp(`${NOUN[kind]} S\\w+_\\w+ no longer exists on the LiveKit server; run pulumi refresh to forget it`));
  await expectConverged(stack, config, names, "gone");
  await stack.expect("destroy", optionsOf(config));
});

test("records of every type deleted outside Pulumi before destroy do not fail the destroy", async () => {
  const stack = new TestStack("gone-destroy", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const { config } = oneOfEach("gonedestroy");
  await stack.expect("up", optionsOf(config));
  await lkDeleteOneOfEach("gonedestroy");
  await stack.expect("destroy", optionsOf(config));
  expect(await namesOnServer("gonedestroy")).toEqual({ inbound: [], outbound: [], dispatch: [] });
});
