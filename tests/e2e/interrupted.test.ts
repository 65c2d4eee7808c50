import { DYNAMIC_PROVIDER_MARKER, NATIVE_PLUGIN_MARKER } from "../../tools/peakMemory";
import { descendants, isAlive, readProcFile, signalQuietly, StartedCommand } from "../../tools/processes";
import { DEFAULT_LEG } from "../../tools/userProject";
import { LiveKitProxy } from "../../tools/proxy";
import { CREATE, KINDS, namesOnServer, recordsOfEachType } from "./support/declared";
import { deleteAll, ID_FIELD, listJson } from "./support/livekit";
import { packageCommandsBin } from "./support/native";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";
import { teamBackend } from "./support/teamBackend";

/**
 * `pulumi up` killed with SIGKILL while creates are in flight (the `pulumi` process alone: its
 * provider processes end by themselves within 5 s), then the README's way back:
 * `pulumi cancel`, `livekit-sip-recover`, `pulumi refresh --clear-pending-creates`, `pulumi up`.
 * No inbound trunk, outbound trunk or dispatch rule is created twice and none is lost: for a
 * TypeScript program of the dynamic resources whose state is on a team's PostgreSQL backend (where
 * the killed run's lock stays until `pulumi cancel`), and for a YAML program of the native package
 * on the file backend.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
const CREATES = KINDS.map((kind) => CREATE[kind]);
beforeAll(async () => {
  for (const kind of KINDS) await deleteAll(kind);
  await proxy.start();
});
afterAll(() => proxy.stop());

const recoverEnv = { LIVEKIT_URL: process.env.LSP_E2E_URL!, LIVEKIT_API_KEY: process.env.LSP_E2E_API_KEY!, LIVEKIT_API_SECRET: process.env.LSP_E2E_API_SECRET! };
const arrived = (method: string) => proxy.arrivals.filter((m) => m === method).length;
/**
 * SIGKILL of the `pulumi` process alone, as a crashed or cancelled CI job leaves it: its
 * provider processes (found by `providerMarker` among its descendants) must end by themselves
 * within 5 s. Then whatever else the run left (Pulumi's language host, the program) is ended here.
 */
async function killPulumiAlone(run: StartedCommand, providerMarker: string): Promise<void> {
  const tree = descendants(run.pid);
  const providers = tree.filter((pid) => readProcFile(pid, "cmdline")?.includes(providerMarker));
  expect(providers.length).toBeGreaterThan(0);
  signalQuietly(run.pid, "SIGKILL");
  const killedAt = Date.now();
  while (providers.some(isAlive) && Date.now() - killedAt < 10_000) await new Promise((resolve) => setTimeout(resolve, 100));
  expect({ providersLeft: providers.filter(isAlive).length, withinFiveSeconds: Date.now() - killedAt <= 5000 }).toEqual({ providersLeft: 0, withinFiveSeconds: true });
  for (const pid of tree) signalQuietly(pid, "SIGKILL");
}
async function until(condition: () => boolean): Promise<void> {
  for (let waited = 0; !condition() && waited < 120_000; waited += 50) await new Promise((resolve) => setTimeout(resolve, 50));
}
/** The YAML program's records (named "YAML …") per kind, as lk lists them; other suites' leftovers do not count. */
async function yamlNames(): Promise<Record<string, string[]>> {
  const all = await namesOnServer("");
  return Object.fromEntries(Object.entries(all).map(([kind, names]) => [kind, names.filter((name) => name.startsWith("YAML "))]));
}

