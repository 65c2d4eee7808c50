import * as fs from "node:fs";
import * as path from "node:path";
import type { InboundTrunkArgs, OutboundTrunkArgs } from "../../dynamic";
import { DEFAULT_LEG } from "../../tools/userProject";
import { LiveKitProxy } from "../../tools/proxy";
import { declaredPart, deleteAll, lk, lkCreate, lkDelete, lkReplace, lkReplaceOf, lkUpdateFields, listTrunksJson, recordJson, testServer, trunkJson } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";
import { teamBackend } from "./support/teamBackend";

/**
 * Drift, end to end, as a daily CI job runs it: `npx livekit-sip-drift` in the user's project
 * reads the stack's state and the server, never the program. The program also declares a
 * resource of another provider whose reads fail without credentials the job does not have.
 * `lk` edits every field kind of all three SIP types behind Pulumi's back; each is named,
 * secrets as `(secret)`; one `pulumi up --refresh` converges them. A program edited but not
 * applied is no drift (only `--preview` reports it). Deleted and unmanaged records, another
 * server and wrong credentials are each reported as such.
 */

/** Every run of the stack has the other provider's credentials, except the drift job's. */
const OTHER_PROVIDER = { OTHER_PROVIDER_TOKEN: "token" };
const NO_OTHER_PROVIDER = { OTHER_PROVIDER_TOKEN: "" };
const stack = new TestStack("drift", PROJECTS.declared, DEFAULT_LEG, { ...SCRIPTED, env: { ...SCRIPTED.env, ...OTHER_PROVIDER } });
const password = `pw-${Date.now()}-drift`;
const carrierPassword = `pw-${Date.now()}-carrier`;
const inbound: InboundTrunkArgs = {
  name: "Drift test",
  numbers: ["+15105550300"],
  authUsername: "drift",
  headers: { "X-Team": "voice" },
  ringingTimeout: "30s",
  krispEnabled: true,
};
const outbound: OutboundTrunkArgs = { name: "Drift carrier", address: "sip.carrier.example.com", numbers: ["+15105550301"], transport: "SIP_TRANSPORT_UDP", authUsername: "carrier" };
const rule = { name: "Drift rule", trunks: ["d"], attributes: { team: "voice" }, rule: { dispatchRuleIndividual: { roomPrefix: "drift-" } } };
const config = { trunks: { d: inbound }, outboundTrunks: { o: outbound }, dispatchRules: { r: rule }, otherProvider: true };
const secrets = { passwords: JSON.stringify({ d: password, o: carrierPassword }) };
let ids: { d: string; o: string; r: string };

interface DriftRun {
  code: number;
  output: string;
  report: { drifted: boolean; error?: string; problems?: string[]; rows: { resource: string; type: string; id: string; field: string; declared: string; live: string }[] };
}

/** Runs the drift command as a CI job would, without the other provider's credentials. */
async function drift(args: string[] = [], env: Record<string, string> = {}): Promise<DriftRun> {
  const json = path.join(process.env.LSP_E2E_DIR!, `drift-${Date.now()}.json`);
  const { code, output } = await stack.packageCommand("livekit-sip-drift", ["--stack", stack.name, "--json", json, ...args], { ...NO_OTHER_PROVIDER, ...env });
  return { code, output, report: JSON.parse(fs.readFileSync(json, "utf8")) };
}

async function expectConverged(): Promise<void> {
  await stack.expect("up", { config, secrets, refresh: true });
  expect(declaredPart((await trunkJson(ids.d))!)).toEqual({ ...inbound, authPassword: password });
  const clean = await drift();
  expect(clean.output).toMatch(/No drift in stack drift: 3 SIP resource\(s\) match the last pulumi up/);
  expect(clean.code).toBe(0);
}

beforeAll(async () => {
  for (const kind of ["dispatch", "outbound", "inbound"] as const) await deleteAll(kind);
  await stack.expect("up", { config, secrets });
  ids = JSON.parse((await stack.expect("outputs")).stdout).ids;
});

afterAll(() => stack.run("destroy", { config, secrets }));

test("no drift right after up, although the other provider's reads fail without its credentials", async () => {
  const result = await drift();
  expect(result.code).toBe(0);
  expect(result.report).toMatchObject({ drifted: false, resourcesChecked: 3, rows: [] });
});

