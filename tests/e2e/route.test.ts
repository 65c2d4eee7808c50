import * as fs from "node:fs";
import * as path from "node:path";
import { deleteAll, deleteAllTrunks, lkDelete, testServer } from "./support/livekit";
import { PROJECTS, TestStack } from "./support/pulumi";
import { SipProbe } from "./support/sipProbe";
import { teamBackend } from "./support/teamBackend";

/**
 * `npx livekit-sip-route` on the users' path: a TypeScript program of the dynamic resources goes
 * up with three routing mistakes (two trunks on one number that admit the same caller, a trunk
 * whose calls no rule takes, a rule without trunkIds that lets in callers a trunk's allow-list
 * turns away). From the state alone the command names each with the resources, answers for one
 * call what LiveKit itself answers (asked as LiveKit's SIP service asks it), prints the table,
 * and with `--live` sees what `lk` changed on the server since. The stack's state is on a team's
 * PostgreSQL backend: the command reads it through the CLI wherever the backend is.
 */

const stack = new TestStack("route", PROJECTS.declared, undefined, {}, { backendUrl: teamBackend("team_route") });
const config = {
  trunks: {
    main: { name: "Main line", numbers: ["+15105550400"] },
    allowed: { name: "Allowed callers", numbers: ["+15105550400"], allowedNumbers: ["+13105550400"] },
    vip: { name: "VIP line", numbers: ["+15105550401"], allowedNumbers: ["+17145550401"] },
    lonely: { name: "Lonely line", numbers: ["+15105550402"] },
  },
  dispatchRules: {
    mainRule: { name: "Main rule", trunks: ["main"], rule: { dispatchRuleIndividual: { roomPrefix: "main" } } },
    catchAll: { name: "Catch-all", numbers: ["+15105550401"], rule: { dispatchRuleDirect: { roomName: "lobby" } } },
  },
};
let ids: Record<string, string>;
const redisPort = Number(process.env.LSP_E2E_REDIS_PORT);

beforeAll(async () => {
  await deleteAllTrunks();
  await deleteAll("dispatch");
  await stack.expect("up", { config });
  ids = (JSON.parse((await stack.expect("outputs")).stdout) as { ids: Record<string, string> }).ids;
});
afterAll(async () => {
  await stack.expect("destroy", { config });
});

const route = (...args: string[]) => stack.packageCommand("livekit-sip-route", ["--stack", stack.name, ...args]);

test("--check names each routing mistake with its resources, writes JSON and Markdown, and exits 2", async () => {
  const json = path.join(process.env.LSP_E2E_DIR!, "route-check.json");
  const summary = path.join(process.env.LSP_E2E_DIR!, "route-summary.md");
  fs.rmSync(summary, { force: true });
  const check = await route("--check", "--json", json, "--markdown", path.join(process.env.LSP_E2E_DIR!, "route-check.md"));
  expect(check.code).toBe(2);
  const report = JSON.parse(fs.readFileSync(json, "utf8")) as { servers: { findings: { kind: string; level: string; trunkIds: string[]; ruleIds: string[]; text: string }[] }[] };
  const findings = report.servers[0].findings;
  expect(findings.map((f) => [f.kind, f.level, [...f.trunkIds].sort(), f.ruleIds]).sort()).toEqual(
    [
      ["severalTrunks", "mandatory", [ids.main, ids.allowed].sort(), []],
      ["noRule", "mandatory", [ids.lonely], []],
      ["allowListBypassed", "advisory", [ids.vip], [ids.catchAll]],
    ].sort(),
  );
  expect(check.stdout).toContain(`InboundTrunk "main" (${ids.main})`);
  expect(check.stdout).toContain(`InboundTrunk "allowed" (${ids.allowed})`);
  expect(check.stdout).toMatch(/\[mandatory\] Calls are dropped without an answer \(for example \+\d+ → \+15105550402\): InboundTrunk "lonely"/);
  expect(fs.readFileSync(path.join(process.env.LSP_E2E_DIR!, "route-check.md"), "utf8")).toMatch(/^- \*\*mandatory\*\*: Calls are refused/m);

  // In CI the same report lands in the job's summary.
  const inCi = await stack.packageCommand("livekit-sip-route", ["--stack", stack.name, "--check"], { GITHUB_STEP_SUMMARY: summary });
  expect(inCi.code).toBe(2);
  expect(fs.readFileSync(summary, "utf8")).toContain("### LiveKit SIP: Routing check");
});

