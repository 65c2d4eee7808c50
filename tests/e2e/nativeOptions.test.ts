import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { DEFAULT_LEG } from "../../tools/userProject";
import { deleteAll, deleteAllTrunks, listTrunksJson, lk, lkCreateOf, recordJson, testServer } from "./support/livekit";
import { packageCommandsBin } from "./support/native";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * Pulumi's resource options on the native package, in a YAML program the test edits as a user
 * would: those the dynamic resources cannot honour (replaceOnChanges, customTimeouts, import) and
 * the rest (ignoreChanges, protect, retainOnDelete, aliases), each checked with lk and the proxy's
 * request counts. A forced replacement deletes first: LiveKit refuses a second trunk on the
 * same number, and the provider says so in its diff.
 */

const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
let stack: TestStack;

beforeAll(async () => {
  await deleteAllTrunks();
  await deleteAll("dispatch");
  await proxy.start();
  stack = new TestStack("options", PROJECTS.nativeYaml, DEFAULT_LEG, {}, { packageManager: "none", pathPrefix: [packageCommandsBin()] });
  stack.install();
});
afterAll(() => proxy.stop());

/** Writes the program: one trunk `name`, with its properties and options (YAML lines, indented for their place). */
function program(name: string, properties: string, options = ""): void {
  const text =
    `name: native-yaml\nruntime: yaml\noutputs:\n  trunkId: \${${name}.sipTrunkId}\nresources:\n  ${name}:\n    type: livekit:sip:InboundTrunk\n` +
    `    properties:\n      numbers: ["+15105550900"]\n${properties}` +
    (options ? `    options:\n${options}` : "");
  fs.writeFileSync(path.join(stack.projectDir, "Pulumi.yaml"), text);
}
/** Every run's settings: the LiveKit address is the counting proxy's. */
const options = () => ({ config: { "livekit:url": proxy.url } });
const trunkId = async () => (JSON.parse((await stack.expect("outputs")).stdout) as { trunkId: string }).trunkId;

test("replaceOnChanges: a change of the named field replaces the trunk, deleting the old one first", async () => {
  program("t", "      name: Options\n      krispEnabled: false\n", "      replaceOnChanges: [krispEnabled]\n");
  await stack.expect("up", options());
  const first = await trunkId();
  program("t", "      name: Options\n      krispEnabled: true\n", "      replaceOnChanges: [krispEnabled]\n");
  const preview = await stack.expect("preview", { ...options(), diff: true });
  expect(preview.output).toMatch(/\+-\s*livekit:sip:InboundTrunk: \(replace\)/);
  proxy.reset();
  const { output } = await stack.expect("up", options());
  expect(output).toMatch(/1 replaced/);
  const second = await trunkId();
  expect(second).not.toBe(first);
  expect(await recordJson("inbound", first)).toBeUndefined();
  expect(await recordJson("inbound", second)).toMatchObject({ name: "Options", krispEnabled: true });
  const order = proxy.arrivals.filter((method) => /^(Create|Delete)/.test(method));
  expect(order).toEqual(["DeleteSIPTrunk", "CreateSIPInboundTrunk"]);
});

test("ignoreChanges: a change of an ignored field sends nothing", async () => {
  program("t", "      name: Renamed in the program\n      krispEnabled: true\n", "      replaceOnChanges: [krispEnabled]\n      ignoreChanges: [name]\n");
  proxy.reset();
  await stack.expect("up", { ...options(), expectNoChanges: true });
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
  expect((await recordJson("inbound", await trunkId()))?.name).toBe("Options");
});

test("aliases: renaming the resource keeps the trunk and sends nothing", async () => {
  const id = await trunkId();
  // A YAML program names an alias by the resource's old URN.
  program("renamed", "      name: Options\n      krispEnabled: true\n", "      aliases:\n        - urn:pulumi:options::native-yaml::livekit:sip:InboundTrunk::t\n");
  proxy.reset();
  const { output } = await stack.expect("up", options());
  expect(output).not.toMatch(/created|deleted/);
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
  expect(await trunkId()).toBe(id);
});

