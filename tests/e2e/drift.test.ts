import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { ListUpdate, SIPInboundTrunkInfo } from "@livekit/protocol";
import type { InboundTrunkArgs } from "../../sdk";
import { REPO_ROOT } from "../../tools/toolchain";
import { declaredPart, deleteAllTrunks, sipClient, trunkJson } from "./support/livekit";
import { PROGRAMS, TestStack } from "./support/pulumi";

/**
 * Drift, end to end: an independent client edits a trunk behind Pulumi's back; the drift command
 * names exactly the drifted field and exits with the drift code; one `pulumi up --refresh`
 * converges the trunk; the drift command is then clean.
 */

const stack = new TestStack("drift", PROGRAMS.declared);
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

/** Runs the drift command as CI would (inline-program mode: no language host here). */
function drift(): Promise<DriftRun> {
  const json = path.join(stack.stateDir, `drift-${Date.now()}.json`);
  const args = [path.join(REPO_ROOT, "dist/cli/drift.js"), "--stack", stack.name, "--json", json, "--program", stack.program, "--state", stack.stateDir];
  const settings: Record<string, string> = {
    "livekit:url": process.env.LSP_E2E_URL!,
    "livekit:apiKey": process.env.LSP_E2E_API_KEY!,
    trunks: JSON.stringify(config.trunks),
  };
  for (const [k, v] of Object.entries(settings)) args.push("--config", `${k}=${v}`);
  args.push("--secret", `livekit:apiSecret=${process.env.LSP_E2E_API_SECRET}`, "--secret", `passwords=${secrets.passwords}`);
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("error", reject);
    child.on("close", (code) => {
      const report = fs.existsSync(json) ? JSON.parse(fs.readFileSync(json, "utf8")) : { drifted: false, rows: [] };
      resolve({ code: code ?? -1, output, report });
    });
  });
}

/** Replaces the live trunk with a copy edited by `edit`, as `lk sip inbound update --id X file.json` does. */
async function replaceLive(edit: (trunk: SIPInboundTrunkInfo) => void): Promise<void> {
  const client = sipClient();
  const [live] = await client.listSipInboundTrunk({ trunkIds: [trunkId] });
  const copy = live.clone();
  edit(copy);
  await client.updateSipInboundTrunk(trunkId, copy);
}

async function expectConverged(): Promise<void> {
  await stack.expect("up", { config, secrets, refresh: true });
  const live = await sipClient().listSipInboundTrunk();
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
  trunkId = (await sipClient().listSipInboundTrunk())[0].sipTrunkId;
});

afterAll(() => stack.run("destroy", { config, secrets }));

test("no drift right after up", async () => {
  const result = await drift();
  expect(result.code).toBe(0);
  expect(result.report.drifted).toBe(false);
});

const edits: [string, string, () => Promise<void>][] = [
  ["a list field", "numbers", () => sipClient().updateSipInboundTrunkFields(trunkId, { numbers: new ListUpdate({ add: ["+15105550399"] }) }).then(() => undefined)],
  ["a scalar field", "name", () => sipClient().updateSipInboundTrunkFields(trunkId, { name: "Edited by hand" }).then(() => undefined)],
  ["a map field", "headers", () => replaceLive((t) => (t.headers = { "X-Team": "sales" }))],
  ["a duration", "ringingTimeout", () => replaceLive((t) => (t.ringingTimeout = undefined))],
  ["a boolean", "krispEnabled", () => replaceLive((t) => (t.krispEnabled = false))],
  ["a secret", "authPassword", () => sipClient().updateSipInboundTrunkFields(trunkId, { authPassword: "changed-by-hand" }).then(() => undefined)],
];

describe.each(edits)("drift in %s", (_what, field, edit) => {
  test(`is reported as exactly ${field}, then one up --refresh converges`, async () => {
    await edit();
    const result = await drift();
    expect(result.code).toBe(2);
    expect(result.report.rows.map((r) => r.field)).toEqual([field]);
    expect(result.output).toMatch(new RegExp(`\\bd\\s+${trunkId}\\s+${field}\\b`));
    expect(result.output).not.toContain(password);
    expect(result.output).not.toContain("changed-by-hand");
    await expectConverged();
  });
});

test("a trunk deleted outside Pulumi is reported, and up --refresh creates it again", async () => {
  await sipClient().deleteSipTrunk(trunkId);
  const result = await drift();
  expect(result.code).toBe(2);
  expect(result.report.rows).toEqual([{ resource: "d", sipTrunkId: trunkId, field: "(trunk)", declared: "declared", live: "missing: deleted outside Pulumi" }]);
  await expectConverged();
});

test("after pulumi refresh, one pulumi up converges", async () => {
  await sipClient().updateSipInboundTrunkFields(trunkId, { metadata: "edited" });
  await stack.expect("refresh", { config, secrets });
  await stack.expect("up", { config, secrets });
  expect(declaredPart((await trunkJson(trunkId))!)).toEqual({ ...declared, authPassword: password });
  await stack.expect("preview", { config, secrets, refresh: true, expectNoChanges: true });
});

test("a refreshing preview exits 7 on drift", async () => {
  await sipClient().updateSipInboundTrunkFields(trunkId, { name: "Edited again" });
  const result = await stack.run("preview", { config, secrets, refresh: true, expectNoChanges: true });
  expect(result.code).toBe(7);
  expect(result.output).toMatch(/differs \S+: name/);
  await expectConverged();
});
