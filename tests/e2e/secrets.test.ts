import * as fs from "node:fs";
import * as path from "node:path";
import { deleteAllTrunks, listTrunksJson, lkUpdateFields } from "./support/livekit";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * Secrets audit: through create, a password change, refresh, a drift report and destroy — with
 * --diff and --debug logging — neither the SIP passwords nor the API secret appear in the state
 * file, `pulumi stack export`, any CLI output or the drift report.
 */

const stack = new TestStack("secrets", PROJECTS.declared);
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

/** `npx livekit-sip-drift` with JSON and Markdown reports: everything it printed and wrote. */
async function driftReport(password: string): Promise<string> {
  const json = path.join(process.env.LSP_E2E_DIR!, "secrets-drift.json");
  await stack.configure({ config: { trunks }, secrets: { passwords: JSON.stringify({ s: password }) } });
  const { output } = await stack.packageCommand("livekit-sip-drift", ["--stack", stack.name, "--json", json, "--markdown", `${json}.md`]);
  return output + fs.readFileSync(json, "utf8") + fs.readFileSync(`${json}.md`, "utf8");
}

beforeAll(deleteAllTrunks);

test("no password and no API secret anywhere, through the whole lifecycle", async () => {
  await run("up", first);
  await run("up", second);
  const [live] = await listTrunksJson();
  expect(live.authPassword).toBe(second);
  await lkUpdateFields(live.sipTrunkId, { authPass: outOfBand });
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
