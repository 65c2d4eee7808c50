import * as fs from "node:fs";
import * as path from "node:path";
import { LiveKitProxy } from "../../tools/proxy";
import { DEFAULT_LEG } from "../../tools/userProject";
import { CREATE, KINDS, namesOnServer, recordsOfEachType } from "./support/declared";
import { deleteAll } from "./support/livekit";
import { PROJECTS, SCRIPTED, TestStack } from "./support/pulumi";
import { teamBackend } from "./support/teamBackend";

/**
 * A team's shared state on PostgreSQL (`PULUMI_BACKEND_URL=postgres://…`, Pulumi's self-managed
 * backend for teams): two engineers, each with a checkout of one project in a folder of their own
 * and a PULUMI_HOME of their own, run `pulumi up` of the same stack at the same moment. The
 * backend's lock lets one apply; the other fails with Pulumi's lock message before it sends
 * anything (each engineer reaches LiveKit through a proxy of their own, which counts), and every
 * record exists exactly once. The other PostgreSQL-backed scenarios run in the suites of the tools
 * they exercise: `livekit-sip-drift --all` (drift.test.ts), `livekit-sip-recover` after a killed
 * run (interrupted.test.ts), `livekit-sip-route` (route.test.ts), `livekit-sip-migrate`
 * (nativeMigrate.test.ts).
 */

const backendUrl = teamBackend("team_race");
const proxies = { a: new LiveKitProxy(process.env.LSP_E2E_URL!), b: new LiveKitProxy(process.env.LSP_E2E_URL!) };
const engineerB = path.join(process.env.LSP_E2E_DIR!, "engineer-b");
const stacks = {
  a: new TestStack("prod", PROJECTS.declared, DEFAULT_LEG, SCRIPTED, { backendUrl }),
  b: new TestStack("prod", PROJECTS.declared, DEFAULT_LEG, SCRIPTED, {
    backendUrl,
    pulumiHome: path.join(engineerB, ".pulumi"),
    projectDir: path.join(engineerB, "work", "livekit-sip-pulumi-infra"),
  }),
};
const { config: declared, names } = recordsOfEachType("race", { inbound: 5, outbound: 5, dispatch: 5 }, 76);
const options = (engineer: "a" | "b") => ({ config: { ...declared, "livekit:url": proxies[engineer].url } });

beforeAll(async () => {
  for (const kind of KINDS) await deleteAll(kind);
  fs.mkdirSync(path.join(engineerB, ".pulumi"), { recursive: true });
  await Promise.all([proxies.a.start(), proxies.b.start()]);
});
afterAll(async () => {
  await stacks.a.run("destroy", options("a"));
  await Promise.all([proxies.a.stop(), proxies.b.stop()]);
});

test("two ups of one stack started together: one applies, the other is refused by the lock and sends nothing", async () => {
  // Each engineer's checkout has the stack's config (its livekit:url is their own proxy).
  await stacks.a.configure(options("a"));
  await stacks.b.configure(options("b"));
  // Creates that take seconds: the first run still holds the lock when the second asks for it.
  for (const proxy of Object.values(proxies)) proxy.inject(...KINDS.map((kind) => ({ kind: "delay" as const, delayMs: 3000, method: CREATE[kind], times: 100 })));
  const runs = await Promise.all([stacks.a.start("up", options("a")), stacks.b.start("up", options("b"))]);
  const [a, b] = await Promise.all(runs.map((run) => run.result));
  const [winner, loser] = a.code === 0 ? (["a", "b"] as const) : (["b", "a"] as const);
  const results = { a, b };
  expect([results[winner].code, results[loser].code === 0]).toEqual([0, false]);
  expect(results[loser].output).toMatch(/the stack is currently locked by 1 lock\(s\)/);
  expect(results[loser].output).toMatch(/pulumi cancel/);
  expect(proxies[loser].counts()).toEqual({});
  expect(proxies[winner].counts()).toEqual(Object.fromEntries(KINDS.map((kind) => [CREATE[kind], 5])));
  expect(await namesOnServer("race")).toEqual(names);

  // The other engineer now sees the applied state: their preview (with a refresh) has nothing to do.
  for (const proxy of Object.values(proxies)) proxy.reset();
  await stacks[loser].expect("preview", { ...options(loser), refresh: true, expectNoChanges: true });
});