test("protect: destroy refuses and the trunk stays", async () => {
  const id = await trunkId();
  program("renamed", "      name: Options\n      krispEnabled: true\n", "      protect: true\n");
  await stack.expect("up", options());
  const { code, output } = await stack.run("destroy", options());
  expect(code).not.toBe(0);
  expect(output).toMatch(/protected/);
  expect(await recordJson("inbound", id)).toBeDefined();
});

test("retainOnDelete: destroy forgets the trunk and sends no delete", async () => {
  const id = await trunkId();
  program("renamed", "      name: Options\n      krispEnabled: true\n", "      retainOnDelete: true\n");
  await stack.expect("up", options());
  proxy.reset();
  await stack.expect("destroy", options());
  expect(proxy.counts().DeleteSIPTrunk).toBeUndefined();
  expect(await recordJson("inbound", id)).toBeDefined();
  await lk("sip", "inbound", "delete", id);
});

test("import: a trunk made with lk comes under management with no write, and stays unchanged", async () => {
  const id = await lkCreateOf("inbound", { trunk: { name: "Imported by option", numbers: ["+15105550900"], krispEnabled: true } });
  program("adopted", "      name: Imported by option\n      krispEnabled: true\n", `      import: ${id}\n`);
  proxy.reset();
  await stack.expect("up", options());
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
  expect(await trunkId()).toBe(id);
  await stack.expect("preview", { ...options(), expectNoChanges: true });
  await stack.expect("destroy", options());
  expect(await recordJson("inbound", id)).toBeUndefined();
});

test("livekit-sip-codegen --yaml prints a program that imports lk-made records with no write and previews empty", async () => {
  const trunk = await lkCreateOf("inbound", { trunk: { name: "Made with lk", numbers: ["+15105550901"], allowedNumbers: ["+13105550100"] } });
  const rule = await lkCreateOf("dispatch", { dispatchRule: { name: "Rule made with lk", trunkIds: [trunk], rule: { dispatchRuleIndividual: { roomPrefix: "lk-" } } } });
  const server = testServer();
  const printed = await stack.shell("livekit-sip-codegen --yaml", { LIVEKIT_URL: server.url, LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret });
  expect(printed.code).toBe(0);
  // Pasted as the project's program (under this project's name, which the stack belongs to).
  fs.writeFileSync(path.join(stack.projectDir, "Pulumi.yaml"), printed.stdout.replace(/^name: .*$/m, "name: native-yaml"));
  proxy.reset();
  const { output } = await stack.expect("up", options());
  expect(output).toMatch(/= 2 imported/);
  expect(Object.keys(proxy.counts()).filter((method) => !method.startsWith("List"))).toEqual([]);
  await stack.expect("preview", { ...options(), expectNoChanges: true });
  await stack.expect("destroy", options());
  expect(await recordJson("inbound", trunk)).toBeUndefined();
  expect(await recordJson("dispatch", rule)).toBeUndefined();
});

test("customTimeouts: a create that outlasts its timeout fails, naming the option", async () => {
  program("slow", "      name: Slow\n", "      customTimeouts:\n        create: 1s\n");
  proxy.reset();
  proxy.inject({ kind: "delay", delayMs: 4000, method: "CreateSIPInboundTrunk", times: 1 });
  const { code, output } = await stack.run("up", options());
  expect(code).not.toBe(0);
  expect(output).toMatch(/creating an inbound trunk did not finish within 1 s \(the resource's customTimeouts\)/);
  // The create in flight lands after the timeout, as after an interrupted up: refresh finds
  // nothing recorded, so it is removed with lk here, once it has landed (later on a loaded machine).
  for (let waited = 0; !(await listTrunksJson()).some((t) => t.name === "Slow") && waited < 30_000; waited += 500) await new Promise((resolve) => setTimeout(resolve, 500));
  await deleteAllTrunks();
});
