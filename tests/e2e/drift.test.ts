import * as fs from "node:fs";
import * as path from "node:path";
import type { InboundTrunkArgs } from "../../sdk";
import { DEFAULT_LEG } from "../../tools/userProject";
import { declaredPart, deleteAllTrunks, lkDelete, lkReplace, lkUpdateFields, listTrunksJson, trunkJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";

/**
 * Drift, end to end: `lk` edits a trunk behind Pulumi's back; `npx livekit-sip-drift` in the
 * user's project names exactly the drifted field and exits with the drift code; one
 * `pulumi up --refresh` converges the trunk; the drift command is then clean.
 */

const stack = new TestStack("drift", PROJECTS.declared, DEFAULT_LEG, SCRIPTED);
const password = `pw-${Date.now()}-drift`;
const declared: InboundTrunkArgs = {
  name: "Drift test",
  numbers: ["+15105550300"],
  authUsername: "drift",
  headers: { "X-Team": "voice" },
  ringingTimeout: "30s",
  krispEnabled: true,
};
const config = { trunks: { d: declared } };
const secrets = { passwords: JSON.stringify({ d: password }) };
let trunkId = "";

interface DriftRun {
  code: number;
  output: string;
  report: { drifted: boolean; rows: { resource: string; field: string; declared: string; live: string }[] };
}

/** Runs the drift command as CI would: `npx livekit-sip-drift --stack NAME --json FILE` in the project. */
async function drift(): Promise<DriftRun> {
  const json = path.join(process.env.LSP_E2E_DIR!, `drift-${Date.now()}.json`);
  await stack.configure({ config, secrets });
  const { code, output } = await stack.packageCommand("livekit-sip-drift", ["--stack", stack.name, "--json", json]);
  const report = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : { drifted: false, rows: [] };
  return { code, output, report };
}

async function expectConverged(): Promise<void> {
  await stack.expect("up", { config, secrets, refresh: true });
  const live = await listTrunksJson();
  expect(live).toHaveLength(1);
  trunkId = live[0].sipTrunkId;
  expect(declaredPart((await trunkJson(trunkId))!)).toEqual({ ...declared, authPassword: password });
  const clean = await drift();
  expect(clean.code).toBe(0);
  expect(clean.output).toMatch(/No drift in stack drift/);
}

beforeAll(async () => {
  await deleteAllTrunks();
  await stack.expect("up", { config, secrets });
  trunkId = (await listTrunksJson())[0].sipTrunkId;
});

afterAll(() => stack.run("destroy", { config, secrets }));

test("no drift right after up", async () => {
  const result = await drift();
  expect(result.code).toBe(0);
  expect(result.report.drifted).toBe(false);
});

const edits: [string, string, () => Promise<void>][] = [
  ["a list field", "numbers", () => lkUpdateFields(trunkId, { numbers: ["+15105550300", "+15105550399"] })],
  ["a scalar field", "name", () => lkUpdateFields(trunkId, { name: "Edited by hand" })],
  ["a map field", "headers", () => lkReplace(trunkId, (t) => (t.headers = { "X-Team": "sales" }))],
  ["a duration", "ringingTimeout", () => lkReplace(trunkId, (t) => delete t.ringingTimeout)],
  ["a boolean", "krispEnabled", () => lkReplace(trunkId, (t) => delete t.krispEnabled)],
  ["a secret", "authPassword", () => lkUpdateFields(trunkId, { authPass: "changed-by-hand" })],
];

describe.each(edits)("drift in %s", (_what, field, edit) => {
  test(`is reported as exactly ${field}, then one up --refresh converges`, async () => {
    await edit();
    const result = await drift();
    expect(result.code).toBe(2);
    expect(result.report.rows.map((r) => r.field)).toEqual([field]);
    expect(result.output).toMatch(new RegExp(`\\bd\\s+InboundTrunk\\s+${trunkId}\\s+${field}\\b`));
    expect(result.output).not.toContain(password);
    expect(result.output).not.toContain("changed-by-hand");
    await expectConverged();
  });
});

test("a trunk deleted outside Pulumi is reported, and up --refresh creates it again", async () => {
  await lkDelete(trunkId);
  const result = await drift();
  expect(result.code).toBe(2);
  expect(result.report.rows).toEqual([{ resource: "d", type: "InboundTrunk", id: trunkId, field: "(resource)", declared: "declared", live: "missing: deleted outside Pulumi" }]);
  await expectConverged();
});

test("after pulumi refresh, one pulumi up converges", async () => {
  await lkReplace(trunkId, (t) => (t.metadata = "edited"));
  await stack.expect("refresh", { config, secrets });
  await stack.expect("up", { config, secrets });
  expect(declaredPart((await trunkJson(trunkId))!)).toEqual({ ...declared, authPassword: password });
  await stack.expect("preview", { config, secrets, refresh: true, expectNoChanges: true });
});

test("a refreshing preview exits 7 on drift", async () => {
  await lkUpdateFields(trunkId, { name: "Edited again" });
  const result = await stack.run("preview", { config, secrets, refresh: true, expectNoChanges: true });
  expect(result.code).toBe(7);
  expect(result.output).toMatch(/differs \S+: name/);
  await expectConverged();
});

describe("the example CI workflow (examples/ci/drift-check.yml)", () => {
  const prod = new TestStack("prod", PROJECTS.declared);
  const prodConfig = { trunks: { p: { name: "Prod line", numbers: ["+15105550310"] } } };

  afterAll(() => prod.run("destroy", { config: prodConfig }));

  test("its own commands, run in the user's project, fail on a drifted stack and write the report", async () => {
    await prod.expect("up", { config: prodConfig });
    const live = (await listTrunksJson()).find((t) => t.name === "Prod line")!;
    await lkUpdateFields(live.sipTrunkId, { name: "Prod line (edited)" });

    const workflow = fs.readFileSync(path.join(__dirname, "../../examples/ci/drift-check.yml"), "utf8");
    const commands = [...workflow.matchAll(/^\s*(?:- )?run: (.+)$/gm)].map((m) => m[1]);
    expect(commands).toEqual(["npm ci", "npx livekit-sip-drift --stack prod --json drift.json"]);
    const summary = path.join(process.env.LSP_E2E_DIR!, "step-summary.md");
    const results = [];
    for (const command of commands) results.push(await prod.shell(command, { GITHUB_STEP_SUMMARY: summary }));
    expect(results.map((r) => r.code)).toEqual([0, 2]);
    expect(results[1].output).toMatch(new RegExp(`\\bp\\s+InboundTrunk\\s+${live.sipTrunkId}\\s+name\\s+"Prod line"\\s+"Prod line \\(edited\\)"`));
    const report = JSON.parse(fs.readFileSync(path.join(prod.projectDir, "drift.json"), "utf8"));
    expect(report).toMatchObject({ stack: "prod", drifted: true, rows: [{ resource: "p", type: "InboundTrunk", id: live.sipTrunkId, field: "name" }] });
    expect(fs.readFileSync(summary, "utf8")).toContain(`| p | InboundTrunk | ${live.sipTrunkId} | name | "Prod line" | "Prod line (edited)" |`);
  });
});