test("a killed up creating 10 of each type, its state on PostgreSQL, is recovered without duplicates or losses", async () => {
  const stack = new TestStack("killed", PROJECTS.declared, DEFAULT_LEG, SCRIPTED, { backendUrl: teamBackend("team_killed") });
  const { config: declared, names } = recordsOfEachType("killed", { inbound: 10, outbound: 10, dispatch: 10 }, 75);
  const config = { ...declared, "livekit:url": proxy.url };
  const options = { config };
  proxy.reset();
  // Slow creates: they land on the server after the run is killed, before it records them. The
  // kill comes while every create waits in the proxy, when the engine writes no state: a kill
  // during a state write can cut the file backend's `.attrs` file short, which is Pulumi's
  // hazard, not the one this test is about (the README says how to mend it).
  proxy.inject(...CREATES.map((method) => ({ kind: "delay" as const, delayMs: 4000, method, times: 10 })));
  const run = await stack.start("up", { ...options, parallel: 30 });
  const total = () => CREATES.reduce((sum, method) => sum + arrived(method), 0);
  await until(() => CREATES.every((method) => arrived(method) >= 1));
  for (let seen = -1; seen !== total(); ) {
    seen = total();
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  for (const method of CREATES) expect(arrived(method)).toBeGreaterThanOrEqual(1);
  await killPulumiAlone(run, DYNAMIC_PROVIDER_MARKER);
  expect((await run.result).code).not.toBe(0);
  await new Promise((resolve) => setTimeout(resolve, 4500)); // in-flight creates finish on the server
  // The killed run's lock is still in the backend: the next up is refused, sending nothing, until `pulumi cancel`.
  const arrivedBefore = proxy.arrivals.length;
  const locked = await stack.run("up", options);
  expect([locked.code === 0, proxy.arrivals.length - arrivedBefore]).toEqual([false, 0]);
  expect(locked.output).toMatch(/the stack is currently locked by 1 lock\(s\)\. Either wait for the other process\(es\) to end or delete the lock file with `pulumi cancel`/);
  await stack.expect("cancel");
  // Orphans: records on the server that the killed run did not record (its finished creates it did).
  const recordedIds = new Set((await stack.exportState()).resources.map((r) => r.id));
  const orphans: Record<string, number> = {};
  for (const kind of KINDS) orphans[kind] = (await listJson(kind)).filter((r) => String(r.name).startsWith("killed-") && !recordedIds.has(String(r[ID_FIELD[kind]]))).length;
  // Each type had a create in flight (delayed) when the run was killed.
  expect(Object.values(orphans).every((count) => count > 0)).toBe(true);

  // While LiveKit does not answer, recover says what it is trying and until when, then gives up (nothing written).
  const unreachable = await stack.packageCommand("livekit-sip-recover", ["--stack", stack.name], { ...recoverEnv, LIVEKIT_URL: "http://127.0.0.1:9", LIVEKIT_SIP_RETRY_DEADLINE_MS: "2000" });
  expect(unreachable.code).toBe(1);
  expect(unreachable.output).toMatch(/^livekit-sip-recover: listing the server: ListSIP\w+ failed \(.+\); retrying until \d\d:\d\d:\d\d UTC$/m);
  const recover = await stack.packageCommand("livekit-sip-recover", ["--stack", stack.name], recoverEnv);
  expect(recover.code).toBe(0);
  expect(recover.stdout).not.toMatch(/^left /m);
  for (const [kind, typeName] of [["inbound", "InboundTrunk"], ["outbound", "OutboundTrunk"], ["dispatch", "DispatchRule"]]) {
    expect(recover.stdout.match(new RegExp(`^recovered ${typeName} `, "gm"))?.length ?? 0).toBe(orphans[kind]);
  }

  await stack.expect("refresh", { ...options, clearPendingCreates: true });
  await stack.expect("up", options);
  expect(await namesOnServer("killed")).toEqual(names);
  await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true });
  await stack.expect("destroy", options);
  expect(await namesOnServer("killed")).toEqual({ inbound: [], outbound: [], dispatch: [] });
});

test("on a native YAML stack, livekit-sip-recover run while the killed run's creates are still landing waits for them", async () => {
  for (const kind of KINDS) await deleteAll(kind);
  const commandsBin = packageCommandsBin();
  const stack = new TestStack("late", PROJECTS.nativeYaml, DEFAULT_LEG, {}, { packageManager: "none", pathPrefix: [commandsBin] });
  // Short retry budget for the run and for recover (both read the same settings, as users set them).
  const budget = { LIVEKIT_SIP_RETRY_DEADLINE_MS: "3000", LIVEKIT_SIP_REQUEST_TIMEOUT_MS: "12000" };
  const options = { config: { "livekit:url": proxy.url }, secrets: { carrierPassword: "late-carrier-password" }, env: budget, skipPreview: true };
  await stack.configure(options);
  proxy.reset();
  // Each trunk's create reaches the server 6 s after it is sent: after the kill and after recover starts.
  const trunkCreates = CREATES.slice(0, 2);
  proxy.inject(...trunkCreates.map((method) => ({ kind: "delay" as const, delayMs: 6000, method, times: 1 })));
  const run = await stack.start("up", options);
  await until(() => trunkCreates.every((method) => arrived(method) >= 1));
  await killPulumiAlone(run, NATIVE_PLUGIN_MARKER);
  await run.result;
  await stack.expect("cancel");
  expect(await yamlNames()).toEqual({ inbound: [], outbound: [], dispatch: [] }); // nothing has landed yet
  // The global install that put the plugin on PATH has the tools too, as the README says.
  const recover = await stack.shell(`livekit-sip-recover --stack ${stack.name}`, { ...budget, ...recoverEnv });
  expect(recover.code).toBe(0);
  expect(recover.stdout).toMatch(/waiting until .* for creates of the interrupted run that may still land: 2 pending/);
  expect(recover.stdout).toMatch(/^recovered InboundTrunk .*::line as ST_/m);
  expect(recover.stdout).toMatch(/^recovered OutboundTrunk .*::carrier as ST_/m);

  await stack.expect("refresh", { ...options, clearPendingCreates: true });
  await stack.expect("up", options);
  expect(await yamlNames()).toEqual({ inbound: ["YAML line"], outbound: ["YAML carrier"], dispatch: ["YAML rule"] });
  await stack.expect("preview", { ...options, refresh: true, expectNoChanges: true });
  await stack.expect("destroy", options);
});
