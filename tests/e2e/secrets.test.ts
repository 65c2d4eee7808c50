import * as fs from "node:fs";
import * as path from "node:path";
import { deleteAll, listJson, lkReplace, lkReplaceOf, lkUpdateFields, SipKind } from "./support/livekit";
import { packageCommandsBin } from "./support/native";
import { PROJECTS, RunOptions, TestStack } from "./support/pulumi";

/**
 * Secrets audit, for a TypeScript program of the dynamic resources and a YAML program of the
 * native package, each declaring an inbound trunk, an outbound trunk (both with a password and
 * a secret header) and a dispatch rule whose attribute holds a secret value: through create, a
 * password change, lk edits, a drift report, refresh and destroy — with --diff, and with
 * --debug -v=9 logging — no password, header value, secret attribute or API secret appears in
 * the state file, `pulumi stack export`, the CLI's output or the drift report.
 *
 * One exception, not ours: with --debug, Pulumi's Node SDK logs every RegisterResource response
 * with its secret values in plain text ("RegisterResource RPC finished: …", @pulumi/pulumi 3.248
 * to 3.276). The README says so; the audit checks that every debug line holding a secret is one
 * of those records, so that nothing this package logs holds one.
 */

const stamp = Date.now();
const first = `pw-first-${stamp}`;
const second = `pw-second-${stamp}`;
const outOfBand = `pw-by-hand-${stamp}`;
/** A header value is kept secret too (a carrier's token, say), and changed by hand like the password. */
const token = `tok-${stamp}`;
const tokenByHand = `tok-by-hand-${stamp}`;
const secretValues = () => [first, second, outOfBand, token, tokenByHand, process.env.LSP_E2E_API_SECRET!];

interface Program {
  name: string;
  stack: () => TestStack;
  /** The run options that declare everything with `password` as every password. */
  options: (password: string) => RunOptions;
  /** Runs one of the package's commands in the project, as its users would. */
  tool: (stack: TestStack, bin: string, args: string[]) => Promise<{ output: string }>;
}

const dynamicProgram: Program = {
  name: "dynamic resources, TypeScript",
  stack: () => new TestStack("secrets", PROJECTS.declared),
  options: (password) => ({
    config: {
      trunks: { s: { name: "Secret audit", numbers: ["+15105550500"], authUsername: "audit" } },
      outboundTrunks: { carrier: { name: "Secret carrier", address: "sip.carrier.example.com", numbers: ["+15105550501"], authUsername: "audit-out" } },
      dispatchRules: { rule: { name: "Secret rule", trunks: ["s"], rule: { dispatchRuleIndividual: { roomPrefix: "audit-" } } } },
    },
    secrets: {
      passwords: JSON.stringify({ s: password, carrier: password }),
      secretHeaders: JSON.stringify({ s: { "X-Carrier-Token": token }, carrier: { "X-Carrier-Token": token } }),
      secretAttributes: JSON.stringify({ rule: { carrierToken: token } }),
    },
  }),
  tool: (stack, bin, args) => stack.packageCommand(bin, args),
};

const nativeProgram: Program = {
  name: "native package, YAML",
  stack: () => new TestStack("native-secrets", PROJECTS.nativeSecrets, undefined, {}, { packageManager: "none", pathPrefix: [packageCommandsBin()] }),
  options: (password) => ({ secrets: { password, headerToken: token } }),
  // The global install that holds the plugin holds the tools too.
  tool: (stack, bin, args) => stack.shell([bin, ...args].map((arg) => JSON.stringify(arg)).join(" ")),
};

/**
 * The debug output's records that hold a secret and are not Pulumi SDK RegisterResource
 * records. A record starts at a structured log line or a `debug:`/`info:`… line; the lines after
 * it (a message with newlines) belong to it.
 */