test("lk edits of every field kind on all three types are each named, secrets as (secret); one up --refresh converges them", async () => {
  await lkUpdateFields(ids.d, { numbers: ["+15105550300", "+15105550399"], authPass: "changed-by-hand" });
  await lkReplace(ids.d, (t) => {
    t.headers = { "X-Team": "sales" };
    delete t.ringingTimeout;
    delete t.krispEnabled;
  });
  await lkReplaceOf("outbound", ids.o, (t) => {
    t.name = "Carrier (edited)";
    t.transport = "SIP_TRANSPORT_TCP";
    t.address = "sip.other.example.com";
  });
  await lkReplaceOf("dispatch", ids.r, (r) => {
    r.rule = { dispatchRuleDirect: { roomName: "by-hand" } };
    r.hidePhoneNumber = true;
    r.attributes = { team: "sales" };
  });
  const result = await drift();
  expect(result.code).toBe(2);
  const named = result.report.rows.map((r) => `${r.resource}.${r.field}`);
  expect([...named].sort()).toEqual(
    ["d.numbers", "d.authPassword", "d.headers", "d.ringingTimeout", "d.krispEnabled", "o.name", "o.address", "o.transport", "r.rule", "r.hidePhoneNumber", "r.attributes"].sort(),
  );
  const row = (name: string) => result.report.rows.find((r) => `${r.resource}.${r.field}` === name)!;
  expect(row("d.authPassword")).toMatchObject({ declared: "(secret)", live: "(secret)" });
  expect(row("d.headers")).toMatchObject({ declared: "(secret)", live: "(secret)" });
  expect(row("o.transport")).toMatchObject({ declared: '"SIP_TRANSPORT_UDP"', live: '"SIP_TRANSPORT_TCP"' });
  expect(row("r.rule")).toMatchObject({ type: "DispatchRule", id: ids.r, live: '{"dispatchRuleDirect":{"roomName":"by-hand"}}' });
  expect(result.output).toMatch(new RegExp(`\\bo\\s+OutboundTrunk\\s+${ids.o}\\s+name\\s+"Drift carrier"\\s+"Carrier \\(edited\\)"`));
  for (const secret of [password, carrierPassword, "changed-by-hand"]) expect(`${result.output}${JSON.stringify(result.report)}`).not.toContain(secret);
  await expectConverged();
  expect(await recordJson("dispatch", ids.r)).toMatchObject({ rule: { dispatchRuleIndividual: { roomPrefix: "drift-" } }, attributes: { team: "voice" } });
});

test("--preview needs every provider's credentials: without them it fails in one paragraph, and drift.json says why", async () => {
  const result = await drift(["--preview"]);
  expect(result.code).toBe(1);
  expect(result.report.error).toMatch(/the other provider has no credentials/);
  expect(result.output).not.toContain("--event-log");
  expect(result.output.trim().split("\n")).toHaveLength(1);
});

test("a program edited but not applied is no drift; --preview (with every credential) reports it", async () => {
  const edited = { ...config, trunks: { d: { ...inbound, name: "Edited in the program" } } };
  await stack.configure({ config: edited, secrets });
  expect((await drift()).code).toBe(0);
  const withPending = await drift(["--preview"], OTHER_PROVIDER);
  expect(withPending.code).toBe(2);
  const rows = withPending.report.rows.map((r) => `${r.resource}.${r.field}`);
  expect(rows).toContain("d.name");
  // The dynamic-provider host's preview shows the rule bound to the trunk as changing too (the
  // native package's does not): the --preview mode's known noise, not a drift of the rule.
  expect(rows.filter((row) => row !== "d.name")).toEqual(rows.includes("r.trunkIds") ? ["r.trunkIds"] : []);
  await stack.configure({ config, secrets });
});

test("a record deleted outside Pulumi is a (resource) row; --unmanaged also lists one made with lk", async () => {
  await lk("sip", "outbound", "delete", ids.o);
  const byHand = await lkCreate({ trunk: { name: "Made by hand", numbers: ["+15105550388"] } });
  const deleted = { resource: "o", type: "OutboundTrunk", id: ids.o, field: "(resource)", declared: "recorded", live: "missing: deleted outside Pulumi" };
  const result = await drift();
  expect(result.code).toBe(2);
  expect(result.report.rows).toEqual([deleted]);
  const unmanaged = await drift(["--unmanaged"]);
  expect(unmanaged.report.rows).toEqual([deleted, { resource: "-", type: "InboundTrunk", id: byHand, field: "(resource)", declared: "not in the state", live: 'exists (name "Made by hand")' }]);
  await lk("sip", "inbound", "delete", byHand);
  await stack.expect("up", { config, secrets, refresh: true });
  ids = JSON.parse((await stack.expect("outputs")).stdout).ids;
  expect((await drift()).code).toBe(0);
});

