import * as fs from "node:fs";
import * as path from "node:path";
import { deleteAllTrunks, listTrunksJson, lkReplace, lkUpdateFields } from "./support/livekit";
import { PROJECTS, TestStack } from "./support/pulumi";

/**
 * Secrets audit: through create, a password change, refresh, a drift report and destroy — with
 * --diff, and with --debug -v=9 logging — neither the SIP passwords nor the API secret appear in
 * the state file, `pulumi stack export`, the CLI's output or the drift report.
 *
 * One exception, not ours: with --debug, Pulumi's Node SDK logs every RegisterResource response
 * with its secret values in plain text ("RegisterResource RPC finished: …", @pulumi/pulumi 3.248
 * to 3.276). The README says so; the audit checks that every debug line holding a secret is one
 * of those records, so that nothing this package logs holds one.
 */

const stack = new TestStack("secrets", PROJECTS.declared);
const first = `pw-first-${Date.now()}`;
const second = `pw-second-${Date.now()}`;
const outOfBand = `pw-by-hand-${Date.now()}`;
/** A header value is kept secret too (a carrier's token, say), and changed by hand like the password. */
const token = `tok-${Date.now()}`;
const tokenByHand = `tok-by-hand-${Date.now()}`;
const headerSecrets = JSON.stringify({ s: { "X-Carrier-Token": token } });
const trunks = { s: { name: "Secret audit", numbers: ["+15105550500"], authUsername: "audit" } };
const secrets = () => [first, second, outOfBand, token, tokenByHand, process.env.LSP_E2E_API_SECRET!];
/** Everything printed or written without --debug. */
const seen: string[] = [];
/** The output of the --debug runs. */
const debugOutput: string[] = [];

async function run(operation: Parameters<TestStack["expect"]>[0], password: string, debug = false) {
  const diff = operation !== "destroy" && operation !== "refresh";
  const result = await stack.expect(operation, { config: { trunks }, secrets: { passwords: JSON.stringify({ s: password }), secretHeaders: headerSecrets }, diff, debug });
  (debug ? debugOutput : seen).push(result.output);
  return result;
}

/** `npx livekit-sip-drift` with JSON and Markdown reports: everything it printed and wrote. */
async function driftReport(password: string): Promise<string> {
  const json = path.join(process.env.LSP_E2E_DIR!, "secrets-drift.json");
  await stack.configure({ config: { trunks }, secrets: { passwords: JSON.stringify({ s: password }), secretHeaders: headerSecrets } });
  const { output } = await stack.packageCommand("livekit-sip-drift", ["--stack", stack.name, "--json", json, "--markdown", `${json}.md`]);
  return output + fs.readFileSync(json, "utf8") + fs.readFileSync(`${json}.md`, "utf8");
}

/**
 * The debug output's records that hold a secret and are not Pulumi SDK RegisterResource
 * records. A record starts at a structured log line or a `debug:`/`info:`… line; the lines after
 * it (a message with newlines) belong to it.
 */
function recordsWithSecretsNotFromTheSdk(output: string, secretValues: string[]): string[] {
  const offending: string[] = [];
  let record = "";
  for (const line of output.split("\n")) {
    if (/^(\{"time"|(debug|info|warning|error): |[IWE]\d{4} )/.test(line)) record = line;
    const fromSdk = record.includes("RegisterResource RPC finished:");
    if (!fromSdk && secretValues.some((secret) => line.includes(secret))) offending.push(line.slice(0, 300));
  }
  return offending;
}

beforeAll(deleteAllTrunks);

test("no password and no API secret anywhere, through the whole lifecycle", async () => {
  await run("up", first);
  await run("up", second);
  const [live] = await listTrunksJson();
  expect(live.authPassword).toBe(second);
  expect(live.headers).toEqual({ "X-Carrier-Token": token });
  await lkReplace(live.sipTrunkId, (trunk) => (trunk.headers = { "X-Carrier-Token": tokenByHand }));
  await lkUpdateFields(live.sipTrunkId, { authPass: outOfBand });
  await run("refresh", second);
  const report = await driftReport(second);
  expect(report).toMatch(/headers\s+\(secret\)\s+\(secret\)/);
  seen.push(report);
  seen.push(stack.stateFileText(), (await stack.exportState()).text);
  await run("up", second);
  seen.push(stack.stateFileText(), (await stack.exportState()).text);
  await run("destroy", second);
  seen.push(stack.stateFileText());

  const everything = seen.join("\n");
  for (const secret of secrets()) expect(everything.split(secret).length - 1).toBe(0);
});

test("with --debug -v=9, only Pulumi's own RegisterResource records hold a secret", async () => {
  await run("up", first, true);
  await lkUpdateFields((await listTrunksJson())[0].sipTrunkId, { authPass: outOfBand });
  await run("refresh", first, true);
  await run("up", second, true);
  await run("destroy", second, true);
  const output = debugOutput.join("\n");
  expect(output.length).toBeGreaterThan(100_000); // the debug log was captured
  expect(output).toContain("livekit-sip-pulumi:"); // and the provider's own lines are in it
  expect(recordsWithSecretsNotFromTheSdk(output, secrets())).toEqual([]);
});
