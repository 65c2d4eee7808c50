import { DEFAULT_LEG } from "../../tools/userProject";
import { LiveKitProxy } from "../../tools/proxy";
import { deleteAll, deleteAllTrunks, lk, listTrunksJson, lkDelete, recordJson, trunkJson } from "./support/livekit";
import { PROJECTS, RunOptions, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * Pulumi's resource options on an InboundTrunk, checked on the user path so that the README can
 * say what each does here: protect, retainOnDelete, ignoreChanges, replaceOnChanges (no effect on
 * a dynamic resource), aliases and customTimeouts (which the engine does not pass to dynamic
 * providers); then protect, ignoreChanges, aliases and retainOnDelete on an outbound trunk and a
 * dispatch rule, which the engine must apply to them the same way (checked here, not assumed).
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
beforeAll(async () => {
  await deleteAllTrunks();
  for (const kind of ["dispatch", "outbound"] as const) await deleteAll(kind);
  await proxy.start();
});
afterAll(() => proxy.stop());

/** Config for one trunk `t` with the given args and options. */
function one(args: Record<string, unknown>, options: Record<string, unknown> = {}, name = "t"): RunOptions {
  return { config: { trunks: { [name]: args }, options: { [name]: options }, "livekit:url": proxy.url } };
}

async function liveId(stack: TestStack, name = "t"): Promise<string> {
  const { resources } = await stack.exportState();
  return resources.find((r) => r.urn.endsWith(`::${name}`))!.id!;
}

test("protect: destroy refuses and the trunk stays; unprotected, it goes", async () => {
  const stack = new TestStack("opt-protect", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const args = { name: "opt-protect", numbers: ["+15105552001"] };
  await stack.expect("up", one(args, { protect: true }));
  const id = await liveId(stack);
  const refused = await stack.run("destroy", one(args, { protect: true }));
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/protected/);
  expect(await trunkJson(id)).toBeDefined();
  await stack.expect("up", one(args, {}));
  await stack.expect("destroy", one(args, {}));
  expect(await trunkJson(id)).toBeUndefined();
});

test("retainOnDelete: destroy forgets the trunk and leaves it on the server", async () => {
  const stack = new TestStack("opt-retain", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const args = { name: "opt-retain", numbers: ["+15105552002"] };
  await stack.expect("up", one(args, { retainOnDelete: true }));
  const id = await liveId(stack);
  proxy.reset();
  await stack.expect("destroy", one(args, { retainOnDelete: true }));
  expect(proxy.counts().DeleteSIPTrunk).toBeUndefined();
  expect(await trunkJson(id)).toBeDefined();
  await lkDelete(id);
});

test("ignoreChanges: a changed field in the program is not applied, nothing is sent", async () => {
  const stack = new TestStack("opt-ignore", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const args = { name: "opt-ignore", numbers: ["+15105552003"] };
  await stack.expect("up", one(args, { ignoreChanges: ["name"] }));
  const id = await liveId(stack);
  proxy.reset();
  await stack.expect("up", one({ ...args, name: "opt-ignore-renamed" }, { ignoreChanges: ["name"] }));
  expect(proxy.counts().UpdateSIPInboundTrunk).toBeUndefined();
  expect((await trunkJson(id))?.name).toBe("opt-ignore");
  await stack.expect("destroy", one(args));
});

test("replaceOnChanges has no effect (the field changes in place); pulumi up --replace makes a new trunk", async () => {
  const stack = new TestStack("opt-replace", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const args = { name: "opt-replace", numbers: ["+15105552004"] };
  await stack.expect("up", one(args, { replaceOnChanges: ["krispEnabled"] }));
  const first = await liveId(stack);
  // The engine matches replaceOnChanges against the changed property names a provider reports;
  // the Node.js dynamic-provider host reports none, so the planner's in-place replace runs.
  await stack.expect("up", one({ ...args, krispEnabled: true }, { replaceOnChanges: ["krispEnabled"] }));
  expect(await liveId(stack)).toBe(first);
  expect((await trunkJson(first))?.krispEnabled).toBe(true);
  // Forcing a new trunk: the old one goes first (its numbers would clash), then the new one is made.
  const { resources } = await stack.exportState();
  const urn = resources.find((r) => r.urn.endsWith("::t"))!.urn;
  const forced = await (await stack.start("up", one({ ...args, krispEnabled: true }), ["--replace", urn])).result;
  if (forced.code !== 0) throw new Error(`pulumi up --replace failed:\n${forced.output}`);
  const second = await liveId(stack);
  expect(second).not.toBe(first);
  expect(await trunkJson(first)).toBeUndefined();
  expect((await trunkJson(second))?.krispEnabled).toBe(true);
  await stack.expect("destroy", one(args));
});

test("aliases: renaming the resource keeps the trunk", async () => {
  const stack = new TestStack("opt-alias", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const args = { name: "opt-alias", numbers: ["+15105552005"] };
  await stack.expect("up", one(args, {}, "old"));
  const id = await liveId(stack, "old");
  proxy.reset();
  await stack.expect("up", { config: { trunks: { renamed: args }, options: { renamed: { aliases: [{ name: "old" }] } }, "livekit:url": proxy.url } });
  expect(proxy.counts()).toEqual({});
  expect(await liveId(stack, "renamed")).toBe(id);
  await stack.expect("destroy");
  expect((await listTrunksJson()).filter((t) => t.name === "opt-alias")).toEqual([]);
});

test("customTimeouts do not reach a dynamic provider: a 1 s create timeout does not stop a 3 s create", async () => {
  const stack = new TestStack("opt-timeouts", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const args = { name: "opt-timeouts", numbers: ["+15105552006"] };
  proxy.reset();
  proxy.inject({ kind: "delay", delayMs: 3000, method: "CreateSIPInboundTrunk", times: 1 });
  await stack.expect("up", one(args, { customTimeouts: { create: "1s" } }));
  expect(await trunkJson(await liveId(stack))).toBeDefined();
  await stack.expect("destroy", one(args));
});

test("on an outbound trunk and a dispatch rule: protect, ignoreChanges, aliases and retainOnDelete", async () => {
  const stack = new TestStack("opt-types", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
  const carrier = { name: "opt-carrier", address: "sip.carrier.example.com", numbers: ["+15105552007"] };
  const rule = { name: "opt-rule", inboundNumbers: ["+13105552007"], rule: { dispatchRuleIndividual: { roomPrefix: "opt-" } } };
  const declare = (ruleName: string, carrierArgs: Record<string, unknown>, options: Record<string, unknown>) => ({
    config: { outboundTrunks: { o: carrierArgs }, dispatchRules: { [ruleName]: rule }, options, "livekit:url": proxy.url },
  });
  const kept = { o: { protect: true, ignoreChanges: ["name"] }, r: { retainOnDelete: true } };
  await stack.expect("up", declare("r", carrier, kept));
  const carrierId = await liveId(stack, "o");
  const ruleId = await liveId(stack, "r");

  // A name change the outbound trunk ignores, and the rule's resource renamed with an alias: nothing is written.
  proxy.reset();
  await stack.expect("up", declare("renamed", { ...carrier, name: "opt-carrier-renamed" }, { o: kept.o, renamed: { retainOnDelete: true, aliases: [{ name: "r" }] } }));
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
  expect(await liveId(stack, "renamed")).toBe(ruleId);
  expect((await recordJson("outbound", carrierId))?.name).toBe("opt-carrier");

  const refused = await stack.run("destroy");
  expect(refused.code).not.toBe(0);
  expect(refused.output).toMatch(/protected/);
  expect(await recordJson("outbound", carrierId)).toBeDefined();
  await stack.expect("up", declare("renamed", carrier, { renamed: { retainOnDelete: true } }));
  proxy.reset();
  await stack.expect("destroy");
  expect(proxy.counts().DeleteSIPDispatchRule).toBeUndefined();
  expect(await recordJson("outbound", carrierId)).toBeUndefined();
  expect(await recordJson("dispatch", ruleId)).toBeDefined();
  await lk("sip", "dispatch", "delete", ruleId);
});
