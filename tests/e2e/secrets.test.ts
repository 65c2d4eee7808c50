import { spawn } from "node:child_process";
import * as fs from "node:fs";
import * as path from "node:path";
import { REPO_ROOT } from "../../tools/toolchain";
import { deleteAllTrunks, sipClient } from "./support/livekit";
import { PROGRAMS, TestStack } from "./support/pulumi";

/**
 * Secrets audit: through create, a password change, refresh, a drift report and destroy — with
 * --diff and --debug logging — neither the SIP passwords nor the API secret appear in the state
 * file, `pulumi stack export`, any CLI output or the drift report.
 */

const stack = new TestStack("secrets", PROGRAMS.declared);
const first = `pw-first-${Date.now()}`;
const second = `pw-second-${Date.now()}`;
const outOfBand = `pw-by-hand-${Date.now()}`;
const trunks = { s: { name: "Secret audit", numbers: ["+15105550500"], authUsername: "audit" } };
const seen: string[] = [];

function run(operation: Parameters<TestStack["expect"]>[0], password: string, extra: Record<string, unknown> = {}) {
  return stack.expect(operation, { config: { trunks }, secrets: { passwords: JSON.stringify({ s: password }) }, diff: operation !== "destroy" && operation !== "refresh", debug: true, ...extra }).then((r) => {
    seen.push(r.output);
    return r;
  });
}

function driftReport(password: string): Promise<string> {
  const json = path.join(stack.stateDir, "secrets-drift.json");
  const args = [path.join(REPO_ROOT, "dist/cli/drift.js"), "--stack", stack.name, "--json", json, "--markdown", `${json}.md`, "--program", stack.program, "--state", stack.stateDir];
  args.push("--config", `livekit:url=${process.env.LSP_E2E_URL}`, "--config", `livekit:apiKey=${process.env.LSP_E2E_API_KEY}`, "--config", `trunks=${JSON.stringify(trunks)}`);
  args.push("--secret", `livekit:apiSecret=${process.env.LSP_E2E_API_SECRET}`, "--secret", `passwords=${JSON.stringify({ s: password })}`);
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args);
    let output = "";
    child.stdout.on("data", (c: Buffer) => (output += c.toString()));
    child.stderr.on("data", (c: Buffer) => (output += c.toString()));
    child.on("close", () => resolve(output + fs.readFileSync(json, "utf8") + fs.readFileSync(`${json}.md`, "utf8")));
  });
}

beforeAll(deleteAllTrunks);

test("no password and no API secret anywhere, through the whole lifecycle", async () => {
  await run("up", first);
  await run("up", second);
  const [live] = await sipClient().listSipInboundTrunk();
  expect(live.authPassword).toBe(second);
  await sipClient().updateSipInboundTrunkFields(live.sipTrunkId, { authPassword: outOfBand });
  await run("refresh", second);
  seen.push(await driftReport(second));
  seen.push(stack.stateFileText(), (await stack.exportState()).text);
  await run("up", second);
  seen.push(stack.stateFileText(), (await stack.exportState()).text);
  await run("destroy", second);
  seen.push(stack.stateFileText());

  const everything = seen.join("\n");
  expect(everything.length).toBeGreaterThan(10_000); // --debug output was captured
  for (const secret of [first, second, outOfBand, process.env.LSP_E2E_API_SECRET!]) {
    expect(everything.split(secret).length - 1).toBe(0);
  }
});