function recordsWithSecretsNotFromTheSdk(output: string, secrets: string[]): string[] {
  const offending: string[] = [];
  let record = "";
  for (const line of output.split("\n")) {
    if (/^(\{"time"|(debug|info|warning|error): |[IWE]\d{4} )/.test(line)) record = line;
    const fromSdk = record.includes("RegisterResource RPC finished:");
    if (!fromSdk && secrets.some((secret) => line.includes(secret))) offending.push(line.slice(0, 300));
  }
  return offending;
}

const firstOf = async (kind: SipKind) => (await listJson(kind))[0];

describe.each([dynamicProgram, nativeProgram])("$name", (program) => {
  let stack: TestStack;
  /** Everything printed or written without --debug. */
  const seen: string[] = [];
  /** The output of the --debug runs. */
  const debugOutput: string[] = [];

  async function run(operation: Parameters<TestStack["expect"]>[0], password: string, debug = false) {
    const diff = operation !== "destroy" && operation !== "refresh";
    const result = await stack.expect(operation, { ...program.options(password), diff, debug });
    (debug ? debugOutput : seen).push(result.output);
    return result;
  }

  /** `livekit-sip-drift` with JSON and Markdown reports: everything it printed and wrote. */
  async function driftReport(password: string): Promise<string> {
    const json = path.join(process.env.LSP_E2E_DIR!, `${stack.name}-drift.json`);
    await stack.configure(program.options(password));
    const { output } = await program.tool(stack, "livekit-sip-drift", ["--stack", stack.name, "--json", json, "--markdown", `${json}.md`]);
    return output + fs.readFileSync(json, "utf8") + fs.readFileSync(`${json}.md`, "utf8");
  }

  beforeAll(async () => {
    for (const kind of ["dispatch", "outbound", "inbound"] as const) await deleteAll(kind);
    stack = program.stack();
  });

  test("no password, header value, secret attribute or API secret anywhere, through the whole lifecycle", async () => {
    await run("up", first);
    await run("up", second);
    const live = await firstOf("inbound");
    const carrier = await firstOf("outbound");
    expect(live).toMatchObject({ authPassword: second, headers: { "X-Carrier-Token": token } });
    expect(carrier).toMatchObject({ authPassword: second, headers: { "X-Carrier-Token": token } });
    expect(await firstOf("dispatch")).toMatchObject({ attributes: { carrierToken: token } });
    await lkReplace(String(live.sipTrunkId), (trunk) => (trunk.headers = { "X-Carrier-Token": tokenByHand }));
    await lkUpdateFields(String(live.sipTrunkId), { authPass: outOfBand });
    await lkReplaceOf("outbound", String(carrier.sipTrunkId), (trunk) => {
      trunk.authPassword = outOfBand;
      trunk.headers = { "X-Carrier-Token": tokenByHand };
    });
    const report = await driftReport(second);
    expect(report).toMatch(/s\s+InboundTrunk\s+\S+\s+headers\s+\(secret\)\s+\(secret\)/);
    expect(report).toMatch(/carrier\s+OutboundTrunk\s+\S+\s+authPassword\s+\(secret\)\s+\(secret\)/);
    seen.push(report);
    await run("refresh", second);
    seen.push(stack.stateFileText(), (await stack.exportState()).text);
    await run("up", second);
    seen.push(stack.stateFileText(), (await stack.exportState()).text);
    await run("destroy", second);
    seen.push(stack.stateFileText());

    const everything = seen.join("\n");
    for (const secret of secretValues()) expect(everything.split(secret).length - 1).toBe(0);
  });

  test("with --debug -v=9, only Pulumi's own RegisterResource records hold a secret", async () => {
    await run("up", first, true);
    await lkUpdateFields(String((await firstOf("inbound")).sipTrunkId), { authPass: outOfBand });
    await run("refresh", first, true);
    await run("up", second, true);
    await run("destroy", second, true);
    const output = debugOutput.join("\n");
    expect(output.length).toBeGreaterThan(100_000); // the debug log was captured
    expect(output).toContain("livekit-sip-pulumi:"); // and the provider's own lines are in it
    expect(recordsWithSecretsNotFromTheSdk(output, secretValues())).toEqual([]);
  });
});