test("a call both trunks admit is refused, as livekit-server itself answers the SIP service", async () => {
  const answer = await route("--from", "+13105550400", "--to", "+15105550400", "--ip", "203.0.113.7");
  expect(answer.code).toBe(0);
  expect(answer.stdout).toMatch(/A call from \+13105550400 to \+15105550400 is refused \(LiveKit answers 503, "Multiple SIP Trunks matched"\)/);
  expect(answer.stdout).toContain(`InboundTrunk "allowed" (${ids.allowed})`);
  const probe = new SipProbe(`127.0.0.1:${redisPort}`);
  try {
    const [livekit] = await probe.ask([{ from: "+13105550400", to: "+15105550400", sourceIp: "203.0.113.7" }]);
    expect(livekit.refused).toMatch(/Multiple SIP Trunks matched for "\+15105550400"/);
    const [other] = await probe.ask([{ from: "+14155550100", to: "+15105550400", sourceIp: "203.0.113.7" }]);
    const routed = await route("--from", "+14155550100", "--to", "+15105550400", "--ip", "203.0.113.7");
    expect(other).toMatchObject({ result: "ACCEPT", trunkId: ids.main, ruleId: ids.mainRule });
    expect(routed.stdout).toContain(`is accepted: InboundTrunk "main" (${ids.main}) answers it (it lists +15105550400); DispatchRule "mainRule" (${ids.mainRule}) takes it`);
    expect(routed.stdout).toContain(`room "${other.room!.replace(/_[^_]{12}$/, "")}_…"`);
  } finally {
    probe.close();
  }
});

test("--table lists each number's callers with their trunk, rule and room", async () => {
  const table = await route("--table");
  expect(table.code).toBe(0);
  const row = (called: string, caller: string) => table.stdout.split("\n").find((line) => line.startsWith(called) && line.includes(caller)) ?? "";
  expect(row("+15105550400", "+13105550400")).toContain("REFUSED: several trunks match");
  expect(row("+15105550400", "any other caller")).toMatch(/InboundTrunk "main".*DispatchRule "mainRule".*room "main_<caller>_…"/);
  expect(row("+15105550401", "+17145550401")).toMatch(/InboundTrunk "vip".*DispatchRule "catchAll".*room "lobby"/);
  expect(row("+15105550401", "any other caller")).toMatch(/none .*DispatchRule "catchAll"/);
  expect(row("+15105550402", "any other caller")).toContain("DROPPED unanswered: no rule");
});

test("--live routes with what the server holds now: lk deletes the second trunk, and the caller reaches the main line", async () => {
  await lkDelete(ids.allowed);
  const asked = ["--from", "+13105550400", "--to", "+15105550400", "--ip", "203.0.113.7"];
  const live = await route("--live", ...asked);
  expect(live.code).toBe(0);
  expect(live.stdout).toContain(`is accepted: InboundTrunk "main" (${ids.main}) answers it`);
  // The state still records both trunks: without --live the answer is the applied configuration's.
  expect((await route(...asked)).stdout).toContain("is refused");
  const check = await route("--live", "--check");
  expect(check.code).toBe(2);
  expect(check.stdout).not.toContain("Multiple SIP Trunks");
  expect(check.stdout).not.toContain(process.env.LSP_E2E_API_SECRET!);
});

test("the example CI workflow's own commands fail the job on this stack and write the report (examples/ci/route-check.yml)", async () => {
  const workflow = fs.readFileSync(path.join(__dirname, "../../examples/ci/route-check.yml"), "utf8");
  const commands = [...workflow.matchAll(/^\s*(?:- )?run: (.+)$/gm)].map((m) => m[1]);
  expect(commands).toEqual([
    "npm ci",
    "pulumi preview --stack prod --policy-pack node_modules/livekit-sip-pulumi/dist/policy",
    "npx livekit-sip-route --stack prod --live --check --json route.json --markdown route.md",
  ]);
  const server = testServer();
  const jobEnv = { LIVEKIT_URL: server.url, LIVEKIT_API_KEY: server.apiKey, LIVEKIT_API_SECRET: server.apiSecret, GITHUB_STEP_SUMMARY: path.join(process.env.LSP_E2E_DIR!, "route-step-summary.md") };
  // The project's stack here is "route" (the drift suite's "prod" shares the folder).
  const results = [];
  for (const command of commands.slice(1)) results.push(await stack.shell(command.replace("--stack prod", `--stack ${stack.name}`), jobEnv));
  expect(results[0].code).not.toBe(0);
  expect(results[1].code).toBe(2);
  expect(results[0].output).toContain("livekit-sip-calls-answered");
  expect(JSON.parse(fs.readFileSync(path.join(stack.projectDir, "route.json"), "utf8"))).toMatchObject({ stack: "route", live: true });
  expect(fs.readFileSync(path.join(stack.projectDir, "route.md"), "utf8")).toContain("**mandatory**");
  expect(fs.readFileSync(jobEnv.GITHUB_STEP_SUMMARY, "utf8")).toContain("### LiveKit SIP: Routing check");
});