test("LIVEKIT_URL naming another server: nothing is compared against it (exit 1); a wrong secret is said once", async () => {
  const elsewhere = await drift([], { LIVEKIT_URL: "http://127.0.0.1:9" });
  expect(elsewhere.code).toBe(1);
  expect(elsewhere.report.problems).toEqual([expect.stringMatching(/^recorded on .*, but LIVEKIT_URL is http:\/\/127\.0\.0\.1:9/)]);
  expect(elsewhere.report.rows.map((r) => r.field)).toEqual(["(server)", "(server)", "(server)"]);
  const wrongSecret = await drift([], { LIVEKIT_API_SECRET: "not-the-secret-at-all-but-long-enough" });
  expect(wrongSecret.code).toBe(1);
  expect(wrongSecret.report.error).toMatch(/LiveKit rejected the credentials/);
  expect(wrongSecret.output.match(/rejected the credentials/g)).toHaveLength(1);
  expect(`${wrongSecret.output}${JSON.stringify(wrongSecret.report)}`).not.toContain(testServer().apiSecret);
});

test("after pulumi refresh, one pulumi up converges; a refreshing preview exits 7 on drift", async () => {
  await lkReplace(ids.d, (t) => (t.metadata = "edited"));
  await stack.expect("refresh", { config, secrets });
  await stack.expect("up", { config, secrets });
  expect(declaredPart((await trunkJson(ids.d))!)).toEqual({ ...inbound, authPassword: password });
  await lkUpdateFields(ids.d, { name: "Edited again" });
  const result = await stack.run("preview", { config, secrets, refresh: true, expectNoChanges: true });
  expect(result.code).toBe(7);
  expect(result.output).toMatch(/differs \S+: name/);
  // Said while the preview runs, not again in its closing Diagnostics list (the diff shows it there).
  expect(result.output.split("\nDiagnostics:\n")[1] ?? "").not.toContain("differs");
  await expectConverged();
});

describe("the example CI workflow (examples/ci/drift-check.yml)", () => {
  const prod = new TestStack("prod", PROJECTS.declared);
  const prodConfig = { trunks: { p: { name: "Prod line", numbers: ["+15105550310"] } } };

  afterAll(() => prod.run("destroy", { config: prodConfig }));

  test("its own commands, run in the user's project with its secrets as the job's environment, fail on a drifted stack and write the report", async () => {
    await prod.expect("up", { config: prodConfig });
    const live = (await listTrunksJson()).find((t) => t.name === "Prod line")!;
    await lkUpdateFields(live.sipTrunkId, { name: "Prod line (edited)" });

    const workflow = fs.readFileSync(path.join(__dirname, "../../examples/ci/drift-check.yml"), "utf8");
    const commands = [...workflow.matchAll(/^\s*(?:- )?run: (.+)$/gm)].map((m) => m[1]);
    expect(commands).toEqual(["npm ci", "npx livekit-sip-drift --stack prod --json drift.json --markdown drift.md"]);
    // The job's environment: each secret the file names, as the repository would hold it.
    const secretNames = [...workflow.matchAll(/\$\{\{ secrets\.(\w+) \}\}/g)].map((m) => m[1]);
    expect(secretNames).toEqual(["PULUMI_CONFIG_PASSPHRASE", "LIVEKIT_URL", "LIVEKIT_API_KEY", "LIVEKIT_API_SECRET"]);
    const server = testServer();
    const jobEnv = { LIVEKIT_URL: server.url, LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret, GITHUB_STEP_SUMMARY: path.join(process.env.LSP_E2E_DIR!, "step-summary.md") };
    expect(workflow).toMatch(/node-version: 22\b/);
    const results = [];
    for (const command of commands) results.push(await prod.shell(command, jobEnv));
    expect(results.map((r) => r.code)).toEqual([0, 2]);
    expect(results[1].output).toMatch(new RegExp(`\\bp\\s+InboundTrunk\\s+${live.sipTrunkId}\\s+name\\s+"Prod line"\\s+"Prod line \\(edited\\)"`));
    const report = JSON.parse(fs.readFileSync(path.join(prod.projectDir, "drift.json"), "utf8"));
    expect(report).toMatchObject({ stack: "prod", drifted: true, rows: [{ resource: "p", type: "InboundTrunk", id: live.sipTrunkId, field: "name" }] });
    expect(fs.readFileSync(path.join(prod.projectDir, "drift.md"), "utf8")).toContain(`| p | InboundTrunk | ${live.sipTrunkId} | name | "Prod line" | "Prod line (edited)" |`);
    expect(fs.readFileSync(jobEnv.GITHUB_STEP_SUMMARY, "utf8")).toContain(`| p | InboundTrunk | ${live.sipTrunkId} | name |`);
  });
});

describe("livekit-sip-drift --all: every stack of a team's PostgreSQL backend in one run", () => {
  const backendUrl = teamBackend("team_drift");
  const proxy = new LiveKitProxy(process.env.LSP_E2E_URL!);
  // Two engineers: team-b's is on another machine (a PULUMI_HOME and a checkout of its own).
  const engineerB = path.join(process.env.LSP_E2E_DIR!, "drift-engineer-b");
  const machineOf = (name: string) => (name === "team-b" ? { pulumiHome: path.join(engineerB, ".pulumi"), projectDir: path.join(engineerB, "work", "livekit-sip-pulumi-infra") } : {});
  const teams = ["team-a", "team-b", "team-c"].map((name, t) => ({
    stack: new TestStack(name, PROJECTS.declared, DEFAULT_LEG, SCRIPTED, { backendUrl, ...machineOf(name) }),
    trunks: Object.fromEntries([0, 1].map((i) => [`t${i}`, { name: `${name} line ${i}`, numbers: [`+1510555${String(360 + 2 * t + i).padStart(4, "0")}`] }])),
  }));
  const config = (t: (typeof teams)[number]) => ({ trunks: t.trunks, "livekit:url": proxy.url });

  beforeAll(async () => {
    await proxy.start();
    fs.mkdirSync(path.join(engineerB, ".pulumi"), { recursive: true });
    // The two engineers' ups of their stacks run at once (one lock per stack, no waiting).
    await Promise.all(teams.map((team) => team.stack.expect("up", { config: config(team) })));
  });
  afterAll(async () => {
    for (const team of teams) await team.stack.run("destroy", { config: config(team) });
    proxy.stop();
  });

  test("lists the server once for all stacks, names the one drifted field under its stack, and lists records no stack holds", async () => {
    const edited = (await listTrunksJson()).find((t) => t.name === "team-b line 1")!;
    await lkUpdateFields(edited.sipTrunkId, { name: "team-b line 1 (edited)" });
    const stray = await lkCreate({ trunk: { name: "Made by hand", numbers: ["+15105550399"] } });
    const json = path.join(process.env.LSP_E2E_DIR!, "backend-drift.json");
    proxy.reset();
    const run = await teams[0].stack.shell(`npx livekit-sip-drift --all --unmanaged --json ${json}`);
    expect(run.code).toBe(2);
    expect(proxy.counts()).toEqual({ ListSIPInboundTrunk: 1 });
    const report = JSON.parse(fs.readFileSync(json, "utf8")) as { stacks: { stack: string; drifted: boolean; resourcesChecked: number; rows: { resource: string; id: string; field: string }[] }[]; unmanaged: { rows: { id: string }[] } };
    // Named as `pulumi stack ls --all` names them where it runs (fully qualified outside the project).
    expect(report.stacks.map((s) => [s.stack.split("/").pop(), s.resourcesChecked, s.drifted])).toEqual([
      ["team-a", 2, false],
      ["team-b", 2, true],
      ["team-c", 2, false],
    ]);
    expect(report.stacks[1].rows.map((r) => [r.resource, r.id, r.field])).toEqual([["t1", edited.sipTrunkId, "name"]]);
    expect(report.unmanaged.rows.map((r) => r.id)).toContain(stray);
    expect(report.unmanaged.rows.map((r) => r.id)).not.toContain(edited.sipTrunkId);
    expect(run.stdout).toMatch(/^Drift in stack (organization\/declared\/)?team-b: 1 of 2 SIP resource\(s\) differ/m);
    await lkDelete(stray);
  });
});
